import type { Block } from '../../../parse/tree.ts';
import type { Control } from '../../control.ts';
import { someChild } from '../../lib/children.ts';
import { crmOnlyForPastPeriod, dateAt, upToDeclaredMonth, upToFollowingMonth } from '../../lib/periods.ts';
import { ref, type Condition } from '../../lib/rules.ts';
import { dateKey } from '../../../values/calendar.ts';
import { adhesionId, adhesionLines, afterEstablishment, blockLines } from '../provident-pension/fixtures.ts';

/** Cotisation établissement (S21.G00.82), a context block of the establishment. */

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => String(from + i).padStart(3, '0'));
const codes = (...parts: (string | string[])[]) => new Set(parts.flat());

/** Contributions of prévoyance contracts, referring to an adhesion (S21.G00.15.005). */
const adhesionCodes = codes(range(1, 20), range(36, 40), '046', '090');
/** Those of them whose period may start in the month after the declared month (008, 013–016 aside). */
const followingMonthCodes = codes(range(1, 7), range(9, 12), range(17, 20), range(36, 40), '046', '090');
/** Contributions whose period starts at the latest in the declared month. */
const currentMonthCodes = codes(range(21, 35), range(41, 45), range(47, 50), '054');
/** OETH contributions and deductions, declared for one year. */
const yearlyCodes = codes(range(60, 68), range(71, 73));
/** Contributions that cannot refer to an adhesion or a CIBTP fund, by version. */
const notContractual = codes(range(21, 23), range(25, 35), range(41, 45), range(47, 50));
const notContractualSince25 = codes([...notContractual], range(60, 69), range(71, 80), '091');

const code = ref('S21.G00.82.002');
const codeIn =
  (set: ReadonlySet<string>): Condition =>
  (b, ctx) => {
    const v = code(b, ctx);
    return v !== undefined && set.has(v);
  };

/** A regulatory reference naming a CIBTP fund: 01 to 37 (table RRC). */
function cibtpReference(value: string | undefined): boolean {
  if (value === undefined || !/^\d\d$/.test(value)) return false;
  const n = Number(value);
  return n >= 1 && n <= 37;
}

/** An adhesion (S21.G00.15) of the same establishment has this technical id. */
const isAdhesionId = (contribution: Block, value: string): boolean =>
  contribution.parent !== null && someChild(contribution.parent, 'S21.G00.15', (a) => a.value(5) === value);

const yearOf = (value: string | undefined) => {
  const key = dateKey(value);
  return key === null ? null : Math.floor(key / 10000);
};

/** "If a block has code `a`, another with the same period has code `b`, and conversely." */
function paired(
  id: string,
  a: string,
  b: string,
  examples: Control['examples'],
  versions?: string[],
): Control {
  return {
    id,
    ...(versions ? { versions } : {}),
    examples,
    check(contribution, ctx) {
      const rubric = contribution.rubric(2);
      const parent = contribution.parent;
      if (rubric === undefined || parent === null || (rubric.value !== a && rubric.value !== b)) return;
      const partner = rubric.value === a ? b : a;
      const from = contribution.value(3);
      const to = contribution.value(4);
      const found = someChild(
        parent,
        'S21.G00.82',
        (o) => o !== contribution && o.value(2) === partner && o.value(3) === from && o.value(4) === to,
      );
      if (!found) ctx.fail(rubric);
    },
  };
}

/** Establishment contributions inserted after the establishment, each `[code, reference, start, end]`. */
const contributions = (...rows: [string, string, string?, string?][]) =>
  afterEstablishment(
    ...rows.map(([c, reference, from = '01012026', to = '31012026']) =>
      blockLines('S21.G00.82', { 1: '100.00', 2: c, 3: from, 4: to, 5: reference }),
    ),
  );
const oeth = (...pairs: [string, string][]) =>
  contributions(
    ...pairs.map(([c, year]): [string, string, string, string] => [c, '9999', `0101${year}`, `3112${year}`]),
  );

