import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bytesOf,
  chunked,
  generatedDsn,
  generatedPasrau,
  intakeContext,
  memoryStore,
  sha256,
} from '../../../test/deposit-helpers.ts';
import { buildApp } from '../../app/http-app.ts';
import { silentLogger } from '../../platform/log.ts';
import type { Store } from '../../platform/store/database.ts';
import { createDeclarant } from '../declarant/declarants.ts';
import { depositDsn, type IntakeContext } from './deposit.ts';
import { findDeposit } from './deposits-repository.ts';

const sirenOf = (text: string) => /^S21\.G00\.06\.001,'(\d{9})'/m.exec(text)![1]!;

/**
 * A deposit refused for who sent it (RELAIS-DEPOSIT-OUT-OF-SCOPE, nothing accepted) is a trace of
 * the attempt, not the file's deposit: the right declarant, or the operator, deposits the same
 * bytes afterwards. Real deposits stay idempotent.
 */
describe('deposit refused for its sender, then retried (PGlite)', () => {
  let store: Store;
  let ctx: IntakeContext;
  let intruder: { id: string; scope: string };

  beforeAll(async () => {
    store = await memoryStore();
    ctx = intakeContext(store);
    intruder = (await createDeclarant(store.db, 'Autre entreprise', '732829320')).declarant;
  });
  afterAll(async () => {
    await store.close();
  });

  const owner = async (text: string) =>
    (await createDeclarant(store.db, 'Entreprise du fichier', sirenOf(text))).declarant;

  it('lets the right declarant deposit the bytes a foreign declarant was refused, keeping the refusal', async () => {
    const text = await generatedDsn({ seed: 71, establishments: 1, employees: 3 });
    const refused = await depositDsn(ctx, { source: chunked(text), declarant: intruder });
    expect(refused.status).toBe('rejected');
    expect(refused.duplicate).toBe(false);
    expect(refused.report.groups.map((g) => g.code)).toEqual(['RELAIS-DEPOSIT-OUT-OF-SCOPE']);

    // The same foreign declarant again: refused again, a new trace, never "already deposited".
    const again = await depositDsn(ctx, { source: chunked(text), declarant: intruder });
    expect(again.status).toBe('rejected');
    expect(again.duplicate).toBe(false);
    expect(again.acknowledgement.depositId).not.toBe(refused.acknowledgement.depositId);

    const right = await owner(text);
    const accepted = await depositDsn(ctx, { source: chunked(text), declarant: right });
    expect(accepted.status).toBe('accepted');
    expect(accepted.duplicate).toBe(false);
    expect(accepted.acknowledgement.sha256).toBe(refused.acknowledgement.sha256);

    // Idempotent from now on: same declarant, same bytes, same deposit.
    const replayed = await depositDsn(ctx, { source: chunked(text), declarant: right });
    expect(replayed.duplicate).toBe(true);
    expect(replayed.acknowledgement.depositId).toBe(accepted.acknowledgement.depositId);
    // The foreign declarant now meets the file's deposit.
    await expect(depositDsn(ctx, { source: chunked(text), declarant: intruder })).rejects.toMatchObject({
      code: 'DEPOSIT_CONFLICT',
    });

    // The trace of the refused attempt is kept, with its report and its events.
    const trace = await findDeposit(store.db, refused.acknowledgement.depositId);
    expect(trace).toMatchObject({ status: 'rejected', refused_for_sender: true });
    const events = await store.db
      .selectFrom('event')
      .select(['kind', 'data'])
      .where('deposit_id', '=', refused.acknowledgement.depositId)
      .execute();
    expect(events.map((e) => e.kind)).toEqual([
      'deposit.received',
      'declaration.rejected',
      'return.acknowledgement',
      'return.anomaly_report',
    ]);
    expect(events[0]!.data).toMatchObject({ status: 'rejected', refusedForSender: true });
    const real = await findDeposit(store.db, accepted.acknowledgement.depositId);
    expect(real?.refused_for_sender).toBe(false);
  });

  it('lets the operator deposit locally (known sha-256) what a declarant was refused', async () => {
    const text = await generatedDsn({ seed: 72, establishments: 1, employees: 2 });
    await depositDsn(ctx, { source: chunked(text), declarant: intruder });
    const local = await depositDsn(ctx, { source: chunked(text), declarant: null, sha256: sha256(text) });
    expect(local.status).toBe('accepted');
    expect(local.duplicate).toBe(false);
    const again = await depositDsn(ctx, { source: chunked(text), declarant: null, sha256: sha256(text) });
    expect(again.duplicate).toBe(true);
    expect(again.acknowledgement.depositId).toBe(local.acknowledgement.depositId);
  });

  it('does the same for a PASRAU file', async () => {
    const text = await generatedPasrau({ seed: 73, payers: 1, beneficiaries: 3 });
    const refused = await depositDsn(ctx, { source: chunked(text), declarant: intruder });
    expect(refused.status).toBe('rejected');
    expect(refused.report.groups.map((g) => g.code)).toContain('RELAIS-DEPOSIT-OUT-OF-SCOPE');
    const right = await owner(text);
    const accepted = await depositDsn(ctx, { source: chunked(text), declarant: right });
    expect(accepted.duplicate).toBe(false);
    expect(accepted.status).toBe('accepted');
  });

  it('keeps a deposit that accepted declarations as the file’s, whoever sent it', async () => {
    // Four establishments of two companies (seed 76): the sender owns one of them.
    const text = await generatedDsn({ seed: 76, establishments: 4, employees: 8 });
    const sirens = [...new Set([...text.matchAll(/^S21\.G00\.06\.001,'(\d{9})'/gm)].map((m) => m[1]!))];
    expect(sirens).toHaveLength(2);
    const partOwner = (await createDeclarant(store.db, 'Une des entreprises', sirens[0]!)).declarant;
    const partial = await depositDsn(ctx, { source: chunked(text), declarant: partOwner });
    expect(partial.status).toBe('partially_accepted');
    const other = (await createDeclarant(store.db, 'L’autre entreprise', sirens[1]!)).declarant;
    await expect(depositDsn(ctx, { source: chunked(text), declarant: other })).rejects.toMatchObject({
      code: 'DEPOSIT_CONFLICT',
    });
  });
});

