import type { CompiledNorm } from '../norm/compile.ts';
import type { ControlCategory } from '../norm/types.ts';
import type { Declaration, Envoi } from '../parse/context.ts';
import type { Block, Rubric } from '../parse/tree.ts';
import type { Severity } from '../diagnostics/diagnostic.ts';
import type { ControlExample } from '../examples/example.ts';
import type { ReferenceTable } from './tables.ts';

/** What a control sees while it runs. One object is reused for every call: do not keep it. */
export interface ControlContext {
  readonly norm: CompiledNorm;
  readonly envoi: Envoi;
  readonly declaration: Declaration | null;
  /** Nature of the declaration (S20.G00.05.001), when the block is inside one. */
  readonly nature: string | undefined;
  /**
   * Reports this control's anomaly on a rubric, or on a block when the rubric at fault is absent.
   * The message is the official one of the norm version read; `detail` adds what was found.
   */
  fail(at: Rubric | Block, detail?: string): void;
  /** Today as `AAAAMMJJ` (injected in tests: a few controls compare with the current year). */
  readonly today: number;
  /** A reference table the control declared in `tables`, or null when it is not available. */
  table(id: string): ReferenceTable | null;
  /**
   * One object per declaration and `key`, shared by every control that asks for it: what several
   * controls note about the units (an index of the individuals by NIR…) is kept once.
   */
  shared<T>(key: string, init: () => T): T;
}

/** Where a control stands; see `referential.ts`. */
export type ImplementationStatus = 'implemented' | 'needs-table' | 'not-applicable';

/**
 * A rubric that must be present in the block a control runs on (with one of `values`, when given)
 * for its `check` to have anything to judge.
 */
export interface Requirement {
  /** Rubric number in the block (`1` for `S21.G00.81.001`). */
  rubric: number;
  values?: readonly string[];
}

export interface Control<State = unknown> {
  /** Official id, normalised: `S21.G00.06.001/CSL-11`. */
  id: string;
  /**
   * Block whose instances the control runs on; the block of its rubric by default. Several blocks
   * when a rule links blocks that stream at different times (contracts, then the work places that
   * follow the individuals): the same state is shared by the calls.
   */
  block?: string | readonly string[];
  /** Norm versions it applies to; by default every version whose Messages sheet lists the id. */
  versions?: readonly string[];
  /** Message used when the official one is only a placeholder such as `[(vérification de la clé)]`. */
  message?: string;
  /** Runs once per instance of the block, when the block's unit (or the declaration) is complete. */
  check?(block: Block, ctx: ControlContext, state: State): void;
  /**
   * What `check` needs in the block to possibly fail, as data: the engine skips the call on a block
   * that misses one of them, which spares most calls on the largest files. Only for a `check` that
   * does nothing but fail: one that keeps a state must see every block.
   */
  requires?: readonly Requirement[];
  /**
   * Rules that also fail on what is there ("obligatoire si et seulement si"): one of these must be
   * in the block for `check` to possibly fail; the engine skips the call otherwise.
   */
  requiresAny?: readonly Requirement[];
  /** Fresh state for each declaration (or each envoi, see `stateScope`), for rules across units. */
  state?(): State;
  /**
   * `declaration` (default): the state lives for one declaration and `end` runs when it is
   * complete. `envoi`: the state spans every declaration of the envoi and `end` runs when the envoi
   * is complete (rules on the envoi as a whole, such as the "envoi néant").
   */
  stateScope?: 'declaration' | 'envoi';
  /** Runs when the declaration (or the envoi) is complete, after every `check` of it. */
  end?(ctx: ControlContext, state: State): void;
  /**
   * Set when the anomaly is found by the technical checks of the reader (datatype, calendar):
   * the control has no code of its own here, only its official id.
   */
  technical?: true;
  /** Reference tables the control reads (ids of `controls/tables.ts`), loaded before reading. */
  tables?: readonly string[];
  /**
   * Set when `check` can say nothing unless every table of `tables` is available: the engine leaves
   * the control out of the walk when one is missing.
   */
  silentWithoutTables?: true;
  /** `implemented` by default; see {@link ImplementationStatus}. */
  status?: ImplementationStatus;
  /** Why a control is `needs-table` or `not-applicable`, in French. */
  reason?: string;
  /**
   * At least one failing and one passing example, run as tests for every version it applies to.
   * Built when asked for: a check never reads them, and building them all cost a fifth of a small
   * file's check.
   */
  examples?: () => readonly ControlExample[];
}

/** Only the SIG ("signalant") and organisms' CME controls let a declaration through. */
export function severityOf(category: ControlCategory): Severity {
  return category === 'SIG' || category === 'CME' ? 'non-blocking' : 'blocking';
}

export function categoryOf(id: string): ControlCategory {
  return id.slice(15, 18) as ControlCategory;
}

export function rubricOf(id: string): string {
  return id.slice(0, 14);
}

/** `S21.G00.06.001/CSL-11` → `S21.G00.06`. */
export function blockOf(id: string): string {
  return id.slice(0, 10);
}

/** `S21.G00.06.001/CSL-11` → 1. */
export function numberOf(id: string): number {
  return Number(id.slice(11, 14));
}
