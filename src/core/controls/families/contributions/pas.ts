import type { Edit } from '../../../examples/edit.ts';
import type { Control, ControlContext } from '../../control.ts';
import { declaredMonths } from '../../lib/periods.ts';
import { rubricsForbiddenWhen, rubricsRequiredWhen } from '../../lib/presence.ts';
import { is, ref } from '../../lib/rules.ts';
import { cents, monthKey } from '../../lib/values.ts';

/** Régularisation de prélèvement à la source (S21.G00.56). */

const errorType = ref('S21.G00.56.002');
const netFiscal = 3; // Régularisation de la rémunération nette fiscale
const rate = 5; // Régularisation du taux
const declaredRate = 6;
const pasAmount = 7;
const pasBase = 10; // Régularisation du montant soumis au PAS

/** A régularisation block, inserted before the payment's net social amount of the base. */
const regularisation = (...rubrics: [number, string][]): Edit => ({
  insertBefore: 'S21.G00.58.003',
  lines: rubrics
    .sort((a, b) => a[0] - b[0])
    .map(([n, v]) => `S21.G00.56.${String(n).padStart(3, '0')},'${v}'`),
});
/** Every rubric a type 01 needs, with the type given. */
const netFiscalFix = (type: string, ...more: [number, string][]): Edit =>
  regularisation([1, '122025'], [2, type], [3, '-50.00'], [6, '5.00'], [7, '-2.50'], [10, '-50.00'], ...more);
const declaredIn = (date: string): Edit => ({ set: 'S20.G00.05.005', value: date });

/** Year of a `MMAAAA` rubric and of the declared month, when both can be read. */
function years(errorMonth: string | undefined, ctx: ControlContext) {
  const month = monthKey(errorMonth);
  const declared = declaredMonths(ctx);
  if (month === null || declared === null) return null;
  return {
    error: Math.floor(month / 100),
    declared: Math.floor(declared.first / 10000),
    january: Math.floor(declared.first / 100) % 100 === 1,
  };
}

