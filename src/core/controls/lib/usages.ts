import type { ControlContext } from '../control.ts';
import { numberOf } from '../control.ts';
import type { Condition } from './rules.ts';

/**
 * What the tableau des usages allows for the declaration's nature. A rule that makes a rubric or a
 * block mandatory cannot ask for one the nature refuses (`I`, `N`): a signalement DPAE has no
 * S21.G00.53, a DSN mensuelle no notification date S21.G00.62.003. When the version has no usage
 * table, or it says nothing of the rubric, everything is allowed.
 */

/** False when the tableau des usages refuses the rubric (`S21.G00.62.003`) for the nature. */
export function rubricAllowed(ctx: ControlContext, rubricId: string): boolean {
  const nature = ctx.nature;
  if (nature === undefined) return true;
  const usage = ctx.norm.rubricById.get(rubricId)?.def.usage?.[nature];
  return usage !== 'I' && usage !== 'N';
}

/** False when every rubric of the block (`S21.G00.53`) is refused for the nature. */
export function blockAllowed(ctx: ControlContext, blockId: string): boolean {
  const nature = ctx.nature;
  if (nature === undefined) return true;
  return ctx.norm.blockById.get(blockId)?.usage(nature)?.used ?? true;
}

/** Condition: the rubric of a control id (`S21.G00.62.003/CCH-12`) or a rubric id is allowed. */
export const allowed = (id: string): Condition => {
  const rubricId = `${id.slice(0, 10)}.${String(numberOf(id)).padStart(3, '0')}`;
  return (_, ctx) => rubricAllowed(ctx, rubricId);
};

/** Condition: the block is used by the declaration's nature. */
export const blockUsed =
  (blockId: string): Condition =>
  (_, ctx) =>
    blockAllowed(ctx, blockId);
