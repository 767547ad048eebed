import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import {
  bytesOf,
  chunked,
  databaseUrl,
  generatedDsn,
  intakeContext,
  sayWhenSkipped,
  withPostgresStore,
  tableSize,
} from '../../../test/deposit-helpers.ts';
import { eventsAfter } from '../../platform/outbox/events-repository.ts';
import type { Store } from '../../platform/store/database.ts';
import { depositDsn } from './deposit.ts';
import { replacementOf } from './replacement.ts';

sayWhenSkipped('src/features/deposit/outbox.pg.test.ts');
const schema = 'relais_test_outbox';
const root = join(import.meta.dirname, '..', '..', '..');
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** One non-blocking diagnostic per individual. */
const trailing = (text: string) => text.replace(/^(S21\.G00\.30\.004,'[^']*')$/gm, '$1 ');

describe.skipIf(!databaseUrl)('deposit outbox (PostgreSQL)', () => {
  let store: Store;
  withPostgresStore(schema, (opened) => (store = opened));

  const count = (table: 'event' | 'job' | 'diagnostic' | 'deposit') => tableSize(store, table);

  it('gives a reader polling past its cursor every event of concurrent deposits, each deposit in one run', async () => {
    const ctx = intakeContext(store);
    const files = await Promise.all(
      [81, 82, 83, 84, 85, 86].map((seed) => generatedDsn({ seed, establishments: 1, employees: 6 })),
    );
    const original = files[0]!;
    await depositDsn(ctx, { source: chunked(original), declarant: null });
    const seen: number[] = [];
    let cursor =
      (
        await store.db
          .selectFrom('event')
          .select('position')
          .orderBy('position', 'desc')
          .limit(1)
          .executeTakeFirst()
      )?.position ?? 0;
    let depositing = true;
    const reader = (async () => {
      for (;;) {
        const last = !depositing;
        const events = await eventsAfter(store.db, cursor, 1000);
        for (const event of events) {
          seen.push(event.position);
          cursor = event.position;
        }
        if (last && events.length === 0) return;
        await pause(2);
      }
    })();
    const outcomes = await Promise.all(
      [
        ...files.slice(1),
        replacementOf(original, { fileDate: '10042026' }),
        ...files.slice(1, 3).map(trailing),
      ].map((text, i) => depositDsn(ctx, { source: chunked(text, 1024 + i * 97), declarant: null })),
    );
    depositing = false;
    await reader;
    const recorded = await store.db
      .selectFrom('event')
      .select(['position', 'deposit_id'])
      .where('position', '>', seen[0]! - 1)
      .orderBy('position')
      .execute();
    expect(seen).toEqual(recorded.map((e) => e.position));
    const runs = new Map<string, number[]>();
    for (const e of recorded) runs.set(e.deposit_id!, [...(runs.get(e.deposit_id!) ?? []), e.position]);
    expect(runs.size).toBe(outcomes.filter((o) => !o.duplicate).length);
    for (const positions of runs.values())
      expect(positions.at(-1)! - positions[0]!).toBe(positions.length - 1);
    // The lifecycle refused one of each pair filed for the same month: its diagnostics were carried
    // across the rollback of its rows, like every other deposit's.
    expect(outcomes.filter((o) => o.status === 'rejected')).toHaveLength(2);
    for (const outcome of outcomes) {
      const rows = await store.db
        .selectFrom('diagnostic')
        .select('code')
        .where('deposit_id', '=', outcome.acknowledgement.depositId)
        .execute();
      expect(rows).toHaveLength(outcome.report.summary.blocking + outcome.report.summary.nonBlocking);
    }
  });

  it(
    'leaves no event, job nor diagnostic when the depositing process is killed',
    { timeout: 180_000 },
    async () => {
      const text = trailing(
        await generatedDsn({ seed: 87, establishments: 1, employees: 2000, month: '2026-05' }),
      );
      const dir = mkdtempSync(join(tmpdir(), 'relais-outbox-crash-'));
      const file = join(dir, 'gros.dsn');
      writeFileSync(file, bytesOf(text));
      const counts = async () => ({
        event: await count('event'),
        job: await count('job'),
        diagnostic: await count('diagnostic'),
        deposit: await count('deposit'),
      });
      const before = await counts();
      const url = new URL(databaseUrl!);
      url.searchParams.set('options', `-c search_path=${schema}`);
      const child = spawn(process.execPath, [join(root, 'bin', 'relais.js'), 'ingest', file], {
        env: { ...process.env, DATABASE_URL: url.toString(), RELAIS_DATA_DIR: dir },
        stdio: 'ignore',
      });
      const exited = once(child, 'exit');
      // Killed once rows and diagnostics are being written (uncommitted rows already take pages).
      const size = async (table: string) =>
        (
          await sql<{
            size: number;
          }>`select pg_relation_size(${`${schema}.${table}`}::regclass)::int as size`.execute(store.db)
        ).rows[0]!.size;
      const started = Date.now();
      while ((await size('contribution')) === 0 || (await size('diagnostic')) === 0) {
        if (Date.now() - started > 120_000 || child.exitCode !== null)
          throw new Error('the ingestion never wrote');
        await pause(50);
      }
      child.kill('SIGKILL');
      expect((await exited)[1]).toBe('SIGKILL');
      expect(await counts()).toEqual(before);
    },
  );
});