export const pasControls: Control[] = [
  {
    id: 'S21.G00.56.001/CCH-11',
    check(block, ctx) {
      const rubric = block.rubric(1);
      const month = monthKey(rubric?.value);
      const declared = declaredMonths(ctx);
      if (rubric === undefined || month === null || declared === null) return;
      if (month > Math.floor(declared.first / 100)) ctx.fail(rubric);
    },
    examples: () => [
      {
        title: 'Régularisation PAS pour une erreur de février, déclarée en janvier',
        fails: true,
        edits: [netFiscalFix('01'), { set: 'S21.G00.56.001', value: '022026' }],
      },
      {
        title: 'Erreur du mois même, régularisée dans le mois déclaré',
        fails: false,
        edits: [netFiscalFix('01'), { set: 'S21.G00.56.001', value: '012026' }],
      },
    ],
  },
  rubricsRequiredWhen('S21.G00.56.002/CCH-11', [netFiscal, declaredRate, pasBase], is(errorType, '01'), {
    examples: () => [
      {
        title: 'Rectification de la rémunération nette fiscale sans le taux déclaré le mois de l’erreur',
        fails: true,
        edits: [netFiscalFix('01'), { remove: 'S21.G00.56.006' }],
      },
      {
        title: 'Rectification de la rémunération nette fiscale complète',
        fails: false,
        edits: [netFiscalFix('01')],
      },
    ],
  }),
  rubricsRequiredWhen('S21.G00.56.002/CCH-12', [rate, 15], is(errorType, '02'), {
    examples: () => [
      {
        title: 'Rectification de taux sans le montant soumis au PAS du mois de l’erreur',
        fails: true,
        edits: [regularisation([1, '122025'], [2, '02'], [5, '1.00'], [7, '15.00'])],
      },
      {
        title: 'Rectification de taux avec la régularisation du taux et le montant du mois de l’erreur',
        fails: false,
        edits: [regularisation([1, '122025'], [2, '02'], [5, '1.00'], [7, '15.00'], [15, '1500.00'])],
      },
    ],
  }),
  rubricsRequiredWhen('S21.G00.56.002/CCH-13', [netFiscal, declaredRate, pasBase], is(errorType, '03'), {
    examples: () => [
      {
        title: 'Cas d’indu sans régularisation du montant soumis au PAS',
        fails: true,
        edits: [netFiscalFix('03'), { remove: 'S21.G00.56.010' }],
      },
      { title: 'Cas d’indu complet', fails: false, edits: [netFiscalFix('03')] },
    ],
  }),
  {
    id: 'S21.G00.56.002/CCH-14',
    check(block, ctx) {
      if (block.value(2) !== '03') return;
      for (const n of [netFiscal, pasBase]) {
        const rubric = block.rubric(n);
        const amount = cents(rubric?.value);
        if (rubric !== undefined && amount !== null && amount > 0) return ctx.fail(rubric);
      }
    },
    examples: () => [
      {
        title: 'Cas d’indu avec une régularisation positive du montant soumis au PAS',
        fails: true,
        edits: [netFiscalFix('03'), { set: 'S21.G00.56.010', value: '50.00' }],
      },
      { title: 'Cas d’indu avec des régularisations négatives', fails: false, edits: [netFiscalFix('03')] },
    ],
  },
  rubricsForbiddenWhen('S21.G00.56.002/CCH-15', [4, rate, 15], is(errorType, '01', '03', '04'), {
    examples: () => [
      {
        title: 'Rectification sans PAS avec une régularisation de taux',
        fails: true,
        edits: [netFiscalFix('04', [5, '1.00'])],
      },
      {
        title: 'Rectification de taux : régularisation de taux et montant du mois de l’erreur admis',
        fails: false,
        edits: [regularisation([1, '122025'], [2, '02'], [5, '1.00'], [7, '15.00'], [15, '1500.00'])],
      },
    ],
  }),
  {
    id: 'S21.G00.56.002/CCH-16',
    check(block, ctx) {
      if (!is(errorType, '01', '02')(block, ctx)) return;
      const y = years(block.value(1), ctx);
      if (y !== null && !y.january && y.error < y.declared) ctx.fail(block.rubric(1)!);
    },
    examples: () => [
      {
        title: 'Régularisation en mars 2026 d’une erreur de décembre 2025',
        fails: true,
        edits: [declaredIn('01032026'), netFiscalFix('01')],
      },
      {
        title: 'Régularisation en mars 2026 d’une erreur de février 2026',
        fails: false,
        edits: [declaredIn('01032026'), netFiscalFix('01'), { set: 'S21.G00.56.001', value: '022026' }],
      },
      {
        title: 'Régularisation en janvier 2026 d’une erreur de décembre 2025 (tolérée)',
        fails: false,
        edits: [netFiscalFix('01')],
      },
    ],
  },
  {
    id: 'S21.G00.56.002/CCH-17',
    check(block, ctx) {
      if (!is(errorType, '01', '02')(block, ctx)) return;
      const y = years(block.value(1), ctx);
      if (y !== null && y.january && y.error !== y.declared - 1) ctx.fail(block.rubric(1)!);
    },
    examples: () => [
      {
        title: 'Régularisation en janvier 2026 d’une erreur de novembre 2024',
        fails: true,
        edits: [netFiscalFix('01'), { set: 'S21.G00.56.001', value: '112024' }],
      },
      {
        title: 'Régularisation en janvier 2026 d’une erreur de novembre 2025',
        fails: false,
        edits: [netFiscalFix('01'), { set: 'S21.G00.56.001', value: '112025' }],
      },
    ],
  },
  rubricsForbiddenWhen(
    'S21.G00.56.002/CCH-18',
    [netFiscal, declaredRate, 8, 9, pasBase],
    is(errorType, '02'),
    {
      examples: () => [
        {
          title: 'Rectification de taux avec une régularisation de la rémunération nette fiscale',
          fails: true,
          edits: [
            regularisation(
              [1, '122025'],
              [2, '02'],
              [3, '10.00'],
              [5, '1.00'],
              [7, '15.00'],
              [15, '1500.00'],
            ),
          ],
        },
        {
          title: 'Rectification de taux seule',
          fails: false,
          edits: [regularisation([1, '122025'], [2, '02'], [5, '1.00'], [7, '15.00'], [15, '1500.00'])],
        },
      ],
    },
  ),
  rubricsRequiredWhen('S21.G00.56.002/CCH-26', [netFiscal, pasBase], is(errorType, '04'), {
    examples: () => [
      {
        title: 'Rectification sans PAS sans régularisation de la rémunération nette fiscale',
        fails: true,
        edits: [regularisation([1, '122025'], [2, '04'], [7, '0.00'], [10, '-50.00'])],
      },
      {
        title: 'Rectification sans PAS complète',
        fails: false,
        edits: [regularisation([1, '122025'], [2, '04'], [3, '-50.00'], [7, '0.00'], [10, '-50.00'])],
      },
    ],
  }),
  {
    id: 'S21.G00.56.002/CCH-27',
    check(block, ctx) {
      if (block.value(2) !== '04') return;
      const rubric = block.rubric(pasAmount);
      if (rubric === undefined) return ctx.fail(block);
      const amount = cents(rubric.value);
      if (amount !== null && amount !== 0) ctx.fail(rubric);
    },
    examples: () => [
      {
        title: 'Rectification sans PAS avec un montant de régularisation du PAS non nul',
        fails: true,
        edits: [regularisation([1, '122025'], [2, '04'], [3, '-50.00'], [7, '-2.50'], [10, '-50.00'])],
      },
      {
        title: 'Rectification sans PAS avec un montant de régularisation nul',
        fails: false,
        edits: [regularisation([1, '122025'], [2, '04'], [3, '-50.00'], [7, '0.00'], [10, '-50.00'])],
      },
    ],
  },
  {
    id: 'S21.G00.56.008/CCH-11',
    check(block, ctx) {
      if (block.has(8) && !(block.has(netFiscal) && block.has(pasBase))) ctx.fail(block);
    },
    examples: () => [
      {
        title: 'Régularisation de la part non imposable sans régularisation du montant soumis au PAS',
        fails: true,
        edits: [netFiscalFix('01', [8, '20.00']), { remove: 'S21.G00.56.010' }],
      },
      {
        title: 'Régularisation de la part non imposable avec les deux régularisations',
        fails: false,
        edits: [netFiscalFix('01', [8, '20.00'])],
      },
    ],
  },
  {
    id: 'S21.G00.56.010/CCH-11',
    check(block, ctx) {
      if (block.has(pasBase) && !block.has(netFiscal)) ctx.fail(block);
    },
    examples: () => [
      {
        title: 'Régularisation du montant soumis au PAS sans régularisation de la rémunération nette fiscale',
        fails: true,
        edits: [netFiscalFix('01'), { remove: 'S21.G00.56.003' }],
      },
      { title: 'Les deux régularisations', fails: false, edits: [netFiscalFix('01')] },
    ],
  },
];
