import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declaredPersons, paymentMonth, type DeclaredPerson } from '../../../test/drm-helpers.ts';
import { chunked, generatedDsn, intakeContext, memoryStore } from '../../../test/deposit-helpers.ts';
import {
  cafSiret,
  habilitatedBody,
  msaSiret,
  personLine,
  testBodyResolver,
} from '../../../test/exchange-callers.ts';
import { buildApp } from '../../app/http-app.ts';
import type { BodyCaller } from '../../platform/auth/caller.ts';
import { JobRunner } from '../../platform/jobs/runner.ts';
import { silentLogger } from '../../platform/log.ts';
import type { Store } from '../../platform/store/database.ts';
import { depositDsn } from '../deposit/deposit.ts';
import { replacementOf } from '../deposit/replacement.ts';
import { bulkJobs } from './bulk-jobs.ts';
import { tracedBulkRead } from './bulk-read.ts';
import { ephemeralTraceKeys } from './trace/keys.ts';

const ndjson = 'application/x-ndjson';

describe('bulk reads and the change feed over HTTP', () => {
  let store: Store;
  let app: FastifyInstance;
  let text: string;
  let persons: DeclaredPerson[];
  let month: string;
  let caf: BodyCaller;

  beforeAll(async () => {
    store = await memoryStore();
    text = await generatedDsn({ seed: 61, establishments: 1, employees: 3, month: '2026-03' });
    persons = declaredPersons(text);
    month = paymentMonth(text);
    await depositDsn(
      { ...intakeContext(store), now: () => new Date('2026-04-05T10:00:00Z') },
      {
        source: chunked(text),
        declarant: null,
      },
    );
    caf = await habilitatedBody(store.db, { siret: cafSiret });
    const msa = await habilitatedBody(store.db, { siret: msaSiret });
    app = await buildApp({
      ...intakeContext(store),
      log: silentLogger(),
      bodyResolver: testBodyResolver({ 'organisme-test-caf': caf, 'organisme-test-msa': msa }),
    });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  const send = (
    method: 'POST' | 'PUT' | 'DELETE' | 'GET',
    url: string,
    token: string | null,
    body?: string | Buffer,
    type = ndjson,
  ) =>
    app.inject({
      method,
      url,
      headers: {
        ...(token === null ? {} : { authorization: `Bearer ${token}` }),
        ...(body === undefined ? {} : { 'content-type': type }),
      },
      ...(body === undefined ? {} : { payload: body }),
    });
  const code = (response: { json(): { errors: { code: string }[] } }) => response.json().errors[0]!.code;
  const lotUrl = () => `/v1/drm/lots?destinataire=${caf.bodySiret}&finalite=RSA_PPA&du=${month}&au=${month}`;

  it('answers a lot 202 with its address, its progress and, once read, its NDJSON answers, to its body only', async () => {
    const body = `${persons.map((p, i) => personLine(p, `D-${i}`)).join('\n')}\n\n{"nir": 1}\n`;
    const posted = await send('POST', lotUrl(), 'organisme-test-caf', body);
    expect(posted.statusCode).toBe(202);
    const { id } = posted.json();
    expect(posted.headers.location).toBe(`/v1/drm/lots/${id}`);
    expect((await send('GET', `/v1/drm/lots/${id}/resultat`, 'organisme-test-caf')).statusCode).toBe(409);
    expect(code(await send('GET', `/v1/drm/lots/${id}`, 'organisme-test-msa'))).toBe(
      'EXCHANGE_LOT_NOT_FOUND',
    );
    expect((await send('GET', `/v1/drm/lots/${id}`, 'organisme-test-msa')).statusCode).toBe(404);

    await new JobRunner(
      store.db,
      bulkJobs(tracedBulkRead(ephemeralTraceKeys())),
      silentLogger(),
    ).runUntilIdle();
    const status = await send('GET', posted.headers.location!, 'organisme-test-caf');
    expect(status.json()).toMatchObject({
      etat: 'termine',
      lignes: 4,
      traitees: 4,
      refusees: 1,
      progression: 1,
    });
    const result = await send('GET', `/v1/drm/lots/${id}/resultat`, 'organisme-test-caf');
    expect(result.statusCode).toBe(200);
    expect(result.headers['content-type']).toMatch(/^application\/x-ndjson/);
    const answers = result.body
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    // Line numbers are the body's: the blank line 4 is skipped, not renumbered.
    expect(answers.map((a) => [a.ligne, a.dossier])).toEqual([
      [1, 'D-0'],
      [2, 'D-1'],
      [3, 'D-2'],
      [5, null],
    ]);
    expect(answers[0].resultat.nir).toBe(persons[0]!.nir);
    expect(answers[3].erreur.code).toBe('EXCHANGE_LINE_INVALID');
    expect(code(await send('GET', `/v1/drm/lots/${id}/resultat`, 'organisme-test-msa'))).toBe(
      'EXCHANGE_LOT_NOT_FOUND',
    );
  });

  it('refuses a lot without a body credential, over 100,000 lines, not NDJSON, or of another type', async () => {
    const one = personLine(persons[0]!, 'X');
    expect((await send('POST', lotUrl(), null, one)).statusCode).toBe(401);
    const oversized = await send('POST', lotUrl(), 'organisme-test-caf', '{}\n'.repeat(100_001));
    expect(oversized.statusCode).toBe(413);
    expect(code(oversized)).toBe('EXCHANGE_LOT_TOO_LARGE');
    expect(oversized.json().errors[0].detail).toMatch(/100\s000 lignes/u);
    const binary = await send(
      'POST',
      lotUrl(),
      'organisme-test-caf',
      Buffer.from([0x7b, 0xff, 0xfe, 0x7d, 0x0a]),
    );
    expect([binary.statusCode, code(binary)]).toEqual([400, 'EXCHANGE_NDJSON_INVALID']);
    const prose = await send('POST', lotUrl(), 'organisme-test-caf', 'Bonjour,\nvoici mes personnes.\n');
    expect([prose.statusCode, code(prose)]).toEqual([400, 'EXCHANGE_NDJSON_INVALID']);
    expect((await send('POST', lotUrl(), 'organisme-test-caf', one, 'application/json')).statusCode).toBe(
      415,
    );
    const otherRecipient = lotUrl().replace(caf.bodySiret, msaSiret);
    expect(code(await send('POST', otherRecipient, 'organisme-test-caf', one))).toBe('EXCHANGE_RECIPIENT');
    const badMonth = await send(
      'POST',
      lotUrl().replace(`du=${month}`, "du=2026-03';--"),
      'organisme-test-caf',
      one,
    );
    expect([badMonth.statusCode, code(badMonth)]).toEqual([400, 'REQUEST_INVALID']);
  });

  it('follows a person, shows their corrected month in the feed, from a cursor, and stops following', async () => {
    expect((await send('GET', '/v1/flux', null)).statusCode).toBe(401);
    const injected = "D-1'); drop table follow; --";
    const put = await send(
      'PUT',
      '/v1/suivis',
      'organisme-test-caf',
      `${personLine(persons[0]!, injected)}\n`,
    );
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ lignes: 1, suivies: 1, refusees: 0 });
    const start = await send('GET', '/v1/flux?apres=0', 'organisme-test-caf');
    expect(start.json().evenements).toEqual([]);
    const cursor = start.json().suivant;

    await depositDsn(
      { ...intakeContext(store), now: () => new Date('2026-04-10T10:00:00Z') },
      {
        source: chunked(replacementOf(text, { fileDate: '10042026' })),
        declarant: null,
      },
    );
    const page = await send('GET', `/v1/flux?apres=${cursor}&limite=10`, 'organisme-test-caf');
    expect(page.statusCode).toBe(200);
    expect(page.json().evenements).toMatchObject([
      { personne: put.json().personnes[0].personne, dossier: injected, mois: month, nature: 'correction' },
    ]);
    expect((await send('GET', `/v1/flux?apres=${cursor}`, 'organisme-test-msa')).json().evenements).toEqual(
      [],
    );
    expect(code(await send('GET', '/v1/flux?apres=pas-un-curseur', 'organisme-test-caf'))).toBe(
      'EXCHANGE_CURSOR_INVALID',
    );
    expect((await send('GET', '/v1/flux?limite=0', 'organisme-test-caf')).statusCode).toBe(400);

    const removed = await send(
      'DELETE',
      '/v1/suivis',
      'organisme-test-caf',
      personLine(persons[0]!, injected),
    );
    expect(removed.json()).toEqual({ lignes: 1, retirees: 1, refus: [] });
  });
});
