import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors.ts';

export interface RateLimit {
  prefix: string;
  /** Only this method's routes under the prefix (a deposit, not the reads of deposits); all when absent. */
  method?: string;
  /** Requests a minute one key may make (0: no limit). */
  perMinute: number;
  /** How a request's key is told (its caller, its client and address…). */
  keyOf: (request: FastifyRequest) => string;
  /** Whose limit it is, in the refusal: « ce jeton » when absent. */
  whose?: string;
}

export interface RateLimitsOptions {
  /** A route under several limits counts against each; the first one it exceeds refuses it. */
  limits: readonly RateLimit[];
}

/** The key of a request under a secured prefix: its caller, known by then (the limit runs after it). */
export function callerKey(request: FastifyRequest): string {
  const caller = request.caller;
  switch (caller?.kind) {
    case 'body':
      return `body:${caller.clientId}`;
    case 'declarant':
      return `declarant:${caller.declarantId}`;
    case 'operator':
      return 'operator';
    case 'member':
      return `member:${caller.accountId}`;
    default:
      return `ip:${request.ip}`;
  }
}

const seconds = (ttl: number) => Math.max(1, Math.ceil(ttl / 1000));

const refusal = (max: number, ttl: number, whose = 'ce jeton') =>
  new AppError(
    'RATE_LIMITED',
    `Limite de ${max} requêtes par minute atteinte pour ${whose} : réessayez dans ${seconds(ttl)} s (en-tête Retry-After).`,
  );

/** `@fastify/rate-limit`'s check without its answer, for a route's second and later limits. */
type Check = (request: FastifyRequest) => Promise<{ isExceeded: boolean; max: number; ttl: number }>;
declare module 'fastify' {
  interface FastifyInstance {
    createRateLimit(options: object): Check;
  }
}

/**
 * Per-credential rate limits on some prefixes (`@fastify/rate-limit`, fixed windows of a minute),
 * with the draft IETF headers `RateLimit-Limit`, `RateLimit-Remaining`, `RateLimit-Reset` and
 * `Retry-After`, and a 429 in the API's error format. The limit is counted in `preHandler`, after
 * the caller is identified (`callers.ts` puts its hook first), so that it counts by credential.
 */
const installRateLimits: FastifyPluginAsync<RateLimitsOptions> = async (app, { limits }) => {
  // Before the plugin's own `onRoute`: it reads each route's configuration as the route is declared.
  app.addHook('onRoute', (route) => {
    const methods = [route.method].flat();
    const [first, ...others] = limits.filter(
      ({ prefix, method, perMinute }) =>
        perMinute > 0 &&
        (route.url === prefix || route.url.startsWith(`${prefix}/`)) &&
        (method === undefined || methods.includes(method)),
    );
    if (!first) return;
    route.config = {
      ...route.config,
      rateLimit: {
        max: first.perMinute,
        timeWindow: 60_000,
        keyGenerator: first.keyOf,
        errorResponseBuilder: (_request: FastifyRequest, context: { max: number; ttl: number }) =>
          refusal(context.max, context.ttl, first.whose),
      },
    } as typeof route.config;
    if (others.length === 0) return;
    // Checks made on first use: the plugin that makes them is registered after this hook.
    let checks: { limit: RateLimit; check: Check }[] | null = null;
    const countOthers = async (request: FastifyRequest, reply: FastifyReply) => {
      checks ??= others.map((limit) => ({
        limit,
        check: app.createRateLimit({ max: limit.perMinute, timeWindow: 60_000, keyGenerator: limit.keyOf }),
      }));
      for (const { limit, check } of checks) {
        const { isExceeded, max, ttl } = await check(request);
        if (isExceeded) {
          reply.header('retry-after', seconds(ttl));
          throw refusal(max, ttl, limit.whose);
        }
      }
    };
    route.preHandler = [...[route.preHandler ?? []].flat(), countOthers];
  });
  await app.register(rateLimit, {
    global: false,
    hook: 'preHandler',
    enableDraftSpec: true,
    errorResponseBuilder: (_request, context) => refusal(context.max, context.ttl),
  });
};

export const rateLimits = fp(installRateLimits, { name: 'relais-rate-limits', fastify: '5.x' });
