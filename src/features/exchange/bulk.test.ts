import { beforeAll, describe, expect, it } from 'vitest';
import { declaredPersons, paymentMonth, type DeclaredPerson } from '../../../test/drm-helpers.ts';
import { chunked, generatedDsn, intakeContext, withMemoryStore } from '../../../test/deposit-helpers.ts';
import { cafSiret, habilitatedBody, msaSiret, personLine } from '../../../test/exchange-callers.ts';
import type { BodyCaller } from '../../platform/auth/caller.ts';
import { AppError } from '../../platform/errors.ts';
import { JobRunner } from '../../platform/jobs/runner.ts';
import { silentLogger } from '../../platform/log.ts';
import type { Store } from '../../platform/store/database.ts';
import { depositDsn } from '../deposit/deposit.ts';
import { bulkJobs, runLot } from './bulk-jobs.ts';
import { tracedBulkRead, type BatchRead } from './bulk-read.ts';
import { ephemeralTraceKeys } from './trace/keys.ts';

const tracedRead = tracedBulkRead(ephemeralTraceKeys());
import { lotResult, lotStatus, submitLot, type LotParameters } from './bulk.ts';
import type { NdjsonLine } from './ndjson-body.ts';

const lines = (texts: string[]): NdjsonLine[] => texts.map((text, i) => ({ line: i + 1, text }));

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return (error as AppError).code;
}

async function answers(store: Store, caller: BodyCaller, id: string) {
  let text = '';
  for await (const page of await lotResult(store.db, caller, id)) text += page;
  return text
    .trimEnd()
    .split('\n')
    .map(
      (l) =>
        JSON.parse(l) as {
          ligne: number;
          dossier: string | null;
          resultat?: { nir: string; months: { month: string }[] };
          erreur?: { code: string };
        },
    );
}

