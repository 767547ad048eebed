import {
  requireScope,
  type BodyCaller,
  type Caller,
  type DeclarantCaller,
} from '../../platform/auth/caller.ts';
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

/** The operator sees every webhook, of bodies and of declarants alike. */
export function checkWebhooksAdmin(caller: Caller): void {
  requireScope(caller, 'organismes:gerer', 'de lister les webhooks');
  requireScope(caller, 'declarants:gerer', 'de lister les webhooks');
}
