import type { WriteSession } from '../../platform/store/session.ts';
import { diagnosticColumns } from './diagnostic-rows.ts';
import { RowBatch } from './row-builder.ts';
import { rowTables } from './row-mapping.ts';

/**
 * Sends rows to the database while the file is still being read: when the batch being filled
 * passes `threshold` characters, it is handed to COPY and a new one is started, so the parser (this
 * process) and PostgreSQL (its own process) work at the same time. At most two batches exist at
 * once, which bounds memory whatever the size of the file.
 */
export class RowWriter {
  private batch = new RowBatch();
  /** The batch being written, reused once written: its buffers have grown to the right size. */
  private spare = new RowBatch();
  private inFlight: Promise<void> | null = null;
  rows = 0;
  /** Time spent waiting for the database to take the previous batch (the reader was faster). */
  waitedMs = 0;

  constructor(
    private readonly session: WriteSession,
    private readonly threshold = 2 << 20,
  ) {}

  /** Where the listener appends rows. */
  get current(): RowBatch {
    return this.batch;
  }

  /** Called between chunks of the file. */
  async maybeFlush(): Promise<void> {
    if (this.batch.size >= this.threshold) await this.handOver();
  }

  /** Writes everything still held and waits for it. */
  async drain(): Promise<void> {
    await this.handOver();
    await this.settle();
  }

  /** Drops the rows not yet written (the deposit is being rolled back). */
  async discard(): Promise<void> {
    this.batch.clear();
    await this.settle().catch(() => {});
  }

  private async handOver(): Promise<void> {
    await this.settle();
    if (this.batch.empty) return;
    const batch = this.batch;
    this.batch = this.spare;
    this.spare = batch;
    this.batch.clear();
    this.rows += batch.rows;
    const writing = this.write(batch);
    // The failure is rethrown by `settle`; until then it must not count as unhandled.
    writing.catch(() => {});
    this.inFlight = writing;
  }

  private async settle(): Promise<void> {
    const writing = this.inFlight;
    this.inFlight = null;
    if (writing === null) return;
    const started = performance.now();
    await writing;
    this.waitedMs += performance.now() - started;
  }

  private async write(batch: RowBatch): Promise<void> {
    for (let i = 0; i < rowTables.length; i++) {
      const table = batch.tables[i]!;
      if (table.length > 0) await this.session.copy(rowTables[i]!.table, rowTables[i]!.columns, table.bytes);
    }
    const diagnostics = batch.diagnostics;
    if (diagnostics.length > 0) await this.session.copy('diagnostic', diagnosticColumns, diagnostics.bytes);
  }
}
