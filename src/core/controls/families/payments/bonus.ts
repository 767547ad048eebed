import type { Edit } from '../../../examples/edit.ts';
import type { Block } from '../../../parse/tree.ts';
import type { Control } from '../../control.ts';
import { namedContract, namesAContract } from '../../lib/contract-numbers.ts';
import { notAfterDeclaredMonth, notAfterFileDate } from '../../lib/dating.ts';
import { dateAt, notBefore } from '../../lib/periods.ts';
import { is, ref, requiredWhen } from '../../lib/rules.ts';
import { dateKey } from '../../../values/calendar.ts';
import { after, endOfContract, set, underPayment } from './shared.ts';

/** Prime, gratification et indemnité (S21.G00.52). */

/** The contract a bonus is paid for (S21.G00.52.006), or the number it had before (FCTU). */
const contractOf = (bonus: Block) => namedContract(bonus, 6, true);

/**
 * "Si le bloc Fin du contrat est présent, alors le code type … n'est autorisé que si le motif de
 * la rupture est …": the contract's ends must include one of `motives`.
 */
function onlyForEndMotives(
  id: string,
  types: readonly string[],
  motives: readonly string[],
  examples: Control['examples'],
): Control {
  const allowed = new Set(motives);
  return {
    id,
    examples,
    check(bonus, ctx) {
      const type = bonus.rubric(1);
      if (type === undefined || !types.includes(type.value)) return;
      const contract = contractOf(bonus);
      if (contract === undefined) return;
      let ended = false;
      const children = contract.children;
      for (let i = 0; i < children.length; i++) {
        const c = children[i]!;
        if (c.id !== 'S21.G00.62') continue;
        ended = true;
        if (allowed.has(c.value(2) ?? '')) return;
      }
      if (ended) ctx.fail(type);
    },
  };
}

/** "La période … doit obligatoirement être antérieure au `limit`" (`AAAAMMJJ`, exclusive). */
function periodBefore(bonus: Block, limit: number): boolean {
  const start = dateKey(bonus.value(3));
  const end = dateKey(bonus.value(4));
  return (start === null || start < limit) && (end === null || end < limit);
}

/** End-of-contract indemnities that appear once per contract and payment. */
const endIndemnity = /^0(0[1-9]|1\d|2[0-5])$/;
const periodTypesP24 = ['026', '027', '029'];
const periodTypesP27 = [...periodTypesP24, '052', '053', '054'];
const railwaySupplements = ['052', '053', '054'];
const pepa = '902';

/** A bonus line under the payment of `minimal`, for its contract 00001 unless stated. */
const bonus = (type: string, more: string[] = [], contract = '00001'): string[] => [
  `S21.G00.52.001,'${type}'`,
  "S21.G00.52.002,'500.00'",
  ...more.filter((l) => l < 'S21.G00.52.006'),
  `S21.G00.52.006,'${contract}'`,
  ...more.filter((l) => l > 'S21.G00.52.006'),
];
const paid = (...lines: string[]): Edit => underPayment(...lines);
/** `minimal`'s contract ends on 31 January 2026 for `motive`. */
const ended = (motive: string): Edit =>
  after('S21.G00.40.040', "S21.G00.62.001,'31012026'", `S21.G00.62.002,'${motive}'`);
const period = (start: string, end: string) => [`S21.G00.52.003,'${start}'`, `S21.G00.52.004,'${end}'`];

/** Examples of a motive rule: the type with a wrong motive, with a right one. */
const motiveExamples =
  (type: string, wrong: string, right: string, label: string): Control['examples'] =>
  () => [
    {
      title: `${label} pour une fin de contrat de motif ${wrong}`,
      fails: true,
      edits: [ended(wrong), paid(...bonus(type))],
    },
    {
      title: `${label} pour une fin de contrat de motif ${right}`,
      fails: false,
      edits: [ended(right), paid(...bonus(type))],
    },
    {
      title: `${label} pour une fin annulée (099)`,
      fails: false,
      edits: [ended('099'), paid(...bonus(type))],
    },
  ];

const dismissals = [
  '011',
  '012',
  '014',
  '015',
  '020',
  '025',
  '026',
  '082',
  '086',
  '087',
  '089',
  '091',
  '092',
  '093',
  '098',
  '099',
  '111',
  '112',
  '113',
  '114',
  '115',
  '117',
];
const conciliation = [
  '011',
  '012',
  '014',
  '015',
  '020',
  '025',
  '026',
  '065',
  '082',
  '086',
  '087',
  '088',
  '089',
  '091',
  '092',
  '093',
  '098',
  '099',
  '113',
  '114',
  '115',
  '117',
];
const stateComplementNaturesP24 = new Set(['01', '02', '03', '07', '08', '60', '82', '91', '92']);
const stateComplementNatures = new Set([...stateComplementNaturesP24, '53', '54']);

