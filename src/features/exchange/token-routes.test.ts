import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  basic,
  habilitated,
  otherSiret,
  tokenRequest,
  withExchangeApp,
} from '../../../test/exchange-helpers.ts';
import { operator } from '../../platform/auth/operator.ts';
import { disableBodyBySiret, revokeHabilitationById, rotateHabilitationSecret } from './admin.ts';

const grant = { grant_type: 'client_credentials' };

describe('POST /oauth/token (client credentials)', () => {
  const ctx = withExchangeApp();

  it('gives a signed token to a client authenticated by client_secret_post, verifiable with the JWKS', async () => {
    const client = await habilitated(ctx.store.db, { fields: ['netSocial', 'netPaid'] });
    const response = await tokenRequest(ctx.app, {
      ...grant,
      client_id: client.clientId,
      client_secret: client.clientSecret,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const answer = response.json();
    expect(answer).toEqual({
      access_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: 900,
      scope: 'RSA_PPA netPaid netSocial',
    });
    const jwks = (await ctx.app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json();
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).not.toHaveProperty('d');
    const { payload, protectedHeader } = await jwtVerify(answer.access_token, createLocalJWKSet(jwks), {
      currentDate: ctx.clock.now(),
    });
    expect(protectedHeader).toMatchObject({ alg: 'ES256', typ: 'at+jwt', kid: jwks.keys[0].kid });
    expect(payload).toMatchObject({
      iss: 'urn:relais',
      aud: 'urn:relais:api',
      sub: client.clientId,
      habilitation_id: client.id,
      jti: expect.any(String),
    });
    expect(payload.exp! - payload.iat!).toBe(900);
    expect(payload.iat).toBe(Math.floor(ctx.clock.now().getTime() / 1000));
  });

  it('accepts client_secret_basic', async () => {
    const client = await habilitated(ctx.store.db);
    const response = await tokenRequest(ctx.app, grant, {
      authorization: basic(client.clientId, client.clientSecret),
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().scope).toBe('RSA_PPA netSocial');
    expect(decodeProtectedHeader(response.json().access_token).kid).toBeDefined();
  });

  it('refuses a wrong secret and an unknown client alike, 401 invalid_client with WWW-Authenticate', async () => {
    const client = await habilitated(ctx.store.db);
    const wrong = await tokenRequest(ctx.app, grant, { authorization: basic(client.clientId, 'mauvais') });
    const unknown = await tokenRequest(ctx.app, {
      ...grant,
      client_id: 'rlc_000000000000000000000000',
      client_secret: client.clientSecret,
    });
    for (const response of [wrong, unknown]) {
      expect(response.statusCode).toBe(401);
      expect(response.headers['www-authenticate']).toMatch(/^Basic realm="relais"/);
      expect(response.json()).toEqual({
        error: 'invalid_client',
        error_description: 'Client inconnu ou secret incorrect.',
      });
    }
    const none = await tokenRequest(ctx.app, grant);
    expect([none.statusCode, none.json().error]).toEqual([401, 'invalid_client']);
  });

  it('refuses a revoked habilitation, a disabled body and a replaced secret', async () => {
    const revoked = await habilitated(ctx.store.db);
    await revokeHabilitationById(ctx.store.db, operator, revoked.id, ctx.clock.now());
    const refusedRevoked = await tokenRequest(ctx.app, grant, {
      authorization: basic(revoked.clientId, revoked.clientSecret),
    });
    expect([refusedRevoked.statusCode, refusedRevoked.json()]).toEqual([
      401,
      {
        error: 'invalid_client',
        error_description: 'Cette habilitation a été révoquée : aucun jeton n’est plus délivré.',
      },
    ]);

    const ofDisabled = await habilitated(ctx.store.db, { siret: otherSiret });
    await disableBodyBySiret(ctx.store.db, operator, otherSiret, ctx.clock.now());
    const refusedDisabled = await tokenRequest(ctx.app, grant, {
      authorization: basic(ofDisabled.clientId, ofDisabled.clientSecret),
    });
    expect([refusedDisabled.statusCode, refusedDisabled.json().error_description]).toEqual([
      401,
      `L’organisme ${otherSiret} est désactivé : aucun jeton n’est plus délivré.`,
    ]);

    const rotated = await habilitated(ctx.store.db);
    const { clientSecret } = await rotateHabilitationSecret(
      ctx.store.db,
      operator,
      rotated.id,
      ctx.clock.now(),
    );
    const old = await tokenRequest(ctx.app, grant, {
      authorization: basic(rotated.clientId, rotated.clientSecret),
    });
    expect(old.statusCode).toBe(401);
    const fresh = await tokenRequest(ctx.app, grant, {
      authorization: basic(rotated.clientId, clientSecret),
    });
    expect(fresh.statusCode).toBe(200);
  });

  it('refuses another grant type, a missing one, a malformed body and two authentications at once', async () => {
    const client = await habilitated(ctx.store.db);
    const auth = { authorization: basic(client.clientId, client.clientSecret) };
    const password = await tokenRequest(ctx.app, { grant_type: 'password' }, auth);
    expect([password.statusCode, password.json()]).toEqual([
      400,
      {
        error: 'unsupported_grant_type',
        error_description:
          'Type d’autorisation « password » non pris en charge : seul client_credentials l’est.',
      },
    ]);
    const missing = await tokenRequest(ctx.app, {}, auth);
    expect([missing.statusCode, missing.json().error]).toEqual([400, 'invalid_request']);

    const json = await ctx.app.inject({
      method: 'POST',
      url: '/oauth/token',
      headers: { 'content-type': 'application/json', ...auth },
      payload: '{"grant_type": ',
    });
    expect([json.statusCode, json.json()]).toEqual([
      400,
      {
        error: 'invalid_request',
        error_description:
          'Corps application/x-www-form-urlencoded attendu (type reçu : « application/json »).',
      },
    ]);
    const twice = await ctx.app.inject({
      method: 'POST',
      url: '/oauth/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...auth },
      payload: 'grant_type=client_credentials&grant_type=password',
    });
    expect([twice.statusCode, twice.json().error]).toEqual([400, 'invalid_request']);
    const both = await tokenRequest(
      ctx.app,
      { ...grant, client_id: client.clientId, client_secret: client.clientSecret },
      auth,
    );
    expect([both.statusCode, both.json().error]).toEqual([400, 'invalid_request']);
    const garbled = await tokenRequest(ctx.app, grant, { authorization: 'Basic %%%' });
    expect([garbled.statusCode, garbled.json().error]).toEqual([401, 'invalid_client']);
  });

  it('grants a scope within the habilitation and refuses one beyond it', async () => {
    const client = await habilitated(ctx.store.db);
    const auth = { authorization: basic(client.clientId, client.clientSecret) };
    const within = await tokenRequest(ctx.app, { ...grant, scope: 'RSA_PPA' }, auth);
    expect([within.statusCode, within.json().scope]).toEqual([200, 'RSA_PPA netSocial']);
    const beyond = await tokenRequest(ctx.app, { ...grant, scope: 'RSA_PPA gross' }, auth);
    expect([beyond.statusCode, beyond.json().error]).toEqual([400, 'invalid_scope']);
  });
});