export const establishmentContributionControls: Control[] = [
  {
    id: 'S21.G00.82.002/CCH-14',
    check(contribution, ctx) {
      const rubric = contribution.rubric(2);
      const reference = contribution.value(5);
      if (rubric === undefined || reference === undefined) return;
      const forbidden = ctx.norm.version === 'P24V01' ? notContractual : notContractualSince25;
      if (!forbidden.has(rubric.value)) return;
      if (cibtpReference(reference) || isAdhesionId(contribution, reference)) ctx.fail(rubric);
    },
    examples: () => [
      {
        title: 'Forfait social (045) rattaché à une adhésion prévoyance',
        fails: true,
        edits: [
          afterEstablishment(
            adhesionLines(),
            blockLines('S21.G00.82', { 1: '50.00', 2: '045', 3: '01012026', 4: '31012026', 5: adhesionId }),
          ),
        ],
      },
      {
        title: 'Contribution FMSE (021) rattachée à la caisse CIBTP 12',
        fails: true,
        edits: [contributions(['021', '12'])],
      },
      {
        title: 'Forfait social avec une référence réglementaire libre',
        fails: false,
        edits: [contributions(['045', 'ART L137-15'])],
      },
      {
        title: 'Déduction ECAP (060) rattachée à la caisse 12 : interdite depuis P25V01',
        fails: true,
        versions: ['P25V01', 'P26V01', 'P27V01'],
        edits: [contributions(['060', '12', '01012025', '31122025'])],
      },
      {
        title: 'Déduction ECAP rattachée à la caisse 12 : admise en P24V01',
        fails: false,
        versions: ['P24V01'],
        edits: [contributions(['060', '12', '01012025', '31122025'])],
      },
    ],
  },
  {
    id: 'S21.G00.82.002/CCH-21',
    check(contribution, ctx) {
      const rubric = contribution.rubric(2);
      if (rubric === undefined || !yearlyCodes.has(rubric.value)) return;
      const from = yearOf(contribution.value(3));
      const to = yearOf(contribution.value(4));
      if (from !== null && to !== null && from !== to) ctx.fail(rubric);
    },
    examples: () => [
      {
        title: 'Contribution OETH brute sur deux exercices',
        fails: true,
        edits: [contributions(['065', '9999', '01072024', '30062025'])],
      },
      {
        title: 'Contribution OETH brute sur l’année 2025',
        fails: false,
        edits: [contributions(['065', '9999', '01012025', '31122025'])],
      },
    ],
  },
  paired('S21.G00.82.002/CCH-22', '065', '066', () => [
    { title: 'Contribution OETH brute sans contribution nette', fails: true, edits: [oeth(['065', '2025'])] },
    {
      title: 'Contribution OETH nette d’une autre année que la brute',
      fails: true,
      edits: [oeth(['065', '2025'], ['066', '2024'], ['068', '2025'])],
    },
    {
      title: 'Contributions OETH brute et nette de la même année',
      fails: false,
      edits: [oeth(['065', '2025'], ['066', '2025'], ['068', '2025'])],
    },
  ]),
  paired('S21.G00.82.002/CCH-23', '066', '067', () => [
    {
      title: 'Contribution OETH nette sans contribution après écrêtement',
      fails: true,
      edits: [oeth(['066', '2024'])],
    },
    {
      title: 'Contributions OETH nette et après écrêtement de la même année',
      fails: false,
      edits: [oeth(['066', '2024'], ['067', '2024'])],
    },
  ]),
  paired('S21.G00.82.002/CCH-24', '068', '065', () => [
    {
      title: 'Contribution OETH réelle due sans contribution brute',
      fails: true,
      edits: [oeth(['068', '2025'])],
    },
    {
      title: 'Contributions OETH réelle due et brute de la même année',
      fails: false,
      edits: [oeth(['065', '2025'], ['066', '2025'], ['068', '2025'])],
    },
  ]),
  upToFollowingMonth('S21.G00.82.003/CCH-11', {
    when: codeIn(followingMonthCodes),
    examples: () => [
      {
        title: 'Cotisation prévoyance établissement (001) rattachée à mars pour une déclaration de janvier',
        fails: true,
        edits: [contributions(['001', adhesionId, '01032026', '31032026'])],
      },
      {
        title: 'Cotisation prévoyance établissement rattachée au mois suivant',
        fails: false,
        edits: [contributions(['001', adhesionId, '01022026', '28022026'])],
      },
    ],
  }),
  upToDeclaredMonth('S21.G00.82.003/CCH-12', {
    when: codeIn(currentMonthCodes),
    examples: () => [
      {
        title: 'Forfait social (045) rattaché au mois suivant le mois déclaré',
        fails: true,
        edits: [contributions(['045', 'FS', '01022026', '28022026'])],
      },
      {
        title: 'Forfait social rattaché au mois déclaré',
        fails: false,
        edits: [contributions(['045', 'FS'])],
      },
    ],
  }),
  {
    id: 'S21.G00.82.005/CCH-12',
    check(contribution, ctx) {
      const c = contribution.value(2);
      if (c !== '024' && c !== '054') return;
      const reference = contribution.rubric(5);
      if (reference === undefined) ctx.fail(contribution);
      else if (!cibtpReference(reference.value)) ctx.fail(reference);
    },
    examples: () => [
      {
        title: 'Cotisation sur le chiffre d’affaires (054) sans caisse CIBTP',
        fails: true,
        edits: [contributions(['054', 'CA2025'])],
      },
      {
        title: 'Cotisation sur le chiffre d’affaires pour la caisse CIBTP 12',
        fails: false,
        edits: [contributions(['054', '12'])],
      },
    ],
  },
  {
    id: 'S21.G00.82.005/CCH-14',
    check(contribution, ctx) {
      const c = contribution.value(2);
      if (c === undefined || !adhesionCodes.has(c)) return;
      const reference = contribution.rubric(5);
      if (reference === undefined) ctx.fail(contribution);
      else if (!isAdhesionId(contribution, reference.value)) ctx.fail(reference);
    },
    examples: () => [
      {
        title: 'Cotisation prévoyance établissement dont la référence n’est pas une adhésion déclarée',
        fails: true,
        edits: [
          afterEstablishment(
            adhesionLines(),
            blockLines('S21.G00.82', { 1: '100.00', 2: '001', 3: '01012026', 4: '31012026', 5: '2' }),
          ),
        ],
      },
      {
        title: 'Cotisation prévoyance établissement rattachée à l’adhésion déclarée',
        fails: false,
        edits: [
          afterEstablishment(
            adhesionLines(),
            blockLines('S21.G00.82', { 1: '100.00', 2: '001', 3: '01012026', 4: '31012026', 5: adhesionId }),
          ),
        ],
      },
    ],
  },
  crmOnlyForPastPeriod('S21.G00.82.006/CCH-11', dateAt('S21.G00.82.003'), dateAt('S21.G00.82.004'), {
    examples: () => [
      {
        title: 'Identifiant de CRM sur une cotisation établissement du mois',
        fails: true,
        edits: [
          afterEstablishment(
            blockLines('S21.G00.82', {
              1: '10.00',
              2: '045',
              3: '01012026',
              4: '31012026',
              5: 'FS',
              6: 'CRM0001',
            }),
          ),
        ],
      },
      {
        title: 'Identifiant de CRM sur une régularisation de décembre',
        fails: false,
        edits: [
          afterEstablishment(
            blockLines('S21.G00.82', {
              1: '10.00',
              2: '045',
              3: '01122025',
              4: '31122025',
              5: 'FS',
              6: 'CRM0001',
            }),
          ),
        ],
      },
    ],
  }),
];
