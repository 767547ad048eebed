import { requireScope, type Caller } from '../../platform/auth/caller.ts';

/**
 * Who may administer receiving bodies, purposes, habilitations and signing keys: a pure function
 * of the caller. The operator (its HTTP token, or the CLI on the database itself); a body's own
 * token never may, nor a declarant's.
 */
export function checkExchangeAdmin(caller: Caller): void {
  requireScope(caller, 'organismes:gerer', 'de gérer les organismes destinataires et leurs habilitations');
}
