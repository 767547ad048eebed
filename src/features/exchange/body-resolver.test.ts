import type { FastifyInstance } from 'fastify';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  accessToken,
  cafSiret,
  habilitated,
  otherSiret,
  withExchangeApp,
} from '../../../test/exchange-helpers.ts';
import { operator } from '../../platform/auth/operator.ts';
import { disableBodyBySiret, revokeHabilitationById, rotateHabilitationSecret, rotateKeys } from './admin.ts';

/** A route under a body-facing prefix that says who called: the feed's own routes are elsewhere. */
const whoCalls = (app: FastifyInstance) =>
  app.get('/v1/flux/appelant', async (request) => ({ caller: request.caller }));

describe('a receiving body’s access token on a body-facing route', () => {
  const ctx = withExchangeApp({ tokenTtlSeconds: 600 }, whoCalls);
  const call = (token?: string) =>
    ctx.app.inject({
      method: 'GET',
      url: '/v1/flux/appelant',
      headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
    });
  const refusal = async (token?: string) => {
    const response = await call(token);
    return { ...response.json().errors[0], status: response.statusCode };
  };

  it('makes the habilitation’s caller, with its purpose, fields and depth', async () => {
    const client = await habilitated(ctx.store.db, { fields: ['netSocial', 'gross'], depthMonths: 24 });
    const response = await call(await accessToken(ctx.app, client));
    expect(response.statusCode).toBe(200);
    expect(response.json().caller).toEqual({
      kind: 'body',
      scopes: ['ressources:lire'],
      bodySiret: cafSiret,
      habilitationId: client.id,
      clientId: client.clientId,
      purpose: 'RSA_PPA',
      fields: ['netSocial', 'gross'],
      depthMonths: 24,
    });
  });

  it('refuses no token with 401 AUTH_MISSING, saying where to get one', async () => {
    const refused = await refusal();
    expect(refused).toMatchObject({ status: 401, code: 'AUTH_MISSING' });
    expect(refused.detail).toMatch(/POST \/oauth\/token/);
    expect((await call()).headers['www-authenticate']).toBe('Bearer realm="relais"');
  });

  it('refuses an expired token with AUTH_EXPIRED', async () => {
    const token = await accessToken(ctx.app, await habilitated(ctx.store.db));
    ctx.clock.advance(599);
    expect((await call(token)).statusCode).toBe(200);
    ctx.clock.advance(2);
    expect(await refusal(token)).toMatchObject({ status: 401, code: 'AUTH_EXPIRED' });
    expect((await call(token)).headers['www-authenticate']).toBe(
      'Bearer realm="relais", error="invalid_token"',
    );
  });

  it('refuses a token signed by a key it does not publish, and a tampered one, with AUTH_INVALID', async () => {
    const client = await habilitated(ctx.store.db);
    const token = await accessToken(ctx.app, client);
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const widened = Buffer.from(JSON.stringify({ ...claims, scope: 'RSA_PPA gross' })).toString('base64url');
    expect(await refusal(`${header}.${widened}.${signature}`)).toMatchObject({
      status: 401,
      code: 'AUTH_INVALID',
    });

    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const kid = (await exportJWK(publicKey)).x!.slice(0, 16);
    const forged = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid, typ: 'at+jwt' })
      .sign(privateKey);
    const unknown = await refusal(forged);
    expect(unknown).toMatchObject({ status: 401, code: 'AUTH_INVALID' });
    expect(unknown.detail).toMatch(/clé que ce serveur ne publie pas/);
    const realKid = JSON.parse(Buffer.from(header, 'base64url').toString()).kid;
    const sameKid = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: realKid, typ: 'at+jwt' })
      .sign(privateKey);
    expect(await refusal(sameKid)).toMatchObject({ status: 401, code: 'AUTH_INVALID' });
  });

  it('refuses at once the token of a habilitation revoked between two requests', async () => {
    const client = await habilitated(ctx.store.db);
    const token = await accessToken(ctx.app, client);
    expect((await call(token)).statusCode).toBe(200);
    await revokeHabilitationById(ctx.store.db, operator, client.id, ctx.clock.now());
    expect(await refusal(token)).toMatchObject({ status: 401, code: 'AUTH_REVOKED' });
  });

  it('refuses at once the tokens of a disabled body, and those of a replaced secret', async () => {
    const ofOther = await habilitated(ctx.store.db, { siret: otherSiret });
    const token = await accessToken(ctx.app, ofOther);
    await disableBodyBySiret(ctx.store.db, operator, otherSiret, ctx.clock.now());
    expect(await refusal(token)).toMatchObject({ status: 401, code: 'AUTH_REVOKED' });

    const client = await habilitated(ctx.store.db);
    const before = await accessToken(ctx.app, client);
    ctx.clock.advance(1);
    const { clientSecret } = await rotateHabilitationSecret(
      ctx.store.db,
      operator,
      client.id,
      ctx.clock.now(),
    );
    expect(await refusal(before)).toMatchObject({ status: 401, code: 'AUTH_REVOKED' });
    expect((await call(await accessToken(ctx.app, { ...client, clientSecret }))).statusCode).toBe(200);
  });

  it('keeps the tokens of a retired key valid until they expire, and publishes that key until then', async () => {
    const client = await habilitated(ctx.store.db);
    const old = await accessToken(ctx.app, client);
    const jwks = async () =>
      (await ctx.app.inject({ method: 'GET', url: '/.well-known/jwks.json' }))
        .json()
        .keys.map((k: { kid: string }) => k.kid);
    const [oldKid] = await jwks();
    ctx.clock.advance(60);
    const { kid } = await rotateKeys(ctx.store.db, operator, ctx.clock.now());
    const fresh = await accessToken(ctx.app, client);
    expect(JSON.parse(Buffer.from(fresh.split('.')[0]!, 'base64url').toString()).kid).toBe(kid);
    expect(await jwks()).toEqual([kid, oldKid]);
    expect((await call(old)).statusCode).toBe(200);
    expect((await call(fresh)).statusCode).toBe(200);
    // The old token expires 600 s after its issue; the retired key leaves the JWKS 600 s after its retirement.
    ctx.clock.advance(541);
    expect(await refusal(old)).toMatchObject({ code: 'AUTH_EXPIRED' });
    ctx.clock.advance(60);
    expect(await jwks()).toEqual([kid]);
  });

  it('lets the administration answer a body’s token 403, not 401', async () => {
    const token = await accessToken(ctx.app, await habilitated(ctx.store.db));
    const response = await ctx.app.inject({
      method: 'GET',
      url: '/v1/admin/habilitations',
      headers: { authorization: `Bearer ${token}` },
    });
    expect([response.statusCode, response.json().errors[0].code]).toEqual([403, 'AUTH_SCOPE']);
  });
});
