import type { Block } from '../../../parse/tree.ts';
import type { Control } from '../../control.ts';
import { declaredMonth } from '../../lib/declaration.ts';
import { rubricsForbiddenWhen } from '../../lib/presence.ts';
import { is, isOther, ref, valueRule, valuesForbiddenWhen, valuesOnlyWhen } from '../../lib/rules.ts';
import { blockAllowed } from '../../lib/usages.ts';
import { decimal } from '../../lib/values.ts';
import { child, contract, declarationNature, example, lines, pair, remuneration } from './examples.ts';
import { and, childBlock, dateOf, type Extra } from './shared.ts';

/** Working time: unit and quotités, modalities, activity and short-time work (S21.G00.40). */

const unit = ref('S21.G00.40.011');
/** Quotité de référence (012) and quotité du contrat (013). */
const quotities = [12, 13];
const outsidePublicService = is(ref('S21.G00.40.026'), '99');
const notRailway = isOther(ref('S21.G00.40.020'), '134');

/** "Les quotités 012 et 013 doivent être inférieures ou égales à `max`" for some units. */
function quotitiesAtMost(id: string, units: readonly string[], max: number, extra: Extra): Control {
  return {
    id,
    ...extra,
    requires: [{ rubric: 11, values: units }],
    check(block, ctx) {
      const u = block.value(11);
      if (u === undefined || !units.includes(u)) return;
      for (const n of quotities) {
        const rubric = block.rubric(n);
        const q = decimal(rubric?.value);
        if (q !== null && q > max) ctx.fail(rubric!);
      }
    },
  };
}

/** Any block of the individual, among the children of blocks `parentId`, that `matches`. */
function individualHas(
  contract: Block,
  parentId: string,
  childId: string,
  matches: (b: Block) => boolean,
): boolean {
  const individual = contract.parent;
  if (individual === null) return false;
  const parents = individual.children;
  for (let i = 0; i < parents.length; i++) {
    if (parents[i]!.id !== parentId) continue;
    const children = parents[i]!.children;
    for (let j = 0; j < children.length; j++) {
      if (children[j]!.id === childId && matches(children[j]!)) return true;
    }
  }
  return false;
}

const partialActivityHours = (r: Block) => r.value(11) === '019' && (decimal(r.value(12)) ?? 0) > 0;
const unemploymentSuspension = (s: Block) => s.value(1) === '602' && s.has(2);

const withActivity = (r: Block) => childBlock(r, 'S21.G00.53') !== undefined;

/** Hours worked, under the unemployment insurance gross (type 002) as S21.G00.53.001/CCH-11 wants. */
const activity = {
  insertAfter: 'S21.G00.51.013',
  lines: [
    ...lines('S21.G00.51', { 1: '01012026', 2: '31012026', 10: '00001', 11: '002', 13: '1800.00' }),
    ...lines('S21.G00.53', { 1: '01', 2: '151.67', 3: '10' }),
  ],
};
const partialActivity = (hours: string) => remuneration({ 11: '019', 12: hours });
const suspension = (reason: string) =>
  child(...lines('S21.G00.65', { 1: reason, 2: '12012026', 3: '16012026' }));

