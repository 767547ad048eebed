import type { Edit } from '../../../examples/edit.ts';
import type { Control } from '../../control.ts';
import { declaredMonth } from '../../lib/declaration.ts';
import { rubricsForbiddenWhen, rubricsRequiredWhen } from '../../lib/presence.ts';
import { is, present, ref, valueRule } from '../../lib/rules.ts';
import { cents, monthKey } from '../../lib/values.ts';
import { otherBase, person, personWithBase, regularisation, type Rubrics } from './examples.ts';

/** Corrections of the withholding tax (S89.G00.93) of a non-salaried person's base 50. */

const errorType = ref('S89.G00.93.002');
/** Corrections of the net taxable amount (01) or of the rate (02): fiscal-year rules apply. */
const amountOrRate = ['01', '02'];

const correction = (changes: Rubrics = {}): Edit => personWithBase({}, regularisation(changes));
const inMarch: Edit = { set: 'S20.G00.05.005', value: '01032026' };

/**
 * The error month's year compared with the declared month's: `wrong(errorYear, declaredYear)`,
 * for corrections of types 01/02 declared in January (`january`) or in another month.
 */
function fiscalYearRule(
  id: string,
  january: boolean,
  wrong: (error: number, declared: number) => boolean,
  examples: Control['examples'],
): Control {
  return valueRule(
    id,
    (_, block, ctx) => {
      const type = block.value(2);
      const error = monthKey(block.value(1));
      const month = declaredMonth(ctx);
      if (type === undefined || !amountOrRate.includes(type) || error === null || month === null)
        return false;
      const declared = Math.floor(month.first / 10000);
      if ((Math.floor(month.first / 100) % 100 === 1) !== january) return false;
      return wrong(Math.floor(error / 100), declared);
    },
    { examples },
  );
}

