import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bytesOf, generatedDsn, intakeContext, memoryStore, sha256 } from '../../test/deposit-helpers.ts';
import { createDeclarant, revokeDeclarant } from '../features/declarant/declarants.ts';
import { replacementOf } from '../features/deposit/replacement.ts';
import type { Store } from '../platform/store/database.ts';
import { buildApp } from './http-app.ts';

describe('HTTP API', () => {
  let store: Store;
  let app: FastifyInstance;
  let token: string;
  let otherToken: string;
  let text: string;
  const logLines: string[] = [];

  beforeAll(async () => {
    store = await memoryStore();
    text = await generatedDsn({ month: '2026-02', seed: 21, establishments: 1, employees: 5 });
    const siren = /^S21\.G00\.06\.001,'(\d{9})'/m.exec(text)![1]!;
    token = (await createDeclarant(store.db, 'Entreprise', siren)).token;
    otherToken = (await createDeclarant(store.db, 'Autre', '732829320')).token;
    const sink = new Writable({
      write(chunk, _encoding, done) {
        logLines.push(String(chunk));
        done();
      },
    });
    const log = pino({ level: 'debug' }, sink);
    app = await buildApp({ ...intakeContext(store, { maxDepositBytes: 2_000_000 }), log });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  const auth = (t = token) => ({ authorization: `Bearer ${t}` });
  const deposit = (body: Buffer | string, headers: Record<string, string> = auth()) =>
    app.inject({
      method: 'POST',
      url: '/v1/depots?fileName=fevrier.dsn',
      headers: { 'content-type': 'application/octet-stream', ...headers },
      payload: typeof body === 'string' ? bytesOf(body) : body,
    });

  it('serves the OpenAPI 3.1 document and a browsable page', async () => {
    const spec = await app.inject({ url: '/openapi.json' });
    expect(spec.json()).toMatchObject({ openapi: '3.1.0' });
    expect(Object.keys(spec.json().paths)).toEqual(
      expect.arrayContaining(['/v1/depots', '/v1/depots/{id}', '/v1/depots/{id}/bilan', '/v1/declarations']),
    );
    const page = await app.inject({ url: '/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
  });

  it('answers /favicon.ico with Relais’s icon, which the pages and the explorer link', async () => {
    const icon = await app.inject({ url: '/favicon.ico' });
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['content-type']).toBe('image/x-icon');
    // An ICO directory of one 32×32 image, 32 bits a pixel.
    expect([...icon.rawPayload.subarray(0, 8)]).toEqual([0, 0, 1, 0, 1, 0, 32, 32]);
    expect(icon.rawPayload.readUInt16LE(12)).toBe(32);
    expect(icon.rawPayload.length).toBe(icon.rawPayload.readUInt32LE(14) + 22);
    expect((await app.inject({ url: '/' })).body).toContain('<link rel="icon" href="/favicon.ico">');
  });

  it('serves the API explorer in French as far as Swagger UI lets it (see docs-french.ts)', async () => {
    const page = await app.inject({ url: '/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<title>Relais — API : documentation et essais</title>');
    expect(page.body).toContain('theme/relais-fr.js');
    expect(page.body).toContain('theme/favicon.ico');
    const script = await app.inject({ url: '/docs/static/theme/relais-fr.js' });
    expect(script.statusCode).toBe(200);
    expect(script.body).toContain('"Try it out":"Essayer"');
    expect(script.body).toContain('"Execute":"Exécuter"');
    expect(script.body).toContain('"No parameters":"Aucun paramètre"');
    expect(script.body).toContain('"Responses":"Réponses"');
    expect(script.body).toContain('"Request body":"Corps de la requête"');
    expect(script.body).toContain('"string":"texte"');
    // The whole script parses as JavaScript.
    expect(() => new Function(script.body)).not.toThrow();
    const style = await app.inject({ url: '/docs/static/theme/relais-fr.css' });
    expect(style.body).toContain('content:"obligatoire"');
  });

  it('puts a request id on every response, keeping a sane one given by the caller', async () => {
    const ok = await app.inject({ url: '/health' });
    expect(ok.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const given = await app.inject({ url: '/nulle-part', headers: { 'x-request-id': 'trace-42' } });
    expect(given.headers['x-request-id']).toBe('trace-42');
    expect(given.statusCode).toBe(404);
    expect(given.json()).toEqual({
      errors: [
        { status: '404', code: 'ROUTE_NOT_FOUND', title: 'Adresse inconnue', detail: expect.any(String) },
      ],
    });
  });

  it('refuses unauthenticated, unknown and revoked credentials with explicit codes', async () => {
    const none = await deposit(text, {});
    expect(none.statusCode).toBe(401);
    expect(none.json().errors[0]).toMatchObject({
      code: 'AUTH_MISSING',
      source: { header: 'Authorization' },
    });
    const wrong = await deposit(
      text,
      auth('relais_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'),
    );
    expect(wrong.json().errors[0].code).toBe('AUTH_INVALID');
    const revoked = await createDeclarant(store.db, 'Ancien', '732829320');
    await revokeDeclarant(store.db, revoked.declarant.id, new Date());
    const refused = await app.inject({ url: '/v1/depots', headers: auth(revoked.token) });
    expect(refused.statusCode).toBe(401);
    expect(refused.json().errors[0].code).toBe('AUTH_REVOKED');
  });

  let depositId: string;

  it('deposits over HTTP: acknowledgement and conformity report, then the same deposit for the same bytes', async () => {
    const first = await deposit(text);
    expect(first.statusCode).toBe(201);
    const body = first.json();
    expect(body.acknowledgement).toMatchObject({ sha256: sha256(text), fileName: 'fevrier.dsn' });
    expect(body.status).toBe('accepted');
    expect(body.report.summary).toEqual({
      blocking: 0,
      nonBlocking: expect.any(Number),
      notListed: expect.any(Number),
    });
    expect(first.headers.location).toBe(`/v1/depots/${body.acknowledgement.depositId}`);
    depositId = body.acknowledgement.depositId;
    const again = await deposit(text);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ duplicate: true, acknowledgement: { depositId } });
  });

  it('shows a deposit and its report to its declarant only', async () => {
    const own = await app.inject({ url: `/v1/depots/${depositId}`, headers: auth() });
    expect(own.json()).toMatchObject({
      acknowledgement: { depositId },
      declarations: [{ status: 'conform' }],
    });
    const report = await app.inject({ url: `/v1/depots/${depositId}/bilan`, headers: auth() });
    expect(report.json().report.individuals).toBe(5);
    const html = await app.inject({
      url: `/v1/depots/${depositId}/bilan`,
      headers: { ...auth(), accept: 'text/html' },
    });
    expect(html.headers['content-type']).toMatch(/text\/html/);
    expect(html.body).toContain('Dépôt accepté');
    const raw = await app.inject({ url: `/v1/depots/${depositId}/fichier`, headers: auth() });
    expect(raw.rawPayload).toEqual(bytesOf(text));
    // Under the name it was deposited with, not its hash.
    expect(raw.headers['content-disposition']).toBe('attachment; filename="fevrier.dsn"');
    const foreign = await app.inject({ url: `/v1/depots/${depositId}`, headers: auth(otherToken) });
    // Another declarant's deposit is answered as an unknown one, word for word but for the id.
    const unknownId = '01a20000-0000-7000-8000-000000000000';
    const unknown = await app.inject({ url: `/v1/depots/${unknownId}`, headers: auth() });
    expect(unknown.statusCode).toBe(404);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.body.replace(depositId, unknownId)).toBe(unknown.body);
    const invalid = await app.inject({ url: '/v1/depots/pas-un-id', headers: auth() });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().errors[0]).toMatchObject({ code: 'REQUEST_INVALID', source: { parameter: 'id' } });
  });

  it('says in French which parameter is invalid and what it expects', async () => {
    const problem = async (
      url: string,
      headers: Record<string, string> = auth(),
      method: 'GET' | 'POST' = 'GET',
    ) => {
      const response = await app.inject({
        url,
        headers: { 'content-type': 'application/octet-stream', ...headers },
        method,
        ...(method === 'POST' ? { payload: bytesOf(text) } : {}),
      });
      expect([url, response.statusCode]).toEqual([url, 400]);
      const [error, ...others] = response.json().errors as {
        code: string;
        title: string;
        detail: string;
        source: unknown;
      }[];
      expect(others).toEqual([]);
      expect(error).toMatchObject({ code: 'REQUEST_INVALID', title: 'Requête invalide' });
      return [error!.detail, error!.source];
    };
    expect(await problem('/v1/declarations?siret=12345678901234&month=2026-13')).toEqual([
      'Le paramètre month doit être un mois AAAA-MM.',
      { parameter: 'month' },
    ]);
    expect(await problem('/v1/declarations?siret=123')).toEqual([
      'Le paramètre siret doit être un SIRET de 14 chiffres.',
      { parameter: 'siret' },
    ]);
    expect(await problem('/v1/declarations?limit=0')).toEqual([
      'Le paramètre limit doit être un nombre supérieur ou égal à 1.',
      { parameter: 'limit' },
    ]);
    expect(await problem('/v1/declarations?limit=beaucoup')).toEqual([
      'Le paramètre limit doit être un nombre entier.',
      { parameter: 'limit' },
    ]);
    expect((await problem('/v1/depots/pas-un-id'))[0]).toMatch(
      /^Le paramètre id doit être un identifiant UUID/,
    );
    expect(await problem('/v1/depots/01a20000-0000-7000-8000-000000000000/bilan?format=xml')).toEqual([
      'Le paramètre format doit être l’une des valeurs json, html, csv, pdf.',
      { parameter: 'format' },
    ]);
    expect((await problem(`/v1/depots?fileName=${'a'.repeat(300)}`, auth(), 'POST'))[0]).toBe(
      'Le paramètre fileName doit être un texte d’au plus 255 caractères.',
    );
    expect((await problem('/v1/controles?version=P99V01', {}))[0]).toBe(
      'Le paramètre version doit être une version de norme P24V01 à P27V01.',
    );
  });

  it('quotes the deposit id as it was asked in a refusal', async () => {
    const upper = depositId.toUpperCase();
    const foreign = await app.inject({ url: `/v1/depots/${upper}`, headers: auth(otherToken) });
    expect(foreign.json().errors[0].detail).toBe(`Aucun dépôt ${upper}.`);
  });

  it('shows both versions after an annule-et-remplace, and each version as it was', async () => {
    const replaced = await deposit(
      replacementOf(text, { fileDate: '10032026', newAddress: '9 RUE NOUVELLE' }),
    );
    expect(replaced.statusCode).toBe(201);
    const siret = replaced.json().declarations[0].siret as string;
    const list = await app.inject({ url: `/v1/declarations?siret=${siret}&month=2026-02`, headers: auth() });
    const versions = list.json().declarations as { id: string; type: string; status: string }[];
    expect(versions.map((v) => [v.type, v.status])).toEqual([
      ['01', 'superseded'],
      ['03', 'conform'],
    ]);
    const pages = await Promise.all(
      versions.map((v) =>
        app
          .inject({ url: `/v1/declarations/${v.id}/individus?limit=1`, headers: auth() })
          .then((r) => r.json()),
      ),
    );
    expect(pages[0].individuals[0].nir).toBe(pages[1].individuals[0].nir);
    expect(pages[0].individuals[0].payments[0].payment.net_paid).toMatch(/^\d+\.\d{2}$/);
    const detail = await app.inject({ url: `/v1/declarations/${versions[0]!.id}`, headers: auth() });
    expect(detail.json().rows.individual).toBe(5);
    const foreign = await app.inject({
      url: `/v1/declarations/${versions[0]!.id}`,
      headers: auth(otherToken),
    });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().errors[0]).toMatchObject({
      code: 'DECLARATION_NOT_FOUND',
      detail: `Aucune déclaration ${versions[0]!.id}.`,
    });
  });

  it('rejects an empty body with a report, and refuses oversize and multipart bodies', async () => {
    const empty = await deposit(Buffer.alloc(0));
    expect(empty.json()).toMatchObject({
      status: 'rejected',
      report: { groups: [{ code: 'RELAIS-FILE-EMPTY' }] },
    });
    const big = await deposit(Buffer.alloc(2_000_001, 65));
    expect(big.statusCode).toBe(413);
    expect(big.json().errors[0].code).toBe('DEPOSIT_TOO_LARGE');
    const form = await deposit(text, { ...auth(), 'content-type': 'multipart/form-data; boundary=x' });
    expect(form.statusCode).toBe(415);
  });

  it('never logs a NIR nor the file content', () => {
    const nirs = [...text.matchAll(/^S21\.G00\.30\.001,'(\d{13})'/gm)].map((m) => m[1]!);
    expect(nirs.length).toBe(5);
    const logs = logLines.join('');
    expect(logs).toContain('dépôt enregistré');
    for (const nir of nirs) expect(logs).not.toContain(nir);
    expect(logs).not.toContain('S21.G00.30');
    expect(logs).not.toContain(token.slice(-20));
  });
});
