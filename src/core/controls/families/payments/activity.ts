import type { Block } from '../../../parse/tree.ts';
import type { Control } from '../../control.ts';
import { namedContract } from '../../lib/contract-numbers.ts';
import { decimal } from '../../lib/values.ts';
import { blockAllowed } from '../../lib/usages.ts';
import { after, set } from './shared.ts';

/** Activité (S21.G00.53), under a remuneration (S21.G00.51) that names its contract. */

/** Unit 40: calendar days of employment counted for the social security ceiling (P26V01 on). */
const ceilingDays = '40';
const hourUnits = new Set(['10', '21']);
const dayUnits = new Set(['12', '20']);
const maxHours = 3250;
const maxDays = 403;
const aircrew = new Set(['389b', '546d']);

const contractOf = (activity: Block) =>
  activity.parent === null ? undefined : namedContract(activity.parent, 10);
const parentType = (activity: Block) => activity.parent?.value(11);

/** The measure (S21.G00.53.002) is above `max` when the unit, read by `unit`, is one of `units`. */
function measureLimit(
  id: string,
  units: Set<string>,
  max: number,
  unit: (activity: Block) => string | undefined,
): Control {
  return {
    id,
    check(activity, ctx) {
      const measure = activity.rubric(2);
      const value = decimal(measure?.value);
      if (value === null || value <= max || !units.has(unit(activity) ?? '')) return;
      ctx.fail(measure!);
    },
  };
}

/** Whether a contract is, or was before a change (S21.G00.41.004), of nature 70 (ESAT). */
function esat(contract: Block): boolean {
  if (contract.value(7) === '70') return true;
  const children = contract.children;
  for (let i = 0; i < children.length; i++) {
    const c = children[i]!;
    if (c.id === 'S21.G00.41' && c.value(4) === '70') return true;
  }
  return false;
}

/** Whether an individual declares an activity with `unit` under any of its remunerations. */
function hasActivityUnit(individual: Block, unit: string): boolean {
  const payments = individual.children;
  for (let i = 0; i < payments.length; i++) {
    const p = payments[i]!;
    if (p.id !== 'S21.G00.50') continue;
    const remunerations = p.children;
    for (let j = 0; j < remunerations.length; j++) {
      const r = remunerations[j]!;
      if (r.id !== 'S21.G00.51') continue;
      const activities = r.children;
      for (let k = 0; k < activities.length; k++) {
        const a = activities[k]!;
        if (a.id === 'S21.G00.53' && a.value(3) === unit) return true;
      }
    }
  }
  return false;
}

/** An activity under the remuneration of `minimal` (type 001 unless changed). */
const activity = (measure: string, unit?: string, type = '01') =>
  after(
    'S21.G00.51.013',
    `S21.G00.53.001,'${type}'`,
    `S21.G00.53.002,'${measure}'`,
    ...(unit === undefined ? [] : [`S21.G00.53.003,'${unit}'`]),
  );
const unemployment = set('S21.G00.51.011', '002');

