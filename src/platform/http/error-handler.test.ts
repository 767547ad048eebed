import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intakeContext, memoryStore } from '../../../test/deposit-helpers.ts';
import { buildApp } from '../../app/http-app.ts';
import { silentLogger } from '../log.ts';
import type { Store } from '../store/database.ts';

const operatorToken = 'operateur-de-test-0123456789-abcdefghij';
const operator = { authorization: `Bearer ${operatorToken}` };

/**
 * What Fastify refuses before a route runs, each kind as a client can cause it: answered in the
 * common error format, in French, with the status the refusal deserves, never Fastify's English.
 */
describe('refusals of the framework, in French', () => {
  let store: Store;
  let app: FastifyInstance;

  beforeAll(async () => {
    store = await memoryStore();
    app = await buildApp({ ...intakeContext(store), log: silentLogger(), operatorToken });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  const refusal = async (request: InjectOptions) => {
    const response = await app.inject(request);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    return [response.statusCode, response.json()];
  };
  const newDeclarant = (headers: Record<string, string>, payload: string): InjectOptions => ({
    method: 'POST',
    url: '/v1/admin/declarants',
    headers: { ...operator, ...headers },
    payload,
  });
  const json = { 'content-type': 'application/json' };

  it('an unknown address: 404', async () => {
    expect(await refusal({ method: 'DELETE', url: '/health' })).toEqual([
      404,
      {
        errors: [
          {
            status: '404',
            code: 'ROUTE_NOT_FOUND',
            title: 'Adresse inconnue',
            detail: 'Aucune adresse DELETE /health ; voir /docs.',
          },
        ],
      },
    ]);
  });

  it('an address that is no valid URL: 400, where Fastify answered before any handler', async () => {
    expect(await refusal({ method: 'GET', url: '/v1/controles/%E0%A4%A' })).toEqual([
      400,
      {
        errors: [
          {
            status: '400',
            code: 'REQUEST_INVALID',
            title: 'Requête invalide',
            detail: 'L’adresse demandée est mal formée.',
          },
        ],
      },
    ]);
  });

  it('a JSON body over the limit: 413, with the limit', async () => {
    const big = JSON.stringify({ name: 'x'.repeat(1 << 20), scope: '552100554' });
    expect(await refusal(newDeclarant(json, big))).toEqual([
      413,
      {
        errors: [
          {
            status: '413',
            code: 'REQUEST_TOO_LARGE',
            title: 'Requête trop volumineuse',
            detail: 'Le corps de la requête dépasse la taille acceptée ici (1\u202f048\u202f576 octets).',
            source: { pointer: '/body' },
          },
        ],
      },
    ]);
  });

  it('a media type the route does not take: 415, naming it', async () => {
    expect(await refusal(newDeclarant({ 'content-type': 'application/xml' }, '<a/>'))).toEqual([
      415,
      {
        errors: [
          {
            status: '415',
            code: 'REQUEST_MEDIA_TYPE',
            title: 'Type de contenu non accepté',
            detail:
              'Le type de contenu « application/xml » n’est pas accepté ici ; voir la documentation de l’API sur /docs.',
            source: { header: 'Content-Type' },
          },
        ],
      },
    ]);
    const [status, body] = await refusal(newDeclarant({}, 'nom=x'));
    expect([status, body.errors[0].detail]).toEqual([
      415,
      'L’en-tête Content-Type manque ; voir la documentation de l’API sur /docs.',
    ]);
  });

  it('a JSON body that does not parse, or an empty one: 400', async () => {
    const [status, body] = await refusal(newDeclarant(json, '{"name": '));
    expect([status, body.errors[0].code, body.errors[0].detail]).toEqual([
      400,
      'REQUEST_INVALID',
      'Le corps de la requête n’est pas un JSON valide.',
    ]);
    const [emptyStatus, empty] = await refusal(newDeclarant(json, ''));
    expect([emptyStatus, empty.errors[0].detail]).toEqual([
      400,
      'Le corps de la requête est vide alors que son type est application/json.',
    ]);
  });
});
