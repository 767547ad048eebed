import type { BodyCaller, DeclarantCaller } from '../../platform/auth/caller.ts';
import { checkReturnsRead } from '../returns/permissions.ts';

/**
 * Whose stream a webhook pushes: always the caller's own, never named by id. A body's token is
 * bound to one habilitation, whose feed it is; a declarant (its token, or a member acting for a
 * declarant of their portfolio) pushes its own returns, which it must be allowed to read.
 */
export function feedOwner(caller: BodyCaller): string {
  return caller.habilitationId;
}

export function returnsOwner(caller: DeclarantCaller): string {
  checkReturnsRead(caller);
  return caller.declarantId;
}