export const activityControls: Control[] = [
  {
    id: 'S21.G00.53.001/CCH-11',
    versions: ['P24V01', 'P25V01'],
    check(activity, ctx) {
      if (parentType(activity) !== '002') ctx.fail(activity.rubric(1) ?? activity);
    },
    examples: () => [
      { title: 'Activité sous une rémunération brute (001)', fails: true, edits: [activity('151.67', '10')] },
      {
        title: 'Activité sous le salaire brut chômage (002)',
        fails: false,
        edits: [unemployment, activity('151.67', '10')],
      },
    ],
  },
  {
    id: 'S21.G00.53.001/CCH-11',
    versions: ['P26V01', 'P27V01'],
    check(activity, ctx) {
      if (activity.value(3) !== ceilingDays && parentType(activity) !== '002')
        ctx.fail(activity.rubric(1) ?? activity);
    },
    examples: () => [
      {
        title: 'Activité en heures sous une rémunération brute (001)',
        fails: true,
        edits: [activity('151.67', '10')],
      },
      {
        title: 'Activité en heures sous le salaire brut chômage (002)',
        fails: false,
        edits: [unemployment, activity('151.67', '10')],
      },
      {
        title: 'Jours du plafond (unité 40) sous une rémunération brute (001)',
        fails: false,
        edits: [activity('31.00', '40')],
      },
    ],
  },
  {
    id: 'S21.G00.53.001/CCH-12',
    requires: [{ rubric: 3, values: [ceilingDays] }],
    check(activity, ctx) {
      if (activity.value(3) === ceilingDays && parentType(activity) !== '001')
        ctx.fail(activity.rubric(1) ?? activity);
    },
    examples: () => [
      {
        title: 'Jours du plafond (unité 40) sous le salaire brut chômage',
        fails: true,
        edits: [unemployment, activity('31.00', '40')],
      },
      {
        title: 'Jours du plafond (unité 40) sous la rémunération brute',
        fails: false,
        edits: [activity('31.00', '40')],
      },
    ],
  },
  {
    ...measureLimit('S21.G00.53.002/CCH-11', hourUnits, maxHours, (a) =>
      a.has(3) ? undefined : contractOf(a)?.value(11),
    ),
    examples: () => [
      {
        title: 'Activité sans unité de 3 300 h pour un contrat en heures',
        fails: true,
        edits: [unemployment, activity('3300.00')],
      },
      {
        title: 'Activité sans unité de 3 250 h pour un contrat en heures',
        fails: false,
        edits: [unemployment, activity('3250.00')],
      },
    ],
  },
  {
    ...measureLimit('S21.G00.53.002/CCH-12', dayUnits, maxDays, (a) =>
      a.has(3) ? undefined : contractOf(a)?.value(11),
    ),
    examples: () => [
      {
        title: 'Activité sans unité de 404 jours pour un contrat au forfait jours',
        fails: true,
        edits: [unemployment, set('S21.G00.40.011', '20'), activity('404.00')],
      },
      {
        title: 'Activité sans unité de 218 jours pour un contrat au forfait jours',
        fails: false,
        edits: [unemployment, set('S21.G00.40.011', '20'), activity('218.00')],
      },
    ],
  },
  {
    id: 'S21.G00.53.003/CCH-12',
    requires: [{ rubric: 3, values: ['31'] }],
    check(activity, ctx) {
      const unit = activity.rubric(3);
      if (unit?.value === '31' && contractOf(activity)?.value(4) !== '352a') ctx.fail(unit);
    },
    examples: () => [
      {
        title: 'Rémunération à la pige pour un boulanger',
        fails: true,
        edits: [unemployment, activity('3.00', '31')],
      },
      {
        title: 'Rémunération à la pige pour un journaliste (352a)',
        fails: false,
        edits: [unemployment, set('S21.G00.40.004', '352a'), activity('3.00', '31')],
      },
    ],
  },
  {
    ...measureLimit('S21.G00.53.003/CCH-13', hourUnits, maxHours, (a) => a.value(3)),
    examples: () => [
      { title: 'Activité de 3 250,50 heures', fails: true, edits: [unemployment, activity('3250.50', '10')] },
      {
        title: 'Activité de 3 250 heures au forfait',
        fails: false,
        edits: [unemployment, activity('3250.00', '21')],
      },
    ],
  },
  {
    ...measureLimit('S21.G00.53.003/CCH-14', dayUnits, maxDays, (a) => a.value(3)),
    examples: () => [
      { title: 'Activité de 404 journées', fails: true, edits: [unemployment, activity('404.00', '12')] },
      {
        title: 'Activité de 403 jours au forfait',
        fails: false,
        edits: [unemployment, activity('403.00', '20')],
      },
    ],
  },
  {
    id: 'S21.G00.53.003/CCH-15',
    check(activity, ctx) {
      const unit = activity.rubric(3);
      if (unit?.value === ceilingDays && activity.value(1) !== '01') ctx.fail(unit);
    },
    examples: () => [
      {
        title: "Jours du plafond déclarés comme durée d'absence",
        fails: true,
        edits: [activity('31.00', '40', '02')],
      },
      {
        title: 'Jours du plafond déclarés comme travail rémunéré',
        fails: false,
        edits: [activity('31.00', '40', '01')],
      },
    ],
  },
  {
    id: 'S21.G00.53.003/CCH-16',
    check(activity, ctx) {
      const unit = activity.rubric(3);
      if (unit?.value !== '41') return;
      const contract = contractOf(activity);
      if (contract !== undefined && !esat(contract)) ctx.fail(unit);
    },
    examples: () => [
      {
        title: 'Heures du dimanche (ESAT) pour un CDI',
        fails: true,
        edits: [unemployment, activity('7.00', '41')],
      },
      {
        title: "Heures du dimanche pour un contrat de soutien et d'aide par le travail (70)",
        fails: false,
        edits: [unemployment, set('S21.G00.40.007', '70'), activity('7.00', '41')],
      },
      {
        title: 'Heures du dimanche pour un contrat anciennement de nature 70',
        fails: false,
        edits: [
          unemployment,
          after('S21.G00.40.040', "S21.G00.41.001,'15012026'", "S21.G00.41.004,'70'"),
          activity('7.00', '41'),
        ],
      },
    ],
  },
  {
    id: 'S21.G00.53.003/SIG-11',
    block: 'S21.G00.40',
    check(contract, ctx) {
      if (!aircrew.has(contract.value(4) ?? '') || !blockAllowed(ctx, 'S21.G00.53')) return;
      const individual = contract.parent;
      if (individual !== null && !hasActivityUnit(individual, '38')) ctx.fail(contract);
    },
    examples: () => [
      {
        title: 'Personnel navigant (389b) sans activité en jours CRPNPAC',
        fails: true,
        edits: [set('S21.G00.40.004', '389b'), unemployment, activity('151.67', '10')],
      },
      {
        title: 'Personnel navigant (546d) avec une activité en jours CRPNPAC',
        fails: false,
        edits: [set('S21.G00.40.004', '546d'), unemployment, activity('20.00', '38')],
      },
    ],
  },
  {
    id: 'S21.G00.53.003/SIG-13',
    check(activity, ctx) {
      const unit = activity.rubric(3);
      if (unit?.value === '32' && contractOf(activity)?.value(5) !== '49') ctx.fail(unit);
    },
    examples: () => [
      {
        title: 'Activité à la vacation sans complément PCS-ESE',
        fails: true,
        edits: [unemployment, activity('10.00', '32')],
      },
      {
        title: 'Activité à la vacation pour un docker avec carte G (complément 49)',
        fails: false,
        edits: [unemployment, after('S21.G00.40.004', "S21.G00.40.005,'49'"), activity('10.00', '32')],
      },
    ],
  },
];
