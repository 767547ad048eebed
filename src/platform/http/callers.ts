import type {} from '@fastify/cookie';
import type { FastifyPluginAsync, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors.ts';
import { logBindings, type Caller, type CallerKind, type CallerOf } from '../auth/caller.ts';
import { resolveCaller, type AnyCredentialResolver } from '../auth/resolver.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is calling: set before the handler of every route under a secured prefix, else null. */
    caller: Caller | null;
  }
}

export interface CallersOptions {
  /** One per kind of credential the server takes. */
  resolvers: readonly AnyCredentialResolver[];
  /**
   * Route prefix → the caller kinds its routes accept, in the order they are tried; the first one
   * words the refusal of a missing credential.
   */
  prefixes: Readonly<Record<string, readonly CallerKind[]>>;
  /**
   * The cookie of a signed-in browser (read with `@fastify/cookie`, registered before): its value
   * is a credential too, taken when the request has no bearer one and a kind the route accepts
   * recognises it.
   */
  sessionCookie?: string;
}

/**
 * `Authorization: Bearer <credential>`; an empty one is no credential. A credential under another
 * scheme, or none (a bare token), is refused rather than guessed at: RFC 6750 names the scheme.
 */
function bearerCredential(header: string | undefined): string | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  const match = /^Bearer(?:[ \t]+(\S*))?[ \t]*$/i.exec(header.trim());
  if (!match) {
    throw new AppError(
      'AUTH_SCHEME',
      'L’en-tête Authorization doit avoir la forme « Bearer <jeton> » : le jeton seul, ou sous un autre schéma, n’est pas accepté.',
      { header: 'Authorization' },
    );
  }
  return match[1] === '' ? undefined : match[1];
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A browser sends its cookies with requests that other sites make it send: a request carried by
 * the session cookie that changes something must come from a page of this very server. SameSite=Lax
 * already keeps the cookie off other sites' POSTs; the Origin check (which every current browser
 * sends with a POST, `fetch` or form alike) also covers a sibling site of the same registrable
 * domain, which SameSite counts as the same site. Bearer credentials are never sent on their own,
 * and need no check.
 */
export function checkSameOrigin(request: FastifyRequest): void {
  if (safeMethods.has(request.method)) return;
  const origin = request.headers.origin;
  const own = `${request.protocol}://${request.host}`;
  const sameOrigin =
    origin !== undefined ? origin === own : request.headers['sec-fetch-site'] === 'same-origin';
  if (!sameOrigin) {
    throw new AppError(
      'AUTH_ORIGIN',
      `Cette requête ne vient pas d’une page de Relais (origine ${origin ?? 'absente'}) : refusée pour protéger votre session.`,
      { header: 'Origin' },
    );
  }
}

/**
 * Identifies the caller of every route under a secured prefix, from its bearer credential (or its
 * session cookie, see `sessionCookie`), before the handler runs: `request.caller`, and the
 * request's later log lines say who. Routes are bound
 * to their prefix as they are declared, so a route outside every prefix has no caller, and one
 * documented as secured (`schema.security`) but outside every prefix stops the server at start.
 *
 * The credential is resolved in `preHandler`, after the request is validated, as the handlers
 * did before: a malformed request is answered 400 whoever sends it.
 */
const identifyCallers: FastifyPluginAsync<CallersOptions> = async (
  app,
  { resolvers, prefixes, sessionCookie },
) => {
  const byKind = new Map(resolvers.map((r) => [r.kind, r]));
  const accepted = Object.entries(prefixes).map(([prefix, kinds]) => {
    const chain = kinds.map((kind) => {
      const resolver = byKind.get(kind);
      if (!resolver) throw new Error(`prefix ${prefix} accepts ${kind} callers, which no resolver resolves`);
      return resolver;
    });
    const [first, ...others] = chain;
    if (!first) throw new Error(`prefix ${prefix} accepts no caller kind`);
    return { prefix, chain: [first, ...others] as const };
  });

  app.decorateRequest('caller', null);
  app.addHook('onRoute', (route) => {
    const secured = accepted.find(({ prefix }) => route.url === prefix || route.url.startsWith(`${prefix}/`));
    if (!secured) {
      if (route.schema?.security !== undefined) {
        throw new Error(
          `route ${route.method} ${route.url} is documented as secured but under no secured prefix`,
        );
      }
      return;
    }
    const fromCookie = (request: FastifyRequest): string | undefined => {
      const value = sessionCookie === undefined ? undefined : request.cookies[sessionCookie];
      if (value === undefined || !secured.chain.some((r) => !r.fallback && r.recognises(value)))
        return undefined;
      checkSameOrigin(request);
      return value;
    };
    const identify: preHandlerAsyncHookHandler = async (request) => {
      const credential = bearerCredential(request.headers.authorization) ?? fromCookie(request);
      const caller = await resolveCaller(secured.chain, credential);
      request.caller = caller;
      request.log = request.log.child(logBindings(caller));
    };
    route.preHandler = [identify, ...[route.preHandler ?? []].flat()];
  });
};

export const callers = fp(identifyCallers, { name: 'relais-callers', fastify: '5.x' });

/**
 * The caller of a request whose route sits under a prefix accepting `kind`. Anything else is a
 * route declared under the wrong prefix: a programming error, never a refusal.
 */
export function callerOf<K extends CallerKind>(request: FastifyRequest, kind: K): CallerOf<K> {
  const caller = request.caller;
  if (caller?.kind !== kind) {
    throw new Error(
      `route ${request.routeOptions.url} expects a ${kind} caller, its prefix gave ${caller?.kind ?? 'none'}`,
    );
  }
  return caller as CallerOf<K>;
}

/**
 * The caller of a request under a prefix accepting several kinds, for a service whose
 * permissions tell them apart. None is a route outside every secured prefix: a programming error.
 */
export function anyCallerOf(request: FastifyRequest): Caller {
  if (request.caller === null) {
    throw new Error(`route ${request.routeOptions.url} expects a caller, it sits under no secured prefix`);
  }
  return request.caller;
}
