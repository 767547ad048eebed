import { describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../app/http-app.ts';
import {
  databaseUrl,
  intakeContext,
  sayWhenSkipped,
  withPostgresStore,
} from '../../../test/deposit-helpers.ts';
import {
  accessToken,
  basic,
  habilitated,
  operatorToken,
  tokenRequest,
} from '../../../test/exchange-helpers.ts';
import { operator } from '../../platform/auth/operator.ts';
import { silentLogger } from '../../platform/log.ts';
import type { Store } from '../../platform/store/database.ts';
import { revokeHabilitationById, rotateKeys } from './admin.ts';
import { defaultExchangeSettings } from './token-settings.ts';

sayWhenSkipped('src/features/exchange/token.pg.test.ts');
const schema = 'relais_test_exchange_token';

/** The token path on a real PostgreSQL: issue, verify on every request, revoke, rotate keys. */
describe.skipIf(!databaseUrl)('access tokens (PostgreSQL)', () => {
  let store: Store;
  let app: FastifyInstance;
  withPostgresStore(schema, (opened) => {
    store = opened;
  });

  it('issues a token, accepts it on a body route until its habilitation is revoked, across a key rotation', async () => {
    app = await buildApp({
      ...intakeContext(store),
      log: silentLogger(),
      operatorToken,
      exchange: defaultExchangeSettings,
    });
    app.get('/v1/flux/appelant', async (request) => ({ caller: request.caller }));
    try {
      const client = await habilitated(store.db, { fields: ['netSocial', 'payer'] });
      const issued = await tokenRequest(
        app,
        { grant_type: 'client_credentials' },
        {
          authorization: basic(client.clientId, client.clientSecret),
        },
      );
      expect([issued.statusCode, issued.json().scope]).toEqual([200, 'RSA_PPA netSocial payer']);
      const read = (token: string) =>
        app.inject({
          method: 'GET',
          url: '/v1/flux/appelant',
          headers: { authorization: `Bearer ${token}` },
        });
      const before = issued.json().access_token;
      expect((await read(before)).json().caller).toMatchObject({ kind: 'body', habilitationId: client.id });

      await rotateKeys(store.db, operator, new Date());
      const after = await accessToken(app, client);
      expect((await read(before)).statusCode).toBe(200);
      expect((await read(after)).statusCode).toBe(200);
      const keys = (await app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json().keys;
      expect(keys).toHaveLength(2);

      await revokeHabilitationById(store.db, operator, client.id, new Date());
      for (const token of [before, after]) {
        const refused = await read(token);
        expect([refused.statusCode, refused.json().errors[0].code]).toEqual([401, 'AUTH_REVOKED']);
      }
      const again = await tokenRequest(
        app,
        { grant_type: 'client_credentials' },
        {
          authorization: basic(client.clientId, client.clientSecret),
        },
      );
      expect([again.statusCode, again.json().error]).toEqual([401, 'invalid_client']);
    } finally {
      await app.close();
    }
  });
});
