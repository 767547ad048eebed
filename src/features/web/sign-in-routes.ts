import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type * as OpenIdClient from 'openid-client';
import { checkSameOrigin } from '../../platform/http/callers.ts';
import type { Executor } from '../../platform/store/schema.ts';
import { callbackPath } from './local-provider.ts';
import { accountSignedIn, closeSession, openSession, sessionCookie } from './sessions.ts';

/**
 * Sign-in with OpenID Connect, Relais being the client (`openid-client`): authorization code with
 * PKCE, state and nonce kept in a short, signed, http-only cookie between the two legs. Then a
 * Relais session of its own (`sessions.ts`), whatever the provider: ProConnect in production, the
 * local one (`/oidc`) in development.
 */

export interface IdentityProvider {
  /** The issuer for the origin a browser used (the local provider has one per origin). */
  issuerFor(origin: string): string;
  clientId: string;
  clientSecret: string;
}

export interface SignInOptions {
  db: Executor;
  provider: IdentityProvider;
  originOf(request: FastifyRequest): string;
}

const pendingCookie = 'relais_connexion';
const scope = 'openid email profile';

interface Pending {
  verifier: string;
  state: string;
  nonce: string;
  /** Where to go once signed in: a path of this server. */
  back: string;
}

/** A path of this server, never another site (`//…`, `https:…`): the default otherwise. */
function localPath(path: unknown): string {
  return typeof path === 'string' && /^\/(?![/\\])/.test(path) ? path : '/espace/';
}

const cookieOptions = (request: FastifyRequest, path: string): CookieSerializeOptions => ({
  httpOnly: true,
  sameSite: 'lax',
  secure: request.protocol === 'https',
  path,
});

export const signInRoutes: FastifyPluginAsync<SignInOptions> = async (app, { db, provider, originOf }) => {
  // Discovery is done once per issuer, when the first person signs in (the local provider is
  // this very server, which must be listening by then).
  // Imported at the first sign-in, not at start.
  let client: Promise<typeof OpenIdClient> | undefined;
  const openIdClient = () => (client ??= import('openid-client'));
  const configurations = new Map<string, Promise<OpenIdClient.Configuration>>();
  const configurationFor = async (origin: string) => {
    const oidc = await openIdClient();
    const issuer = provider.issuerFor(origin);
    let configuration = configurations.get(issuer);
    if (!configuration) {
      configuration = oidc.discovery(
        new URL(issuer),
        provider.clientId,
        provider.clientSecret,
        undefined,
        issuer.startsWith('http:') ? { execute: [oidc.allowInsecureRequests] } : undefined,
      );
      configuration.catch(() => configurations.delete(issuer));
      configurations.set(issuer, configuration);
    }
    return configuration;
  };

  // The sign-out form's body says nothing: it is read and left aside.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 1024 },
    (_request, _body, done) => done(null),
  );

  const failed = (request: FastifyRequest, reply: FastifyReply, error: unknown) => {
    request.log.warn({ err: error }, 'connexion échouée');
    return reply.redirect('/espace/?connexion=echec', 303);
  };

  app.get<{ Querystring: { retour?: string } }>(
    '/connexion',
    { schema: { hide: true } },
    async (request, reply) => {
      const origin = originOf(request);
      const oidc = await openIdClient();
      let configuration;
      try {
        configuration = await configurationFor(origin);
      } catch (error) {
        return failed(request, reply, error);
      }
      const pending: Pending = {
        verifier: oidc.randomPKCECodeVerifier(),
        state: oidc.randomState(),
        nonce: oidc.randomNonce(),
        back: localPath(request.query.retour),
      };
      reply.setCookie(pendingCookie, JSON.stringify(pending), {
        ...cookieOptions(request, callbackPath),
        signed: true,
        maxAge: 600,
      });
      const url = oidc.buildAuthorizationUrl(configuration, {
        redirect_uri: `${origin}${callbackPath}`,
        scope,
        code_challenge: await oidc.calculatePKCECodeChallenge(pending.verifier),
        code_challenge_method: 'S256',
        state: pending.state,
        nonce: pending.nonce,
      });
      return reply.redirect(url.href, 303);
    },
  );

  app.get(callbackPath, { schema: { hide: true } }, async (request, reply) => {
    const origin = originOf(request);
    const signed = request.cookies[pendingCookie];
    const unsigned = signed === undefined ? null : request.unsignCookie(signed);
    reply.clearCookie(pendingCookie, cookieOptions(request, callbackPath));
    if (!unsigned?.valid || unsigned.value === null)
      return failed(request, reply, new Error('sign-in cookie missing or forged'));
    try {
      const oidc = await openIdClient();
      const pending = JSON.parse(unsigned.value) as Pending;
      const configuration = await configurationFor(origin);
      const tokens = await oidc.authorizationCodeGrant(configuration, new URL(request.url, origin), {
        pkceCodeVerifier: pending.verifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims()!;
      // Some providers (ProConnect) give the e-mail and name at the userinfo endpoint only.
      const info =
        typeof claims['email'] === 'string'
          ? claims
          : await oidc.fetchUserInfo(configuration, tokens.access_token, claims.sub);
      const account = await accountSignedIn(db, {
        issuer: configuration.serverMetadata().issuer,
        subject: claims.sub,
        email: typeof info['email'] === 'string' ? info['email'] : null,
        name: typeof info['name'] === 'string' ? info['name'] : null,
      });
      const session = await openSession(db, account.id, tokens.id_token ?? null);
      reply.setCookie(sessionCookie, session.value, {
        ...cookieOptions(request, '/'),
        expires: session.expiresAt,
      });
      request.log.info({ accountId: account.id }, 'connexion');
      return reply.redirect(pending.back, 303);
    } catch (error) {
      return failed(request, reply, error);
    }
  });

  app.post('/deconnexion', { schema: { hide: true } }, async (request, reply) => {
    checkSameOrigin(request);
    const idToken = await closeSession(db, request.cookies[sessionCookie]);
    reply.clearCookie(sessionCookie, cookieOptions(request, '/'));
    const origin = originOf(request);
    const oidc = await openIdClient();
    const configuration = await configurationFor(origin).catch(() => null);
    if (idToken === null || !configuration?.serverMetadata().end_session_endpoint)
      return reply.redirect('/', 303);
    const url = oidc.buildEndSessionUrl(configuration, {
      id_token_hint: idToken,
      post_logout_redirect_uri: `${origin}/`,
    });
    return reply.redirect(url.href, 303);
  });
};
