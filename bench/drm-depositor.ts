/**
 * A depositing process of the DRM bench (forked by bench/drm.ts): takes `{ copy, month }` jobs,
 * derives the company's file for that month and deposits it through the normal ingestion
 * (`depositDsn`: checks, COPY, lifecycle, identity flags, blob), runs the jobs it enqueued (the
 * BRIN summary), then answers with the timings.
 * Several of them file at once, as several declarants would, and use both cores.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { BlobStore } from '../src/features/deposit/blob-store.ts';
import { depositDsn, type DepositTimings } from '../src/features/deposit/deposit.ts';
import { depositJobs } from '../src/features/deposit/deposit-jobs.ts';
import { JobRunner } from '../src/platform/jobs/runner.ts';
import { silentLogger } from '../src/platform/log.ts';
import { openStore } from '../src/platform/store/database.ts';
import { BenchCompany } from './drm-company.ts';

export interface DepositorSetup {
  url: string;
  blobDir: string;
  perCompany: number;
  /** Drop each file from the blob store once deposited: 12 million person-months would not fit. */
  discardFiles: boolean;
}
export interface DepositJob {
  copy: number;
  month: string;
}
/** The deposit's timings, and the time its jobs (the BRIN summary) took after it. */
export type DepositorTimings = DepositTimings & { summariseMs: number };
export type DepositorAnswer =
  { done: DepositJob; bytes: number; timings: DepositorTimings } | { failed: DepositJob; message: string };

const setup = JSON.parse(process.argv[2]!) as DepositorSetup;
const company = new BenchCompany(join(import.meta.dirname, '..'), setup.perCompany, () => {});
const store = await openStore({ kind: 'postgres', url: setup.url, poolMax: 2 });
const blobs = new BlobStore(setup.blobDir);
const jobs = new JobRunner(store.db, depositJobs, silentLogger());

async function deposit(job: DepositJob): Promise<DepositorAnswer> {
  const file = company.fileFor(job.copy, job.month);
  // Filed on the 10th of the following month, as the real chain would.
  const [y, m] = job.month.split('-').map(Number) as [number, number];
  const filedAt = new Date(Date.UTC(y, m, 10, 8, 0, job.copy % 60));
  let timings: DepositTimings | null = null;
  const outcome = await depositDsn(
    {
      store,
      blobs,
      log: silentLogger(),
      maxDepositBytes: 4e9,
      controls: [],
      now: () => filedAt,
      onTimings: (t) => (timings = t),
    },
    { source: [file], declarant: null, fileName: `bench-${job.copy}-${job.month}.dsn` },
  );
  if (outcome.status !== 'accepted' || timings === null) {
    return {
      failed: job,
      message: `${outcome.status}: ${JSON.stringify(outcome.report.groups).slice(0, 2000)}`,
    };
  }
  const summarising = performance.now();
  await jobs.runUntilIdle();
  const summariseMs = performance.now() - summarising;
  if (setup.discardFiles) rmSync(blobs.path(outcome.acknowledgement.sha256), { force: true });
  return { done: job, bytes: file.length, timings: { ...(timings as DepositTimings), summariseMs } };
}

process.on('message', (job: DepositJob | 'stop') => {
  if (job === 'stop') {
    void store.close().then(() => process.exit(0));
    return;
  }
  deposit(job).then(
    (answer) => process.send!(answer),
    (error: unknown) => process.send!({ failed: job, message: String((error as Error).stack ?? error) }),
  );
});
process.send!('ready');
