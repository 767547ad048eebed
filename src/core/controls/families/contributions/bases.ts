import type { Edit } from '../../../examples/edit.ts';
import type { Block } from '../../../parse/tree.ts';
import type { Control, ControlContext } from '../../control.ts';
import { findChild, someChild, someGrandchild } from '../../lib/children.ts';
import { individualOf } from '../../lib/declaration.ts';
import {
  crmOnlyForPastPeriod,
  dateAt,
  declaredMonths,
  notBefore,
  sameMonthAs,
  sameYearAs,
  upToDeclaredMonth,
} from '../../lib/periods.ts';
import { is, nature, ref, valuesForbiddenWhen, valuesOnlyWhen, type Condition } from '../../lib/rules.ts';
import { cents } from '../../lib/values.ts';
import {
  adhesion,
  affiliation,
  affiliationId,
  blockLines,
  inPayment,
  providentBaseLines,
  providentSetup,
} from '../provident-pension/fixtures.ts';
import { dateKey } from '../../../values/calendar.ts';

/** Base assujettie (S21.G00.78). */

const baseCode = ref('S21.G00.78.001');
const start = dateAt('S21.G00.78.002');
const end = dateAt('S21.G00.78.003');
const provident = is(baseCode, '31');

/** Bases of the CIBTP (congés payés du BTP) holiday funds. */
const cibtpBases = ['21', '34', '35', '36', '39', '40'];
const twoDigits = /^\d\d/;

/** A holiday-fund code (S21.G00.40.022, S21.G00.41.023) whose first two characters are 01–37, or 99. */
function cibtpFund(value: string | undefined, or99: boolean): boolean {
  if (value === undefined || !twoDigits.test(value)) return false;
  const n = Number(value.slice(0, 2));
  return (n >= 1 && n <= 37) || (or99 && n === 99);
}

const contracts = (block: Block, test: (contract: Block) => boolean): boolean => {
  const individual = individualOf(block);
  return individual !== undefined && someChild(individual, 'S21.G00.40', test);
};
const contractChanges = (block: Block, test: (change: Block) => boolean): boolean => {
  const individual = individualOf(block);
  return individual !== undefined && someGrandchild(individual, 'S21.G00.40', 'S21.G00.41', test);
};

/** The individual has a contract with a CIBTP fund, or had one (S21.G00.41.023, 99 included). */
const cibtpAffiliated: Condition = (b) =>
  contracts(b, (c) => cibtpFund(c.value(22), false)) ||
  contractChanges(b, (c) => cibtpFund(c.value(23), true));
const cibtpFundNow: Condition = (b) => contracts(b, (c) => cibtpFund(c.value(22), false));

/** Contracts of the individual holding an affiliation (S21.G00.70) whose id is `id`. */
function eachAffiliation(
  individual: Block,
  id: string,
  visit: (affiliation: Block, contract: Block) => void,
) {
  for (const contract of individual.children) {
    if (contract.id !== 'S21.G00.40') continue;
    for (const a of contract.children) if (a.id === 'S21.G00.70' && a.value(12) === id) visit(a, contract);
  }
}

/** Sum of the contribution amounts (S21.G00.81.004) of a base, or null when one is unreadable. */
function contributionTotal(base: Block): number | null {
  let total = 0;
  for (const c of base.children) {
    if (c.id !== 'S21.G00.81' || !c.has(4)) continue;
    const amount = cents(c.value(4));
    if (amount === null) return null;
    total += amount;
  }
  return total;
}

/** The activity of a contract: start date to its end (S21.G00.62 not cancelled) or the declared month's end. */
function activity(contract: Block, ctx: ControlContext): { from: number; to: number } | null {
  const from = dateKey(contract.value(1));
  const ending = findChild(contract, 'S21.G00.62', (e) => e.value(2) !== '099');
  const to = ending !== undefined ? dateKey(ending.value(1)) : (declaredMonths(ctx)?.last ?? null);
  return from === null || to === null ? null : { from, to };
}

const withBase = (base: Record<number, string>): Edit =>
  inPayment(blockLines('S21.G00.78', { 2: '01012026', 3: '31012026', 4: '1800.00', ...base }));