export const pasRegularisationControls: Control[] = [
  {
    id: 'S89.G00.93.001/CCH-11',
    check(correctionBlock, ctx) {
      if (correctionBlock.parent?.value(2) !== '50') ctx.fail(correctionBlock.rubric(1) ?? correctionBlock);
    },
    examples: () => [
      {
        title: 'Régularisation de PAS sous une base plafonnée',
        fails: true,
        edits: [person({}, otherBase('51', {}, regularisation()))],
      },
      { title: 'Régularisation de PAS sous la base 50', fails: false, edits: [correction()] },
    ],
  },
  valueRule(
    'S89.G00.93.001/CCH-12',
    (value, _, ctx) => {
      const error = monthKey(value);
      const month = declaredMonth(ctx);
      return error !== null && month !== null && error > Math.floor(month.first / 100);
    },
    {
      examples: () => [
        {
          title: 'Erreur de février 2026 régularisée dans la DSN de janvier 2026',
          fails: true,
          edits: [correction({ '001': '022026' })],
        },
        {
          title: 'Erreur de décembre 2025 régularisée dans la DSN de janvier 2026',
          fails: false,
          edits: [correction()],
        },
      ],
    },
  ),
  rubricsRequiredWhen('S89.G00.93.002/CCH-11', [3, 6, 9], is(errorType, '01'), {
    examples: () => [
      {
        title: 'Rectification du net fiscal sans le taux du mois de l’erreur',
        fails: true,
        edits: [correction({ '006': null })],
      },
      { title: 'Rectification du net fiscal complète', fails: false, edits: [correction()] },
    ],
  }),
  rubricsRequiredWhen('S89.G00.93.002/CCH-12', [5, 13], is(errorType, '02'), {
    examples: () => [
      {
        title: 'Rectification de taux sans le montant soumis au PAS du mois de l’erreur',
        fails: true,
        edits: [correction({ '002': '02', '003': null, '005': '1.00', '006': null, '009': null })],
      },
      {
        title: 'Rectification de taux complète',
        fails: false,
        edits: [
          correction({ '002': '02', '003': null, '005': '1.00', '006': null, '009': null, '013': '900.00' }),
        ],
      },
    ],
  }),
  rubricsRequiredWhen('S89.G00.93.002/CCH-13', [3, 6, 9], is(errorType, '03'), {
    examples: () => [
      {
        title: 'Indu sans régularisation du montant soumis au PAS',
        fails: true,
        edits: [correction({ '002': '03', '003': '-100.00', '009': null })],
      },
      {
        title: 'Indu avec ses régularisations et le taux du mois de l’erreur',
        fails: false,
        edits: [correction({ '002': '03', '003': '-100.00', '009': '-100.00' })],
      },
    ],
  }),
  {
    id: 'S89.G00.93.002/CCH-14',
    check(correctionBlock, ctx) {
      if (correctionBlock.value(2) !== '03') return;
      for (const n of [3, 9]) {
        const rubric = correctionBlock.rubric(n);
        const amount = cents(rubric?.value);
        if (rubric !== undefined && amount !== null && amount > 0) ctx.fail(rubric);
      }
    },
    examples: () => [
      {
        title: 'Indu dont la régularisation du net fiscal est positive',
        fails: true,
        edits: [correction({ '002': '03', '003': '100.00', '009': '-100.00' })],
      },
      {
        title: 'Indu aux régularisations négative et nulle',
        fails: false,
        edits: [correction({ '002': '03', '003': '-100.00', '009': '0.00' })],
      },
    ],
  },
  fiscalYearRule(
    'S89.G00.93.002/CCH-16',
    false,
    (error, declared) => error < declared,
    () => [
      {
        title: 'Rectification en mars 2026 d’une erreur de décembre 2025',
        fails: true,
        edits: [inMarch, correction()],
      },
      {
        title: 'Rectification en mars 2026 d’une erreur de février 2026',
        fails: false,
        edits: [inMarch, correction({ '001': '022026' })],
      },
    ],
  ),
  fiscalYearRule(
    'S89.G00.93.002/CCH-17',
    true,
    (error, declared) => error !== declared - 1,
    () => [
      {
        title: 'Rectification en janvier 2026 d’une erreur de décembre 2024',
        fails: true,
        edits: [correction({ '001': '122024' })],
      },
      {
        title: 'Rectification en janvier 2026 d’une erreur de décembre 2025',
        fails: false,
        edits: [correction()],
      },
    ],
  ),
  rubricsForbiddenWhen('S89.G00.93.002/CCH-18', [4, 5, 13], is(errorType, '01', '03', '04'), {
    examples: () => [
      {
        title: 'Rectification du net fiscal avec le net fiscal du mois de l’erreur',
        fails: true,
        edits: [correction({ '004': '800.00' })],
      },
      {
        title: 'Rectification du net fiscal sans les montants propres au taux',
        fails: false,
        edits: [correction()],
      },
    ],
  }),
  rubricsForbiddenWhen('S89.G00.93.002/CCH-19', [3, 6, 8, 9, 10], is(errorType, '02'), {
    examples: () => [
      {
        title: 'Rectification de taux avec une régularisation du net fiscal',
        fails: true,
        edits: [correction({ '002': '02', '005': '1.00', '006': null, '009': null, '013': '900.00' })],
      },
      {
        title: 'Rectification de taux sans les montants propres au net fiscal',
        fails: false,
        edits: [
          correction({ '002': '02', '003': null, '005': '1.00', '006': null, '009': null, '013': '900.00' }),
        ],
      },
    ],
  }),
  rubricsRequiredWhen('S89.G00.93.002/CCH-20', [3, 9], is(errorType, '04'), {
    examples: () => [
      {
        title: 'Rectification du net fiscal sans PAS, sans régularisation du montant soumis',
        fails: true,
        edits: [correction({ '002': '04', '006': null, '007': '0.00', '009': null })],
      },
      {
        title: 'Rectification du net fiscal sans PAS complète',
        fails: false,
        edits: [correction({ '002': '04', '006': null, '007': '0.00' })],
      },
    ],
  }),
  {
    id: 'S89.G00.93.002/CCH-21',
    check(correctionBlock, ctx) {
      if (correctionBlock.value(2) !== '04') return;
      const rubric = correctionBlock.rubric(7);
      if (rubric === undefined) {
        ctx.fail(correctionBlock);
        return;
      }
      const amount = cents(rubric.value);
      if (amount !== null && amount !== 0) ctx.fail(rubric);
    },
    examples: () => [
      {
        title: 'Rectification du net fiscal sans PAS avec une régularisation de PAS',
        fails: true,
        edits: [correction({ '002': '04', '006': null })],
      },
      {
        title: 'Rectification du net fiscal sans PAS sans montant de régularisation',
        fails: true,
        edits: [correction({ '002': '04', '006': null, '007': null })],
      },
      {
        title: 'Rectification du net fiscal sans PAS, régularisation de PAS à 0.00',
        fails: false,
        edits: [correction({ '002': '04', '006': null, '007': '0.00' })],
      },
    ],
  },
  rubricsRequiredWhen('S89.G00.93.008/CCH-11', [3, 9], present(ref('S89.G00.93.008')), {
    examples: () => [
      {
        title: 'Régularisation de la part non imposable sans celle du montant soumis au PAS',
        fails: true,
        edits: [correction({ '008': '10.00', '009': null })],
      },
      {
        title: 'Régularisation de la part non imposable avec le net fiscal et le montant soumis',
        fails: false,
        edits: [correction({ '008': '10.00' })],
      },
    ],
  }),
  rubricsRequiredWhen('S89.G00.93.009/CCH-11', [3], present(ref('S89.G00.93.009')), {
    examples: () => [
      {
        title: 'Régularisation du montant soumis au PAS sans celle du net fiscal',
        fails: true,
        edits: [correction({ '003': null })],
      },
      {
        title: 'Régularisation du montant soumis au PAS et du net fiscal',
        fails: false,
        edits: [correction()],
      },
    ],
  }),
];
