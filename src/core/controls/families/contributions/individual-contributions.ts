import type { Edit } from '../../../examples/edit.ts';
import type { Control } from '../../control.ts';
import { countChildren, someChild, someGrandchild } from '../../lib/children.ts';
import { crmOnlyForPastPeriod, dateAt, declaredMonths } from '../../lib/periods.ts';
import { forbiddenWhen, is, ref, requiredWhen, valuesOnlyWhen } from '../../lib/rules.ts';
import { rubricsRequiredWhen } from '../../lib/presence.ts';
import {
  adhesion,
  affiliation,
  blockLines,
  inPayment,
  providentBaseLines,
  providentSetup,
} from '../provident-pension/fixtures.ts';
import { dateKey } from '../../../values/calendar.ts';

/** Cotisation individuelle (S21.G00.81). */

const code = ref('S21.G00.81.001');
const providentContribution = is(code, '059');
const ircantec = is(code, '060', '061');
const reduction = is(code, '018', '106');

/** Codes whose amount (S21.G00.81.004) is mandatory, by version (Arrco/Agirc codes left in P25, 105 in P27). */
const pensionCodes: Record<string, readonly string[]> = {
  P24V01: ['063', '064', '105', '131', '132'],
  P25V01: ['105', '131', '132'],
  P26V01: ['105', '131', '132'],
  P27V01: ['131', '132'],
};
const anyPensionCode = [...new Set(Object.values(pensionCodes).flat())];

/** A base of the minimal declaration's payment with contributions `[code, amount]`. */
const base = (fields: Record<number, string>, ...contributions: [string, string][]): Edit =>
  inPayment(
    blockLines('S21.G00.78', { 1: '03', 2: '01012026', 3: '31012026', 4: '1800.00', ...fields }),
    ...contributions.map(([c, amount]) => blockLines('S21.G00.81', { 1: c, 3: '1800.00', 4: amount })),
  );
/** An uncapped base with the SMIC used for the general reduction (component 01). */
const reductionBase = [
  ...blockLines('S21.G00.78', { 1: '03', 2: '01012026', 3: '31012026', 4: '1825.00' }),
  ...blockLines('S21.G00.79', { 1: '01', 4: '1823.03' }),
];
const contribution = (fields: Record<number, string | undefined>): Edit[] => [
  adhesion(),
  affiliation(),
  inPayment(providentBaseLines({}, {}, fields)),
];
const ircantecBase = (fields: Record<number, string | undefined>): Edit =>
  inPayment(
    blockLines('S21.G00.78', { 1: '28', 2: '01012026', 3: '31012026', 4: '1800.00' }),
    blockLines('S21.G00.81', { 1: '060', 3: '1800.00', 4: '50.00', ...fields }),
  );

