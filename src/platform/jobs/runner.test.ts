import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { memoryStore } from '../../../test/deposit-helpers.ts';
import { silentLogger } from '../log.ts';
import type { Store } from '../store/database.ts';
import { claimJob, completeJob, enqueueJob } from './jobs-repository.ts';
import { JobRunner, type JobHandler } from './runner.ts';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('job queue (PGlite)', () => {
  let store: Store;
  beforeAll(async () => {
    store = await memoryStore();
  });
  afterAll(async () => {
    await store.close();
  });
  beforeEach(async () => {
    await store.db.deleteFrom('job').execute();
  });

  const jobOf = (id: number) =>
    store.db.selectFrom('job').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const runner = (handlers: Record<string, JobHandler>, leaseMs = 60_000) =>
    new JobRunner(store.db, handlers, silentLogger(), { leaseMs, pollMs: 10 });

  it('enqueues in the caller transaction: a rollback leaves no job', async () => {
    const session = await store.openSession();
    try {
      await session.begin();
      await enqueueJob(session.db, { kind: 'test.noop' });
      await session.rollback();
    } finally {
      await session.release();
    }
    expect(await store.db.selectFrom('job').select('id').execute()).toEqual([]);
  });

  it('runs a due job once, with its payload, and marks it done', async () => {
    const seen: unknown[] = [];
    const id = await enqueueJob(store.db, { kind: 'test.record', payload: { depositId: 'd1' } });
    const ran = await runner({
      'test.record': { run: async (job) => void seen.push(job.payload) },
    }).runUntilIdle();
    expect(ran).toBe(1);
    expect(seen).toEqual([{ depositId: 'd1' }]);
    expect(await jobOf(id)).toMatchObject({ state: 'done', attempts: 1, last_error: null });
    expect((await jobOf(id)).finished_at).toBeInstanceOf(Date);
  });

  it('leaves a scheduled job until its time, and kinds it has no handler for', async () => {
    const later = await enqueueJob(store.db, { kind: 'test.noop', runAt: new Date(Date.now() + 3_600_000) });
    const other = await enqueueJob(store.db, { kind: 'test.elsewhere' });
    expect(await runner({ 'test.noop': { run: async () => {} } }).runUntilIdle()).toBe(0);
    expect((await jobOf(later)).state).toBe('pending');
    expect((await jobOf(other)).state).toBe('pending');
  });

  it('takes back the job of a worker that died, once its lease is over', async () => {
    const id = await enqueueJob(store.db, { kind: 'test.record' });
    // A worker claims it for 50 ms, then dies without a word.
    const lost = (await claimJob(store.db, 'dead-worker', ['test.record'], 50))!;
    expect(lost.attempt).toBe(1);
    let runs = 0;
    const survivor = runner({ 'test.record': { run: async () => void runs++ } });
    expect(await survivor.runUntilIdle()).toBe(0);
    await pause(80);
    expect(await survivor.runUntilIdle()).toBe(1);
    expect(runs).toBe(1);
    expect(await jobOf(id)).toMatchObject({ state: 'done', attempts: 2 });
    // The dead worker's late answer does not count: its claim was superseded.
    expect(await completeJob(store.db, lost)).toBe(false);
  });

  it('backs off after a failure, then buries the job with its last error', async () => {
    const id = await enqueueJob(store.db, { kind: 'test.fail', maxAttempts: 3 });
    let attempts = 0;
    const failing = runner({
      'test.fail': {
        run: async () => {
          attempts++;
          throw new Error(`échec n° ${attempts}`);
        },
        retryDelayMs: (attempt) => attempt * 60_000,
      },
    });
    expect(await failing.runUntilIdle()).toBe(1);
    const first = await jobOf(id);
    expect(first).toMatchObject({ state: 'pending', attempts: 1, last_error: 'échec n° 1' });
    const { rows } = await sql<{ wait: number }>`select extract(epoch from run_at - now())::float8 as wait
      from job where id = ${id}`.execute(store.db);
    expect(rows[0]!.wait).toBeGreaterThan(55);
    expect(rows[0]!.wait).toBeLessThanOrEqual(60);
    // Time passes: due again, fails again, then once more with no attempt left.
    for (const attempt of [2, 3]) {
      await store.db
        .updateTable('job')
        .set({ run_at: new Date(Date.now() - 1000) })
        .where('id', '=', id)
        .execute();
      expect(await failing.runUntilIdle()).toBe(1);
      expect((await jobOf(id)).attempts).toBe(attempt);
    }
    expect(await jobOf(id)).toMatchObject({ state: 'dead', attempts: 3, last_error: 'échec n° 3' });
    expect(await failing.runUntilIdle()).toBe(0);
    expect(attempts).toBe(3);
  });

  it('buries a job whose worker died during its last attempt', async () => {
    const id = await enqueueJob(store.db, { kind: 'test.record', maxAttempts: 1 });
    await claimJob(store.db, 'dead-worker', ['test.record'], 20);
    await pause(50);
    expect(await runner({ 'test.record': { run: async () => {} } }).runUntilIdle()).toBe(0);
    const job = await jobOf(id);
    expect(job.state).toBe('dead');
    expect(job.last_error).toMatch(/bail expiré/);
  });

  it('polls once started, and stops waiting for the job in hand', async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let finished = false;
    const polling = runner({
      'test.slow': {
        run: async () => {
          await held;
          finished = true;
        },
      },
    });
    polling.start();
    const id = await enqueueJob(store.db, { kind: 'test.slow' });
    for (let i = 0; i < 100 && (await jobOf(id)).state !== 'running'; i++) await pause(10);
    const stopping = polling.stop();
    release();
    await stopping;
    expect(finished).toBe(true);
    expect((await jobOf(id)).state).toBe('done');
  });
});