export const workingTimeControls: Control[] = [
  valuesOnlyWhen('S21.G00.40.011/CCH-11', ['31'], is(ref('S21.G00.40.004'), '352a'), {
    examples: () =>
      pair(
        'Rémunération à la pige d’un boulanger',
        contract({ 11: '31' }),
        'Rémunération à la pige d’un journaliste',
        contract({ 4: '352a', 5: 'P352', 11: '31' }),
      ),
  }),
  quotitiesAtMost('S21.G00.40.011/CCH-12', ['12', '20'], 31, {
    examples: () =>
      pair(
        'Forfait jour de 218 jours',
        contract({ 11: '20', 12: '218.00', 13: '218.00' }),
        'Forfait jour de 21,67 jours par mois',
        contract({ 11: '20', 12: '21.67', 13: '21.67' }),
      ),
  }),
  quotitiesAtMost('S21.G00.40.011/CCH-13', ['10', '21'], 250, {
    examples: () =>
      pair(
        'Contrat de 1607 heures',
        contract({ 12: '1607.00', 13: '1607.00' }),
        'Contrat de 151,67 heures',
        [],
      ),
  }),
  {
    id: 'S21.G00.40.011/CCH-15',
    requires: [{ rubric: 11, values: ['10', '12'] }],
    check(block, ctx) {
      const rubric = block.rubric(11);
      if (rubric === undefined || (rubric.value !== '10' && rubric.value !== '12')) return;
      if (!blockAllowed(ctx, 'S21.G00.53')) return;
      const end = childBlock(block, 'S21.G00.62');
      if (end !== undefined && end.value(2) !== '099') {
        const month = declaredMonth(ctx);
        const date = dateOf(end, 1);
        if (month === null || date === null || date < month.first) return;
      }
      if (!individualHas(block, 'S21.G00.50', 'S21.G00.51', withActivity)) ctx.fail(rubric);
    },
    examples: () => [
      example('Contrat en heures sans activité déclarée', true, []),
      example('Contrat en heures avec son activité', false, [activity]),
      example('Contrat en heures terminé avant le mois déclaré', false, [
        child(...lines('S21.G00.62', { 1: '31122025', 2: '059' })),
      ]),
      example(
        'Contrat au forfait jour sans activité',
        false,
        contract({ 11: '20', 12: '218.00', 13: '218.00' }),
      ),
    ],
  },
  rubricsForbiddenWhen('S21.G00.40.011/CCH-16', [85], isOther(unit, '20'), {
    examples: () =>
      pair(
        'Choix du forfait jour réduit pour un contrat en heures',
        contract({ 85: '01' }),
        'Choix du forfait jour réduit pour un forfait jour',
        contract({ 11: '20', 12: '218.00', 13: '200.00', 85: '01' }),
      ),
  }),
  valuesOnlyWhen('S21.G00.40.011/SIG-14', ['32'], is(ref('S21.G00.40.005'), '49'), {
    examples: () =>
      pair(
        'Rémunération à la vacation sans complément docker',
        contract({ 11: '32' }),
        'Docker avec carte G rémunéré à la vacation',
        contract({ 5: '49', 11: '32' }),
      ),
  }),
  valueRule('S21.G00.40.012/CCH-11', (v, b) => decimal(v) === 0 && Number(b.value(11)) <= 21, {
    examples: () =>
      pair(
        'Quotité de référence nulle pour un contrat en heures',
        contract({ 12: '0.00' }),
        'Quotité de référence nulle pour un salarié non concerné (99)',
        contract({ 11: '99', 12: '0.00', 13: '0.00' }),
      ),
  }),
  valuesForbiddenWhen('S21.G00.40.014/CCH-11', ['40', '41', '42'], and(outsidePublicService, notRailway), {
    examples: () => [
      example('Temps partiel de droit hors fonction publique', true, contract({ 14: '41' })),
      example('Temps partiel de droit d’un fonctionnaire', false, contract({ 14: '41', 26: '01' })),
      example('Temps partiel de droit à la branche ferroviaire', false, contract({ 14: '41', 20: '134' })),
    ],
  }),
  rubricsForbiddenWhen('S21.G00.40.014/CCH-12', [44], isOther(ref('S21.G00.40.014'), '20', '41', '42'), {
    examples: () =>
      pair(
        'Temps plein cotisant à temps plein',
        contract({ 44: '01' }),
        'Temps partiel cotisant à temps plein',
        contract({ 13: '100.00', 14: '20', 44: '01' }),
      ),
  }),
  rubricsForbiddenWhen('S21.G00.40.084/CCH-12', [85], is(ref('S21.G00.40.084'), '02'), {
    examples: () =>
      pair(
        'Choix du forfait jour réduit sans proratisation du plafond',
        contract({ 11: '20', 12: '218.00', 13: '200.00', 84: '02', 85: '01' }),
        'Choix du forfait jour réduit avec proratisation du plafond',
        contract({ 11: '20', 12: '218.00', 13: '200.00', 84: '01', 85: '01' }),
      ),
  }),
  {
    id: 'S21.G00.40.078/CCH-11',
    requires: [{ rubric: 78 }],
    check(block, ctx) {
      const rubric = block.rubric(78);
      if (rubric === undefined || !blockAllowed(ctx, 'S21.G00.51')) return;
      if (!individualHas(block, 'S21.G00.50', 'S21.G00.51', partialActivityHours)) ctx.fail(rubric);
    },
    examples: () => [
      example('Activité partielle sans heures chômées', true, contract({ 78: '01' })),
      example('Activité partielle avec zéro heure chômée', true, [
        ...contract({ 78: '01' }),
        partialActivity('0.00'),
      ]),
      example('Activité partielle avec 35 heures chômées', false, [
        ...contract({ 78: '01' }),
        partialActivity('35.00'),
      ]),
      example('Activité partielle dans un signalement d’amorçage', false, [
        declarationNature('08'),
        ...contract({ 78: '01' }),
      ]),
    ],
  },
  {
    id: 'S21.G00.40.078/CCH-12',
    requires: [{ rubric: 78 }],
    check(block, ctx) {
      const rubric = block.rubric(78);
      if (rubric === undefined || !blockAllowed(ctx, 'S21.G00.65')) return;
      if (!individualHas(block, 'S21.G00.40', 'S21.G00.65', unemploymentSuspension)) ctx.fail(rubric);
    },
    examples: () => [
      example('Activité partielle sans suspension du contrat', true, contract({ 78: '01' })),
      example('Activité partielle avec une suspension pour un autre motif', true, [
        ...contract({ 78: '01' }),
        suspension('501'),
      ]),
      example('Activité partielle avec un chômage sans rupture (602)', false, [
        ...contract({ 78: '01' }),
        suspension('602'),
      ]),
    ],
  },
];
