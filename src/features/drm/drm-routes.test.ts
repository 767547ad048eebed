import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declaredPersons, paymentMonth, type DeclaredPerson } from '../../../test/drm-helpers.ts';
import { chunked, generatedDsn, intakeContext, memoryStore } from '../../../test/deposit-helpers.ts';
import { depositDsn } from '../deposit/deposit.ts';
import type { Store } from '../../platform/store/database.ts';
import { buildApp } from '../../app/http-app.ts';

const operatorToken = 'operateur-de-test-0123456789-abcdefghij';

describe('DRM read API', () => {
  let store: Store;
  let app: FastifyInstance;
  let closed: FastifyInstance;
  let person: DeclaredPerson;
  let month: string;
  const logLines: string[] = [];

  beforeAll(async () => {
    store = await memoryStore();
    const text = await generatedDsn({ seed: 61, establishments: 1, employees: 2 });
    person = declaredPersons(text)[0]!;
    month = paymentMonth(text);
    const ctx = intakeContext(store);
    await depositDsn(
      { ...ctx, now: () => new Date('2026-04-08T10:00:00Z') },
      {
        source: chunked(text),
        declarant: null,
      },
    );
    const sink = new Writable({
      write(chunk, _encoding, done) {
        logLines.push(String(chunk));
        done();
      },
    });
    app = await buildApp({ ...ctx, log: pino({ level: 'debug' }, sink), operatorToken });
    closed = await buildApp({ ...ctx, log: pino({ level: 'silent' }) });
  });
  afterAll(async () => {
    await app.close();
    await closed.close();
    await store.close();
  });

  const url = (p: DeclaredPerson, extra = '') =>
    `/v1/drm/individus/${p.nir}/ressources?du=${month}&au=${month}` +
    `&nom=${encodeURIComponent(p.lastName)}&prenoms=${encodeURIComponent(p.firstNames)}` +
    `&dateNaissance=${p.birthDate}${extra}`;
  const get = (path: string, token = operatorToken) =>
    app.inject({ url: path, headers: { authorization: `Bearer ${token}` } });

  it('answers the months with totals, lines, provenance and a libelle next to every code', async () => {
    const response = await get(url(person));
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ nir: person.nir, period: { from: month, to: month }, missingMonths: [] });
    const [line] = body.months[0].lines;
    expect(body.months[0].status).toEqual({ code: 'DECLARE', libelle: expect.any(String) });
    expect(line.source).toEqual({ code: 'DSN', libelle: expect.stringMatching(/nominative/) });
    expect(line.kind).toEqual({ code: 'SALAIRE', libelle: expect.any(String) });
    // Amounts are decimal strings, never numbers.
    for (const value of Object.values(body.months[0].totals)) expect(typeof value).toBe('string');
    expect(line.provenance).toMatchObject({
      paymentLine: expect.any(Number),
      knownFrom: '2026-04-08T10:00:00.000Z',
    });
  });

  it('answers the reference windows', async () => {
    const response = await get(
      url(person)
        .replace('/ressources?', '/fenetres?')
        .replace(/du=[^&]*&au=[^&]*&/, '') + '&mois=2026-06',
    );
    expect(response.statusCode).toBe(200);
    expect(
      response.json().windows.map((w: { code: string; libelle: string }) => [w.code, typeof w.libelle]),
    ).toEqual([
      ['M2_M4', 'string'],
      ['M1_M3', 'string'],
    ]);
  });

  it('refuses without the operator token, with a wrong one, and when none is configured', async () => {
    expect((await app.inject({ url: url(person) })).json().errors[0].code).toBe('AUTH_MISSING');
    const wrong = await get(url(person), 'pas-le-bon-jeton-0123456789-0123456789');
    expect([wrong.statusCode, wrong.json().errors[0].code]).toEqual([401, 'AUTH_INVALID']);
    const off = await closed.inject({
      url: url(person),
      headers: { authorization: `Bearer ${operatorToken}` },
    });
    expect([off.statusCode, off.json().errors[0].code]).toEqual([503, 'DRM_DISABLED']);
  });

  it('fails closed with explicit codes', async () => {
    const badKey = `${person.nir.slice(0, 13)}${person.nir.slice(13) === '01' ? '02' : '01'}`;
    const key = await get(url({ ...person, nir: badKey }));
    expect([key.statusCode, key.json().errors[0].code]).toEqual([400, 'DRM_NIR_KEY']);
    const mismatch = await get(url({ ...person, birthDate: '1901-01-01' }));
    expect([mismatch.statusCode, mismatch.json().errors[0]]).toEqual([
      409,
      expect.objectContaining({ code: 'DRM_IDENTITY_MISMATCH', title: 'Identité discordante' }),
    ]);
    const missing = await get(url(person).replace(/&nom=[^&]*/, ''));
    expect([missing.statusCode, missing.json().errors[0].code]).toEqual([400, 'REQUEST_INVALID']);
    expect(missing.json().errors[0]).toMatchObject({
      detail: 'Le paramètre nom est obligatoire.',
      source: { parameter: 'nom' },
    });
  });

  it('documents both routes in OpenAPI and keeps NIR and names out of the logs', async () => {
    const spec = (await app.inject({ url: '/openapi.json' })).json();
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(['/v1/drm/individus/{nir}/ressources', '/v1/drm/individus/{nir}/fenetres']),
    );
    expect(spec.components.securitySchemes.operator).toMatchObject({ scheme: 'bearer' });
    const logs = logLines.join('');
    expect(logs).toContain('/v1/drm/individus/:nir/ressources');
    expect(logs).not.toContain(person.nir.slice(0, 13));
    expect(logs).not.toContain(encodeURIComponent(person.lastName));
    expect(logs).not.toContain(operatorToken);
  });
});