describe('deposit refused for its sender, then retried over HTTP', () => {
  let store: Store;
  let app: FastifyInstance;

  beforeAll(async () => {
    store = await memoryStore();
    app = await buildApp({ ...intakeContext(store), log: silentLogger() });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  const deposit = (text: string, token: string) =>
    app.inject({
      method: 'POST',
      url: '/v1/depots?fileName=mars.dsn',
      headers: { 'content-type': 'application/octet-stream', authorization: `Bearer ${token}` },
      payload: bytesOf(text),
    });

  it('answers 201 to the right declarant after a foreign declarant was refused, not 409', async () => {
    const text = await generatedDsn({ seed: 75, establishments: 1, employees: 2 });
    const foreign = (await createDeclarant(store.db, 'Démo', '732829320')).token;
    const right = (await createDeclarant(store.db, 'Entreprise', sirenOf(text))).token;
    const refused = await deposit(text, foreign);
    expect(refused.statusCode).toBe(201);
    expect(refused.json().status).toBe('rejected');
    const accepted = await deposit(text, right);
    expect(accepted.statusCode).toBe(201);
    expect(accepted.json()).toMatchObject({ status: 'accepted', duplicate: false });
    const again = await deposit(text, right);
    expect(again.statusCode).toBe(200);
    expect(again.json().acknowledgement.depositId).toBe(accepted.json().acknowledgement.depositId);
    // The foreign declarant still reads its own refused attempt.
    const trace = await app.inject({
      url: `/v1/depots/${refused.json().acknowledgement.depositId}`,
      headers: { authorization: `Bearer ${foreign}` },
    });
    expect(trace.statusCode).toBe(200);
  });
});
