import type { Block } from '../../../parse/tree.ts';
import { numberOf, type Control } from '../../control.ts';
import { all, blockRun, presentOrHolds, requiredWhen, valueRule, type Condition } from '../../lib/rules.ts';
import { allowed } from '../../lib/usages.ts';
import { dateKey } from '../../../values/calendar.ts';
import { addMonths } from '../../../values/day-numbers.ts';

/** Helpers shared by the contract (S21.G00.40) and contract events (41/60/62/63/65/75) families. */

export type Extra = Pick<Control, 'examples' | 'versions' | 'block' | 'message' | 'requires'>;

/** A date rubric of a block as `AAAAMMJJ`, or null when absent or unreadable. */
export const dateOf = (block: Block | undefined, n: number): number | null => dateKey(block?.value(n));

/** The contract a block belongs to (or the block itself). */
export const contractOf = (block: Block): Block | undefined =>
  block.id === 'S21.G00.40' ? block : block.ancestor('S21.G00.40');

/** First child block `id`, without `Block.first`'s closure: these run on every contract. */
export function childBlock(block: Block, id: string): Block | undefined {
  const children = block.children;
  for (let i = 0; i < children.length; i++) if (children[i]!.id === id) return children[i];
  return undefined;
}

/**
 * End date of the contract (S21.G00.62.001) when it has an end block whose reason is not
 * « 099 - Annulation »; null otherwise.
 */
export function effectiveEnd(contract: Block | undefined): number | null {
  const end = contract === undefined ? undefined : childBlock(contract, 'S21.G00.62');
  if (end === undefined || end.value(2) === '099') return null;
  return dateOf(end, 1);
}

/** Every condition holds (the rule builders' `all`, under the name these families use). */
export const and = all;

/** One condition holds: `any` without a closure per call. */
export const or =
  (...cs: Condition[]): Condition =>
  (b, ctx) => {
    for (let i = 0; i < cs.length; i++) if (cs[i]!(b, ctx)) return true;
    return false;
  };

/** The control's rubric is mandatory when `when` holds and the nature's usages allow it. */
export const required = (id: string, when: Condition, extra: Extra = {}): Control =>
  requiredWhen(id, and(when, allowed(id)), extra);

/**
 * "Obligatoire si et seulement si … Dans le cas contraire, elle est interdite": the presence part
 * only where the nature's usages allow the rubric.
 */
export function requiredIffAllowed(id: string, when: Condition, extra: Extra = {}): Control {
  const number = numberOf(id);
  const usable = allowed(id);
  return {
    id,
    ...extra,
    ...presentOrHolds(number, when, blockRun(id, extra.block)),
    check(block, ctx) {
      const rubric = block.rubric(number);
      if (rubric === undefined) {
        if (when(block, ctx) && usable(block, ctx)) ctx.fail(block);
      } else if (!when(block, ctx)) {
        ctx.fail(rubric);
      }
    },
  };
}

/** A value reserved to S21.G00.41 ("cette valeur ne peut être utilisée qu'en bloc Changements Contrat"). */
export const reservedToChanges = (id: string, value: string, extra: Extra = {}): Control =>
  valueRule(id, (v) => v === value, { ...extra, requires: [{ rubric: numberOf(id), values: [value] }] });

/** Start date of the block's contract (S21.G00.40.001). */
export const contractStart = (block: Block): number | null => dateOf(contractOf(block), 1);

/** True when the period from `start` to `end` lasts more than `months` months. */
export const longerThanMonths = (start: number, end: number, months: number): boolean =>
  end >= addMonths(start, months);
