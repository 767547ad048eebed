import type { Edit } from './edit.ts';

/**
 * An executable example of a control: a reference declaration, a few edits, and whether the
 * control must report an anomaly on the result. Examples are run as tests for every norm version
 * the control applies to, and shown in the published referential.
 */
export interface ControlExample {
  /** What the example shows, in French (« SIREN dont la clé est fausse »). */
  title: string;
  /** True when the control must report the anomaly; false when it must stay silent. */
  fails: boolean;
  edits: Edit[];
  /** Reference declaration under `src/core/examples/bases/` (default `minimal`). */
  base?: string;
  /** The norm versions where the example holds, when not all those the control applies to. */
  versions?: readonly string[];
  /** Today as `AAAAMMJJ`, for controls that compare with the current date. */
  today?: number;
  /**
   * Small reference tables supplied with the example, by table id (`{ OES: ['73282932000074'] }`),
   * as an operator supplies them with `--tables`: needed by `needs-table` controls, and they
   * replace a shipped table of the same id.
   */
  tables?: Readonly<Record<string, readonly string[]>>;
}
