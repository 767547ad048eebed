import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { declaredPersons, paymentMonth } from '../../../test/drm-helpers.ts';
import {
  chunked,
  databaseUrl,
  generatedDsn,
  intakeContext,
  sayWhenSkipped,
  setRubric,
  withPostgresStore,
} from '../../../test/deposit-helpers.ts';
import { depositDsn, type IntakeContext } from '../deposit/deposit.ts';
import { replacementOf } from '../deposit/replacement.ts';
import { openStore, type Store } from '../../platform/store/database.ts';
import { operator } from '../../platform/auth/operator.ts';
import { readResources } from './read.ts';

sayWhenSkipped('src/features/drm/drm.pg.test.ts');
const schema = 'relais_test_drm';

/** The DRM on a real PostgreSQL: lines written by COPY, replaced, read as known at any instant. */
describe.skipIf(!databaseUrl)('DRM (PostgreSQL)', () => {
  let store: Store;
  let ctx: IntakeContext;

  withPostgresStore(schema, (opened) => {
    store = opened;
    ctx = intakeContext(opened);
  });

  it('answers every reader the same at the same asOf while an annule-et-remplace lands', async () => {
    const original = await generatedDsn({ seed: 71, establishments: 1, employees: 4 });
    await depositDsn(
      { ...ctx, now: () => new Date('2026-04-08T10:00:00Z') },
      { source: chunked(original), declarant: null },
    );
    const person = declaredPersons(original)[0]!;
    const month = paymentMonth(original);
    const question = {
      nir: person.nir,
      identity: { lastName: person.lastName, firstNames: person.firstNames, birthDate: person.birthDate },
      from: month,
      to: month,
      asOf: new Date('2026-04-09T00:00:00Z'),
    };
    const before = await readResources(store.db, operator, question);
    const corrected = setRubric(
      replacementOf(original, { fileDate: '12042026' }),
      'S21.G00.50.002',
      '4321.00',
    );
    const [replaced, ...during] = await Promise.all([
      depositDsn(
        { ...ctx, now: () => new Date('2026-04-12T10:00:00Z') },
        { source: chunked(corrected, 1500), declarant: null },
      ),
      ...Array.from({ length: 8 }, () => readResources(store.db, operator, question)),
    ]);
    expect(replaced!.status).toBe('accepted');
    for (const answer of during) expect(answer).toEqual(before);
    expect(await readResources(store.db, operator, question)).toEqual(before);
    const now = await readResources(store.db, operator, {
      ...question,
      asOf: new Date('2026-04-13T00:00:00Z'),
    });
    expect(now.months[0]!.totals.netTaxable).toBe('4321.00');
    expect(before.months[0]!.totals.netTaxable).not.toBe('4321.00');
    const lines = await store.db.selectFrom('resource_line').select('declaration_key').execute();
    // Nothing was deleted or rewritten: both versions' lines are there.
    expect(lines).toHaveLength(8);
  });

  it('prepares the read statement inside the read transaction, once per connection', async () => {
    const text = await generatedDsn({ seed: 71, establishments: 1, employees: 4 });
    const person = declaredPersons(text)[0]!;
    const month = paymentMonth(text);
    // One connection: the reads' transactions and the look at what it has prepared share it.
    const single = await openStore({ kind: 'postgres', url: databaseUrl!, schema, poolMax: 1 });
    try {
      const question = {
        nir: person.nir,
        identity: { lastName: person.lastName, firstNames: person.firstNames, birthDate: person.birthDate },
        from: month,
        to: month,
        asOf: new Date('2026-04-13T00:00:00Z'),
      };
      const first = await readResources(single.db, operator, question);
      expect(await readResources(single.db, operator, question)).toEqual(first);
      const { rows } = await sql<{ name: string }>`select name from pg_prepared_statements`.execute(
        single.db,
      );
      expect(rows.map((r) => r.name)).toEqual(['drm_person_record']);
    } finally {
      await single.close();
    }
  });
});