describe('bulk reads (PGlite)', () => {
  let store: Store;
  let persons: DeclaredPerson[];
  let month: string;
  let caf: BodyCaller;
  let context: LotParameters;
  withMemoryStore((opened) => {
    store = opened;
  });

  beforeAll(async () => {
    const text = await generatedDsn({ seed: 53, establishments: 2, employees: 1000, month: '2026-03' });
    persons = declaredPersons(text);
    month = paymentMonth(text);
    const outcome = await depositDsn(
      { ...intakeContext(store), now: () => new Date('2026-04-05T10:00:00Z') },
      { source: chunked(text), declarant: null },
    );
    expect(outcome.status).toBe('accepted');
    caf = await habilitatedBody(store.db, { siret: cafSiret });
    context = { destinataire: caf.bodySiret, finalite: 'RSA_PPA', du: month, au: month };
    // Generating a thousand employees' pay is slow, on a machine shared with other test files.
  }, 300_000);

  it('reads 1,000 generated persons as a job and answers each line, in input order, refusals included', async () => {
    expect(persons).toHaveLength(1000);
    const input = [
      ...persons.map((p, i) => personLine(p, `D-${i}`)),
      personLine({ ...persons[0]!, lastName: 'AUTRENOM' }, 'MAUVAIS-NOM'),
      'pas du json',
      JSON.stringify({ nir: persons[1]!.nir, dossier: 'SANS-NOM' }),
    ];
    const submitted = await submitLot(store.db, caf, context, lines(input), 'req-1');
    expect(submitted).toMatchObject({
      etat: 'en_attente',
      lignes: 1003,
      traitees: 2,
      refusees: 2,
      resultat: null,
    });
    expect(await refusal(lotResult(store.db, caf, submitted.id))).toBe('EXCHANGE_LOT_RUNNING');

    const runner = new JobRunner(store.db, bulkJobs(tracedRead, 250), silentLogger());
    await runner.runUntilIdle();
    const status = await lotStatus(store.db, caf, submitted.id);
    expect(status).toMatchObject({
      etat: 'termine',
      lignes: 1003,
      traitees: 1003,
      refusees: 3,
      progression: 1,
    });

    const result = await answers(store, caf, submitted.id);
    expect(result.map((r) => r.ligne)).toEqual(input.map((_, i) => i + 1));
    for (const [i, person] of persons.entries()) {
      expect(result[i]!.dossier).toBe(`D-${i}`);
      expect(result[i]!.resultat!.nir).toBe(person.nir);
      expect(result[i]!.resultat!.months[0]!.month).toBe(month);
    }
    expect(result[1000]).toMatchObject({ dossier: 'MAUVAIS-NOM', erreur: { code: 'DRM_PERSON_NOT_FOUND' } });
    expect(result[1001]).toMatchObject({ dossier: null, erreur: { code: 'EXCHANGE_LINE_INVALID' } });
    expect(result[1002]).toMatchObject({ dossier: 'SANS-NOM', erreur: { code: 'EXCHANGE_LINE_INVALID' } });
    // The requests were erased as their answers were written.
    const kept = await store.db
      .selectFrom('bulk_line')
      .select('line')
      .where('lot_id', '=', submitted.id)
      .where('request', 'is not', null)
      .execute();
    expect(kept).toEqual([]);
  });

  it('resumes a lot where it stopped after a crash, reading each line once', async () => {
    const input = persons.slice(0, 10).map((p, i) => personLine(p, `R-${i}`));
    const { id } = await submitLot(store.db, caf, context, lines(input), 'req-2');
    let calls = 0;
    const crashing: BatchRead = async (...args) => {
      if (++calls === 2) throw new Error('processus arrêté');
      return tracedRead(...args);
    };
    await expect(runLot(store.db, crashing, id, 'req-2', 4)).rejects.toThrow('processus arrêté');
    expect(await lotStatus(store.db, caf, id)).toMatchObject({
      etat: 'en_cours',
      traitees: 4,
      progression: 0.4,
    });

    const read: string[] = [];
    const counting: BatchRead = async (db, caller, ctx, requests) => {
      read.push(...requests.map((r) => r.dossier));
      return tracedRead(db, caller, ctx, requests);
    };
    await runLot(store.db, counting, id, 'req-2', 4);
    expect(read).toEqual(['R-4', 'R-5', 'R-6', 'R-7', 'R-8', 'R-9']);
    const result = await answers(store, caf, id);
    expect(result.map((r) => r.dossier)).toEqual(input.map((_, i) => `R-${i}`));
    expect(result.every((r) => r.resultat !== undefined)).toBe(true);
  });

  it('shows a lot to its habilitation only, and refuses a context that is not the habilitation’s', async () => {
    const { id } = await submitLot(store.db, caf, context, lines([personLine(persons[0]!, 'X')]), 'req-3');
    const sameBodyOtherPurpose = await habilitatedBody(store.db, { siret: caf.bodySiret, purpose: 'APL' });
    const otherBody = await habilitatedBody(store.db, { siret: msaSiret });
    for (const stranger of [otherBody, sameBodyOtherPurpose]) {
      expect(await refusal(lotStatus(store.db, stranger, id))).toBe('EXCHANGE_LOT_NOT_FOUND');
      expect(await refusal(lotResult(store.db, stranger, id))).toBe('EXCHANGE_LOT_NOT_FOUND');
    }
    const one = lines([personLine(persons[0]!, 'X')]);
    expect(
      await refusal(submitLot(store.db, caf, { ...context, destinataire: otherBody.bodySiret }, one, 'r')),
    ).toBe('EXCHANGE_RECIPIENT');
    expect(await refusal(submitLot(store.db, caf, { ...context, finalite: 'APL' }, one, 'r'))).toBe(
      'EXCHANGE_PURPOSE',
    );
    expect(
      await refusal(submitLot(store.db, caf, { ...context, du: '2026-04', au: '2026-03' }, one, 'r')),
    ).toBe('REQUEST_INVALID');
  });

  it('refuses the lines left when the habilitation is revoked during the lot', async () => {
    const spare = await habilitatedBody(store.db, { siret: caf.bodySiret });
    const input = persons.slice(0, 6).map((p, i) => personLine(p, `V-${i}`));
    const { id } = await submitLot(store.db, spare, { ...context }, lines(input), 'req-4');
    const revokingAfterFirst: BatchRead = async (db, caller, ctx, requests) => {
      const outcomes = await tracedRead(db, caller, ctx, requests);
      await db
        .updateTable('habilitation')
        .set({ revoked_at: new Date() })
        .where('id', '=', spare.habilitationId)
        .execute();
      return outcomes;
    };
    await runLot(store.db, revokingAfterFirst, id, 'req-4', 3);
    const result = await answers(store, spare, id);
    expect(result.slice(0, 3).every((r) => r.resultat !== undefined)).toBe(true);
    expect(result.slice(3).map((r) => r.erreur?.code)).toEqual([
      'AUTH_REVOKED',
      'AUTH_REVOKED',
      'AUTH_REVOKED',
    ]);
  });

  it('deletes a lot’s requests and answers when it expires, and says it expired', async () => {
    const { id } = await submitLot(store.db, caf, context, lines([personLine(persons[0]!, 'E')]), 'req-5');
    const jobs = bulkJobs(tracedRead);
    const runner = new JobRunner(store.db, jobs, silentLogger());
    await runner.runUntilIdle();
    // The expiry job is due in seven days: run it now, as its day would.
    await jobs['exchange.bulk.expire']!.run(
      { id: 0, kind: 'exchange.bulk.expire', payload: { lotId: id }, attempt: 1, maxAttempts: 5 },
      store.db,
    );
    expect(await refusal(lotResult(store.db, caf, id))).toBe('EXCHANGE_LOT_EXPIRED');
    expect(await lotStatus(store.db, caf, id)).toMatchObject({ etat: 'expire', lignes: 1, traitees: 1 });
    const left = await store.db.selectFrom('bulk_line').select('line').where('lot_id', '=', id).execute();
    expect(left).toEqual([]);
  });
});
