import { sql } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import { withMemoryStore } from '../../../../test/deposit-helpers.ts';
import type { Store } from '../../../platform/store/database.ts';
import { inTransaction } from '../../../platform/store/transaction.ts';
import { appendTraceEntries, traceEntriesAfter } from './access-trace-repository.ts';
import { checkpointEvery } from './checkpoint.ts';
import { chainSha256, contentSha256, personHmac, type TraceEntry } from './entry.ts';
import { ephemeralTraceKeys, type TraceKeys } from './keys.ts';
import { purgeTrace } from './purge.ts';
import { verifyTrace } from './verify.ts';

const keys: TraceKeys = ephemeralTraceKeys();

function entry(i: number, at = new Date('2026-12-01T10:00:00Z')): TraceEntry {
  return {
    at,
    requestId: `req-${i}`,
    callerKind: 'body',
    bodySiret: '53497384500017',
    habilitationId: '0193a0c2-0000-7000-8000-000000000001',
    purpose: 'RSA_PPA',
    recipient: '53497384500017',
    caseReference: `CASE-${i}`,
    service: 'ressources',
    personHmac: personHmac(keys.person, `17912722690${String(i % 100).padStart(2, '0')}`),
    fields: ['netSocial'],
    months: ['2026-10', '2026-11'],
    outcome: 'served',
  };
}

const append = (store: Store, from: number, count: number, at?: Date) =>
  inTransaction(store.db, (tx) =>
    appendTraceEntries(
      tx,
      keys,
      Array.from({ length: count }, (_, i) => entry(from + i, at)),
    ),
  );

/** What a database administrator can do: switch the append-only triggers off, then write. */
async function tamper(store: Store, ...statements: ReturnType<typeof sql>[]): Promise<void> {
  await sql`alter table access_trace disable trigger user`.execute(store.db);
  await sql`alter table access_trace_checkpoint disable trigger user`.execute(store.db);
  for (const statement of statements) await statement.execute(store.db);
  await sql`alter table access_trace enable trigger user`.execute(store.db);
  await sql`alter table access_trace_checkpoint enable trigger user`.execute(store.db);
}

const problemOf = async (store: Store) => (await verifyTrace(store.db, keys, () => {}, 7)).problem;

