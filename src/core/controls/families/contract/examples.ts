import type { Edit } from '../../../examples/edit.ts';
import type { ControlExample } from '../../../examples/example.ts';

/**
 * Edits of the `minimal` reference declaration shared by the contract families' examples: one
 * individual, one contract (S21.G00.40, number 00001, CDI started 01032020), declared month
 * January 2026, file made 05022026.
 */

/** Rubrics of the minimal declaration's contract, in file order. */
const minimalContract = [1, 2, 3, 4, 6, 7, 8, 9, 11, 12, 13, 14, 16, 17, 18, 19, 20, 24, 26, 36, 37, 39, 40];

const pad = (n: number) => String(n).padStart(3, '0');
const rubric = (block: string, n: number) => `${block}.${pad(n)}`;

/** Lines of one block instance, rubrics in ascending order. */
export function lines(block: string, values: Record<number, string>): string[] {
  return Object.keys(values)
    .map(Number)
    .sort((a, b) => a - b)
    .map((n) => `${rubric(block, n)},'${values[n]}'`);
}

/**
 * Sets, adds (keeping the rubric order) or removes (`null`) rubrics of the minimal declaration's
 * contract.
 */
export function contract(values: Record<number, string | null>): Edit[] {
  const present = new Set(minimalContract);
  const edits: Edit[] = [];
  for (const n of Object.keys(values)
    .map(Number)
    .sort((a, b) => a - b)) {
    const value = values[n]!;
    const id = rubric('S21.G00.40', n);
    if (value === null) {
      if (present.delete(n)) edits.push({ remove: id });
    } else if (present.has(n)) {
      edits.push({ set: id, value });
    } else {
      let before = 0;
      for (const p of present) if (p < n && p > before) before = p;
      edits.push(
        before === 0
          ? { insertBefore: rubric('S21.G00.40', 1), lines: [`${id},'${value}'`] }
          : { insertAfter: rubric('S21.G00.40', before), lines: [`${id},'${value}'`] },
      );
      present.add(n);
    }
  }
  return edits;
}

/** Child blocks of the contract (S21.G00.41, 60, 62, 65, 70…), placed before its S21.G00.71. */
export const child = (...blockLines: string[]): Edit => ({
  insertBefore: 'S21.G00.71.002',
  lines: blockLines,
});

/** The declaration's nature (S20.G00.05.001). */
export const declarationNature = (code: string): Edit => ({ set: 'S20.G00.05.001', value: code });

/** Another remuneration (S21.G00.51) of the individual's payment, after the existing one. */
export const remuneration = (values: Record<number, string>): Edit => ({
  insertAfter: 'S21.G00.51.013',
  lines: lines('S21.G00.51', { 1: '01012026', 2: '31012026', 10: '00001', 13: '0.00', ...values }),
});

/** A second contract of the individual, placed after the first one's S21.G00.71. */
export const secondContract = (values: Record<number, string>): Edit => ({
  insertAfter: 'S21.G00.71.002',
  lines: [
    ...lines('S21.G00.40', {
      1: '01062024',
      2: '04',
      3: '04',
      4: '512a',
      6: 'VENDEUR',
      7: '01',
      8: '99',
      9: '00002',
      11: '10',
      12: '151.67',
      13: '75.00',
      14: '20',
      16: '99',
      17: '0843',
      18: '200',
      19: '73282932000074',
      20: '200',
      24: '99',
      26: '99',
      36: '02',
      37: '02',
      39: '200',
      40: '107CB',
      ...values,
    }),
    "S21.G00.71.002,'RUAA'",
  ],
});

/** An example in one line. */
export const example = (
  title: string,
  fails: boolean,
  edits: Edit[],
  options: Pick<ControlExample, 'versions' | 'base' | 'today' | 'tables'> = {},
): ControlExample => ({ title, fails, edits, ...options });

/** A failing and a passing example of the same situation. */
export const pair = (
  failing: string,
  failingEdits: Edit[],
  passing: string,
  passingEdits: Edit[],
  options: Pick<ControlExample, 'versions' | 'base'> = {},
): ControlExample[] => [
  example(failing, true, failingEdits, options),
  example(passing, false, passingEdits, options),
];

/** A work place or user establishment (S21.G00.85), after the individuals. */
export const workplace = (id: string): Edit => ({
  insertBefore: 'S90.G00.90.001',
  lines: lines('S21.G00.85', {
    1: id,
    2: '4711D',
    3: '1 RUE DU COMMERCE',
    4: '75015',
    5: 'PARIS',
    10: '01',
    11: '75115',
  }),
});
