import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intakeContext, memoryStore } from '../../../test/deposit-helpers.ts';
import { buildApp } from '../../app/http-app.ts';
import type { Store } from '../../platform/store/database.ts';
import { createDeclarant } from './declarants.ts';

const operatorToken = 'operateur-de-test-0123456789-abcdefghij';

describe('declarants administration API', () => {
  let store: Store;
  let app: FastifyInstance;
  let declarantToken: string;

  beforeAll(async () => {
    store = await memoryStore();
    app = await buildApp({ ...intakeContext(store), log: pino({ level: 'silent' }), operatorToken });
    declarantToken = (await createDeclarant(store.db, 'Déclarant existant', '732829320')).token;
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  const call = (method: 'GET' | 'POST', url: string, token: string | null, payload?: unknown) =>
    app.inject({
      method,
      url,
      headers: token === null ? {} : { authorization: `Bearer ${token}` },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const error = (response: { json(): { errors: { code: string; detail: string }[] } }) =>
    response.json().errors[0]!;

  it('lets the operator create a declarant, whose token then deposits, list it and revoke it', async () => {
    const created = await call('POST', '/v1/admin/declarants', operatorToken, {
      name: 'Boulangerie Martin',
      scope: '552100554',
    });
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(body).toMatchObject({ name: 'Boulangerie Martin', scope: '552100554' });
    expect(body.token).toMatch(/^relais_[0-9a-f]{16}_/);
    expect(created.headers.location).toBe(`/v1/admin/declarants/${body.id}`);
    // The new token is a declarant's: it reads its (empty) deposits.
    expect((await call('GET', '/v1/depots', body.token)).statusCode).toBe(200);

    const list = await call('GET', '/v1/admin/declarants', operatorToken);
    expect(list.statusCode).toBe(200);
    expect(list.json()).toContainEqual({
      id: body.id,
      name: 'Boulangerie Martin',
      scope: '552100554',
      createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      revokedAt: null,
    });

    const revoked = await call('POST', `/v1/admin/declarants/${body.id}/revocation`, operatorToken);
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json()).toEqual({ id: body.id, revokedAt: expect.any(String) });
    expect(error(await call('GET', '/v1/depots', body.token)).code).toBe('AUTH_REVOKED');
    const again = await call('POST', `/v1/admin/declarants/${body.id}/revocation`, operatorToken);
    expect([again.statusCode, error(again).code]).toEqual([409, 'DECLARANT_REVOKED']);
    const unknown = await call(
      'POST',
      '/v1/admin/declarants/01a20000-0000-7000-8000-000000000009/revocation',
      operatorToken,
    );
    expect([unknown.statusCode, error(unknown).code]).toEqual([404, 'DECLARANT_NOT_FOUND']);
  });

  it('refuses a declarant’s token (403) and a missing one (401)', async () => {
    for (const [method, url] of [
      ['GET', '/v1/admin/declarants'],
      ['POST', '/v1/admin/declarants'],
    ] as const) {
      const payload = method === 'POST' ? { name: 'Intrus', scope: '552100554' } : undefined;
      const forbidden = await call(method, url, declarantToken, payload);
      expect([forbidden.statusCode, error(forbidden).code]).toEqual([403, 'AUTH_SCOPE']);
      expect(error(forbidden).detail).toBe(
        'Ce jeton ne permet pas de gérer les déclarants (droit « declarants:gerer » absent).',
      );
      const anonymous = await call(method, url, null, payload);
      expect([anonymous.statusCode, error(anonymous).code]).toEqual([401, 'AUTH_MISSING']);
    }
    const list = await call('GET', '/v1/admin/declarants', operatorToken);
    expect(list.json().map((d: { name: string }) => d.name)).not.toContain('Intrus');
  });

  it('refuses bad input with 400 and a French reason', async () => {
    const cases = [
      [{ name: 'Essai', scope: '123' }, "« 123 » n'est ni un SIREN (9 chiffres) ni un SIRET (14 chiffres)."],
      [{ name: 'Essai', scope: '552100555' }, 'La clé du SIREN 552100555 est fausse.'],
      [{ name: '  ', scope: '552100554' }, 'Le nom du déclarant est vide.'],
    ] as const;
    for (const [payload, detail] of cases) {
      const response = await call('POST', '/v1/admin/declarants', operatorToken, payload);
      expect([response.statusCode, error(response).code, error(response).detail]).toEqual([
        400,
        'DECLARANT_INVALID',
        detail,
      ]);
    }
    const malformed = await call('POST', '/v1/admin/declarants', operatorToken, { name: 'Essai' });
    expect([malformed.statusCode, error(malformed).code]).toEqual([400, 'REQUEST_INVALID']);
    expect(error(malformed).detail).toBe('Le champ /scope du corps de la requête est obligatoire.');
  });

  it('documents the routes in the OpenAPI description, in French, under the operator credential', async () => {
    const spec = (await call('GET', '/openapi.json', null)).json();
    const post = spec.paths['/v1/admin/declarants'].post;
    expect(post.summary).toBe('Créer un déclarant et son jeton');
    expect(post.security).toEqual([{ operator: [] }]);
    expect(Object.keys(spec.paths)).toContain('/v1/admin/declarants/{id}/revocation');
  });
});
