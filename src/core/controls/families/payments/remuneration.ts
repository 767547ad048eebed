import type { Block } from '../../../parse/tree.ts';
import type { Control, ControlContext } from '../../control.ts';
import { contractByNumber, namedContract, namesAContract } from '../../lib/contract-numbers.ts';
import { declaredMonthEnd, declaredMonthStart, notAfterDeclaredMonth } from '../../lib/dating.ts';
import { dateAt, notBefore } from '../../lib/periods.ts';
import { forbiddenWhen, is, ref, requiredWhen } from '../../lib/rules.ts';
import { decimal } from '../../lib/values.ts';
import { dateKey } from '../../../values/calendar.ts';
import { addDays } from '../../../values/day-numbers.ts';
import {
  after,
  allFour,
  endOfContract,
  endOfContractThree,
  nonZero,
  remunerationTypes,
  remuneration,
  set,
  unemploymentGross,
  underPayment,
} from './shared.ts';

/** Rémunération (S21.G00.51). */

const monthlyOrSubstitute = (ctx: ControlContext) => ctx.nature === '01' || ctx.nature === '09';
/** Types that carry amounts, not hours: 001, 002, 003, 010. */
const amountTypes = ['001', '002', '003', '010'];
/** Types whose number of hours is mandatory; P27V01 adds 036. */
const hourTypes = ['012', '013', '016', '017', '018', '019', '020', '025'];
const hourTypesP27 = [...hourTypes, '036'];
/** Types the §4.4.12 dating of the period end applies to (S21.G00.51.002/SIG-14). */
const datedTypes = [
  '001',
  '002',
  '003',
  '010',
  '012',
  '013',
  '016',
  '017',
  '018',
  '019',
  '020',
  '021',
  '022',
  '025',
];
const maritime = new Set(['91', '92']);
/** Codes of S21.G00.78.001 that count as the gross base of the month for S21.G00.51.011/CCH-16. */
const grossBases = new Set(['03', '11', '22', '23']);

/** Whether a remuneration type is checked in a version: P24V01 also checks 001 (see CCH-11/13). */
const checkedTypes = ['001', '002'];
function checkedType(type: string | undefined, ctx: ControlContext): boolean {
  return type === '002' || (type === '001' && ctx.norm.version === 'P24V01');
}

/** "Ce contrôle ne s'applique qu'aux dates … incluses dans le mois principal déclaré." */
function inDeclaredMonth(date: number, ctx: ControlContext): boolean {
  const first = declaredMonthStart(ctx);
  const last = declaredMonthEnd(ctx);
  return first !== null && last !== null && date >= first && date <= last;
}

/** The end of a contract (S21.G00.62.001), unless an end is cancelled (motive 099). */
function contractEnd(contract: Block): number | null {
  let end: number | null = null;
  const children = contract.children;
  for (let i = 0; i < children.length; i++) {
    const c = children[i]!;
    if (c.id !== 'S21.G00.62') continue;
    if (c.value(2) === '099') return null;
    end ??= dateKey(c.value(1));
  }
  return end;
}

/** "La période … doit obligatoirement être antérieure au 1er janvier 2024" for one type. */
function before2024(id: string, type: string, label: string): Control {
  return {
    id,
    versions: ['P24V01'],
    requires: [{ rubric: 11, values: [type] }],
    check(remuneration, ctx) {
      const rubric = remuneration.rubric(11);
      if (!monthlyOrSubstitute(ctx) || rubric?.value !== type) return;
      const start = dateKey(remuneration.value(1));
      const end = dateKey(remuneration.value(2));
      if ((start !== null && start >= 20240101) || (end !== null && end >= 20240101)) ctx.fail(rubric);
    },
    examples: () => [
      {
        title: `${label} déclaré pour janvier 2026`,
        fails: true,
        edits: [set('S21.G00.51.011', type)],
      },
      {
        title: `${label} déclaré pour décembre 2023`,
        fails: false,
        edits: [
          set('S21.G00.51.011', type),
          set('S21.G00.51.001', '01122023'),
          set('S21.G00.51.002', '31122023'),
        ],
      },
    ],
  };
}

