import type { Edit } from '../../../examples/edit.ts';

/**
 * Blocks the reference declarations lack, written with the rubrics an example sets (a record of
 * rubric number → value, merged over a few defaults and written in rubric order).
 */
type Rubrics = Record<string, string>;

function lines(block: string, defaults: Rubrics, rubrics: Rubrics): string[] {
  const all: Rubrics = { ...defaults, ...rubrics };
  return Object.keys(all)
    .sort()
    .map((n) => `${block}.${n},'${all[n]}'`);
}

/** Before the footer: S21.G00.85, S89 blocks come after every individual. */
const atEnd =
  (block: string, defaults: Rubrics) =>
  (rubrics: Rubrics): Edit => ({
    insertBefore: 'S90.G00.90.001',
    lines: lines(block, defaults, rubrics),
  });

/** A work place (S21.G00.85) of legal nature 01 (établissement). */
export const workplace = atEnd('S21.G00.85', { '001': '73282932000074', '010': '01' });

/** A fee beneficiary (S89.G00.32): a lawyer identified by name and SIRET. */
export const feeBeneficiary = atEnd('S89.G00.32', {
  '001': 'AVOCAT',
  '002': 'MARTIN',
  '003': 'PAUL',
  '004': '552100554',
  '005': '00016',
  '017': '2026',
});

/** A non-salaried individual (S89.G00.91). */
export const nonSalaried = atEnd('S89.G00.91', {
  '001': '1850775123456',
  '002': 'DURAND',
  '004': 'ALAIN',
  '005': '01',
  '006': '14071985',
});

/** A change of the contract (S21.G00.41) on 1 January 2026, under the contract of `minimal`. */
export function contractChange(rubrics: Rubrics): Edit {
  return { insertAfter: 'S21.G00.40.040', lines: lines('S21.G00.41', { '001': '01012026' }, rubrics) };
}

/** A block nested under the establishment (S21.G00.11) of `minimal`, placed after its last rubric. */
export function underEstablishment(block: string, rubrics: Rubrics, defaults: Rubrics = {}): Edit {
  return { insertAfter: 'S21.G00.11.022', lines: lines(block, defaults, rubrics) };
}

/** A block nested under the contract (S21.G00.40) of `minimal`, after its last rubric. */
export function underContract(block: string, rubrics: Rubrics, defaults: Rubrics = {}): Edit {
  return { insertAfter: 'S21.G00.40.040', lines: lines(block, defaults, rubrics) };
}
