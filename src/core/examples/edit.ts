import type { CompiledNorm } from '../norm/compile.ts';

/**
 * Edits of a declaration's text, addressed by rubric id: how control examples and tests describe
 * "this reference declaration, except…" without copying it.
 */
export type Edit =
  /** Replaces the value of the n-th occurrence (1-based, default 1) of a rubric. */
  | { set: string; value: string; occurrence?: number }
  /** Removes the n-th occurrence of a rubric, or all of them. */
  | { remove: string; occurrence?: number | 'all' }
  /** Inserts lines (`S21.G00.40.010,'31122026'`) after or before the n-th occurrence of a rubric. */
  | { insertAfter: string; lines: string[]; occurrence?: number }
  | { insertBefore: string; lines: string[]; occurrence?: number }
  /** Removes the whole n-th instance of a block: its rubrics and the blocks nested in it. */
  | { removeBlock: string; occurrence?: number };

export interface EditOptions {
  /** Keep S90.G00.90.001 as written instead of recounting the lines (default false). */
  keepTotals?: boolean;
  /** The norm whose block tree says which blocks `removeBlock` takes along. */
  norm?: CompiledNorm;
}

/** A line of a declaration being edited, with what its caller knows of it (where it comes from…). */
export interface TaggedLine<T> {
  text: string;
  tag: T;
}

export interface TaggedEditOptions<T> extends EditOptions {
  /**
   * The tag of a line an edit inserts at `at` (the index it gets in `lines`, the lines around it
   * unchanged yet); `anchor` is the line the edit is addressed to.
   */
  tagOf(line: string, at: number, lines: readonly TaggedLine<T>[], anchor: TaggedLine<T>): T;
}

const rubricOf = (line: string) => line.slice(0, 14);
const valueOf = (line: string) => line.slice(16, -1);

function find<T>(lines: readonly TaggedLine<T>[], rubric: string, occurrence = 1): number {
  let seen = 0;
  for (let i = 0; i < lines.length; i++) {
    if (rubricOf(lines[i]!.text) === rubric && ++seen === occurrence) return i;
  }
  throw new Error(`exemple : occurrence ${occurrence} de ${rubric} introuvable`);
}

/** Applies edits in order to a declaration written with LF line endings. */
export function applyEdits(text: string, edits: readonly Edit[], options: EditOptions = {}): string {
  const lines: TaggedLine<null>[] = text.split('\n').map((l) => ({ text: l, tag: null }));
  const trailing = lines.at(-1)?.text === '' ? lines.pop() : undefined;
  applyEditsTo(lines, edits, { ...options, tagOf: () => null });
  if (trailing !== undefined) lines.push(trailing);
  return lines.map((l) => l.text).join('\n');
}

/**
 * Applies edits in order to tagged lines, in place: a line keeps its tag when its value changes,
 * and inserted lines get the one `tagOf` gives (the generator's `--faults-only` follows with it
 * which unit of a declaration each edited line belongs to).
 */
export function applyEditsTo<T>(
  lines: TaggedLine<T>[],
  edits: readonly Edit[],
  options: TaggedEditOptions<T>,
): void {
  const insert = (at: number, texts: readonly string[], anchor: TaggedLine<T>) => {
    for (const [k, text] of texts.entries()) {
      lines.splice(at + k, 0, { text, tag: options.tagOf(text, at + k, lines, anchor) });
    }
  };
  for (const edit of edits) {
    if ('set' in edit) {
      const i = find(lines, edit.set, edit.occurrence);
      lines[i] = { text: `${edit.set},'${edit.value}'`, tag: lines[i]!.tag };
    } else if ('remove' in edit) {
      if (edit.occurrence === 'all') {
        for (let i = lines.length - 1; i >= 0; i--)
          if (rubricOf(lines[i]!.text) === edit.remove) lines.splice(i, 1);
      } else {
        lines.splice(find(lines, edit.remove, edit.occurrence), 1);
      }
    } else if ('insertAfter' in edit) {
      const i = find(lines, edit.insertAfter, edit.occurrence);
      insert(i + 1, edit.lines, lines[i]!);
    } else if ('insertBefore' in edit) {
      const i = find(lines, edit.insertBefore, edit.occurrence);
      insert(i, edit.lines, lines[i]!);
    } else {
      if (!options.norm) throw new Error('exemple : removeBlock a besoin de la norme');
      removeBlock(lines, edit.removeBlock, edit.occurrence ?? 1, options.norm);
    }
  }
  if (!options.keepTotals) recount(lines);
}

/**
 * A block instance starts at a line of the block whose rubric number does not follow the previous
 * one; it ends before the next line that is neither in the block nor in a block nested under it.
 */
function removeBlock<T>(
  tagged: TaggedLine<T>[],
  block: string,
  occurrence: number,
  norm: CompiledNorm,
): void {
  const lines = tagged.map((l) => l.text);
  let seen = 0;
  let start = -1;
  let previous = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith(block + '.')) {
      const number = Number(line.slice(11, 14));
      if (number <= previous || i === 0 || !lines[i - 1]!.startsWith(block + '.')) {
        if (++seen === occurrence) {
          start = i;
          break;
        }
      }
      previous = number;
    } else {
      previous = -1;
    }
  }
  if (start < 0) throw new Error(`exemple : occurrence ${occurrence} du bloc ${block} introuvable`);
  let end = start + 1;
  // The number of the instance's last rubric: a rubric of the block that does not follow it opens
  // the next instance, even after blocks nested in this one (the next individual after the
  // remunerations of this one).
  let last = Number(lines[start]!.slice(11, 14));
  while (end < lines.length) {
    const line = lines[end]!;
    if (line.startsWith(block + '.')) {
      const number = Number(line.slice(11, 14));
      if (number <= last) break;
      last = number;
      end++;
      continue;
    }
    if (!isNestedUnder(line.slice(0, 10), block, norm)) break;
    end++;
  }
  tagged.splice(start, end - start);
}

function isNestedUnder(child: string, block: string, norm: CompiledNorm): boolean {
  let b = norm.blockById.get(child)?.parent ?? null;
  while (b !== null && b.id !== block) b = b.parent;
  return b !== null;
}

/** S90.G00.90.001 counts every line from S10.G00.00.001 to S90.G00.90.002 of each envoi. */
function recount<T>(lines: TaggedLine<T>[]): void {
  let start = -1;
  for (let i = 0; i < lines.length; i++) {
    const rubric = rubricOf(lines[i]!.text);
    if (rubric === 'S10.G00.00.001') start = i;
    if (rubric === 'S90.G00.90.002' && start >= 0) {
      const total = lines.findIndex((l, k) => k >= start && k <= i && rubricOf(l.text) === 'S90.G00.90.001');
      if (total >= 0 && /^\d+$/.test(valueOf(lines[total]!.text)))
        lines[total] = { text: `S90.G00.90.001,'${i - start + 1}'`, tag: lines[total]!.tag };
      start = -1;
    }
  }
}
