import type { FastifyRequest } from 'fastify';
import { authenticate } from '../features/declarant/declarants.ts';
import type { Declarant, Executor } from '../platform/store/schema.ts';

/** The declarant calling, from `Authorization: Bearer relais_…`, or an explicit 401. */
export async function requireDeclarant(db: Executor, request: FastifyRequest): Promise<Declarant> {
  const header = request.headers.authorization;
  const declarant = await authenticate(db, header?.replace(/^Bearer\s+/i, '').trim());
  // Later log lines of this request say who, never with what secret.
  request.log = request.log.child({ declarantId: declarant.id });
  return declarant;
}
