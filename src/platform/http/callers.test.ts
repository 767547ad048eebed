import { Writable } from 'node:stream';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { Type } from 'typebox';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeclarantCaller } from '../auth/caller.ts';
import { operator, operatorResolver } from '../auth/operator.ts';
import type { CredentialResolver } from '../auth/resolver.ts';
import { AppError } from '../errors.ts';
import { callerOf, callers, type CallersOptions } from './callers.ts';
import { installErrorHandlers } from './error-handler.ts';

const operatorToken = 'operateur-de-test-0123456789-abcdefghij';
const alice: DeclarantCaller = {
  kind: 'declarant',
  declarantId: 'alice',
  perimeter: '732829320',
  scopes: ['depots:lire'],
  purpose: null,
};

/** Declarant credentials are `decl_<id>`; only `decl_alice` is known. */
function fakeDeclarants(seen: (string | undefined)[] = []): CredentialResolver<'declarant'> {
  return {
    kind: 'declarant',
    recognises: (credential) => credential.startsWith('decl_'),
    async resolve(credential) {
      seen.push(credential);
      if (credential === undefined) throw new AppError('AUTH_MISSING', 'jeton de déclarant attendu');
      if (credential !== 'decl_alice') throw new AppError('AUTH_INVALID', 'jeton de déclarant inconnu');
      return alice;
    },
  };
}

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function serve(options: Partial<CallersOptions> = {}, logLines: string[] = []) {
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  const server = Fastify({ loggerInstance: pino({ level: 'info' }, sink) as FastifyBaseLogger });
  app = server;
  installErrorHandlers(server);
  await server.register(callers, {
    resolvers: [fakeDeclarants(), operatorResolver(operatorToken)],
    prefixes: { '/mine': ['declarant'], '/ops': ['operator'], '/both': ['declarant', 'operator'] },
    ...options,
  });
  const who = (request: { caller: unknown }) => ({ caller: request.caller });
  await server.register(
    async (scope) => {
      scope.get('', who);
      scope
        .withTypeProvider<TypeBoxTypeProvider>()
        .get('/:id', { schema: { params: Type.Object({ id: Type.Integer() }) } }, (request) => {
          request.log.info('lu');
          return { id: request.params.id, declarant: callerOf(request, 'declarant').declarantId };
        });
      scope.get('/wrong-kind', (request) => callerOf(request, 'operator'));
    },
    { prefix: '/mine' },
  );
  await server.register(async (scope) => void scope.get('', who), { prefix: '/ops' });
  await server.register(async (scope) => void scope.get('', who), { prefix: '/both' });
  await server.register(async (scope) => void scope.get('', who), { prefix: '/mine-too' });
  server.get('/public', who);
  return server;
}

const bearer = (credential: string) => ({ authorization: `Bearer ${credential}` });

