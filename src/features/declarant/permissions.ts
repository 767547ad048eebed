import { requireScope, type Caller } from '../../platform/auth/caller.ts';

/**
 * Who may administer declarants: a pure function of the caller. Today the operator (its HTTP token,
 * or the CLI on the database itself); a declarant's own token never may, whatever its perimeter.
 */
export function checkDeclarantsAdmin(caller: Caller): void {
  requireScope(caller, 'declarants:gerer', 'de gérer les déclarants');
}
