import {
  requireScope,
  type BodyCaller,
  type Caller,
  type OperatorCaller,
} from '../../platform/auth/caller.ts';
import { AppError } from '../../platform/errors.ts';

/**
 * Who may read a person through the exchange: a receiving body, within its habilitation (its
 * purpose, fields and depth, checked with the read's context), or the operator, with the right to
 * read resources and a stated purpose and case. A declarant reads no one's resources.
 */
export function checkExchangeRead(caller: Caller): asserts caller is BodyCaller | OperatorCaller {
  if (caller.kind === 'body') return;
  if (caller.kind === 'operator') {
    requireScope(caller, 'ressources:lire', 'de lire les ressources des personnes');
    return;
  }
  throw new AppError(
    'AUTH_SCOPE',
    'Ce jeton ne permet pas de lire les ressources des personnes : seuls les organismes habilités et l’opérateur le peuvent.',
    { header: 'Authorization' },
  );
}