describe('the access trace (PGlite)', () => {
  let store: Store;
  withMemoryStore((opened) => (store = opened));
  // Each test starts from an empty trace, emptied the only way there is: as an administrator.
  beforeEach(async () => {
    await tamper(store, sql`delete from access_trace`, sql`delete from access_trace_checkpoint`);
  });

  it('chains entries in order, checkpoints every thousand, and verifies intact', async () => {
    await append(store, 1, 3);
    await append(store, 4, checkpointEvery);
    const progress: number[] = [];
    const report = await verifyTrace(store.db, keys, (n) => progress.push(n), 300);
    expect(report.problem).toBeNull();
    expect([report.entries, report.first, report.last]).toEqual([1003, 1, 1003]);
    expect(report.lastCheckpoint?.position).toBe(1000);
    expect(progress.at(-1)).toBe(1003);
    const [first, second] = await traceEntriesAfter(store.db, 0, 2);
    expect(Buffer.from(second!.previousSha256).equals(Buffer.from(first!.chainSha256))).toBe(true);
  });

  it('is append-only', async () => {
    await append(store, 1, 2);
    await expect(sql`update access_trace set outcome = 'x'`.execute(store.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from access_trace`.execute(store.db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate access_trace`.execute(store.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from access_trace_checkpoint`.execute(store.db)).rejects.toThrow(/append-only/);
    expect(await problemOf(store)).toBeNull();
  });

  it('names an altered entry', async () => {
    await append(store, 1, 20);
    await tamper(store, sql`update access_trace set purpose = 'APL' where position = 12`);
    expect(await problemOf(store)).toMatchObject({
      position: 12,
      detail: expect.stringContaining('modifiée'),
    });
  });

  it('names a removed entry, and a removed run of entries', async () => {
    await append(store, 1, 20);
    await tamper(store, sql`delete from access_trace where position = 9`);
    expect(await problemOf(store)).toEqual({ position: 9, detail: 'l’entrée 9 a été supprimée.' });
    await tamper(store, sql`delete from access_trace where position between 2 and 4`);
    expect((await problemOf(store))!.position).toBe(2);
  });

  it('names reordered entries', async () => {
    await append(store, 1, 20);
    await tamper(
      store,
      sql`update access_trace set position = -5 where position = 5`,
      sql`update access_trace set position = 5 where position = 6`,
      sql`update access_trace set position = 6 where position = -5`,
    );
    expect(await problemOf(store)).toMatchObject({ position: 5 });
  });

  it('names a rewritten chain by its signed checkpoint', async () => {
    await append(store, 1, checkpointEvery + 5);
    // The administrator alters entry 995 and recomputes every hash after it, as the trigger would.
    const rows = await traceEntriesAfter(store.db, 0, 5000);
    let previous: Uint8Array = rows[993]!.chainSha256;
    const rewritten = rows.slice(994).map((row, i) => {
      const altered = i === 0 ? { ...row, outcome: 'DRM_PERSON_NOT_FOUND' } : row;
      const content = contentSha256(altered);
      const chain = chainSha256(previous, row.position, content);
      const values = { position: row.position, outcome: altered.outcome, content, previous, chain };
      previous = chain;
      return values;
    });
    for (const r of rewritten) {
      await tamper(
        store,
        sql`update access_trace set outcome = ${r.outcome}, content_sha256 = ${r.content},
          previous_sha256 = ${r.previous}, chain_sha256 = ${r.chain} where position = ${r.position}`,
      );
    }
    expect(await problemOf(store)).toMatchObject({
      position: 1000,
      detail: expect.stringContaining('point de contrôle signé à la position 1000'),
    });
  });

  it('detects a truncated end, a removed checkpoint and a forged one', async () => {
    await append(store, 1, checkpointEvery + 5);
    await tamper(store, sql`delete from access_trace where position > 990`);
    expect(await problemOf(store)).toMatchObject({
      position: 991,
      detail: expect.stringContaining('tronquée'),
    });

    await tamper(store, sql`delete from access_trace`, sql`delete from access_trace_checkpoint`);
    await append(store, 1, checkpointEvery + 5);
    await tamper(store, sql`delete from access_trace_checkpoint`);
    expect(await problemOf(store)).toMatchObject({ position: 1000 });

    await tamper(store, sql`delete from access_trace`, sql`delete from access_trace_checkpoint`);
    await append(store, 1, checkpointEvery + 5);
    await tamper(store, sql`update access_trace_checkpoint set position = 1001`);
    expect(await problemOf(store)).toMatchObject({
      position: 1001,
      detail: expect.stringContaining('signature'),
    });
  });

  it('purges entries beyond the retention behind a signed cut, and stays verifiable', async () => {
    await append(store, 1, 5, new Date('2022-01-10T10:00:00Z'));
    await append(store, 6, 3, new Date('2026-11-10T10:00:00Z'));
    const now = new Date('2026-12-08T10:00:00Z');
    expect(await purgeTrace(store.db, keys, 36, now)).toEqual({ kind: 'purged', removed: 5, cutAt: 5 });
    await append(store, 9, 2);
    const report = await verifyTrace(store.db, keys);
    expect([report.problem, report.entries, report.first, report.last]).toEqual([null, 5, 6, 10]);
    expect(await purgeTrace(store.db, keys, 36, now)).toEqual({ kind: 'purged', removed: 0, cutAt: null });

    // Everything expired: the next entry chains from the cut.
    expect(await purgeTrace(store.db, keys, 0, new Date('2027-01-01T00:00:00Z'))).toMatchObject({
      removed: 5,
      cutAt: 10,
    });
    await append(store, 11, 1);
    expect(await verifyTrace(store.db, keys)).toMatchObject({ problem: null, first: 11, last: 11 });

    // A removed prefix without its cut is a removal.
    await tamper(store, sql`delete from access_trace_checkpoint where kind = 'cut'`);
    expect(await problemOf(store)).toMatchObject({ position: 1 });
  });

  it('refuses to purge a tampered trace', async () => {
    await append(store, 1, 5, new Date('2022-01-10T10:00:00Z'));
    await tamper(store, sql`update access_trace set recipient = null where position = 2`);
    expect(await purgeTrace(store.db, keys, 36)).toMatchObject({ kind: 'refused', position: 2 });
  });
});
