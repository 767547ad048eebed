import type { Edit } from '../../../examples/edit.ts';

/**
 * Blocks the reference declarations lack (work places, fee beneficiaries, non-salaried persons),
 * written from defaults that pass every control of the family: an example changes a rubric or two.
 */

/** Rubric number (`'006'`) → value; `null` leaves the rubric out. */
export type Rubrics = Record<string, string | null>;

/** One block instance in rubric order: `defaults` with `changes` applied. */
export function blockLines(block: string, defaults: Rubrics, changes: Rubrics = {}): string[] {
  const merged: Rubrics = { ...defaults, ...changes };
  return Object.keys(merged)
    .sort()
    .filter((n) => merged[n] !== null)
    .map((n) => `${block}.${n},'${merged[n]}'`);
}

/** Units come after the individuals: before the envoi's footer. */
export const beforeFooter = (...lines: string[][]): Edit => ({
  insertBefore: 'S90.G00.90.001',
  lines: lines.flat(),
});

export const workplaceLines = (changes: Rubrics = {}) =>
  blockLines(
    'S21.G00.85',
    {
      '001': '73282932000074',
      '002': '1071C',
      '003': '12 RUE DES LILAS',
      '004': '75011',
      '005': 'PARIS',
      '010': '01',
      '011': '75111',
    },
    changes,
  );
export const workplace = (changes: Rubrics = {}): Edit => beforeFooter(workplaceLines(changes));

/** A fee beneficiary (S89.G00.32) and its children (`remuneration`, `benefit`, `allowance`). */
export const feesLines = (changes: Rubrics = {}, ...children: string[][]) => [
  ...blockLines(
    'S89.G00.32',
    {
      '001': 'AVOCAT',
      '002': 'MARTIN',
      '003': 'PAUL',
      '008': '1 RUE DE LA PAIX',
      '011': '75002',
      '012': 'PARIS',
      '017': '2025',
    },
    changes,
  ),
  ...(children.length > 0 ? children.flat() : remuneration('01', '1500.00')),
];
export const fees = (changes: Rubrics = {}, ...children: string[][]): Edit =>
  beforeFooter(feesLines(changes, ...children));
export const remuneration = (type: string, amount: string) => [
  `S89.G00.43.001,'${type}'`,
  `S89.G00.43.002,'${amount}'`,
];
export const benefit = (amount: string) => ["S89.G00.33.001,'03'", `S89.G00.33.002,'${amount}'`];
export const allowance = (amount: string) => ["S89.G00.35.001,'01'", `S89.G00.35.002,'${amount}'`];

/** A non-salaried person (S89.G00.91) and its specific bases; one default base when none is given. */
export const personLines = (changes: Rubrics = {}, ...bases: string[][]) => [
  ...blockLines(
    'S89.G00.91',
    {
      '001': '1850775123456',
      '002': 'MARTIN',
      '004': 'PAUL',
      '005': '01',
      '006': '14071985',
      '007': 'PARIS',
      '008': '1 RUE DE LA PAIX',
      '009': '75002',
      '010': 'PARIS',
      '017': '04',
      '018': '01',
      '019': '75',
      '020': 'FR',
    },
    changes,
  ),
  ...(bases.length > 0 ? bases.flat() : specificBase()),
];
export const person = (changes: Rubrics = {}, ...bases: string[][]): Edit =>
  beforeFooter(personLines(changes, ...bases));

/** A specific base (S89.G00.92): type 06, gross uncapped (50), PAS at 5 % of 900.00. */
export const specificBase = (changes: Rubrics = {}, ...children: string[][]) => [
  ...blockLines(
    'S89.G00.92',
    {
      '001': '06',
      '002': '50',
      '003': '1000.00',
      '004': '01012026',
      '005': '31012026',
      '006': '900.00',
      '007': '5.00',
      '008': '13',
      '010': '45.00',
      '011': '31012026',
      '013': '900.00',
      '016': '855.00',
      '017': '920.00',
    },
    changes,
  ),
  ...children.flat(),
];
/** A base other than 50: none of the PAS rubrics. */
export const otherBase = (code: string, changes: Rubrics = {}, ...children: string[][]) =>
  specificBase(
    {
      '002': code,
      '006': null,
      '007': null,
      '008': null,
      '010': null,
      '013': null,
      '016': null,
      '017': null,
      ...changes,
    },
    ...children,
  );

/** A PAS correction (S89.G00.93): net taxable amount of December 2025 rectified. */
export const regularisation = (changes: Rubrics = {}) =>
  blockLines(
    'S89.G00.93',
    { '001': '122025', '002': '01', '003': '100.00', '006': '5.00', '007': '5.00', '009': '100.00' },
    changes,
  );
export const contribution = () => ["S89.G00.94.001,'001'", "S89.G00.94.002,'50.00'"];
/** A person whose one base carries the children given (regularisations, contributions). */
export const personWithBase = (base: Parameters<typeof specificBase>[0], ...children: string[][]): Edit =>
  person({}, specificBase(base, ...children));
