import type { UnitHandler } from './writer.ts';

/**
 * What `--faults-only` planning hands on (see `control-faults.ts`): the plan `generateDsn` follows,
 * and why an id cannot be triggered. Its own module, so that the generator, the planner and the
 * placer, which generates samples, all read it without importing one another back.
 */

/**
 * Why an id cannot be triggered: `unknown` id; `status`: not implemented, `needs-table` or
 * `not-applicable`; `version`: not in the norm of the generated file; `nature`: only for other
 * declaration natures; `examples`: its failing examples do not make it fire on a generated file;
 * `room`: the file has too few declarations or employees for it; `header`: it edits the envoi's
 * header, which another chosen control edits already.
 */
export type ControlFaultCause = 'unknown' | 'status' | 'version' | 'nature' | 'examples' | 'room' | 'header';

/** An id that cannot be triggered, and why, in French. */
export interface ControlFaultProblem {
  /** The normalised id, or the text typed when it names no control. */
  id: string;
  cause: ControlFaultCause;
  reason: string;
}

/** What `generateDsn` needs of the plan: the units it replaces, and where not to put random faults. */
export interface ControlFaultPlan extends UnitHandler {
  /** The controls placed, normalised ids, in the order asked. */
  readonly ids: readonly string[];
  /** With `partial`: the ids left out. */
  readonly problems: readonly ControlFaultProblem[];
  /** True when the envoi's header is edited (the random envoi fault is then left out). */
  readonly changesHeader: boolean;
  /** True when declaration `d` (from 0) carries a chosen control. */
  touches(d: number): boolean;
  /** True when a chosen control edits the unit, or read it as it must stay (`I2.17`…). */
  owns(unit: string): boolean;
}

/** Why an id cannot be triggered, without the id. */
export type Why = Omit<ControlFaultProblem, 'id'>;