/**
 * A contract (nature ≠ 93) paid by a payment must get every type of `required` in that payment:
 * the remunerations of each contract number are gathered once, at its first remuneration.
 */
function typesPerContract(
  applies: (ctx: ControlContext) => boolean,
  required: number,
  skipServiceLines: boolean,
): Control['check'] {
  return (payment, ctx) => {
    if (!applies(ctx)) return;
    const children = payment.children;
    const individual = payment.parent;
    for (let i = 0; i < children.length; i++) {
      const c = children[i]!;
      if (c.id !== 'S21.G00.51') continue;
      const number = c.value(10);
      if (number === undefined || firstOfContract(children, i, number) !== i) continue;
      if (skipServiceLines && individual !== null && contractByNumber(individual, number)?.value(7) === '93')
        continue;
      if ((remunerationTypes(payment, number) & required) !== required) ctx.fail(c);
    }
  };
}

function firstOfContract(children: Block[], upTo: number, number: string): number {
  for (let i = 0; i < upTo; i++) {
    const c = children[i]!;
    if (c.id === 'S21.G00.51' && c.value(10) === number) return i;
  }
  return upTo;
}

/** Remuneration types (bits) for contract `number` over every payment of an individual. */
function typesOfContract(individual: Block, number: string): number {
  let bits = 0;
  const children = individual.children;
  for (let i = 0; i < children.length; i++) {
    const c = children[i]!;
    if (c.id === 'S21.G00.50') bits |= remunerationTypes(c, number);
  }
  return bits;
}

/** Whether a contract's remunerations of type 002 include a non-zero (`nonZeroAmount`) or zero one. */
function unemploymentGrossOf(individual: Block, number: string, nonZeroAmount: boolean): boolean {
  const payments = individual.children;
  for (let i = 0; i < payments.length; i++) {
    const p = payments[i]!;
    if (p.id !== 'S21.G00.50') continue;
    const children = p.children;
    for (let j = 0; j < children.length; j++) {
      const r = children[j]!;
      if (r.id === 'S21.G00.51' && r.value(10) === number && r.value(11) === '002') {
        if (nonZero(r.value(13)) === nonZeroAmount) return true;
      }
    }
  }
  return false;
}

/**
 * Service lines (nature 93) of a maritime contract (91/92, named by S21.G00.40.076): when the
 * maritime contract has a type 002 remuneration with a non-zero (or zero) amount, the service
 * line must have the `required` types.
 */
function serviceLineRule(nonZeroAmount: boolean, required: number): Control['check'] {
  return (individual, ctx) => {
    if (!monthlyOrSubstitute(ctx)) return;
    const children = individual.children;
    for (let i = 0; i < children.length; i++) {
      const line = children[i]!;
      if (line.id !== 'S21.G00.40' || line.value(7) !== '93') continue;
      const main = contractByNumber(individual, line.value(76));
      const number = line.value(9);
      if (main === undefined || number === undefined || !maritime.has(main.value(7) ?? '')) continue;
      if (!unemploymentGrossOf(individual, main.value(9)!, nonZeroAmount)) continue;
      if ((typesOfContract(individual, number) & required) !== required) ctx.fail(line);
    }
  };
}

/** `minimal` with a maritime contract 00001 (nature 91) and its service line 00002 (nature 93). */
const serviceLine = [
  set('S21.G00.40.007', '91'),
  set('S21.G00.51.011', '002'),
  after(
    'S21.G00.71.002',
    "S21.G00.40.001,'01012026'",
    "S21.G00.40.007,'93'",
    "S21.G00.40.009,'00002'",
    "S21.G00.40.076,'00001'",
  ),
];
const serviceLinePay = (...types: string[]) =>
  underPayment(...types.flatMap((t) => remuneration(t, '300.00', '00002')));
