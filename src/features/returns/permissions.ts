import { requireScope, type DeclarantCaller } from '../../platform/auth/caller.ts';

/** A declarant reads its own returns only: the stream is always the caller's, never asked by id. */
export function checkReturnsRead(caller: DeclarantCaller): void {
  requireScope(caller, 'retours:lire', 'de lire les retours');
}