describe('callers plugin', () => {
  it('decorates each request under a prefix with the caller its credential resolves to', async () => {
    const app = await serve();
    expect((await app.inject({ url: '/mine', headers: bearer('decl_alice') })).json()).toEqual({
      caller: alice,
    });
    expect((await app.inject({ url: '/ops', headers: bearer(operatorToken) })).json()).toEqual({
      caller: operator,
    });
  });

  it('leaves the routes outside every prefix without a caller, whatever they are sent', async () => {
    const app = await serve();
    expect((await app.inject({ url: '/public' })).json()).toEqual({ caller: null });
    expect((await app.inject({ url: '/mine-too', headers: bearer('decl_alice') })).json()).toEqual({
      caller: null,
    });
  });

  it('tries only the kinds a prefix accepts, the first one refusing a missing credential', async () => {
    const app = await serve();
    const operatorOnDeclarants = await app.inject({ url: '/mine', headers: bearer(operatorToken) });
    expect([operatorOnDeclarants.statusCode, operatorOnDeclarants.json().errors[0].detail]).toEqual([
      401,
      'jeton de déclarant inconnu',
    ]);
    const declarantOnOperator = await app.inject({ url: '/ops', headers: bearer('decl_alice') });
    expect(declarantOnOperator.json().errors[0]).toMatchObject({
      code: 'AUTH_INVALID',
      detail: 'Ce jeton n’est pas le jeton opérateur de ce serveur.',
    });
    expect((await app.inject({ url: '/both' })).json().errors[0].detail).toBe('jeton de déclarant attendu');
    expect((await app.inject({ url: '/both', headers: bearer('decl_alice') })).json().caller).toEqual(alice);
    expect((await app.inject({ url: '/both', headers: bearer(operatorToken) })).json().caller).toEqual(
      operator,
    );
  });

  it('takes the bearer credential, an empty one being none', async () => {
    const seen: (string | undefined)[] = [];
    const app = await serve({ resolvers: [fakeDeclarants(seen), operatorResolver(operatorToken)] });
    await app.inject({ url: '/mine', headers: { authorization: 'bearer   decl_alice  ' } });
    await app.inject({ url: '/mine', headers: { authorization: 'Bearer ' } });
    await app.inject({ url: '/mine' });
    expect(seen).toEqual(['decl_alice', undefined, undefined]);
  });

  it('refuses a credential without the Bearer scheme, or under another one, with a coded French error', async () => {
    const seen: (string | undefined)[] = [];
    const app = await serve({ resolvers: [fakeDeclarants(seen), operatorResolver(operatorToken)] });
    for (const authorization of ['decl_alice', 'Basic abc', 'Token decl_alice', 'Bearer decl alice']) {
      const refused = await app.inject({ url: '/mine', headers: { authorization } });
      expect(refused.statusCode).toBe(401);
      expect(refused.headers['www-authenticate']).toBe('Bearer realm="relais", error="invalid_request"');
      expect(refused.json().errors[0]).toMatchObject({
        code: 'AUTH_SCHEME',
        detail: expect.stringContaining('« Bearer <jeton> »'),
        source: { header: 'Authorization' },
      });
    }
    expect(seen).toEqual([]);
  });

  it('validates the request before identifying the caller, and identifies a HEAD request once', async () => {
    const seen: (string | undefined)[] = [];
    const app = await serve({ resolvers: [fakeDeclarants(seen), operatorResolver(operatorToken)] });
    const malformed = await app.inject({ url: '/mine/pas-un-nombre' });
    expect([malformed.statusCode, malformed.json().errors[0].code]).toEqual([400, 'REQUEST_INVALID']);
    expect(seen).toEqual([]);
    expect(
      (await app.inject({ method: 'HEAD', url: '/mine', headers: bearer('decl_alice') })).statusCode,
    ).toBe(200);
    expect(seen).toEqual(['decl_alice']);
  });

  it('says who in the later log lines of the request, never with which credential', async () => {
    const logLines: string[] = [];
    const app = await serve({}, logLines);
    expect((await app.inject({ url: '/mine/7', headers: bearer('decl_alice') })).json()).toEqual({
      id: 7,
      declarant: 'alice',
    });
    const read = logLines.map((l) => JSON.parse(l)).find((l) => l.msg === 'lu');
    expect(read).toMatchObject({ declarantId: 'alice' });
    expect(logLines.join('')).not.toContain('decl_alice');
  });

  it('answers 500 when a route asks for a caller kind its prefix does not give', async () => {
    const app = await serve();
    const wrong = await app.inject({ url: '/mine/wrong-kind', headers: bearer('decl_alice') });
    expect([wrong.statusCode, wrong.json().errors[0].code]).toEqual([500, 'INTERNAL']);
  });

  it('refuses to start with a caller kind no resolver resolves, a prefix accepting none, or a secured route outside every prefix', async () => {
    await expect(serve({ resolvers: [fakeDeclarants()] })).rejects.toThrow(
      /prefix \/ops accepts operator callers, which no resolver resolves/,
    );
    await app?.close();
    await expect(serve({ prefixes: { '/mine': [] } })).rejects.toThrow(
      /prefix \/mine accepts no caller kind/,
    );
    await app?.close();
    const bare = Fastify();
    app = bare;
    await bare.register(callers, { resolvers: [], prefixes: {} });
    expect(() => bare.get('/v1/secret', { schema: { security: [{ bearer: [] }] } }, () => 'secret')).toThrow(
      /GET \/v1\/secret is documented as secured but under no secured prefix/,
    );
  });
});
