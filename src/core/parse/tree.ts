import type { CompiledBlock, CompiledRubric } from '../norm/compile.ts';

const noChildren = Object.freeze([]) as unknown as Block[];

/**
 * Rubric numbers below this one are indexed by the presence bits of their block: three words of 30
 * bits, so that every word stays a small integer to V8 (with bit 30 or 31 set, it would be a heap
 * number). The norm's rubric numbers stop at 87, but for S21.G00.60.600.
 */
export const INDEXED = 90;
const WORD = 30;

/** The presence mask of rubric numbers below {@link INDEXED}, for {@link Block.hasAll}. */
export function presenceMask(numbers: Iterable<number>): [number, number, number] {
  const mask: [number, number, number] = [0, 0, 0];
  for (const number of numbers)
    if (number < INDEXED) mask[Math.floor(number / WORD)]! |= 1 << (number % WORD);
  return mask;
}

/** Set bits of a 32-bit word. */
function bitCount(word: number): number {
  let x = word - ((word >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** One line `Sxx.Gyy.zz.nnn,'value'` of a declaration. */
export class Rubric {
  constructor(
    /** Interned from the norm when the rubric is known. */
    readonly id: string,
    readonly number: number,
    readonly value: string,
    readonly line: number,
    readonly def: CompiledRubric | null,
  ) {}
}

/**
 * One instance of a block. Rubrics keep their file order; children are the block instances nested
 * under it, except streamed units (individuals…), which are handed over and not kept.
 */
export class Block {
  /** Appended with `add` only: the presence bits must describe them. */
  readonly rubrics: Rubric[] = [];
  /**
   * Shared, frozen, by every block without children until the reader adds one (most blocks are
   * leaves): read it, never push to it (see `addChild`).
   */
  children: Block[] = noChildren;
  /** Number of the last rubric read: the nesting rule compares the next one with it. */
  last = 0;
  /** Position, among the parent's child blocks, of the last child block seen (sibling order). */
  lastChildOrder = -1;
  /** Occurrences of each child block, indexed by the child's `order`; kept for streamed units too. */
  counts: Uint32Array | null = null;
  /**
   * Presence bits of the rubric numbers 0–89 added with `add` (three words), so that controls asking
   * for a rubric, hundreds of times per unit, get it without scanning the block. Read them, never set
   * them: the control engine dispatches on them.
   */
  bits0 = 0;
  bits1 = 0;
  bits2 = 0;
  /** Numbers strictly increasing (a well-formed block): a rubric's position is the count of bits below it. */
  private ascending = true;

  constructor(
    readonly id: string,
    readonly def: CompiledBlock,
    readonly parent: Block | null,
    readonly line: number,
  ) {}

  /** Appends a rubric read in this block. */
  add(rubric: Rubric): void {
    const rubrics = this.rubrics;
    const number = rubric.number;
    if (rubrics.length > 0 && number <= rubrics[rubrics.length - 1]!.number) this.ascending = false;
    if (number < WORD) this.bits0 |= 1 << number;
    else if (number < 2 * WORD) this.bits1 |= 1 << (number - WORD);
    else if (number < INDEXED) this.bits2 |= 1 << (number - 2 * WORD);
    rubrics.push(rubric);
  }

  /** The rubric numbered `number` (`7` for `…040.007`), if present. */
  rubric(number: number): Rubric | undefined {
    const rubrics = this.rubrics;
    if (number < INDEXED) {
      let below: number;
      if (number < WORD) {
        const bit = 1 << number;
        if ((this.bits0 & bit) === 0) return undefined;
        below = bitCount(this.bits0 & (bit - 1));
      } else if (number < 2 * WORD) {
        const bit = 1 << (number - WORD);
        if ((this.bits1 & bit) === 0) return undefined;
        below = bitCount(this.bits0) + bitCount(this.bits1 & (bit - 1));
      } else {
        const bit = 1 << (number - 2 * WORD);
        if ((this.bits2 & bit) === 0) return undefined;
        below = bitCount(this.bits0) + bitCount(this.bits1) + bitCount(this.bits2 & (bit - 1));
      }
      if (this.ascending) return rubrics[below];
    }
    for (let i = 0; i < rubrics.length; i++) {
      if (rubrics[i]!.number === number) return rubrics[i];
    }
    return undefined;
  }

  /**
   * Whether every rubric number of a presence mask is in the block: bits of the numbers 0–29, 30–59
   * and 60–89, as `add` sets them.
   */
  hasAll(mask0: number, mask1: number, mask2: number): boolean {
    return (this.bits0 & mask0) === mask0 && (this.bits1 & mask1) === mask1 && (this.bits2 & mask2) === mask2;
  }

  value(number: number): string | undefined {
    return this.rubric(number)?.value;
  }

  has(number: number): boolean {
    return this.rubric(number) !== undefined;
  }

  /** Adds a nested block instance (the reader does, in file order). */
  addChild(child: Block): void {
    if (this.children === noChildren) this.children = [child];
    else this.children.push(child);
  }

  /** Direct child blocks with this id (`S21.G00.40`). */
  all(blockId: string): Block[] {
    const found: Block[] = [];
    const children = this.children;
    for (let i = 0; i < children.length; i++) if (children[i]!.id === blockId) found.push(children[i]!);
    return found;
  }

  first(blockId: string): Block | undefined {
    const children = this.children;
    for (let i = 0; i < children.length; i++) if (children[i]!.id === blockId) return children[i];
    return undefined;
  }

  /** The nearest enclosing block with this id. */
  ancestor(blockId: string): Block | undefined {
    let b = this.parent;
    while (b !== null && b.id !== blockId) b = b.parent;
    return b ?? undefined;
  }

  /** Every block with this id in the subtree, in file order. */
  descendants(blockId: string, into: Block[] = []): Block[] {
    for (const child of this.children) {
      if (child.id === blockId) into.push(child);
      child.descendants(blockId, into);
    }
    return into;
  }

  /** Occurrences of a child block, including streamed ones. */
  countOf(child: CompiledBlock): number {
    return this.counts?.[child.order] ?? 0;
  }

  /** Lines this subtree spans, for reports and provenance. */
  lastLine(): number {
    let line = this.rubrics.at(-1)?.line ?? this.line;
    for (const child of this.children) line = Math.max(line, child.lastLine());
    return line;
  }
}
