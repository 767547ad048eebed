import type { Edit } from '../../../examples/edit.ts';
import type { Control } from '../../control.ts';
import { establishment } from '../../lib/declaration.ts';
import {
  crmOnlyForPastPeriod,
  dateAt,
  notBefore,
  sameMonthAs,
  upToDeclaredMonth,
} from '../../lib/periods.ts';
import { cents } from '../../lib/values.ts';
import { dateKey } from '../../../values/calendar.ts';
import { aggregateLines, afterEstablishment, slipLines } from './fixtures.ts';
import { inOpsTable, opsReason, opsTables, organismIn } from './organisms.ts';
import { cniegEntityControl } from './payments.ts';

/** Bordereau de cotisation due (S21.G00.22) and its cotisations agrégées (S21.G00.23). */

const start = dateAt('S21.G00.22.003');
const end = dateAt('S21.G00.22.004');
const urssafSlip = organismIn(opsTables.urssaf, 'S21.G00.22.001');

/** Versement mobilité codes, which need the commune (820 and 822 from P27V01). */
const mobilityCodes = new Set(['900', '901', '911', '917', '921', '927']);
const mobilityCodesSince27 = new Set([...mobilityCodes, '820', '822']);

const urssaf = '78861779300013';
const urssafTable = { [opsTables.urssaf]: [urssaf] };
const slip = (
  fields: Record<number, string | undefined> = {},
  ...aggregates: Record<number, string | undefined>[]
): Edit => afterEstablishment(slipLines(fields), ...aggregates.map((a) => aggregateLines(a)));

export const slipControls: Control[] = [
  cniegEntityControl('S21.G00.22.002/CCH-13', 'S21.G00.22', () => [
    {
      title: 'Bordereau pour la population CNIEG sans salarié affilié à la CNIEG',
      fails: true,
      edits: [slip({ 1: '18004500300047', 2: 'CNIEG_COT_POOL' })],
    },
    {
      title: 'Bordereau pour la population CNIEG avec un salarié des industries électriques et gazières',
      fails: false,
      edits: [slip({ 1: '18004500300047', 2: 'CNIEG_COT_POOL' }), { set: 'S21.G00.40.020', value: '147' }],
    },
  ]),
  sameMonthAs('S21.G00.22.003/CCH-11', end, {
    when: urssafSlip,
    status: 'needs-table',
    tables: [opsTables.urssaf],
    reason: opsReason('celui d’une Urssaf', opsTables.urssaf),
    examples: () => [
      {
        title: 'Bordereau Urssaf sur deux mois',
        fails: true,
        edits: [slip({ 3: '01122025' })],
        tables: urssafTable,
      },
      { title: 'Bordereau Urssaf du mois', fails: false, edits: [slip()], tables: urssafTable },
    ],
  }),
  notBefore('S21.G00.22.004/CCH-11', start, {
    examples: () => [
      {
        title: 'Bordereau dont la période finit avant de commencer',
        fails: true,
        edits: [slip({ 3: '31012026', 4: '30012026' })],
      },
      { title: 'Bordereau du mois', fails: false, edits: [slip()] },
    ],
  }),
  upToDeclaredMonth('S21.G00.22.004/CCH-12', {
    examples: () => [
      {
        title: 'Bordereau rattaché à février pour janvier',
        fails: true,
        edits: [slip({ 3: '01022026', 4: '28022026' })],
      },
      { title: 'Bordereau rattaché à janvier', fails: false, edits: [slip()] },
    ],
  }),
  {
    id: 'S21.G00.22.005/CCH-11',
    block: 'S21.G00.50',
    status: 'needs-table',
    tables: [opsTables.urssaf],
    reason: opsReason('celui d’une Urssaf', opsTables.urssaf),
    state: () => ({ latest: 0 }),
    check(payment, _, state: { latest: number }) {
      const date = dateKey(payment.value(1));
      if (date !== null && date > state.latest) state.latest = date;
    },
    end(ctx, state: { latest: number }) {
      const type = ctx.declaration?.node.value(2);
      if (type === '02' || type === '05' || state.latest === 0) return;
      for (const b of establishment(ctx)?.children ?? []) {
        if (b.id !== 'S21.G00.22') continue;
        const amount = b.rubric(5);
        const value = cents(amount?.value);
        const to = dateKey(b.value(4));
        if (amount === undefined || value === null || value >= 0 || to === null || to < state.latest)
          continue;
        if (inOpsTable(ctx, opsTables.urssaf, b.value(1)) === true) ctx.fail(amount);
      }
    },
    examples: () => [
      {
        title: 'Bordereau Urssaf négatif pour la paie du mois',
        fails: true,
        edits: [slip({ 5: '-20.00' }, { 5: '-20.00' })],
        tables: urssafTable,
      },
      {
        title: 'Bordereau Urssaf négatif pour une période antérieure au dernier versement (régularisation)',
        fails: false,
        edits: [slip({ 3: '01122025', 4: '31122025', 5: '-20.00' }, { 5: '-20.00' })],
        tables: urssafTable,
      },
      { title: 'Bordereau Urssaf positif', fails: false, edits: [slip()], tables: urssafTable },
    ],
  },
  crmOnlyForPastPeriod('S21.G00.22.006/CCH-11', start, end, {
    examples: () => [
      { title: 'Identifiant de CRM sur le bordereau du mois', fails: true, edits: [slip({ 6: 'CRM0001' })] },
      {
        title: 'Identifiant de CRM sur un bordereau de régularisation',
        fails: false,
        edits: [slip({ 3: '01122025', 4: '31122025', 6: 'CRM0001' })],
      },
    ],
  }),
  {
    id: 'S21.G00.23.006/CCH-11',
    check(aggregate, ctx) {
      const code = aggregate.value(1);
      const codes = ctx.norm.version === 'P27V01' ? mobilityCodesSince27 : mobilityCodes;
      if (code !== undefined && codes.has(code) && !aggregate.has(6)) ctx.fail(aggregate);
    },
    examples: () => [
      {
        title: 'Versement mobilité (900) sans code commune',
        fails: true,
        edits: [slip({}, { 1: '900', 2: '920', 5: '20.00' })],
      },
      {
        title: 'Versement mobilité avec son code commune',
        fails: false,
        edits: [slip({}, { 1: '900', 2: '920', 5: '20.00', 6: '75111' })],
      },
      {
        title: 'Code 820 sans code commune : contrôlé depuis P27V01',
        fails: true,
        versions: ['P27V01'],
        edits: [slip({}, { 1: '820', 2: '920', 5: '20.00' })],
      },
      {
        title: 'Code 820 sans code commune avant P27V01',
        fails: false,
        versions: ['P24V01', 'P25V01', 'P26V01'],
        edits: [slip({}, { 1: '820', 2: '920', 5: '20.00' })],
      },
    ],
  },
  crmOnlyForPastPeriod('S21.G00.23.007/CCH-11', start, end, {
    examples: () => [
      {
        title: 'Identifiant de CRM sur une cotisation du bordereau du mois',
        fails: true,
        edits: [slip({}, { 7: 'CRM0001' })],
      },
      {
        title: 'Identifiant de CRM sur une cotisation d’un bordereau de régularisation',
        fails: false,
        edits: [slip({ 3: '01122025', 4: '31122025' }, { 7: 'CRM0001' })],
      },
    ],
  }),
];