export const bonusControls: Control[] = [
  {
    id: 'S21.G00.52.001/CCH-11',
    check(bonus, ctx) {
      const type = bonus.rubric(1);
      const payment = bonus.parent;
      if (type === undefined || payment === null || !endIndemnity.test(type.value)) return;
      const contract = bonus.value(6);
      const children = payment.children;
      for (let i = 0; i < children.length; i++) {
        const c = children[i]!;
        if (c === bonus) return;
        if (c.id === 'S21.G00.52' && c.value(1) === type.value && c.value(6) === contract)
          return ctx.fail(type);
      }
    },
    examples: () => [
      {
        title: 'Deux indemnités légales de licenciement (007) pour le même contrat et versement',
        fails: true,
        edits: [paid(...bonus('007'), ...bonus('007'))],
      },
      {
        title: 'Indemnité légale de licenciement et indemnité compensatrice de congés payés',
        fails: false,
        edits: [paid(...bonus('007'), ...bonus('025'))],
      },
    ],
  },
  {
    id: 'S21.G00.52.001/CCH-20',
    check(bonus, ctx) {
      const type = bonus.rubric(1);
      const individual = bonus.parent?.parent;
      if (type?.value !== '010' || individual == null) return;
      const contract = bonus.value(6);
      const payments = individual.children;
      for (let i = 0; i < payments.length; i++) {
        const p = payments[i]!;
        if (p.id !== 'S21.G00.50') continue;
        const children = p.children;
        for (let j = 0; j < children.length; j++) {
          const c = children[j]!;
          if (c.id === 'S21.G00.52' && c.value(1) === '009' && c.value(6) === contract) return ctx.fail(type);
        }
      }
    },
    examples: () => [
      {
        title: 'Indemnités légales spéciale (009) et spécifique (010) de licenciement pour le même contrat',
        fails: true,
        edits: [paid(...bonus('009'), ...bonus('010'))],
      },
      {
        title: 'Indemnité légale spécifique (010) seule',
        fails: false,
        edits: [paid(...bonus('010'))],
      },
    ],
  },
  onlyForEndMotives(
    'S21.G00.52.001/CCH-21',
    ['001'],
    ['043', '110', '099'],
    motiveExamples('001', '059', '043', 'Indemnité spécifique de rupture conventionnelle'),
  ),
  onlyForEndMotives(
    'S21.G00.52.001/CCH-22',
    ['003', '004'],
    ['038', '099'],
    motiveExamples('003', '039', '038', 'Indemnité légale de mise à la retraite'),
  ),
  onlyForEndMotives(
    'S21.G00.52.001/CCH-23',
    ['005', '006'],
    ['039', '059', '099'],
    motiveExamples('006', '038', '039', 'Indemnité conventionnelle de départ à la retraite'),
  ),
  onlyForEndMotives(
    'S21.G00.52.001/CCH-24',
    ['007', '008', '009', '010'],
    dismissals,
    motiveExamples('007', '059', '020', 'Indemnité légale de licenciement'),
  ),
  onlyForEndMotives(
    'S21.G00.52.001/CCH-27',
    ['016'],
    ['081', '084', '097', '099'],
    motiveExamples('016', '059', '081', "Indemnité légale versée à l'apprenti"),
  ),
  onlyForEndMotives(
    'S21.G00.52.001/CCH-29',
    ['032'],
    ['033', '091', '092', '099'],
    motiveExamples('032', '020', '092', 'Indemnité compensatrice de préavis pour inaptitude'),
  ),
  onlyForEndMotives(
    'S21.G00.52.001/CCH-31',
    ['033'],
    conciliation,
    motiveExamples('033', '059', '088', 'Indemnité forfaitaire de conciliation prud’homale'),
  ),
  {
    id: 'S21.G00.52.001/CCH-32',
    check(bonus, ctx) {
      const type = bonus.rubric(1);
      if (type?.value !== '039') return;
      const natures = ctx.norm.version === 'P24V01' ? stateComplementNaturesP24 : stateComplementNatures;
      if (natures.has(contractOf(bonus)?.value(7) ?? '')) ctx.fail(type);
    },
    examples: () => [
      {
        title: "Complément de rémunération à la charge de l'État pour un CDI",
        fails: true,
        edits: [paid(...bonus('039'))],
      },
      {
        title:
          "Complément de rémunération à la charge de l'État pour un contrat d'emploi pénitentiaire (53), interdit depuis P25V01",
        fails: true,
        versions: ['P25V01', 'P26V01', 'P27V01'],
        edits: [set('S21.G00.40.007', '53'), paid(...bonus('039'))],
      },
      {
        title:
          "Complément de rémunération à la charge de l'État pour un contrat d'emploi pénitentiaire (53) en P24V01",
        fails: false,
        versions: ['P24V01'],
        edits: [set('S21.G00.40.007', '53'), paid(...bonus('039'))],
      },
      {
        title: "Complément de rémunération à la charge de l'État pour un contrat de droit public (10)",
        fails: false,
        edits: [set('S21.G00.40.007', '10'), paid(...bonus('039'))],
      },
    ],
  },
  {
    id: 'S21.G00.52.001/CCH-33',
    check(bonus, ctx) {
      const type = bonus.rubric(1);
      if (type?.value !== '045') return;
      const nature = contractOf(bonus)?.value(7);
      if (nature !== undefined && nature !== '03') ctx.fail(type);
    },
    examples: () => [
      {
        title: 'Dommages et intérêts pour non-remise du contrat de mission versés sur un CDI',
        fails: true,
        edits: [paid(...bonus('045'))],
      },
      {
        title: 'Dommages et intérêts pour non-remise du contrat de mission versés sur une mission',
        fails: false,
        edits: [set('S21.G00.40.007', '03'), paid(...bonus('045'))],
      },
    ],
  },
  {
    id: 'S21.G00.52.001/CCH-34',
    check(bonus, ctx) {
      const type = bonus.rubric(1);
      if (type !== undefined && railwaySupplements.includes(type.value) && !periodBefore(bonus, 20270101))
        ctx.fail(type);
    },
    examples: () => [
      {
        title: 'Supplément de rémunération (053) rattaché à janvier 2027',
        fails: true,
        edits: [paid(...bonus('053', period('01012027', '31012027')))],
      },
      {
        title: 'Supplément de rémunération (053) rattaché à décembre 2026',
        fails: false,
        edits: [paid(...bonus('053', period('01122026', '31122026')))],
      },
    ],
  },
  requiredWhen('S21.G00.52.003/CCH-12', is(ref('S21.G00.52.001'), ...periodTypesP24), {
    versions: ['P24V01'],
    examples: () => [
      {
        title: 'Prime liée à l’activité (027) sans début de période',
        fails: true,
        edits: [paid(...bonus('027'))],
      },
      {
        title: 'Prime liée à l’activité (027) avec sa période',
        fails: false,
        edits: [paid(...bonus('027', period('01102025', '31122025')))],
      },
    ],
  }),
  requiredWhen('S21.G00.52.003/CCH-12', is(ref('S21.G00.52.001'), ...periodTypesP24, pepa), {
    versions: ['P25V01', 'P26V01'],
    examples: () => [
      { title: 'Prime PEPA (902) sans début de période', fails: true, edits: [paid(...bonus('902'))] },
      {
        title: 'Prime PEPA (902) avec sa période',
        fails: false,
        edits: [paid(...bonus('902', period('01012022', '31032022')))],
      },
    ],
  }),
  requiredWhen('S21.G00.52.003/CCH-12', is(ref('S21.G00.52.001'), ...periodTypesP27, pepa), {
    versions: ['P27V01'],
    examples: () => [
      {
        title: 'Supplément de rémunération (052) sans début de période',
        fails: true,
        edits: [paid(...bonus('052'))],
      },
      {
        title: 'Supplément de rémunération (052) avec sa période',
        fails: false,
        edits: [paid(...bonus('052', period('01122026', '31122026')))],
      },
    ],
  }),
  notBefore('S21.G00.52.004/CCH-11', dateAt('S21.G00.52.003'), {
    examples: () => [
      {
        title: 'Période de rattachement finissant avant de commencer',
        fails: true,
        edits: [paid(...bonus('027', period('01122025', '30112025')))],
      },
      {
        title: "Période de rattachement d'un jour",
        fails: false,
        edits: [paid(...bonus('027', period('01122025', '01122025')))],
      },
    ],
  }),
  requiredWhen('S21.G00.52.004/CCH-13', is(ref('S21.G00.52.001'), ...periodTypesP24), {
    versions: ['P24V01', 'P25V01', 'P26V01'],
    examples: () => [
      {
        title: 'Prime de rachat de RTT (029) sans fin de période',
        fails: true,
        edits: [paid(...bonus('029', ["S21.G00.52.003,'01102025'"]))],
      },
      {
        title: 'Prime de rachat de RTT (029) avec sa période',
        fails: false,
        edits: [paid(...bonus('029', period('01102025', '31122025')))],
      },
    ],
  }),
  requiredWhen('S21.G00.52.004/CCH-13', is(ref('S21.G00.52.001'), ...periodTypesP27), {
    versions: ['P27V01'],
    examples: () => [
      {
        title: 'Supplément de rémunération (054) sans fin de période',
        fails: true,
        edits: [paid(...bonus('054', ["S21.G00.52.003,'01122026'"]))],
      },
      {
        title: 'Supplément de rémunération (054) avec sa période',
        fails: false,
        edits: [paid(...bonus('054', period('01122026', '31122026')))],
      },
    ],
  }),
  {
    id: 'S21.G00.52.004/CCH-14',
    check(bonus, ctx) {
      if (bonus.value(1) !== pepa) return;
      const end = bonus.rubric(4);
      if (end === undefined) return ctx.fail(bonus);
      const date = dateKey(end.value);
      if (date !== null && date > 20220331) ctx.fail(end);
    },
    examples: () => [
      {
        title: 'Prime PEPA sans fin de période',
        fails: true,
        edits: [paid(...bonus('902', ["S21.G00.52.003,'01012022'"]))],
      },
      {
        title: 'Prime PEPA rattachée à une période finissant en avril 2022',
        fails: true,
        edits: [paid(...bonus('902', period('01012022', '30042022')))],
      },
      {
        title: 'Prime PEPA rattachée au premier trimestre 2022',
        fails: false,
        edits: [paid(...bonus('902', period('01012022', '31032022')))],
      },
    ],
  },
  namesAContract('S21.G00.52.006/CCH-11', ['01'], false, {
    examples: () => [
      {
        title: 'Prime rattachée à un contrat inconnu',
        fails: true,
        edits: [paid(...bonus('027', [], '00002'))],
      },
      { title: "Prime rattachée au contrat de l'individu", fails: false, edits: [paid(...bonus('027'))] },
    ],
  }),
  namesAContract('S21.G00.52.006/CCH-12', ['07'], true, {
    examples: () => [
      {
        title: 'FCTU : indemnité rattachée à un numéro inconnu',
        fails: true,
        edits: [endOfContract, paid(...bonus('025', [], '00009'))],
      },
      {
        title: 'FCTU : indemnité rattachée au numéro déclaré précédemment',
        fails: false,
        edits: [
          endOfContract,
          after('S21.G00.40.040', "S21.G00.45.001,'73282932000074'", "S21.G00.45.002,'00009'"),
          paid(...bonus('025', [], '00009')),
        ],
      },
    ],
  }),
  {
    id: 'S21.G00.52.007/CCH-13',
    check(bonus, ctx) {
      const paidOn = bonus.rubric(7);
      if (bonus.value(1) !== pepa || paidOn === undefined) return;
      const date = dateKey(paidOn.value);
      const end = dateKey(bonus.value(4));
      if (date !== null && end !== null && date > end) ctx.fail(paidOn);
    },
    examples: () => [
      {
        title: 'Prime PEPA versée à l’origine après la fin de sa période',
        fails: true,
        edits: [paid(...bonus('902', [...period('01012022', '31032022'), "S21.G00.52.007,'15042022'"]))],
      },
      {
        title: 'Prime PEPA versée à l’origine le dernier jour de sa période',
        fails: false,
        edits: [paid(...bonus('902', [...period('01012022', '31032022'), "S21.G00.52.007,'31032022'"]))],
      },
    ],
  },
  notAfterDeclaredMonth('S21.G00.52.007/SIG-11', {
    examples: () => [
      {
        title: "Date de versement d'origine après le mois déclaré",
        fails: true,
        edits: [paid(...bonus('027', [...period('01102025', '31122025'), "S21.G00.52.007,'01022026'"]))],
      },
      {
        title: "Date de versement d'origine dans le mois déclaré",
        fails: false,
        edits: [paid(...bonus('027', [...period('01102025', '31122025'), "S21.G00.52.007,'31012026'"]))],
      },
    ],
  }),
  notAfterFileDate('S21.G00.52.007/SIG-12', {
    examples: () => [
      {
        title: "FCTU : date de versement d'origine postérieure à la constitution du fichier",
        fails: true,
        edits: [endOfContract, paid(...bonus('025', ["S21.G00.52.007,'06022026'"]))],
      },
      {
        title: "FCTU : date de versement d'origine le jour de la constitution du fichier",
        fails: false,
        edits: [endOfContract, paid(...bonus('025', ["S21.G00.52.007,'05022026'"]))],
      },
    ],
  }),
];
