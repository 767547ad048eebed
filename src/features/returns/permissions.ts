import {
  requireScope,
  type Caller,
  type DeclarantCaller,
  type MemberCaller,
} from '../../platform/auth/caller.ts';
import { AppError } from '../../platform/errors.ts';

/** A declarant reads its own returns only: the stream is always the caller's, never asked by id. */
export function checkReturnsRead(caller: DeclarantCaller | MemberCaller): void {
  requireScope(caller, 'retours:lire', 'de lire les retours');
}

/**
 * What has been read is kept for people signed in to the web application, per account: a token
 * keeps its own cursor (`?apres=`), there is no account to keep it for.
 */
export function readingMember(caller: Caller): MemberCaller {
  if (caller.kind === 'member') return caller;
  throw new AppError(
    'RETURNS_ACCOUNT_ONLY',
    'La position de lecture est gardée pour les personnes connectées à l’espace déclarant ; avec un jeton, gardez votre curseur (`next`) et redonnez-le en `apres`.',
    { header: 'Authorization' },
  );
}
