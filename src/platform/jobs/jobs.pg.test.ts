import { describe, expect, it } from 'vitest';
import { databaseUrl, sayWhenSkipped, withPostgresStore } from '../../../test/deposit-helpers.ts';
import { silentLogger } from '../log.ts';
import type { Store } from '../store/database.ts';
import { enqueueJob } from './jobs-repository.ts';
import { JobRunner } from './runner.ts';

sayWhenSkipped('src/platform/jobs/jobs.pg.test.ts');

describe.skipIf(!databaseUrl)('job queue (PostgreSQL)', () => {
  let store: Store;
  withPostgresStore('relais_test_jobs', (opened) => (store = opened));

  it('hands each job to exactly one of several workers claiming at once', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 60; i++) ids.push(await enqueueJob(store.db, { kind: 'test.count' }));
    const runs = new Map<number, string[]>();
    const worker = (name: string) =>
      new JobRunner(
        store.db,
        {
          'test.count': {
            run: async (job) => {
              runs.set(job.id, [...(runs.get(job.id) ?? []), name]);
              await new Promise((resolve) => setTimeout(resolve, Math.random() * 5));
            },
          },
        },
        silentLogger(),
        { worker: name },
      );
    const done = await Promise.all(['a', 'b', 'c', 'd'].map((name) => worker(name).runUntilIdle()));
    expect(done.reduce((a, b) => a + b, 0)).toBe(60);
    expect([...runs.keys()].sort((a, b) => a - b)).toEqual(ids);
    expect([...runs.values()].every((names) => names.length === 1)).toBe(true);
    // Every worker got a share: none waited on another's locked rows.
    expect(new Set([...runs.values()].flat()).size).toBeGreaterThan(1);
    const states = await store.db.selectFrom('job').select('state').distinct().execute();
    expect(states).toEqual([{ state: 'done' }]);
  });
});
