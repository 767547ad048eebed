import { INDEXED, presenceMask, type Block } from '../parse/tree.ts';
import type { Control, ControlContext, Requirement } from './control.ts';

/** One control as the engine runs it on the instances of one block. */
export interface Entry {
  control: Control;
  /** The control's `check`, read once: the controls' shapes differ, a load per call would be megamorphic. */
  check: NonNullable<Control['check']>;
  /** The rubrics `requires` needs present, as a presence mask (see `Block.hasAll`). */
  mask0: number;
  mask1: number;
  mask2: number;
  /** The values `requires` asks of the block's key rubric (see {@link BlockDispatch}), if any. */
  keyValues: readonly string[] | null;
  /** What the mask and the key cannot say: values of other rubrics, rubric numbers beyond the mask. */
  requires: readonly Requirement[] | null;
  requiresAny: readonly Requirement[] | null;
  /** Where its state is: index in the declaration's or the envoi's states, or -1. */
  state: number;
  envoiScoped: boolean;
}

/** The entry of `control`, `key` being the key rubric of the block it runs on (-1: none). */
export function entryOf(control: Control, key: number, state: number, envoiScoped: boolean): Entry {
  const requires = control.requires ?? [];
  const [mask0, mask1, mask2] = presenceMask(requires.map((r) => r.rubric));
  const keyed = requires.find((r) => r.rubric === key && r.values !== undefined);
  const rest = requires.filter((r) => r !== keyed && (r.values !== undefined || r.rubric >= INDEXED));
  return {
    control,
    check: control.check!,
    mask0,
    mask1,
    mask2,
    keyValues: keyed?.values ?? null,
    requires: rest.length > 0 ? rest : null,
    requiresAny: control.requiresAny ?? null,
    state,
    envoiScoped,
  };
}

/**
 * The rubric whose values the most controls of a block require (the contribution code of
 * S21.G00.81, which some hundred controls key on), or -1 when no two controls share one.
 */
export function keyRubricOf(controls: readonly Control[]): number {
  const counts = new Map<number, number>();
  for (const control of controls)
    for (const r of control.requires ?? [])
      if (r.values !== undefined && r.rubric < INDEXED) counts.set(r.rubric, (counts.get(r.rubric) ?? 0) + 1);
  let key = -1;
  let best = 1;
  for (const [rubric, count] of counts) if (count > best) [key, best] = [rubric, count];
  return key;
}

/** The entries that may run on the blocks of one shape: those the presence bits let through. */
interface Shape {
  bits0: number;
  bits1: number;
  bits2: number;
  entries: Entry[];
  /** Narrowed further by the value of the key rubric, when the shape has it. */
  byValue: Map<string, Entry[]> | null;
}

/** Shapes compared one by one before the map is read: most blocks have one to a few. */
const LISTED_SHAPES = 8;
/** Beyond this many cached lists for one block, lists are filtered per instance and not kept. */
const CACHED_LISTS = 4096;

/**
 * The controls of one block, and the lists of those that may run on an instance, kept by the
 * instance's shape: which rubrics it has (its presence bits) and the value of its key rubric.
 * A file has few shapes per block, so each instance costs a few comparisons instead of a test per
 * control; the lists keep the catalogue's order, and with it the order of the reports.
 */
export class BlockDispatch {
  private readonly listed: Shape[] = [];
  private readonly others = new Map<string, Shape>();
  private cachedLists = 0;

  constructor(
    private readonly entries: readonly Entry[],
    private readonly key: number,
  ) {}

  /** Runs on `block` every control its shape lets through, in the catalogue's order. */
  run(block: Block, engine: RunContext): void {
    const entries = this.runnable(block);
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i]!;
      if (entry.requires !== null && !meets(block, entry.requires)) continue;
      if (entry.requiresAny !== null && !meetsOne(block, entry.requiresAny)) continue;
      engine.current = entry.control;
      const state =
        entry.state < 0
          ? undefined
          : entry.envoiScoped
            ? engine.envoiStates[entry.state]
            : engine.states[entry.state];
      entry.check.call(entry.control, block, engine, state);
    }
  }

  private runnable(block: Block): readonly Entry[] {
    const shape = this.shapeOf(block);
    if (shape.byValue === null) return shape.entries;
    const value = block.rubric(this.key)!.value;
    let entries = shape.byValue.get(value);
    if (entries === undefined) {
      entries = shape.entries.filter((e) => e.keyValues === null || e.keyValues.includes(value));
      if (this.cachedLists++ < CACHED_LISTS) shape.byValue.set(value, entries);
    }
    return entries;
  }

  private shapeOf(block: Block): Shape {
    const { bits0, bits1, bits2 } = block;
    const listed = this.listed;
    for (let i = 0; i < listed.length; i++) {
      const s = listed[i]!;
      if (s.bits0 === bits0 && s.bits1 === bits1 && s.bits2 === bits2) return s;
    }
    const name = listed.length < LISTED_SHAPES ? '' : `${bits0} ${bits1} ${bits2}`;
    const known = name === '' ? undefined : this.others.get(name);
    if (known !== undefined) return known;
    const keyed = this.key >= 0 && block.has(this.key);
    const entries = this.entries.filter(
      (e) => block.hasAll(e.mask0, e.mask1, e.mask2) && (keyed || e.keyValues === null),
    );
    const shape: Shape = { bits0, bits1, bits2, entries, byValue: keyed ? new Map() : null };
    if (this.cachedLists++ >= CACHED_LISTS) return shape;
    if (name === '') listed.push(shape);
    else this.others.set(name, shape);
    return shape;
  }
}

/** What running controls reads of the engine: the control running (for `fail`), and their states. */
export interface RunContext extends ControlContext {
  current: Control;
  states: unknown[];
  envoiStates: unknown[];
}

function meets(block: Block, requires: readonly Requirement[]): boolean {
  for (let i = 0; i < requires.length; i++) {
    const requirement = requires[i]!;
    const rubric = block.rubric(requirement.rubric);
    if (rubric === undefined) return false;
    const values = requirement.values;
    if (values !== undefined && !isOneOf(rubric.value, values)) return false;
  }
  return true;
}

function meetsOne(block: Block, requires: readonly Requirement[]): boolean {
  for (let i = 0; i < requires.length; i++) {
    const requirement = requires[i]!;
    const rubric = block.rubric(requirement.rubric);
    if (rubric === undefined) continue;
    const values = requirement.values;
    if (values === undefined || isOneOf(rubric.value, values)) return true;
  }
  return false;
}

// A loop rather than `includes`: runs on most block instances, with lists of one to a few codes.
function isOneOf(value: string, values: readonly string[]): boolean {
  for (let i = 0; i < values.length; i++) if (values[i] === value) return true;
  return false;
}
