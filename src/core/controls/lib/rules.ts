import type { ControlExample } from '../../examples/example.ts';
import type { Block } from '../../parse/tree.ts';
import { blockOf, numberOf, type Control, type ControlContext, type Requirement } from '../control.ts';

/**
 * Builders for the most frequent shapes of the norm's rules ("la rubrique B est obligatoire si la
 * rubrique A vaut 01", "la valeur 02 n'est autorisée que si…"), so that a control reads like its
 * official description.
 */

/** Reads a rubric from the block itself, an enclosing block, or the declaration's context. */
export type Ref = (block: Block, ctx: ControlContext) => string | undefined;
export type Condition = (block: Block, ctx: ControlContext) => boolean;

const contextPath: Record<string, string[]> = {
  'S20.G00.05': [],
  'S21.G00.06': ['S21.G00.06'],
  'S21.G00.11': ['S21.G00.06', 'S21.G00.11'],
};

/**
 * What a condition needs of the block it reads, as data (`Control.requires`): a rubric id present,
 * with one of `values` when given. The rule builders turn it into the requirements of their control,
 * so that the engine skips the blocks where the condition cannot hold without calling it.
 */
interface Need {
  rubricId: string;
  values?: readonly string[];
}

const rubricIdOfRef = new WeakMap<Ref, string>();
const needsOf = new WeakMap<Condition, readonly Need[]>();

function withNeeds(condition: Condition, needs: readonly Need[]): Condition {
  if (needs.length > 0) needsOf.set(condition, needs);
  return condition;
}

/**
 * The requirements on the block a control runs on (`blockId`) without which `when` cannot hold: the
 * needs of `when` that read that very block.
 */
export function requirementsOf(when: Condition | undefined, blockId: string | undefined): Requirement[] {
  const needs = when === undefined || blockId === undefined ? undefined : needsOf.get(when);
  if (needs === undefined) return [];
  return needs
    .filter((need) => blockOf(need.rubricId) === blockId)
    .map((need) =>
      need.values === undefined
        ? { rubric: numberOf(need.rubricId) }
        : { rubric: numberOf(need.rubricId), values: need.values },
    );
}

/** The single block a control runs on, when it is one (its `block`, or the block of its id). */
export function blockRun(id: string, block: Control['block']): string | undefined {
  if (block === undefined) return blockOf(id);
  return typeof block === 'string' ? block : undefined;
}

/** A rubric by its id (`S21.G00.40.007`), found in the block, its ancestors or the declaration context. */
export function ref(rubricId: string): Ref {
  const blockId = rubricId.slice(0, 10);
  const number = numberOf(rubricId);
  const path = contextPath[blockId];
  const read: Ref = (block, ctx) => {
    if (block.id === blockId) return block.value(number);
    const ancestor = block.ancestor(blockId);
    if (ancestor !== undefined) return ancestor.value(number);
    if (path !== undefined) {
      let b: Block | undefined = ctx.declaration?.node;
      for (const id of path) b = b?.first(id);
      return b?.value(number);
    }
    if (blockId.startsWith('S10.')) {
      const root = ctx.envoi.root;
      return blockId === 'S10.G00.00' ? root?.value(number) : root?.first(blockId)?.value(number);
    }
    return undefined;
  };
  rubricIdOfRef.set(read, rubricId);
  return read;
}

/** What a condition on `r` needs: its rubric, with one of `values` when given. */
function needsOfRef(r: Ref, values?: readonly string[]): Need[] {
  const rubricId = rubricIdOfRef.get(r);
  if (rubricId === undefined) return [];
  return [values === undefined ? { rubricId } : { rubricId, values }];
}

/** The rubric is present and its value is one of `codes`. */
export const is = (r: Ref, ...codes: string[]): Condition =>
  withNeeds(
    (b, ctx) => {
      const v = r(b, ctx);
      return v !== undefined && codes.includes(v);
    },
    needsOfRef(r, codes),
  );

/** The rubric is present with a value other than `codes` ("est renseignée avec une valeur différente de"). */
export const isOther = (r: Ref, ...codes: string[]): Condition =>
  withNeeds((b, ctx) => {
    const v = r(b, ctx);
    return v !== undefined && !codes.includes(v);
  }, needsOfRef(r));

export const present = (r: Ref): Condition => withNeeds((b, ctx) => r(b, ctx) !== undefined, needsOfRef(r));

export const absent =
  (r: Ref): Condition =>
  (b, ctx) =>
    r(b, ctx) === undefined;

export const not =
  (c: Condition): Condition =>
  (b, ctx) =>
    !c(b, ctx);

// Loops rather than every/some: conditions run on every block instance, without allocating.
export const all = (...cs: Condition[]): Condition =>
  withNeeds(
    (b, ctx) => {
      for (let i = 0; i < cs.length; i++) if (!cs[i]!(b, ctx)) return false;
      return true;
    },
    cs.flatMap((c) => needsOf.get(c) ?? []),
  );

