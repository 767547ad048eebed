import type { Edit } from '../../../examples/edit.ts';
import type { Block } from '../../../parse/tree.ts';

/** What the payment controls share: reading remunerations, and the edits of their examples. */

/** Bits of the four remuneration types (S21.G00.51.011) the rules require together. */
const typeBits: Record<string, number> = { '001': 1, '002': 2, '003': 4, '010': 8 };
export const unemploymentGross = 2;
export const allFour = 15;
/** 001, 002 and 010, required in an FCTU. */
export const endOfContractThree = 11;

/** The types (bits) of the remunerations a payment holds for contract `number` (any when null). */
export function remunerationTypes(payment: Block, number: string | null): number {
  let bits = 0;
  const children = payment.children;
  for (let i = 0; i < children.length; i++) {
    const c = children[i]!;
    if (c.id !== 'S21.G00.51' || (number !== null && c.value(10) !== number)) continue;
    bits |= typeBits[c.value(11) ?? ''] ?? 0;
  }
  return bits;
}

const amountShape = /^-?\d+\.\d{2}$/;
const nonZeroDigit = /[1-9]/;

/** An amount that is present, readable and not zero ("différent de 0.00"). */
export function nonZero(amount: string | undefined): boolean {
  return amount !== undefined && amountShape.test(amount) && nonZeroDigit.test(amount);
}

// ---- examples -------------------------------------------------------------------------------

export const set = (rubric: string, value: string, occurrence?: number): Edit =>
  occurrence === undefined ? { set: rubric, value } : { set: rubric, value, occurrence };
export const after = (rubric: string, ...lines: string[]): Edit => ({ insertAfter: rubric, lines });
export const remove = (rubric: string, occurrence?: number): Edit =>
  occurrence === undefined ? { remove: rubric } : { remove: rubric, occurrence };

/** A remuneration (S21.G00.51) of January 2026, for the contract of `minimal` by default. */
export const remuneration = (type: string, amount = '1800.00', contract = '00001'): string[] => [
  "S21.G00.51.001,'01012026'",
  "S21.G00.51.002,'31012026'",
  `S21.G00.51.010,'${contract}'`,
  `S21.G00.51.011,'${type}'`,
  `S21.G00.51.013,'${amount}'`,
];
/** Blocks added under the payment of `minimal`, after its remuneration (S52, S53, S54, S59…). */
export const underPayment = (...lines: string[]): Edit => after('S21.G00.51.013', ...lines);
/** `minimal` as an FCTU (nature 07). */
export const endOfContract = set('S20.G00.05.001', '07');