const contractLine = (line: string): Edit => ({ insertAfter: 'S21.G00.40.020', lines: [line] });
const holidayFund = (code: string) => contractLine(`S21.G00.40.022,'${code}'`);
const oldHolidayFund = (code: string): Edit => ({
  insertAfter: 'S21.G00.40.040',
  lines: ["S21.G00.41.001,'01012026'", `S21.G00.41.023,'${code}'`],
});
const fctu: Edit = { set: 'S20.G00.05.001', value: '07' };
const otherContract = (nature: string): Edit => ({
  insertBefore: 'S21.G00.50.001',
  lines: [
    "S21.G00.40.001,'01012026'",
    "S21.G00.40.007,'" + nature + "'",
    "S21.G00.40.009,'00002'",
    ...blockLines('S21.G00.70', { 4: 'OPT1', 5: 'POP1', 12: affiliationId, 13: '1' }),
    "S21.G00.71.002,'RUAA'",
  ],
});

export const baseControls: Control[] = [
  valuesOnlyWhen('S21.G00.78.001/CCH-11', cibtpBases, cibtpAffiliated, {
    examples: () => [
      {
        title: 'Base OPPBTP (21) pour un salarié sans caisse de congés payés CIBTP',
        fails: true,
        edits: [withBase({ 1: '21' })],
      },
      {
        title: 'Base OPPBTP pour un salarié affilié à la caisse CIBTP 12',
        fails: false,
        edits: [holidayFund('12'), withBase({ 1: '21' })],
      },
      {
        title: 'Base dérogatoire Bâtiment pour un salarié anciennement affilié (code 99)',
        fails: false,
        edits: [oldHolidayFund('99'), withBase({ 1: '36' })],
      },
      {
        title: 'Caisse de congés payés hors CIBTP (38)',
        fails: true,
        edits: [holidayFund('38'), withBase({ 1: '21' })],
      },
    ],
  }),
  {
    id: 'S21.G00.78.001/CCH-13',
    block: 'S21.G00.70',
    requires: [{ rubric: 12 }],
    check(affiliationBlock, ctx) {
      if (ctx.nature !== '01') return;
      const id = affiliationBlock.rubric(12);
      const individual = individualOf(affiliationBlock);
      if (id === undefined || individual === undefined) return;
      const covered = someGrandchild(
        individual,
        'S21.G00.50',
        'S21.G00.78',
        (b) => b.value(1) === '31' && b.value(5) === id.value,
      );
      if (!covered) ctx.fail(id);
    },
    examples: () => [
      {
        title: 'Affiliation prévoyance sans base assujettie 31 dans la DSN mensuelle',
        fails: true,
        edits: [adhesion(), affiliation()],
      },
      { title: 'Affiliation prévoyance avec sa base 31', fails: false, edits: providentSetup() },
    ],
  },
  valuesForbiddenWhen('S21.G00.78.001/CCH-14', ['31'], nature('07'), {
    examples: () => [
      {
        title: 'Base prévoyance (31) dans un signalement de fin de contrat',
        fails: true,
        edits: [fctu, ...providentSetup()],
      },
      { title: 'Base prévoyance dans la DSN mensuelle', fails: false, edits: providentSetup() },
    ],
  }),
  valuesOnlyWhen(
    'S21.G00.78.001/CCH-24',
    ['20'],
    (b) => contracts(b, (c) => c.has(22)) || contractChanges(b, (c) => c.has(23)),
    {
      examples: () => [
        {
          title: 'Base congés payés (20) sans caisse de congés payés',
          fails: true,
          edits: [withBase({ 1: '20' })],
        },
        {
          title: 'Base congés payés pour un salarié affilié à une caisse de congés payés',
          fails: false,
          edits: [holidayFund('38'), withBase({ 1: '20' })],
        },
      ],
    },
  ),
  valuesOnlyWhen(
    'S21.G00.78.001/CCH-25',
    cibtpBases,
    (b, ctx) => ctx.nature !== '07' || cibtpFundNow(b, ctx),
    {
      examples: () => [
        {
          title: 'FCTU : base intempéries (34) pour un salarié anciennement affilié seulement',
          fails: true,
          edits: [fctu, oldHolidayFund('12'), withBase({ 1: '34' })],
        },
        {
          title: 'FCTU : base intempéries pour un salarié affilié à la caisse CIBTP 12',
          fails: false,
          edits: [fctu, holidayFund('12'), withBase({ 1: '34' })],
        },
      ],
    },
  ),
  valuesOnlyWhen(
    'S21.G00.78.001/CCH-26',
    ['20'],
    (b, ctx) => ctx.nature !== '07' || contracts(b, (c) => c.has(22)),
    {
      examples: () => [
        {
          title: 'FCTU : base congés payés avec un ancien code caisse seulement',
          fails: true,
          edits: [fctu, oldHolidayFund('12'), withBase({ 1: '20' })],
        },
        {
          title: 'FCTU : base congés payés pour un salarié affilié à une caisse',
          fails: false,
          edits: [fctu, holidayFund('12'), withBase({ 1: '20' })],
        },
      ],
    },
  ),
  {
    id: 'S21.G00.78.001/SIG-18',
    block: 'S21.G00.71',
    requires: [{ rubric: 2, values: ['CRPNPAC'] }],
    check(pension, ctx) {
      const code = pension.rubric(2);
      if (code?.value !== 'CRPNPAC') return;
      const individual = individualOf(pension);
      if (individual === undefined) return;
      const based = someGrandchild(individual, 'S21.G00.50', 'S21.G00.78', (b) => {
        const v = b.value(1);
        return v === '41' || v === '42';
      });
      if (!based) ctx.fail(code);
    },
    examples: () => [
      {
        title: 'Personnel navigant affilié à la CRPNPAC sans base CRPNPAC',
        fails: true,
        edits: [{ set: 'S21.G00.71.002', value: 'CRPNPAC' }],
      },
      {
        title: 'Personnel navigant affilié à la CRPNPAC avec une assiette au taux normal (41)',
        fails: false,
        edits: [{ set: 'S21.G00.71.002', value: 'CRPNPAC' }, withBase({ 1: '41' })],
      },
    ],
  },
  {
    id: 'S21.G00.78.001/SIG-19',
    requires: [{ rubric: 1, values: ['02', '03'] }, { rubric: 2 }, { rubric: 3 }],
    check(base, ctx) {
      const code = base.rubric(1);
      if (code === undefined || (code.value !== '02' && code.value !== '03')) return;
      const month = declaredMonths(ctx);
      const from = dateKey(base.value(2));
      const to = dateKey(base.value(3));
      const payment = base.parent;
      if (month === null || from === null || to === null || payment === null) return;
      if (from < month.first || to > month.last) return;
      const partner = code.value === '02' ? '03' : '02';
      const paired = someChild(
        payment,
        'S21.G00.78',
        (b) => b.value(1) === partner && b.value(2) === base.value(2) && b.value(3) === base.value(3),
      );
      if (!paired) ctx.fail(code);
    },
    examples: () => [
      {
        title: 'Assiette plafonnée (02) sans assiette déplafonnée de même période',
        fails: true,
        base: 'mensuelle',
        edits: [{ set: 'S21.G00.78.002', occurrence: 2, value: '02012026' }],
      },
      {
        title: 'Assiettes plafonnée et déplafonnée de même période sous le même versement',
        fails: false,
        base: 'mensuelle',
        edits: [],
      },
      {
        title: 'Assiette plafonnée seule pour une période antérieure (régularisation)',
        fails: false,
        edits: [inPayment(blockLines('S21.G00.78', { 1: '02', 2: '01122025', 3: '31122025', 4: '100.00' }))],
      },
    ],
  },
  {
    id: 'S21.G00.78.001/SIG-23',
    requires: [{ rubric: 1, values: ['31'] }, { rubric: 5 }],
    check(base, ctx) {
      if (ctx.nature !== '01') return;
      const code = base.rubric(1);
      const id = base.value(5);
      const payment = base.parent;
      if (code?.value !== '31' || id === undefined || payment === null) return;
      let sign: number | null | undefined;
      for (const other of payment.children) {
        if (other === base) break;
        if (other.id !== 'S21.G00.78' || other.value(1) !== '31' || other.value(5) !== id) continue;
        if (other.value(2) !== base.value(2) || other.value(3) !== base.value(3)) continue;
        sign ??= signOf(contributionTotal(base));
        const otherSign = signOf(contributionTotal(other));
        if (sign === null || otherSign !== sign) continue;
        if (!onMissionContract(base, id)) ctx.fail(code);
        return;
      }
    },
    examples: () => [
      {
        title: 'Deux bases prévoyance identiques (période, affiliation, cotisations positives)',
        fails: true,
        edits: [...providentSetup(), inPayment(providentBaseLines())],
      },
      {
        title: 'Une cotisation et son annulation (montants de signes opposés)',
        fails: false,
        edits: [...providentSetup(), inPayment(providentBaseLines({}, {}, { 4: '-25.00' }))],
      },
      {
        title: 'Deux bases identiques pour une affiliation rattachée à un contrat de mission',
        fails: false,
        edits: [
          adhesion(),
          affiliation(),
          otherContract('03'),
          inPayment(providentBaseLines(), providentBaseLines()),
        ],
      },
    ],
  },
  notBefore('S21.G00.78.003/CCH-12', start, {
    examples: () => [
      {
        title: 'Base dont la période finit avant de commencer',
        fails: true,
        edits: [withBase({ 1: '02', 2: '15012026', 3: '14012026' })],
      },
      {
        title: 'Base sur un seul jour',
        fails: false,
        edits: [withBase({ 1: '02', 2: '15012026', 3: '15012026' })],
      },
    ],
  }),
  upToDeclaredMonth('S21.G00.78.003/CCH-15', {
    examples: () => [
      {
        title: 'Base rattachée au mois suivant le mois déclaré',
        fails: true,
        edits: [withBase({ 1: '02', 2: '01022026', 3: '28022026' })],
      },
      { title: 'Base rattachée au mois déclaré', fails: false, edits: [withBase({ 1: '02' })] },
    ],
  }),
  sameYearAs('S21.G00.78.003/CCH-16', start, {
    examples: () => [
      {
        title: 'Base de régularisation à cheval sur deux années',
        fails: true,
        edits: [withBase({ 1: '02', 2: '01122025', 3: '31012026' })],
      },
      {
        title: 'Base de régularisation sur deux mois de la même année',
        fails: false,
        edits: [withBase({ 1: '02', 2: '01112025', 3: '31122025' })],
      },
    ],
  }),
  sameMonthAs('S21.G00.78.003/SIG-11', start, {
    when: provident,
    examples: () => [
      {
        title: 'Base prévoyance sur deux mois',
        fails: true,
        edits: [adhesion(), affiliation(), inPayment(providentBaseLines({ 2: '01122025' }))],
      },
      { title: 'Base prévoyance sur le mois', fails: false, edits: providentSetup() },
      {
        title: 'Base brute plafonnée sur deux mois (règle propre à la base 31)',
        fails: false,
        edits: [withBase({ 1: '02', 2: '01122025', 3: '31122025' })],
      },
    ],
  }),
  {
    id: 'S21.G00.78.003/SIG-17',
    tables: ['ART'],
    requires: [{ rubric: 1, values: ['31'] }, { rubric: 3 }, { rubric: 5 }],
    check(base, ctx) {
      const to = base.rubric(3);
      const id = base.value(5);
      const individual = individualOf(base);
      if (to === undefined || id === undefined || individual === undefined || base.value(1) !== '31') return;
      const from = dateKey(base.value(2));
      const until = dateKey(to.value);
      if (from === null || until === null) return;
      let linked = 0;
      let missions = 0;
      let art = 0;
      let undecided = false;
      let several = false;
      let within = false;
      const table = ctx.table('ART');
      eachAffiliation(individual, id, (a, contract) => {
        linked++;
        if (contract.value(7) === '03') missions++;
        const complement = contract.value(5);
        if (complement !== undefined) {
          if (table === null) undecided = true;
          else if (table.has(complement)) art++;
        }
        if (a.has(16)) several = true;
        const span = activity(contract, ctx);
        if (span !== null && from >= span.from && until <= span.to) within = true;
      });
      if (linked === 0 || within) return;
      const version = ctx.norm.version;
      if (version === 'P27V01') {
        if (several) return;
      } else {
        if (missions === linked) return;
        if (version !== 'P24V01' && (art === linked || undecided)) return;
      }
      ctx.fail(to);
    },
    examples: () => [
      {
        title: 'Base prévoyance de décembre 2025 pour un contrat commencé en janvier 2026',
        fails: true,
        edits: [
          { set: 'S21.G00.40.001', value: '05012026' },
          adhesion(),
          affiliation({ 14: '05012026' }),
          inPayment(providentBaseLines({ 2: '01122025', 3: '31122025' })),
        ],
      },
      {
        title: 'Base prévoyance dans la période d’activité du contrat',
        fails: false,
        edits: providentSetup(),
      },
      {
        title: 'Base prévoyance après la fin du contrat',
        fails: true,
        edits: [
          {
            insertAfter: 'S21.G00.40.040',
            lines: ["S21.G00.62.001,'15012026'", "S21.G00.62.002,'059'"],
          },
          ...providentSetup(),
        ],
      },
      {
        title: 'Fin de contrat annulée (099) : la période d’activité va jusqu’à la fin du mois',
        fails: false,
        edits: [
          {
            insertAfter: 'S21.G00.40.040',
            lines: ["S21.G00.62.001,'15012026'", "S21.G00.62.002,'099'"],
          },
          ...providentSetup(),
        ],
      },
      {
        title: 'Affiliation rattachée à un contrat de mission (exemptée avant P27V01)',
        fails: false,
        versions: ['P24V01', 'P25V01', 'P26V01'],
        edits: [
          { set: 'S21.G00.40.001', value: '05012026' },
          { set: 'S21.G00.40.007', value: '03' },
          adhesion(),
          affiliation({ 14: '05012026' }),
          inPayment(providentBaseLines({ 2: '01122025', 3: '31122025' })),
        ],
      },
      {
        title: 'Affiliation applicable à plusieurs contrats (exemptée depuis P27V01)',
        fails: false,
        versions: ['P27V01'],
        edits: [
          { set: 'S21.G00.40.001', value: '05012026' },
          adhesion(),
          affiliation({ 14: '05012026', 16: '01' }),
          inPayment(providentBaseLines({ 2: '01122025', 3: '31122025' })),
        ],
      },
    ],
  },
  {
    id: 'S21.G00.78.004/CCH-11',
    requires: [{ rubric: 1, values: ['31'] }],
    check(base, ctx) {
      if (base.value(1) !== '31') return;
      const amount = base.rubric(4);
      if (amount === undefined) return ctx.fail(base);
      const value = cents(amount.value);
      if (value !== null && value !== 0) ctx.fail(amount);
    },
    examples: () => [
      {
        title: 'Base prévoyance avec un montant',
        fails: true,
        edits: [adhesion(), affiliation(), inPayment(providentBaseLines({ 4: '1800.00' }))],
      },
      { title: 'Base prévoyance à zéro', fails: false, edits: providentSetup() },
    ],
  },
  {
    id: 'S21.G00.78.005/CCH-11',
    check(base, ctx) {
      const id = base.rubric(5);
      if (base.value(1) !== '31') {
        if (id !== undefined) ctx.fail(id);
        return;
      }
      if (id === undefined) return ctx.fail(base);
      const individual = individualOf(base);
      if (individual === undefined) return;
      let found = false;
      eachAffiliation(individual, id.value, () => (found = true));
      if (!found) ctx.fail(id);
    },
    examples: () => [
      {
        title: 'Base prévoyance sans identifiant d’affiliation',
        fails: true,
        edits: [adhesion(), affiliation(), inPayment(providentBaseLines({ 5: undefined }))],
      },
      {
        title: 'Base prévoyance dont l’affiliation n’existe pas pour ce salarié',
        fails: true,
        edits: [adhesion(), affiliation(), inPayment(providentBaseLines({ 5: '12' }))],
      },
      {
        title: 'Identifiant d’affiliation sur une base brute plafonnée',
        fails: true,
        edits: [withBase({ 1: '02', 5: affiliationId })],
      },
      {
        title: 'Base prévoyance rattachée à l’affiliation du salarié',
        fails: false,
        edits: providentSetup(),
      },
    ],
  },
  {
    id: 'S21.G00.78.005/CCH-12',
    requires: [{ rubric: 1, values: ['31'] }, { rubric: 5 }],
    check(base, ctx) {
      const id = base.rubric(5);
      const payment = base.parent;
      const individual = individualOf(base);
      if (base.value(1) !== '31' || id === undefined || payment === null || individual === undefined) return;
      let found = false;
      eachAffiliation(individual, id.value, (_, contract) => {
        const number = contract.value(9);
        if (!found && number !== undefined)
          found = someChild(payment, 'S21.G00.51', (r) => r.value(10) === number);
      });
      if (!found) ctx.fail(id);
    },
    examples: () => [
      {
        title: 'Base prévoyance d’une affiliation dont le contrat n’est pas payé par ce versement',
        fails: true,
        edits: [...providentSetup(), { set: 'S21.G00.51.010', value: '00009' }],
      },
      { title: 'Base prévoyance du contrat payé par le versement', fails: false, edits: providentSetup() },
    ],
  },
  crmOnlyForPastPeriod('S21.G00.78.007/CCH-11', start, end, {
    examples: () => [
      {
        title: 'Identifiant de CRM sur une base du mois déclaré',
        fails: true,
        edits: [withBase({ 1: '02', 7: 'CRM0001' })],
      },
      {
        title: 'Identifiant de CRM sur une base de régularisation de décembre',
        fails: false,
        edits: [withBase({ 1: '02', 2: '01122025', 3: '31122025', 7: 'CRM0001' })],
      },
    ],
  }),
];

function signOf(amount: number | null): number | null {
  return amount === null ? null : Math.sign(amount);
}

/** The affiliation of a base is attached to at least one mission contract (nature 03). */
function onMissionContract(base: Block, id: string): boolean {
  const individual = individualOf(base);
  if (individual === undefined) return false;
  let mission = false;
  eachAffiliation(individual, id, (_, contract) => {
    if (contract.value(7) === '03') mission = true;
  });
  return mission;
}
