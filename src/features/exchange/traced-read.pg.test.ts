import { describe, expect, it } from 'vitest';
import { declaredPersons, paymentMonth } from '../../../test/drm-helpers.ts';
import {
  chunked,
  databaseUrl,
  generatedDsn,
  intakeContext,
  sayWhenSkipped,
  withPostgresStore,
} from '../../../test/deposit-helpers.ts';
import { bodyCaller, cafSiret, keysAtAnyDepth } from '../../../test/exchange-helpers.ts';
import type { Store } from '../../platform/store/database.ts';
import { inTransaction } from '../../platform/store/transaction.ts';
import { depositDsn } from '../deposit/deposit.ts';
import { addMonths } from '../drm/months.ts';
import { readResourcesTraced } from './traced-read.ts';
import { appendTraceEntries, traceEntriesAfter } from './trace/access-trace-repository.ts';
import { personHmac } from './trace/entry.ts';
import { ephemeralTraceKeys } from './trace/keys.ts';
import { verifyTrace } from './trace/verify.ts';

sayWhenSkipped('src/features/exchange/traced-read.pg.test.ts');
const schema = 'relais_test_exchange_reads';
const keys = ephemeralTraceKeys();

/** Traced reads and the access trace on a real PostgreSQL, where transactions do run at once. */
describe.skipIf(!databaseUrl)('traced reads (PostgreSQL)', () => {
  let store: Store;
  withPostgresStore(schema, (opened) => (store = opened));

  it('reads a batch, minimised, and traces each person in one transaction', async () => {
    const dsn = await generatedDsn({ seed: 171, establishments: 1, employees: 6 });
    await depositDsn(
      { ...intakeContext(store), now: () => new Date('2026-04-08T10:00:00Z') },
      { source: chunked(dsn), declarant: null },
    );
    const month = paymentMonth(dsn);
    const persons = declaredPersons(dsn);
    const outcomes = await readResourcesTraced(
      { db: store.db, keys },
      bodyCaller(),
      { recipient: cafSiret, purpose: 'RSA_PPA', requestId: 'pg-1' },
      persons.map((p, i) => ({
        nir: p.nir,
        identity: { lastName: p.lastName, firstNames: p.firstNames, birthDate: p.birthDate },
        from: month,
        to: month,
        caseReference: `DOSSIER-${i}`,
      })),
      { now: new Date(`${addMonths(month, 1)}-10T10:00:00Z`) },
    );
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(keysAtAnyDepth(outcomes.map((o) => (o.ok ? o.answer : null))).has('netPaid')).toBe(false);
    const entries = await traceEntriesAfter(store.db, 0, 100);
    expect(entries.map((e) => e.caseReference)).toEqual(persons.map((_, i) => `DOSSIER-${i}`));
    expect(entries[0]!.personHmac.equals(personHmac(keys.person, persons[0]!.nir.slice(0, 13)))).toBe(true);
    expect((await verifyTrace(store.db, keys)).problem).toBeNull();
  });

  it('builds one valid chain from transactions appending at once, in commit order', async () => {
    const before = (await verifyTrace(store.db, keys)).last ?? 0;
    const entry = (writer: number, i: number) => ({
      at: new Date(),
      requestId: `w${writer}`,
      callerKind: 'body' as const,
      bodySiret: cafSiret,
      habilitationId: null,
      purpose: 'RSA_PPA',
      recipient: cafSiret,
      caseReference: `W${writer}-${i}`,
      service: 'ressources',
      personHmac: personHmac(keys.person, String(writer)),
      fields: ['netSocial'],
      months: ['2026-03'],
      outcome: 'served',
    });
    // Ten writers at once, on ten connections: each appends twice, the second time after the others
    // may have appended, and some roll back (their entries must leave no gap).
    const writers = Array.from({ length: 10 }, (_, writer) =>
      inTransaction(store.db, async (tx) => {
        await appendTraceEntries(tx, keys, [entry(writer, 0), entry(writer, 1)]);
        await appendTraceEntries(tx, keys, [entry(writer, 2)]);
        if (writer % 3 === 0) throw new Error('rolled back');
      }).catch((error: Error) => error.message),
    );
    await Promise.all(writers);
    const report = await verifyTrace(store.db, keys);
    expect(report.problem).toBeNull();
    expect(report.last! - before).toBe(6 * 3);
    const appended = await traceEntriesAfter(store.db, before, 100);
    // Each writer's entries stay together: the lock is held from its first append to its commit.
    const order = appended.map((e) => e.requestId);
    for (const writer of new Set(order)) {
      const at = order.indexOf(writer);
      expect(order.slice(at, at + 3)).toEqual([writer, writer, writer]);
    }
  });
});
