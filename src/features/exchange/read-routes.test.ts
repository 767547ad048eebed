import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declaredPersons, paymentMonth, type DeclaredPerson } from '../../../test/drm-helpers.ts';
import { chunked, generatedDsn, intakeContext, memoryStore } from '../../../test/deposit-helpers.ts';
import {
  bodyCaller,
  cafSiren,
  cafSiret,
  keysAtAnyDepth,
  siretOf,
  sirenOf,
} from '../../../test/exchange-callers.ts';
import { buildApp } from '../../app/http-app.ts';
import type { BodyCaller } from '../../platform/auth/caller.ts';
import type { CredentialResolver } from '../../platform/auth/resolver.ts';
import { AppError } from '../../platform/errors.ts';
import type { Store } from '../../platform/store/database.ts';
import { depositDsn } from '../deposit/deposit.ts';
import { withKey } from '../drm/nir.ts';
import { grantableFields } from './fields.ts';
import { traceEntriesAfter } from './trace/access-trace-repository.ts';
import { ephemeralTraceKeys } from './trace/keys.ts';
import { verifyTrace } from './trace/verify.ts';

const operatorToken = 'operateur-de-test-0123456789-abcdefghij';
const traceKeys = ephemeralTraceKeys();

/** Receiving bodies' credentials for these tests: `test-body-<name>` → the caller registered under it. */
const bodies = new Map<string, BodyCaller>([
  // Ten years deep: the generated months stay readable whatever the day the tests run.
  ['test-body-caf', bodyCaller({ depthMonths: 120 })],
  ['test-body-shallow', bodyCaller({ depthMonths: 1 })],
  ['test-body-paid', bodyCaller({ depthMonths: 120, fields: ['netPaid'] })],
]);
const bodyResolver: CredentialResolver<'body'> = {
  kind: 'body',
  recognises: (credential) => credential.startsWith('test-body-'),
  async resolve(credential) {
    const caller = credential === undefined ? undefined : bodies.get(credential);
    if (!caller) throw new AppError('AUTH_INVALID', 'Jeton d’organisme inconnu.');
    return caller;
  },
};

