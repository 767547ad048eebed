import type { Control } from '../../core/controls/control.ts';
import type { Log } from '../../platform/log.ts';
import type { Store } from '../../platform/store/database.ts';
import type { Declarant } from '../../platform/store/schema.ts';
import type { BlobStore } from './blob-store.ts';

/** What the deposit service works with. */
export interface IntakeContext {
  store: Store;
  blobs: BlobStore;
  log: Log;
  maxDepositBytes: number;
  /** Bytes one declarant may deposit over 24 hours (0 or absent: no quota; see `quotas.ts`). */
  bytesPerDay?: number;
  now?: () => Date;
  /** Official controls to run (all by default, as `relais check` does). */
  controls?: readonly Control[];
  /** Where the time went, for the benchmark. */
  onTimings?: (timings: DepositTimings) => void;
}

export interface DepositTimings {
  /** Reading, checking and streaming rows, until the last row is written. */
  readMs: number;
  /** Part of it spent waiting for the database to take rows. */
  waitedForDatabaseMs: number;
  /** Lifecycle rules, declarations, commit. */
  decideMs: number;
  rows: number;
}

/** One deposit asked for: the bytes and who files them. */
export interface DepositRequest {
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
  /** Null for a deposit made locally by the operator (`relais ingest`). */
  declarant: Pick<Declarant, 'id' | 'scope'> | null;
  fileName?: string | null;
  signal?: AbortSignal;
  onProgress?: (bytes: number) => void;
  /** Known beforehand (a local file): the same bytes already deposited are answered without reading. */
  sha256?: string;
}