export const individualContributionControls: Control[] = [
  {
    id: 'S21.G00.81.001/CCH-11',
    block: 'S21.G00.78',
    requires: [{ rubric: 1, values: ['28'] }],
    check(b, ctx) {
      if (b.value(1) !== '28') return;
      if (!someChild(b, 'S21.G00.81', (c) => c.value(1) === '060' || c.value(1) === '061')) ctx.fail(b);
    },
    examples: () => [
      { title: 'Base IRCANTEC cotisée sans cotisation IRCANTEC', fails: true, edits: [base({ 1: '28' })] },
      { title: 'Base IRCANTEC cotisée avec sa tranche A', fails: false, edits: [ircantecBase({})] },
    ],
  },
  valuesOnlyWhen('S21.G00.81.001/CCH-13', ['059'], is(ref('S21.G00.78.001'), '31'), {
    examples: () => [
      {
        title: 'Cotisation prévoyance (059) sous une assiette déplafonnée',
        fails: true,
        edits: [base({}, ['059', '25.00'])],
      },
      { title: 'Cotisation prévoyance sous la base 31', fails: false, edits: providentSetup() },
    ],
  }),
  {
    id: 'S21.G00.81.001/CCH-15',
    block: 'S21.G00.78',
    requires: [{ rubric: 1, values: ['31'] }],
    check(b, ctx) {
      if (b.value(1) === '31' && countChildren(b, 'S21.G00.81', (c) => c.value(1) === '059') !== 1)
        ctx.fail(b);
    },
    examples: () => [
      {
        title: 'Base prévoyance avec deux cotisations 059',
        fails: true,
        edits: [
          ...providentSetup(),
          { insertAfter: 'S21.G00.81.004', lines: blockLines('S21.G00.81', { 1: '059', 4: '5.00' }) },
        ],
      },
      { title: 'Base prévoyance sans cotisation 059', fails: true, edits: contribution({ 1: '060' }) },
      { title: 'Base prévoyance avec une seule cotisation 059', fails: false, edits: providentSetup() },
    ],
  },
  rubricsRequiredWhen('S21.G00.81.001/CCH-16', [3, 4], reduction, {
    examples: () => [
      {
        title: 'Réduction générale de retraite complémentaire (106) sans montant d’assiette',
        fails: true,
        edits: [inPayment(reductionBase, ["S21.G00.81.001,'106'", "S21.G00.81.004,'-135.99'"])],
      },
      {
        title: 'Réduction générale avec assiette et montant',
        fails: false,
        edits: [inPayment(reductionBase, blockLines('S21.G00.81', { 1: '106', 3: '1825.00', 4: '-135.99' }))],
      },
    ],
  }),
  {
    id: 'S21.G00.81.001/CCH-17',
    requires: [{ rubric: 1, values: ['018', '106'] }],
    check(c, ctx) {
      const rubric = c.rubric(1);
      const b = c.parent;
      if (rubric === undefined || (rubric.value !== '018' && rubric.value !== '106') || b === null) return;
      if (b.value(1) !== '03' || !someChild(b, 'S21.G00.79', (k) => k.value(1) === '01')) ctx.fail(rubric);
    },
    examples: () => [
      {
        title: 'Réduction générale sous une assiette déplafonnée sans montant du SMIC retenu',
        fails: true,
        base: 'mensuelle',
        edits: [{ set: 'S21.G00.79.001', value: '07' }],
      },
      {
        title: 'Réduction générale et SMIC retenu sous l’assiette déplafonnée',
        fails: false,
        base: 'mensuelle',
        edits: [],
      },
    ],
  },
  {
    id: 'S21.G00.81.001/SIG-18',
    requires: [{ rubric: 1, values: ['131'] }],
    check(c, ctx) {
      const rubric = c.rubric(1);
      const b = c.parent;
      const payment = b?.parent;
      if (rubric?.value !== '131' || !b || !payment) return;
      const month = declaredMonths(ctx);
      const from = dateKey(b.value(2));
      const to = dateKey(b.value(3));
      if (month === null || from === null || to === null || from < month.first || to > month.last) return;
      if (!someGrandchild(payment, 'S21.G00.78', 'S21.G00.81', (k) => k.value(1) === '142')) ctx.fail(rubric);
    },
    examples: () => [
      {
        title: 'Cotisation Agirc-Arrco du mois sans sa part patronale tranche T1',
        fails: true,
        edits: [base({}, ['131', '150.00'])],
      },
      {
        title: 'Cotisation Agirc-Arrco du mois et part patronale T1',
        fails: false,
        edits: [base({}, ['131', '150.00'], ['142', '80.00'])],
      },
      {
        title: 'Cotisation Agirc-Arrco d’une régularisation de décembre',
        fails: false,
        edits: [base({ 2: '01122025', 3: '31122025' }, ['131', '15.00'])],
      },
    ],
  },
  forbiddenWhen('S21.G00.81.002/CCH-11', providentContribution, {
    examples: () => [
      {
        title: 'Cotisation prévoyance avec un identifiant d’organisme',
        fails: true,
        edits: contribution({ 2: 'P0942' }),
      },
      { title: 'Cotisation prévoyance sans identifiant d’organisme', fails: false, edits: providentSetup() },
    ],
  }),
  requiredWhen('S21.G00.81.003/CCH-11', ircantec, {
    examples: () => [
      { title: 'Cotisation IRCANTEC sans assiette', fails: true, edits: [ircantecBase({ 3: undefined })] },
      { title: 'Cotisation IRCANTEC avec son assiette', fails: false, edits: [ircantecBase({})] },
    ],
  }),
  forbiddenWhen('S21.G00.81.003/CCH-12', providentContribution, {
    examples: () => [
      {
        title: 'Cotisation prévoyance avec une assiette',
        fails: true,
        edits: contribution({ 3: '1800.00' }),
      },
      { title: 'Cotisation prévoyance sans assiette', fails: false, edits: providentSetup() },
    ],
  }),
  requiredWhen('S21.G00.81.004/CCH-11', providentContribution, {
    examples: () => [
      { title: 'Cotisation prévoyance sans montant', fails: true, edits: contribution({ 4: undefined }) },
      { title: 'Cotisation prévoyance avec son montant', fails: false, edits: providentSetup() },
    ],
  }),
  {
    id: 'S21.G00.81.004/CCH-12',
    requires: [{ rubric: 1, values: anyPensionCode }],
    check(c, ctx) {
      const value = c.value(1);
      if (value !== undefined && !c.has(4) && pensionCodes[ctx.norm.version]?.includes(value)) ctx.fail(c);
    },
    examples: () => [
      {
        title: 'Cotisation Agirc-Arrco (131) sans montant',
        fails: true,
        edits: [
          inPayment(blockLines('S21.G00.78', { 1: '03', 2: '01012026', 3: '31012026', 4: '1800.00' }), [
            "S21.G00.81.001,'131'",
            "S21.G00.81.003,'1800.00'",
          ]),
        ],
      },
      {
        title: 'Ancienne cotisation Arrco (063) sans montant, encore contrôlée en P24V01',
        fails: true,
        versions: ['P24V01'],
        edits: [
          inPayment(blockLines('S21.G00.78', { 1: '03', 2: '01012026', 3: '31012026', 4: '1800.00' }), [
            "S21.G00.81.001,'063'",
          ]),
        ],
      },
      {
        title: 'Ancienne cotisation Arrco (063) sans montant : plus contrôlée depuis P25V01',
        fails: false,
        versions: ['P25V01', 'P26V01', 'P27V01'],
        edits: [
          inPayment(blockLines('S21.G00.78', { 1: '03', 2: '01012026', 3: '31012026', 4: '1800.00' }), [
            "S21.G00.81.001,'063'",
          ]),
        ],
      },
      {
        title: 'Cotisation Agirc-Arrco avec son montant',
        fails: false,
        edits: [base({}, ['131', '150.00'])],
      },
    ],
  },
  requiredWhen('S21.G00.81.004/CCH-13', ircantec, {
    examples: () => [
      { title: 'Cotisation IRCANTEC sans montant', fails: true, edits: [ircantecBase({ 4: undefined })] },
      { title: 'Cotisation IRCANTEC avec son montant', fails: false, edits: [ircantecBase({})] },
    ],
  }),
  forbiddenWhen('S21.G00.81.005/CCH-11', providentContribution, {
    examples: () => [
      {
        title: 'Cotisation prévoyance avec un code commune',
        fails: true,
        edits: contribution({ 5: '75111' }),
      },
      { title: 'Cotisation prévoyance sans code commune', fails: false, edits: providentSetup() },
    ],
  }),
  crmOnlyForPastPeriod('S21.G00.81.006/CCH-11', dateAt('S21.G00.78.002'), dateAt('S21.G00.78.003'), {
    examples: () => [
      {
        title: 'Identifiant de CRM sur une cotisation du mois',
        fails: true,
        edits: [
          inPayment(
            blockLines('S21.G00.78', { 1: '03', 2: '01012026', 3: '31012026', 4: '1800.00' }),
            blockLines('S21.G00.81', { 1: '076', 4: '10.00', 6: 'CRM0001' }),
          ),
        ],
      },
      {
        title: 'Identifiant de CRM sur une cotisation de régularisation',
        fails: false,
        edits: [
          inPayment(
            blockLines('S21.G00.78', { 1: '03', 2: '01122025', 3: '31122025', 4: '1800.00' }),
            blockLines('S21.G00.81', { 1: '076', 4: '10.00', 6: 'CRM0001' }),
          ),
        ],
      },
    ],
  }),
];
