import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import {
  accessToken,
  habilitated,
  otherSiret,
  tokenRequest,
  withExchangeApp,
} from '../../../test/exchange-helpers.ts';

const feedRoute = (app: FastifyInstance) => app.get('/v1/flux/essai', async () => ({ ok: true }));

describe('rate limits per credential', () => {
  const ctx = withExchangeApp({ rateLimitPerMinute: 3, tokenRateLimitPerMinute: 2 }, feedRoute);
  const read = (token: string) =>
    ctx.app.inject({ method: 'GET', url: '/v1/flux/essai', headers: { authorization: `Bearer ${token}` } });

  it('answers 429 in the common error format, with the RateLimit and Retry-After headers', async () => {
    const token = await accessToken(ctx.app, await habilitated(ctx.store.db));
    const first = await read(token);
    expect(first.statusCode).toBe(200);
    expect(first.headers).toMatchObject({ 'ratelimit-limit': '3', 'ratelimit-remaining': '2' });
    expect(Number(first.headers['ratelimit-reset'])).toBeGreaterThan(0);
    await read(token);
    await read(token);
    const limited = await read(token);
    expect(limited.statusCode).toBe(429);
    expect(limited.headers).toMatchObject({ 'ratelimit-limit': '3', 'ratelimit-remaining': '0' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json()).toEqual({
      errors: [
        {
          status: '429',
          code: 'RATE_LIMITED',
          title: 'Trop de requêtes',
          detail: expect.stringMatching(
            /^Limite de 3 requêtes par minute atteinte pour ce jeton : réessayez dans \d+ s/,
          ),
        },
      ],
    });
  });

  it('counts each credential apart', async () => {
    const other = await accessToken(ctx.app, await habilitated(ctx.store.db, { siret: otherSiret }));
    expect((await read(other)).statusCode).toBe(200);
  });

  it('limits token requests per client and address', async () => {
    const client = await habilitated(ctx.store.db);
    const form = {
      grant_type: 'client_credentials',
      client_id: client.clientId,
      client_secret: client.clientSecret,
    };
    expect((await tokenRequest(ctx.app, form)).statusCode).toBe(200);
    expect((await tokenRequest(ctx.app, form)).statusCode).toBe(200);
    const limited = await tokenRequest(ctx.app, form);
    expect([limited.statusCode, limited.json().errors[0].code]).toEqual([429, 'RATE_LIMITED']);
    expect(limited.headers['retry-after']).toBeDefined();
  });
});