export const any =
  (...cs: Condition[]): Condition =>
  (b, ctx) => {
    for (let i = 0; i < cs.length; i++) if (cs[i]!(b, ctx)) return true;
    return false;
  };

/** The declaration's nature (S20.G00.05.001) is one of `natures`. */
export const nature =
  (...natures: string[]): Condition =>
  (_, ctx) =>
    ctx.nature !== undefined && natures.includes(ctx.nature);

type Extra = Pick<Control, 'examples' | 'versions' | 'block' | 'message' | 'requires'>;

/** The control's rubric is mandatory when `when` holds. */
export function requiredWhen(id: string, when: Condition, extra: Extra = {}): Control {
  const number = numberOf(id);
  return {
    id,
    ...extra,
    ...requiring(requirementsOf(when, blockRun(id, extra.block)), extra),
    check(block, ctx) {
      if (!block.has(number) && when(block, ctx)) ctx.fail(block);
    },
  };
}

/** The control's rubric is forbidden when `when` holds. */
export function forbiddenWhen(id: string, when: Condition, extra: Extra = {}): Control {
  const number = numberOf(id);
  return {
    id,
    ...extra,
    ...requiring([{ rubric: number }, ...requirementsOf(when, blockRun(id, extra.block))], extra),
    check(block, ctx) {
      const rubric = block.rubric(number);
      if (rubric !== undefined && when(block, ctx)) ctx.fail(rubric);
    },
  };
}

/** The control's rubric is present if and only if `when` holds ("si et seulement si"). */
export function requiredIff(id: string, when: Condition, extra: Extra = {}): Control {
  const number = numberOf(id);
  return {
    id,
    ...extra,
    ...presentOrHolds(number, when, blockRun(id, extra.block)),
    check(block, ctx) {
      const rubric = block.rubric(number);
      const expected = when(block, ctx);
      if (rubric === undefined && expected) ctx.fail(block);
      else if (rubric !== undefined && !expected) ctx.fail(rubric);
    },
  };
}

/** The control's rubric may take one of `codes` only when `when` holds ("n'est autorisée que si"). */
export function valuesOnlyWhen(
  id: string,
  codes: readonly string[],
  when: Condition,
  extra: Extra = {},
): Control {
  const number = numberOf(id);
  return {
    id,
    ...extra,
    ...requiring([{ rubric: number, values: codes }], extra),
    check(block, ctx) {
      const rubric = block.rubric(number);
      if (rubric !== undefined && codes.includes(rubric.value) && !when(block, ctx)) ctx.fail(rubric);
    },
  };
}

/** The control's rubric may not take one of `codes` when `when` holds ("est interdite si"). */
export function valuesForbiddenWhen(
  id: string,
  codes: readonly string[],
  when: Condition,
  extra: Extra = {},
): Control {
  const number = numberOf(id);
  return {
    id,
    ...extra,
    ...requiring(
      [{ rubric: number, values: codes }, ...requirementsOf(when, blockRun(id, extra.block))],
      extra,
    ),
    check(block, ctx) {
      const rubric = block.rubric(number);
      if (rubric !== undefined && codes.includes(rubric.value) && when(block, ctx)) ctx.fail(rubric);
    },
  };
}

/** Any other rule on the control's rubric: `wrong(value, block, ctx)` says when it fails. */
export function valueRule(
  id: string,
  wrong: (value: string, block: Block, ctx: ControlContext) => boolean,
  extra: Extra = {},
): Control {
  const number = numberOf(id);
  return {
    id,
    ...extra,
    ...requiring([{ rubric: number }], extra),
    check(block, ctx) {
      const rubric = block.rubric(number);
      if (rubric !== undefined && wrong(rubric.value, block, ctx)) ctx.fail(rubric);
    },
  };
}

/**
 * The `requiresAny` of an "if and only if" rule on rubric `number`: it can only fail when the rubric
 * is there or when `when` holds, and `when` cannot hold without the first of its needs.
 */
export function presentOrHolds(
  number: number,
  when: Condition,
  blockId: string | undefined,
): Pick<Control, 'requiresAny'> {
  const [need] = requirementsOf(when, blockId);
  return need === undefined ? {} : { requiresAny: [{ rubric: number }, need] };
}

/**
 * A built control's `requires`: what its rule needs, then what its author adds (`extra.requires`,
 * the values a rule written as a function only concerns). None when there is nothing.
 */
export function requiring(
  requires: readonly Requirement[],
  extra: Pick<Control, 'requires'> = {},
): Pick<Control, 'requires'> {
  const all = [...requires, ...(extra.requires ?? [])];
  return all.length > 0 ? { requires: all } : {};
}

export type { ControlExample };
