import { describe, expect, it } from 'vitest';
import {
  chunked,
  databaseUrl,
  generatedDsn,
  generatedPasrau,
  intakeContext,
  sayWhenSkipped,
  sha256,
  withPostgresStore,
} from '../../../test/deposit-helpers.ts';
import type { Store } from '../../platform/store/database.ts';
import { AppError } from '../../platform/errors.ts';
import { createDeclarant } from '../declarant/declarants.ts';
import { depositDsn, type IntakeContext } from './deposit.ts';

sayWhenSkipped('src/features/deposit/refused-deposit.pg.test.ts');
const schema = 'relais_test_refused_deposit';

const sirenOf = (text: string) => /^S21\.G00\.06\.001,'(\d{9})'/m.exec(text)![1]!;

/** A deposit refused for its sender does not hold the bytes' address, on a real PostgreSQL too. */
describe.skipIf(!databaseUrl)('deposit refused for its sender, then retried (PostgreSQL)', () => {
  let store: Store;
  let ctx: IntakeContext;

  withPostgresStore(schema, (opened) => {
    store = opened;
    ctx = intakeContext(opened);
  });

  const declarant = async (scope: string) => (await createDeclarant(store.db, 'Déclarant', scope)).declarant;

  const depositsOf = (text: string) =>
    store.db
      .selectFrom('deposit')
      .select(['status', 'refused_for_sender', 'declarant_id'])
      .where('sha256', '=', sha256(text))
      .orderBy('received_at')
      .execute();

  it('deposits for the right declarant, then the operator, the bytes a foreign declarant was refused', async () => {
    const text = await generatedDsn({ seed: 81, establishments: 1, employees: 3 });
    const intruder = await declarant('732829320');
    const refused = await depositDsn(ctx, { source: chunked(text, 1500), declarant: intruder });
    expect(refused.status).toBe('rejected');
    expect(refused.report.groups.map((g) => g.code)).toEqual(['RELAIS-DEPOSIT-OUT-OF-SCOPE']);
    // Known sha-256 (the local CLI): the refused attempt is not "already deposited".
    const right = await declarant(sirenOf(text));
    const accepted = await depositDsn(ctx, {
      source: chunked(text, 1500),
      declarant: right,
      sha256: sha256(text),
    });
    expect(accepted).toMatchObject({ status: 'accepted', duplicate: false });
    const again = await depositDsn(ctx, { source: chunked(text, 1500), declarant: right });
    expect(again.duplicate).toBe(true);
    expect(again.acknowledgement.depositId).toBe(accepted.acknowledgement.depositId);
    expect(await depositsOf(text)).toEqual([
      { status: 'rejected', refused_for_sender: true, declarant_id: intruder.id },
      { status: 'accepted', refused_for_sender: false, declarant_id: right.id },
    ]);
  });

  it('does the same for a PASRAU file', async () => {
    const text = await generatedPasrau({ seed: 82, payers: 1, beneficiaries: 3 });
    const refused = await depositDsn(ctx, { source: chunked(text), declarant: await declarant('732829320') });
    expect(refused.status).toBe('rejected');
    const accepted = await depositDsn(ctx, { source: chunked(text), declarant: null });
    expect(accepted).toMatchObject({ status: 'accepted', duplicate: false });
  });

  it('resolves a foreign and the right declarant racing with the same bytes to one real deposit', async () => {
    const text = await generatedDsn({ seed: 83, establishments: 1, employees: 4 });
    const intruder = await declarant('732829320');
    const right = await declarant(sirenOf(text));
    const [foreign, own] = await Promise.allSettled([
      depositDsn(ctx, { source: chunked(text, 1024), declarant: intruder }),
      depositDsn(ctx, { source: chunked(text, 1024), declarant: right }),
    ]);
    // Whoever came first, the right declarant's deposit is the file's.
    expect(own).toMatchObject({ status: 'fulfilled', value: { status: 'accepted', duplicate: false } });
    // The foreign one was refused, or found the file already deposited under another account.
    if (foreign.status === 'rejected') {
      expect(foreign.reason).toBeInstanceOf(AppError);
      expect((foreign.reason as AppError).code).toBe('DEPOSIT_CONFLICT');
    } else expect(foreign.value.status).toBe('rejected');
    const rows = await depositsOf(text);
    expect(rows.filter((r) => !r.refused_for_sender)).toEqual([
      { status: 'accepted', refused_for_sender: false, declarant_id: right.id },
    ]);
  });

  it('still resolves identical real uploads racing each other to one deposit', async () => {
    const text = await generatedDsn({ seed: 84, establishments: 1, employees: 3 });
    const right = await declarant(sirenOf(text));
    const outcomes = await Promise.all(
      Array.from({ length: 3 }, () => depositDsn(ctx, { source: chunked(text, 2048), declarant: right })),
    );
    expect(new Set(outcomes.map((o) => o.acknowledgement.depositId)).size).toBe(1);
    expect(outcomes.filter((o) => !o.duplicate)).toHaveLength(1);
  });
});
