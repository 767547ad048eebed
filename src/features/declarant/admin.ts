import type { Caller } from '../../platform/auth/caller.ts';
import { AppError } from '../../platform/errors.ts';
import { isUuid } from '../../platform/store/ids.ts';
import type { Executor } from '../../platform/store/schema.ts';
import { createDeclarant, type NewCredential } from './declarants.ts';
import { findDeclarant, listDeclarants, revokeDeclarant } from './declarants-repository.ts';
import { checkDeclarantsAdmin } from './permissions.ts';

/**
 * Administration of declarants, shared by the operator API (`/v1/admin/declarants`) and the CLI
 * (`relais declarants`): each use case checks its caller first, then works on the database.
 */

/** A declarant as the administration shows it: never its secret, nor the digest of it. */
export interface DeclarantView {
  id: string;
  name: string;
  scope: string;
  createdAt: string;
  /** Null while its token is valid. */
  revokedAt: string | null;
}

// Kysely types a generated timestamp loosely; the drivers give a Date (PGlite and pg alike).
const iso = (value: unknown) => new Date(value as Date).toISOString();

export async function addDeclarant(
  ex: Executor,
  caller: Caller,
  input: { name: string; scope: string },
): Promise<NewCredential> {
  checkDeclarantsAdmin(caller);
  return createDeclarant(ex, input.name, input.scope.trim());
}

export async function listAllDeclarants(ex: Executor, caller: Caller): Promise<DeclarantView[]> {
  checkDeclarantsAdmin(caller);
  const rows = await listDeclarants(ex);
  return rows.map((d) => ({
    id: d.id,
    name: d.name,
    scope: d.scope,
    createdAt: iso(d.created_at),
    revokedAt: d.revoked_at === null ? null : iso(d.revoked_at),
  }));
}

/** Revokes a declarant's token; unknown or already revoked is refused, with its own code. */
export async function revokeDeclarantToken(
  ex: Executor,
  caller: Caller,
  id: string,
  at: Date,
): Promise<{ id: string; revokedAt: string }> {
  checkDeclarantsAdmin(caller);
  if (!isUuid(id)) {
    throw new AppError('DECLARANT_NOT_FOUND', `« ${id} » n'est pas un identifiant de déclarant.`, {
      parameter: 'id',
    });
  }
  if (await revokeDeclarant(ex, id, at)) return { id, revokedAt: at.toISOString() };
  const existing = await findDeclarant(ex, id);
  if (existing?.revoked_at) {
    throw new AppError(
      'DECLARANT_REVOKED',
      `Le jeton du déclarant ${id} est déjà révoqué depuis le ${iso(existing.revoked_at).slice(0, 10)}.`,
      { parameter: 'id' },
    );
  }
  throw new AppError('DECLARANT_NOT_FOUND', `Aucun déclarant ${id} (voir la liste des déclarants).`, {
    parameter: 'id',
  });
}
