import type { Caller } from '../../platform/auth/caller.ts';
import { AppError } from '../../platform/errors.ts';
import { isUuid } from '../../platform/store/ids.ts';
import type { Declarant, Executor } from '../../platform/store/schema.ts';
import { findDeclarant } from '../declarant/declarants.ts';
import { checkOperatorDeposit } from './permissions.ts';

/**
 * Whom an operator's deposit is filed for, shared by `relais ingest` on the database and the
 * operator API (`POST /v1/admin/depots`), so that both refuse alike: no declarant named, the
 * operator's own deposit (no perimeter to check); one named, that declarant while its token is
 * valid, whose perimeter the deposit checks.
 */
export async function operatorDepositFor(
  ex: Executor,
  caller: Caller,
  declarantId: string | undefined,
): Promise<Pick<Declarant, 'id' | 'scope'> | null> {
  checkOperatorDeposit(caller);
  if (declarantId === undefined) return null;
  const source = { parameter: 'declarant' };
  if (!isUuid(declarantId)) {
    throw new AppError(
      'DECLARANT_NOT_FOUND',
      `« ${declarantId} » n'est pas un identifiant de déclarant (voir la liste des déclarants).`,
      source,
    );
  }
  const declarant = await findDeclarant(ex, declarantId);
  if (!declarant) {
    throw new AppError(
      'DECLARANT_NOT_FOUND',
      `Aucun déclarant ${declarantId} (voir la liste des déclarants).`,
      source,
    );
  }
  if (declarant.revoked_at) {
    throw new AppError(
      'DECLARANT_REVOKED',
      `Le jeton du déclarant ${declarantId} est révoqué : rien n'est plus déposé en son nom.`,
      source,
    );
  }
  return { id: declarant.id, scope: declarant.scope };
}
