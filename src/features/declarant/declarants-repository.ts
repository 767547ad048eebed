import type { Declarant, Executor } from '../../platform/store/schema.ts';

export async function insertDeclarant(
  ex: Executor,
  declarant: { id: string; name: string; scope: string; keyId: string; secretSha256: Uint8Array },
): Promise<void> {
  await ex
    .insertInto('declarant')
    .values({
      id: declarant.id,
      name: declarant.name,
      scope: declarant.scope,
      key_id: declarant.keyId,
      secret_sha256: declarant.secretSha256,
      revoked_at: null,
    })
    .execute();
}

export async function findDeclarantByKey(ex: Executor, keyId: string): Promise<Declarant | undefined> {
  return ex.selectFrom('declarant').selectAll().where('key_id', '=', keyId).executeTakeFirst();
}

export async function findDeclarant(ex: Executor, id: string): Promise<Declarant | undefined> {
  return ex.selectFrom('declarant').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listDeclarants(ex: Executor): Promise<Omit<Declarant, 'secret_sha256'>[]> {
  return ex
    .selectFrom('declarant')
    .select(['id', 'name', 'scope', 'key_id', 'created_at', 'revoked_at'])
    .orderBy('created_at')
    .execute();
}

/** True when the declarant existed and was not yet revoked. */
export async function revokeDeclarant(ex: Executor, id: string, at: Date): Promise<boolean> {
  const result = await ex
    .updateTable('declarant')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
