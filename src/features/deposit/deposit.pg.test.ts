import { describe, expect, it } from 'vitest';
import {
  bytesOf,
  chunked,
  databaseUrl,
  expectedCounts,
  generatedDsn,
  intakeContext,
  rowCounts,
  sayWhenSkipped,
  setRubric,
  withPostgresStore,
  tableSize,
} from '../../../test/deposit-helpers.ts';
import type { Store } from '../../platform/store/database.ts';
import { depositDsn, type IntakeContext } from './deposit.ts';
import { replacementOf } from './replacement.ts';

sayWhenSkipped('src/features/deposit/deposit.pg.test.ts');
const schema = 'relais_test_deposit';

/** The same intake against a real PostgreSQL: COPY, advisory locks, concurrent transactions. */
describe.skipIf(!databaseUrl)('deposit (PostgreSQL)', () => {
  let store: Store;
  let ctx: IntakeContext;

  withPostgresStore(schema, (opened) => {
    store = opened;
    ctx = intakeContext(opened);
  });

  const individuals = () => tableSize(store, 'individual');

  const currentOf = (siret: string, month: string) =>
    store.db
      .selectFrom('declaration')
      .selectAll()
      .where('siret', '=', siret)
      .where('month', '=', month)
      .orderBy('received_at')
      .execute();

  it('writes a conform envoi with COPY, every row linked to its declaration', async () => {
    const text = await generatedDsn({ seed: 31 });
    const outcome = await depositDsn(ctx, { source: chunked(text, 1000), declarant: null });
    expect(outcome.status).toBe('accepted');
    const expected = expectedCounts(text);
    for (const [i, d] of outcome.declarations.entries())
      expect(await rowCounts(store, d.id)).toEqual(expected[i]);
  });

  it('resolves identical uploads racing each other to one deposit and one copy of the rows', async () => {
    const text = await generatedDsn({ seed: 32, establishments: 1, employees: 6 });
    const before = await individuals();
    const outcomes = await Promise.all(
      Array.from({ length: 4 }, () => depositDsn(ctx, { source: chunked(text, 2048), declarant: null })),
    );
    expect(new Set(outcomes.map((o) => o.acknowledgement.depositId)).size).toBe(1);
    expect(outcomes.filter((o) => !o.duplicate)).toHaveLength(1);
    expect((await individuals()) - before).toBe(6);
  });

  it('lets only one of several normal declarations for the same establishment and month in', async () => {
    const base = await generatedDsn({ seed: 33, establishments: 1, employees: 4 });
    const variants = [1, 2, 3, 4].map((order) => setRubric(base, 'S20.G00.05.004', String(order)));
    const outcomes = await Promise.all(
      variants.map((v) => depositDsn(ctx, { source: chunked(v, 4096), declarant: null })),
    );
    expect(outcomes.filter((o) => o.status === 'accepted')).toHaveLength(1);
    for (const rejected of outcomes.filter((o) => o.status === 'rejected')) {
      expect(rejected.report.groups.map((g) => g.code)).toEqual(['RELAIS-DEPOSIT-DUPLICATE']);
      expect(await rowCounts(store, rejected.declarations[0]!.id)).toMatchObject({
        individual: 0,
        payment: 0,
      });
    }
    const siret = outcomes[0]!.declarations[0]!.siret!;
    expect((await currentOf(siret, '2026-03-01')).filter((d) => d.status === 'conform')).toHaveLength(1);
  });

  it('ends an annule-et-remplace racing its original in one consistent state', async () => {
    const seen = new Set<string>();
    for (const seed of [34, 35, 36, 37]) {
      const original = await generatedDsn({ seed, establishments: 1, employees: 3 });
      const replacement = replacementOf(original, { fileDate: '10042026' });
      const [first, second] = await Promise.all([
        depositDsn(ctx, { source: chunked(original, 1500), declarant: null }),
        depositDsn(ctx, { source: chunked(replacement, 1500), declarant: null }),
      ]);
      const siret = first.declarations[0]!.siret!;
      const versions = await currentOf(siret, '2026-03-01');
      expect(versions.filter((d) => d.status === 'conform')).toHaveLength(1);
      expect(first.status).toBe('accepted');
      if (second.status === 'accepted') {
        // The original was integrated first, then replaced.
        seen.add('replaced');
        const old = versions.find((d) => d.type === '01')!;
        expect(old).toMatchObject({ status: 'superseded', replaced_by_id: second.declarations[0]!.id });
      } else {
        // The replacement came first and named nothing known: CID-11, the original stays current.
        seen.add('refused');
        expect(second.report.groups.map((g) => g.code)).toContain('S20.G00.05.006/CID-11');
        expect(versions.find((d) => d.type === '01')!.status).toBe('conform');
        expect(await rowCounts(store, second.declarations[0]!.id)).toMatchObject({ individual: 0 });
      }
    }
    expect(seen.size).toBeGreaterThan(0);
  });

  it('keeps a rejected deposit only as its record: nothing of its data enters', async () => {
    const text = setRubric(
      await generatedDsn({ seed: 38, establishments: 1, employees: 3 }),
      'S21.G00.50.001',
      '31022026',
    );
    const before = await individuals();
    const outcome = await depositDsn(ctx, { source: [bytesOf(text)], declarant: null });
    expect(outcome.status).toBe('rejected');
    expect(await individuals()).toBe(before);
  });
});
