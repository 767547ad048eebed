import type { CompiledBlock, CompiledRubric } from '../norm/compile.ts';

const noChildren = Object.freeze([]) as unknown as Block[];

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

  constructor(
    readonly id: string,
    readonly def: CompiledBlock,
    readonly parent: Block | null,
    readonly line: number,
  ) {}

  /** The rubric numbered `number` (`7` for `…040.007`), if present. */
  rubric(number: number): Rubric | undefined {
    const rubrics = this.rubrics;
    for (let i = 0; i < rubrics.length; i++) {
      if (rubrics[i]!.number === number) return rubrics[i];
    }
    return undefined;
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
