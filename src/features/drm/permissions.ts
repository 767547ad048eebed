import { requireScope, type Caller } from '../../platform/auth/caller.ts';

/**
 * Who may read a person's resources: a pure function of the caller, checked in the read's
 * transaction before the person is even identified, so that a caller without the right learns
 * nothing, not even whether a NIR is known.
 */
export function checkResourcesRead(caller: Caller): void {
  requireScope(caller, 'ressources:lire', 'de lire les ressources des personnes');
}
