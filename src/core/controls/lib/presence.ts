import type { Control } from '../control.ts';
import { blockRun, requirementsOf, requiring, type Condition } from './rules.ts';

type Extra = Pick<Control, 'examples' | 'versions' | 'block' | 'message' | 'requires'>;

/** `S89.G00.93.002/CCH-11`, 6 → `S89.G00.93.006`. */
const rubricId = (id: string, n: number) => `${id.slice(0, 10)}.${String(n).padStart(3, '0')}`;

/*
 * Rules whose id is on one rubric but which require or forbid other rubrics of the same block
 * ("si le type vaut 01, les rubriques 003, 006 et 009 sont obligatoires").
 */

/** Every rubric in `numbers` is required when `when` holds: one report per block, naming the missing. */
export function rubricsRequiredWhen(
  id: string,
  numbers: readonly number[],
  when: Condition,
  extra: Extra = {},
): Control {
  const names = numbers.map((n) => rubricId(id, n));
  return {
    id,
    ...extra,
    ...requiring(requirementsOf(when, blockRun(id, extra.block)), extra),
    check(block, ctx) {
      let missing: string | undefined;
      for (let i = 0; i < numbers.length; i++) {
        if (!block.has(numbers[i]!)) missing = missing === undefined ? names[i]! : `${missing}, ${names[i]!}`;
      }
      if (missing !== undefined && when(block, ctx)) ctx.fail(block, `absente : ${missing}`);
    },
  };
}

/** Every rubric in `numbers` is forbidden when `when` holds: one report per rubric present. */
export function rubricsForbiddenWhen(
  id: string,
  numbers: readonly number[],
  when: Condition,
  extra: Extra = {},
): Control {
  return {
    id,
    ...extra,
    ...requiring(requirementsOf(when, blockRun(id, extra.block)), extra),
    check(block, ctx) {
      let holds: boolean | undefined;
      for (const n of numbers) {
        const rubric = block.rubric(n);
        if (rubric === undefined) continue;
        holds ??= when(block, ctx);
        if (holds) ctx.fail(rubric);
      }
    },
  };
}
