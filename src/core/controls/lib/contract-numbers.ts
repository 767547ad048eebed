import type { Block } from '../../parse/tree.ts';
import { numberOf, type Control } from '../control.ts';
import { individualOf } from './declaration.ts';

/**
 * Blocks that name a contract by its number (S21.G00.34.002, 51.010, 52.006, 54.005, 59.006,
 * 78.006, 86.005…) and the contracts (S21.G00.40.009) of the same individual they must match.
 * Loops rather than `Block.all`: these run on every remuneration of a file.
 */

/**
 * The contract (S21.G00.40) of an individual whose number (S21.G00.40.009) is `number` or, with
 * `previous`, that was declared under that number before (S21.G00.45.002, in an FCTU).
 */
export function contractByNumber(
  individual: Block,
  number: string | undefined,
  previous = false,
): Block | undefined {
  if (number === undefined) return undefined;
  const children = individual.children;
  for (let i = 0; i < children.length; i++) {
    const c = children[i]!;
    if (c.id !== 'S21.G00.40') continue;
    if (c.value(9) === number) return c;
    if (previous && c.first('S21.G00.45')?.value(2) === number) return c;
  }
  return undefined;
}

/** The contract a block names with its rubric `rubricNumber`, in the block's individual. */
export function namedContract(block: Block, rubricNumber: number, previous = false): Block | undefined {
  const individual = individualOf(block);
  return individual === undefined
    ? undefined
    : contractByNumber(individual, block.value(rubricNumber), previous);
}

/** True when `number` names a contract of the individual (see {@link contractByNumber}). */
export function isContractNumber(individual: Block, number: string, previous = false): boolean {
  return contractByNumber(individual, number, previous) !== undefined;
}

type Extra = Pick<Control, 'examples' | 'versions' | 'block' | 'message'>;

/**
 * The control's rubric, when present in a declaration of one of `natures`, is the number of a
 * contract of the same individual (or, with `previous`, a previously declared number).
 */
export function namesAContract(
  id: string,
  natures: readonly string[] | null,
  previous: boolean,
  extra: Extra = {},
): Control {
  const number = numberOf(id);
  return {
    id,
    ...extra,
    check(block, ctx) {
      if (natures !== null && (ctx.nature === undefined || !natures.includes(ctx.nature))) return;
      const rubric = block.rubric(number);
      if (rubric === undefined) return;
      const individual = individualOf(block);
      if (individual !== undefined && !isContractNumber(individual, rubric.value, previous)) ctx.fail(rubric);
    },
  };
}