describe('purpose-bound DRM reads over HTTP', () => {
  let store: Store;
  let app: FastifyInstance;
  let person: DeclaredPerson;
  let month: string;
  const logLines: string[] = [];

  beforeAll(async () => {
    store = await memoryStore();
    const text = await generatedDsn({ seed: 161, establishments: 1, employees: 2 });
    person = declaredPersons(text)[0]!;
    month = paymentMonth(text);
    const ctx = intakeContext(store);
    await depositDsn(
      { ...ctx, now: () => new Date('2026-04-08T10:00:00Z') },
      { source: chunked(text), declarant: null },
    );
    const sink = new Writable({
      write(chunk, _encoding, done) {
        logLines.push(String(chunk));
        done();
      },
    });
    app = await buildApp({
      ...ctx,
      log: pino({ level: 'debug' }, sink),
      operatorToken,
      traceKeys,
      bodyResolver,
    });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  const read = (p: DeclaredPerson) => ({
    nir: p.nir,
    nom: p.lastName,
    prenoms: p.firstNames,
    dateNaissance: p.birthDate,
    du: month,
    au: month,
    destinataire: cafSiret,
    finalite: 'RSA_PPA',
    dossier: 'CAF-75-2026-000123',
  });
  const post = (body: unknown, token = 'test-body-caf', path = '/v1/drm/ressources') =>
    app.inject({
      method: 'POST',
      url: path,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const refusal = async (body: unknown, token?: string) => {
    const response = await post(body, token);
    const [error] = response.json().errors;
    return { status: response.statusCode, code: error.code, source: error.source };
  };

  it('serves a body only its habilitation’s fields, no other key at any depth', async () => {
    const response = await post(read(person));
    expect(response.statusCode).toBe(200);
    const keys = keysAtAnyDepth(response.json());
    expect(keys.has('netSocial')).toBe(true);
    for (const field of grantableFields.filter((f) => f !== 'netSocial')) expect(keys.has(field)).toBe(false);
    const paid = keysAtAnyDepth((await post(read(person), 'test-body-paid')).json());
    expect([paid.has('netPaid'), paid.has('netSocial')]).toEqual([true, false]);
    const windows = await post(
      { ...read(person), du: undefined, au: undefined, mois: month },
      'test-body-caf',
      '/v1/drm/fenetres',
    );
    expect(windows.statusCode).toBe(200);
    expect(windows.json().windows).toHaveLength(2);
  });

  it('answers an unknown NIR and a mismatching identity with the same status and body', async () => {
    const unknown = await post(read({ ...person, nir: withKey('2991275123456') }));
    const mismatch = await post(read({ ...person, birthDate: '1901-01-01' }));
    expect(unknown.statusCode).toBe(404);
    expect(mismatch.statusCode).toBe(unknown.statusCode);
    expect(mismatch.json()).toEqual(unknown.json());
    expect(unknown.json().errors[0].code).toBe('DRM_PERSON_NOT_FOUND');
  });

  it('refuses a missing or inconsistent context with its code and pointer', async () => {
    const other = siretOf(sirenOf('12345678'), '0001');
    expect(await refusal({ ...read(person), finalite: 'APL' })).toEqual({
      status: 403,
      code: 'EXCHANGE_PURPOSE',
      source: { pointer: '/finalite' },
    });
    expect(await refusal({ ...read(person), destinataire: other })).toMatchObject({
      status: 403,
      code: 'EXCHANGE_RECIPIENT',
      source: { pointer: '/destinataire' },
    });
    expect(await refusal({ ...read(person), destinataire: undefined })).toMatchObject({
      code: 'EXCHANGE_RECIPIENT',
    });
    expect(await refusal({ ...read(person), finalite: undefined })).toMatchObject({
      code: 'EXCHANGE_PURPOSE',
    });
    expect(await refusal({ ...read(person), dossier: undefined })).toMatchObject({
      status: 400,
      code: 'EXCHANGE_CASE',
      source: { pointer: '/dossier' },
    });
    expect(await refusal(read(person), 'test-body-shallow')).toMatchObject({
      status: 403,
      code: 'EXCHANGE_DEPTH',
      source: { pointer: '/du' },
    });
    const branch = await post({ ...read(person), destinataire: siretOf(cafSiren, '0099') });
    expect(branch.statusCode).toBe(200);
  });

  it('refuses malformed and oversized bodies', async () => {
    expect(await refusal('{"nir": ')).toMatchObject({ status: 400, code: 'REQUEST_INVALID' });
    expect(await refusal({ ...read(person), extra: 1 })).toMatchObject({
      status: 400,
      code: 'REQUEST_INVALID',
    });
    expect(await refusal({ ...read(person), nir: { $ne: null } })).toMatchObject({ status: 400 });
    expect(await refusal({ ...read(person), nom: 'X'.repeat(81) })).toMatchObject({
      code: 'REQUEST_INVALID',
    });
    expect(await refusal({ ...read(person), dossier: 'X'.repeat(257) })).toMatchObject({
      code: 'REQUEST_INVALID',
    });
    expect(await refusal({ ...read(person), dossier: 'X'.repeat(65) })).toMatchObject({
      code: 'EXCHANGE_CASE',
    });
    expect(await refusal({ ...read(person), du: '2026-13' })).toMatchObject({ code: 'REQUEST_INVALID' });
    expect(await refusal([read(person)])).toMatchObject({ code: 'REQUEST_INVALID' });
    const huge = await post({ ...read(person), nom: 'X'.repeat(2 << 20) });
    expect(huge.statusCode).toBe(413);
  });

  it('treats injection strings in every text field as data', async () => {
    const injections = [
      "' or '1'='1",
      "'; drop table access_trace; --",
      '<script>alert(1)</script>',
      '${jndi:ldap://x/a}',
    ];
    for (const text of injections) {
      expect(await refusal({ ...read(person), nir: text })).toMatchObject({ code: 'DRM_NIR_FORMAT' });
      expect(await refusal({ ...read(person), nom: text })).toMatchObject({ code: 'DRM_PERSON_NOT_FOUND' });
      expect(await refusal({ ...read(person), prenoms: text })).toMatchObject({
        code: 'DRM_PERSON_NOT_FOUND',
      });
      expect(await refusal({ ...read(person), destinataire: text })).toMatchObject({
        code: 'EXCHANGE_RECIPIENT',
      });
      expect(await refusal({ ...read(person), finalite: text })).toMatchObject({ code: 'EXCHANGE_PURPOSE' });
      expect((await post({ ...read(person), dossier: text })).statusCode).toBe(200);
    }
    const entries = await traceEntriesAfter(store.db, 0, 10_000);
    expect(entries.map((e) => e.caseReference)).toEqual(expect.arrayContaining(injections));
    expect((await verifyTrace(store.db, traceKeys)).problem).toBeNull();
  });

  it('lets the operator read every field under a stated purpose and case, traced as the operator', async () => {
    const { destinataire: _, ...body } = read(person);
    const response = await post(body, operatorToken);
    expect(response.statusCode).toBe(200);
    const keys = keysAtAnyDepth(response.json());
    for (const field of ['netSocial', 'netPaid', 'gross', 'payer', 'provenance'])
      expect(keys.has(field)).toBe(true);
    const [last] = (await traceEntriesAfter(store.db, 0, 10_000)).slice(-1);
    expect([last!.callerKind, last!.recipient, last!.requestId]).toEqual([
      'operator',
      null,
      response.headers['x-request-id'],
    ]);
    expect(await refusal({ ...body, finalite: undefined }, operatorToken)).toMatchObject({
      code: 'EXCHANGE_PURPOSE',
    });
    expect(
      await refusal({ ...body, birthDate: undefined, dateNaissance: '1901-01-01' }, operatorToken),
    ).toMatchObject({
      code: 'DRM_IDENTITY_MISMATCH',
    });
  });

  it('verifies and purges the trace over the operator API, for the CLI beside a running server', async () => {
    const admin = (url: string, token: string, payload: object = {}) =>
      app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${token}` }, payload });
    const verified = await admin('/v1/admin/trace/verification', operatorToken);
    expect(verified.statusCode).toBe(200);
    const entries = await traceEntriesAfter(store.db, 0, 10_000);
    expect(verified.json()).toMatchObject({
      entries: entries.length,
      last: entries.at(-1)!.position,
      problem: null,
    });
    const purged = await admin('/v1/admin/trace/purge', operatorToken, { conservationMois: 36 });
    expect(purged.json()).toEqual({ kind: 'purged', removed: 0, cutAt: null });
    expect((await admin('/v1/admin/trace/verification', 'test-body-caf')).statusCode).toBe(403);
    expect((await admin('/v1/admin/trace/purge', operatorToken, { conservationMois: 0 })).statusCode).toBe(
      400,
    );
  });

  it('keeps the NIR and the names out of the logs', async () => {
    const logs = logLines.join('');
    expect(logs).toContain('/v1/drm/ressources');
    expect(logs).not.toContain(person.nir.slice(0, 13));
    expect(logs).not.toContain(person.lastName);
    expect(logs).not.toContain(operatorToken);
  });
});
