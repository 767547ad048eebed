import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors.ts';

export interface RateLimitsOptions {
  /**
   * Route prefix → requests a minute it lets one key make (0: no limit) and how a request's key
   * is told (its caller, its client and address…).
   */
  limits: readonly { prefix: string; perMinute: number; keyOf: (request: FastifyRequest) => string }[];
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
    default:
      return `ip:${request.ip}`;
  }
}

const seconds = (ttl: number) => Math.max(1, Math.ceil(ttl / 1000));

/**
 * Per-credential rate limits on some prefixes (`@fastify/rate-limit`, fixed windows of a minute),
 * with the draft IETF headers `RateLimit-Limit`, `RateLimit-Remaining`, `RateLimit-Reset` and
 * `Retry-After`, and a 429 in the API's error format. The limit is counted in `preHandler`, after
 * the caller is identified (`callers.ts` puts its hook first), so that it counts by credential.
 */
const installRateLimits: FastifyPluginAsync<RateLimitsOptions> = async (app, { limits }) => {
  // Before the plugin's own `onRoute`: it reads each route's configuration as the route is declared.
  app.addHook('onRoute', (route) => {
    const limit = limits.find(({ prefix }) => route.url === prefix || route.url.startsWith(`${prefix}/`));
    if (!limit || limit.perMinute === 0) return;
    route.config = {
      ...route.config,
      rateLimit: { max: limit.perMinute, timeWindow: 60_000, keyGenerator: limit.keyOf },
    } as typeof route.config;
  });
  await app.register(rateLimit, {
    global: false,
    hook: 'preHandler',
    enableDraftSpec: true,
    errorResponseBuilder: (_request, context) =>
      new AppError(
        'RATE_LIMITED',
        `Limite de ${context.max} requêtes par minute atteinte pour ce jeton : réessayez dans ${seconds(context.ttl)} s (en-tête Retry-After).`,
      ),
  });
};

export const rateLimits = fp(installRateLimits, { name: 'relais-rate-limits', fastify: '5.x' });
