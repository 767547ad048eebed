import type { Selectable } from 'kysely';
import type { Executor, SigningKeyTable } from '../../platform/store/schema.ts';

export type SigningKeyRow = Selectable<SigningKeyTable>;

/** The key that signs, the newest not retired. */
export async function findActiveKey(ex: Executor): Promise<SigningKeyRow | undefined> {
  return ex
    .selectFrom('signing_key')
    .selectAll()
    .where('retired_at', 'is', null)
    .orderBy('created_at', 'desc')
    .orderBy('kid', 'desc')
    .executeTakeFirst();
}

/** Keys still able to verify a token: the active ones and those retired after `retiredAfter`. */
export async function findVerifyingKeys(
  ex: Executor,
  retiredAfter: Date,
): Promise<Omit<SigningKeyRow, 'private_jwk'>[]> {
  return ex
    .selectFrom('signing_key')
    .select(['kid', 'algorithm', 'public_jwk', 'created_at', 'retired_at'])
    .where((eb) => eb.or([eb('retired_at', 'is', null), eb('retired_at', '>', retiredAfter)]))
    .orderBy('created_at', 'desc')
    .orderBy('kid', 'desc')
    .execute();
}

/** One verifying key by its kid (see `findVerifyingKeys`). */
export async function findVerifyingKey(
  ex: Executor,
  kid: string,
  retiredAfter: Date,
): Promise<Omit<SigningKeyRow, 'private_jwk'> | undefined> {
  return ex
    .selectFrom('signing_key')
    .select(['kid', 'algorithm', 'public_jwk', 'created_at', 'retired_at'])
    .where('kid', '=', kid)
    .where((eb) => eb.or([eb('retired_at', 'is', null), eb('retired_at', '>', retiredAfter)]))
    .executeTakeFirst();
}

export async function insertKey(
  ex: Executor,
  key: { kid: string; algorithm: string; privateJwk: object; publicJwk: object },
): Promise<void> {
  await ex
    .insertInto('signing_key')
    .values({
      kid: key.kid,
      algorithm: key.algorithm,
      private_jwk: JSON.stringify(key.privateJwk),
      public_jwk: JSON.stringify(key.publicJwk),
      retired_at: null,
    })
    .execute();
}

/** Retires every active key but `keep`. */
export async function retireKeysBut(ex: Executor, keep: string, at: Date): Promise<void> {
  await ex
    .updateTable('signing_key')
    .set({ retired_at: at })
    .where('retired_at', 'is', null)
    .where('kid', '<>', keep)
    .execute();
}