/** The remuneration of `minimal` made type 002 with a non-zero amount, for a contract starting on `start`. */
const unemploymentFrom = (start: string) => [set('S21.G00.51.011', '002'), set('S21.G00.40.001', start)];
/** `minimal`'s contract ended on 15 January 2026 for `motive`. */
const endedOn15 = (motive: string) =>
  after('S21.G00.40.040', "S21.G00.62.001,'15012026'", `S21.G00.62.002,'${motive}'`);
/** A base assujettie (S21.G00.78) of January 2026 under `minimal`'s payment. */
const base = (code: string, start = '01012026') =>
  after(
    'S21.G00.58.004',
    `S21.G00.78.001,'${code}'`,
    `S21.G00.78.002,'${start}'`,
    "S21.G00.78.003,'31012026'",
    "S21.G00.78.004,'1800.00'",
  );

export const remunerationControls: Control[] = [
  {
    id: 'S21.G00.51.001/CCH-11',
    requires: [{ rubric: 11, values: checkedTypes }, { rubric: 13 }, { rubric: 1 }],
    check(remuneration, ctx) {
      if (!checkedType(remuneration.value(11), ctx) || !nonZero(remuneration.value(13))) return;
      const rubric = remuneration.rubric(1);
      const start = dateKey(rubric?.value);
      if (start === null || !inDeclaredMonth(start, ctx)) return;
      const contractStart = dateKey(namedContract(remuneration, 10)?.value(1));
      if (contractStart !== null && start < addDays(contractStart, -2)) ctx.fail(rubric!);
    },
    examples: () => [
      {
        title: 'Salaire brut chômage dès le 1er janvier pour un contrat commencé le 15',
        fails: true,
        edits: unemploymentFrom('15012026'),
      },
      {
        title: "Salaire brut chômage dès l'avant-veille du début du contrat",
        fails: false,
        edits: unemploymentFrom('03012026'),
      },
      {
        title: 'Rémunération brute (001) avant le début du contrat : contrôlée en P24V01',
        fails: true,
        versions: ['P24V01'],
        edits: [set('S21.G00.40.001', '15012026')],
      },
      {
        title: 'Rémunération brute (001) avant le début du contrat : plus contrôlée depuis P25V01',
        fails: false,
        versions: ['P25V01', 'P26V01', 'P27V01'],
        edits: [set('S21.G00.40.001', '15012026')],
      },
    ],
  },
  notBefore('S21.G00.51.002/CCH-11', dateAt('S21.G00.51.001'), {
    examples: () => [
      {
        title: 'Période de paie finissant avant de commencer',
        fails: true,
        edits: [set('S21.G00.51.002', '31122025')],
      },
      { title: "Période de paie d'un jour", fails: false, edits: [set('S21.G00.51.002', '01012026')] },
    ],
  }),
  {
    id: 'S21.G00.51.002/CCH-13',
    requires: [{ rubric: 11, values: checkedTypes }, { rubric: 13 }, { rubric: 2 }],
    check(remuneration, ctx) {
      if (!checkedType(remuneration.value(11), ctx) || !nonZero(remuneration.value(13))) return;
      const contract = namedContract(remuneration, 10);
      const contractEnds = contract === undefined ? null : contractEnd(contract);
      if (contractEnds === null) return;
      const rubric = remuneration.rubric(2);
      const end = dateKey(rubric?.value);
      if (end !== null && inDeclaredMonth(end, ctx) && end > addDays(contractEnds, 2)) ctx.fail(rubric!);
    },
    examples: () => [
      {
        title: 'Salaire brut chômage payé jusqu’au 31 pour un contrat fini le 15',
        fails: true,
        edits: [set('S21.G00.51.011', '002'), endedOn15('059')],
      },
      {
        title: 'Salaire brut chômage payé jusqu’au surlendemain de la fin du contrat',
        fails: false,
        edits: [set('S21.G00.51.011', '002'), endedOn15('059'), set('S21.G00.51.002', '17012026')],
      },
      {
        title: 'Fin de contrat annulée (099)',
        fails: false,
        edits: [set('S21.G00.51.011', '002'), endedOn15('099')],
      },
    ],
  },
  notAfterDeclaredMonth('S21.G00.51.002/SIG-14', {
    when: is(ref('S21.G00.51.011'), ...datedTypes),
    examples: () => [
      {
        title: 'Rémunération brute payée jusqu’au 1er février',
        fails: true,
        edits: [set('S21.G00.51.002', '01022026')],
      },
      {
        title: 'Pourboire (type 028) rattaché au 1er février : non concerné',
        fails: false,
        edits: [set('S21.G00.51.011', '028'), set('S21.G00.51.002', '01022026')],
      },
      { title: 'Rémunération brute payée jusqu’au 31 janvier', fails: false, edits: [] },
    ],
  }),
  namesAContract('S21.G00.51.010/CCH-11', ['01', '09'], false, {
    examples: () => [
      {
        title: 'Rémunération rattachée à un contrat inconnu',
        fails: true,
        edits: [set('S21.G00.51.010', '00002')],
      },
      {
        title: 'Rémunération rattachée au second contrat de l’individu',
        fails: false,
        edits: [
          after(
            'S21.G00.71.002',
            "S21.G00.40.001,'01012026'",
            "S21.G00.40.007,'02'",
            "S21.G00.40.009,'00002'",
          ),
          set('S21.G00.51.010', '00002'),
        ],
      },
    ],
  }),
  namesAContract('S21.G00.51.010/CCH-12', ['07'], true, {
    examples: () => [
      {
        title: 'FCTU : rémunération rattachée à un numéro inconnu',
        fails: true,
        edits: [endOfContract, set('S21.G00.51.010', '00009')],
      },
      {
        title: 'FCTU : rémunération rattachée au numéro déclaré précédemment',
        fails: false,
        edits: [
          endOfContract,
          set('S21.G00.51.010', '00009'),
          after('S21.G00.40.040', "S21.G00.45.001,'73282932000074'", "S21.G00.45.002,'00009'"),
        ],
      },
    ],
  }),
  {
    id: 'S21.G00.51.011/CCH-11',
    block: 'S21.G00.50',
    check: typesPerContract(monthlyOrSubstitute, allFour, true),
    examples: () => [
      { title: 'Contrat payé avec la seule rémunération brute (001)', fails: true, edits: [] },
      {
        title: 'Contrat payé avec les rémunérations 001, 002, 003 et 010',
        fails: false,
        edits: [underPayment(...remuneration('002'), ...remuneration('003'), ...remuneration('010'))],
      },
    ],
  },
  {
    id: 'S21.G00.51.011/CCH-12',
    block: 'S21.G00.30',
    check: serviceLineRule(true, unemploymentGross),
    examples: () => [
      {
        title: 'Ligne de service sans salaire brut chômage, contrat maritime payé',
        fails: true,
        edits: [...serviceLine, serviceLinePay('001')],
      },
      {
        title: 'Ligne de service avec son salaire brut chômage',
        fails: false,
        edits: [...serviceLine, serviceLinePay('002')],
      },
    ],
  },
  {
    id: 'S21.G00.51.011/CCH-13',
    block: 'S21.G00.30',
    check: serviceLineRule(false, allFour),
    examples: () => [
      {
        title: 'Ligne de service avec le seul salaire brut chômage, contrat maritime payé à zéro',
        fails: true,
        edits: [...serviceLine, set('S21.G00.51.013', '0.00'), serviceLinePay('002')],
      },
      {
        title: 'Ligne de service avec les quatre rémunérations, contrat maritime payé à zéro',
        fails: false,
        edits: [...serviceLine, set('S21.G00.51.013', '0.00'), serviceLinePay('001', '002', '003', '010')],
      },
    ],
  },
  {
    id: 'S21.G00.51.011/CCH-15',
    block: 'S21.G00.50',
    versions: ['P24V01'],
    check: typesPerContract((ctx) => ctx.nature === '07', endOfContractThree, false),
    examples: () => [
      {
        title: 'FCTU : contrat payé sans salaire de base',
        fails: true,
        edits: [endOfContract, underPayment(...remuneration('002'))],
      },
      {
        title: 'FCTU : contrat payé avec les rémunérations 001, 002 et 010',
        fails: false,
        edits: [endOfContract, underPayment(...remuneration('002'), ...remuneration('010'))],
      },
    ],
  },
  {
    id: 'S21.G00.51.011/CCH-15',
    block: 'S21.G00.50',
    versions: ['P25V01', 'P26V01', 'P27V01'],
    check(payment, ctx) {
      if (ctx.nature !== '07') return;
      if ((remunerationTypes(payment, null) & endOfContractThree) !== endOfContractThree) ctx.fail(payment);
    },
    examples: () => [
      {
        title: 'FCTU : versement sans salaire de base',
        fails: true,
        edits: [endOfContract, underPayment(...remuneration('002'))],
      },
      {
        title: 'FCTU : versement avec les rémunérations 001, 002 et 010 de deux contrats',
        fails: false,
        edits: [
          endOfContract,
          underPayment(...remuneration('002', '100.00', '00002'), ...remuneration('010')),
        ],
      },
    ],
  },
  before2024('S21.G00.51.011/CCH-16', '026', 'Heures supplémentaires exonérées (026)'),
  {
    id: 'S21.G00.51.011/CCH-16',
    versions: ['P26V01', 'P27V01'],
    requires: [{ rubric: 11, values: ['001'] }, { rubric: 13 }, { rubric: 1 }, { rubric: 2 }],
    check(remuneration, ctx) {
      const rubric = remuneration.rubric(11);
      if (ctx.nature !== '01' || rubric?.value !== '001' || !nonZero(remuneration.value(13))) return;
      const start = dateKey(remuneration.value(1));
      const end = dateKey(remuneration.value(2));
      if (start === null || end === null || !inDeclaredMonth(start, ctx) || !inDeclaredMonth(end, ctx))
        return;
      const payment = remuneration.parent;
      if (payment === null) return;
      const children = payment.children;
      for (let i = 0; i < children.length; i++) {
        const c = children[i]!;
        if (c.id !== 'S21.G00.78' || !grossBases.has(c.value(1) ?? '')) continue;
        const from = dateKey(c.value(2));
        const to = dateKey(c.value(3));
        if (from !== null && to !== null && inDeclaredMonth(from, ctx) && inDeclaredMonth(to, ctx)) return;
      }
      ctx.fail(rubric);
    },
    examples: () => [
      {
        title: 'Rémunération brute de janvier sans base brute déplafonnée',
        fails: true,
        edits: [base('02')],
      },
      {
        title: 'Rémunération brute de janvier avec une base brute rattachée à décembre',
        fails: true,
        edits: [base('03', '01122025')],
      },
      {
        title: 'Rémunération brute de janvier avec sa base brute déplafonnée (03)',
        fails: false,
        edits: [base('03')],
      },
    ],
  },
  before2024('S21.G00.51.011/CCH-17', '027', 'Montant net social (027)'),
  {
    id: 'S21.G00.51.012/CCH-12',
    requires: [{ rubric: 12 }, { rubric: 11, values: amountTypes }],
    check(remuneration, ctx) {
      const hours = remuneration.rubric(12);
      if (hours === undefined || decimal(hours.value) !== 0) return;
      if (amountTypes.includes(remuneration.value(11) ?? '')) ctx.fail(hours);
    },
    examples: () => [
      {
        title: 'Salaire de base avec 0 heure',
        fails: true,
        edits: [set('S21.G00.51.011', '010'), after('S21.G00.51.011', "S21.G00.51.012,'0.00'")],
      },
      {
        title: 'Heures supplémentaires structurelles (018) à 0 heure',
        fails: false,
        edits: [set('S21.G00.51.011', '018'), after('S21.G00.51.011', "S21.G00.51.012,'0.00'")],
      },
    ],
  },
  requiredWhen('S21.G00.51.012/SIG-11', is(ref('S21.G00.51.011'), ...hourTypes), {
    versions: ['P24V01', 'P25V01', 'P26V01'],
    examples: () => [
      {
        title: "Heures d'activité partielle sans nombre d'heures",
        fails: true,
        edits: [set('S21.G00.51.011', '019')],
      },
      {
        title: "Heures d'activité partielle avec leur nombre",
        fails: false,
        edits: [set('S21.G00.51.011', '019'), after('S21.G00.51.011', "S21.G00.51.012,'12.00'")],
      },
    ],
  }),
  requiredWhen('S21.G00.51.012/SIG-11', is(ref('S21.G00.51.011'), ...hourTypesP27), {
    versions: ['P27V01'],
    examples: () => [
      {
        title: 'Heures aléatoires à exclure (036) sans nombre d’heures',
        fails: true,
        edits: [set('S21.G00.51.011', '036')],
      },
      {
        title: 'Heures aléatoires à exclure (036) avec leur nombre',
        fails: false,
        edits: [set('S21.G00.51.011', '036'), after('S21.G00.51.011', "S21.G00.51.012,'4.00'")],
      },
    ],
  }),
  forbiddenWhen('S21.G00.51.012/SIG-13', is(ref('S21.G00.51.011'), ...amountTypes), {
    examples: () => [
      {
        title: 'Rémunération brute avec un nombre d’heures',
        fails: true,
        edits: [after('S21.G00.51.011', "S21.G00.51.012,'151.67'")],
      },
      {
        title: 'Heures supplémentaires structurelles avec un nombre d’heures',
        fails: false,
        edits: [set('S21.G00.51.011', '018'), after('S21.G00.51.011', "S21.G00.51.012,'10.00'")],
      },
    ],
  }),
  {
    id: 'S21.G00.51.013/SIG-11',
    requires: [{ rubric: 11, values: ['001'] }, { rubric: 13 }],
    check(remuneration, ctx) {
      const amount = remuneration.rubric(13);
      if (remuneration.value(11) !== '001' || !nonZero(amount?.value)) return;
      const children = remuneration.parent?.children ?? [];
      for (let i = 0; i < children.length; i++) {
        const c = children[i]!;
        if (c.id === 'S21.G00.78' && c.value(1) === '03') return;
      }
      ctx.fail(amount!);
    },
    examples: () => [
      { title: 'Rémunération brute non nulle sans base 03', fails: true, edits: [base('02')] },
      { title: 'Rémunération brute non nulle avec sa base 03', fails: false, edits: [base('03')] },
      {
        title: 'Rémunération brute nulle sans base 03',
        fails: false,
        edits: [set('S21.G00.51.013', '0.00')],
      },
    ],
  },
  {
    id: 'S21.G00.51.014/CCH-11',
    requires: [{ rubric: 14 }],
    check(remuneration, ctx) {
      const rate = remuneration.rubric(14);
      if (rate !== undefined && namedContract(remuneration, 10)?.value(26) === '99') ctx.fail(rate);
    },
    examples: () => [
      {
        title: 'Taux de rémunération FP pour un salarié au statut « non concerné »',
        fails: true,
        edits: [after('S21.G00.51.013', "S21.G00.51.014,'100.00'")],
      },
      {
        title: 'Taux de rémunération FP pour un fonctionnaire',
        fails: false,
        edits: [set('S21.G00.40.026', '01'), after('S21.G00.51.013', "S21.G00.51.014,'80.00'")],
      },
    ],
  },
];
