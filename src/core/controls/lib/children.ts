import type { Block } from '../../parse/tree.ts';

/**
 * Questions on the direct children of a block with a given id, without building the array that
 * `Block.all` returns: they run on every instance of frequent blocks (bases, contributions).
 */

/** True when a child block `id` passes `test` (any such child when `test` is omitted). */
export function someChild(block: Block, id: string, test?: (child: Block) => boolean): boolean {
  const children = block.children;
  for (let i = 0; i < children.length; i++) {
    const c = children[i]!;
    if (c.id === id && (test === undefined || test(c))) return true;
  }
  return false;
}

/** The first child block `id` that passes `test`. */
export function findChild(block: Block, id: string, test: (child: Block) => boolean): Block | undefined {
  const children = block.children;
  for (let i = 0; i < children.length; i++) {
    const c = children[i]!;
    if (c.id === id && test(c)) return c;
  }
  return undefined;
}

/** Number of child blocks `id` that pass `test` (all of them when `test` is omitted). */
export function countChildren(block: Block, id: string, test?: (child: Block) => boolean): number {
  let n = 0;
  const children = block.children;
  for (let i = 0; i < children.length; i++) {
    const c = children[i]!;
    if (c.id === id && (test === undefined || test(c))) n++;
  }
  return n;
}

/** True when a grandchild `grandchildId` under a child `childId` passes `test`. */
export function someGrandchild(
  block: Block,
  childId: string,
  grandchildId: string,
  test?: (grandchild: Block) => boolean,
): boolean {
  const children = block.children;
  for (let i = 0; i < children.length; i++) {
    const c = children[i]!;
    if (c.id === childId && someChild(c, grandchildId, test)) return true;
  }
  return false;
}
