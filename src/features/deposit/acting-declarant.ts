import type { FastifyRequest } from 'fastify';
import type { DeclarantCaller } from '../../platform/auth/caller.ts';
import { anyCallerOf } from '../../platform/http/callers.ts';
import { actingDeclarant } from './permissions.ts';

/**
 * The declarant a request under `/v1/depots` or `/v1/declarations` acts for (see
 * `actingDeclarant`). A member names it by the `Relais-Declarant` header, or by the `declarant`
 * query parameter, which a plain link (a download) can carry.
 */
export function declarantOf(request: FastifyRequest): DeclarantCaller {
  const caller = anyCallerOf(request);
  if (caller.kind !== 'declarant' && caller.kind !== 'member') {
    throw new Error(`route ${request.routeOptions.url} expects a declarant or a member, got ${caller.kind}`);
  }
  const header = request.headers['relais-declarant'];
  const query = (request.query as { declarant?: unknown } | undefined)?.declarant;
  const chosen = typeof header === 'string' ? header : typeof query === 'string' ? query : undefined;
  return actingDeclarant(caller, chosen);
}
