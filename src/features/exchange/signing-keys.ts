import { randomBytes } from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import type { Executor } from '../../platform/store/schema.ts';
import {
  findActiveKey,
  findVerifyingKeys,
  insertKey,
  retireKeysBut,
  type SigningKeyRow,
} from './signing-keys-repository.ts';

/**
 * The keys that sign access tokens, kept in the database so that every server process signs and
 * verifies alike. The newest key not retired signs; a retired key signs no more but keeps
 * verifying, and stays published, until the tokens it signed have all expired.
 */

export const signingAlgorithm = 'ES256';

export interface SigningKey {
  kid: string;
  key: CryptoKey;
}

async function createKey(ex: Executor): Promise<Pick<SigningKeyRow, 'kid' | 'algorithm' | 'private_jwk'>> {
  const { privateKey, publicKey } = await generateKeyPair(signingAlgorithm, { extractable: true });
  const kid = randomBytes(12).toString('base64url');
  const use = { kid, alg: signingAlgorithm, use: 'sig' };
  const privateJwk = { ...(await exportJWK(privateKey)), ...use };
  const publicJwk = { ...(await exportJWK(publicKey)), ...use };
  await insertKey(ex, { kid, algorithm: signingAlgorithm, privateJwk, publicJwk });
  return { kid, algorithm: signingAlgorithm, private_jwk: privateJwk };
}

/**
 * The key to sign with, created on first need. Two processes creating one at once each sign with
 * their own until the next rotation: both are active, so both verify.
 */
export async function activeSigningKey(ex: Executor): Promise<SigningKey> {
  const row = (await findActiveKey(ex)) ?? (await createKey(ex));
  return { kid: row.kid, key: (await importJWK(row.private_jwk as JWK, row.algorithm)) as CryptoKey };
}

/** A new signing key; the others are retired and verify only the tokens they signed until those expire. */
export async function rotateSigningKey(ex: Executor, at = new Date()): Promise<{ kid: string }> {
  const created = await createKey(ex);
  await retireKeysBut(ex, created.kid, at);
  return { kid: created.kid };
}

/** The public keys of `/.well-known/jwks.json`: active, or retired less than a token's lifetime ago. */
export async function publishedKeys(
  ex: Executor,
  tokenTtlSeconds: number,
  at = new Date(),
): Promise<{ keys: JWK[] }> {
  const rows = await findVerifyingKeys(ex, new Date(at.getTime() - tokenTtlSeconds * 1000));
  return { keys: rows.map((row) => row.public_jwk as JWK) };
}

/** What verifying a token needs of a key: it, and when it stopped signing. */
export interface VerifyingKey {
  key: CryptoKey;
  retiredAt: Date | null;
}

/**
 * The verifying keys by kid, read from the database again when a token names a kid it does not
 * know (a key created by another process) at most once a second, and every minute in any case (a
 * key retired elsewhere), so that a flood of forged kids does not become a flood of queries.
 */
export function verifyingKeys(ex: Executor, tokenTtlSeconds: number, now: () => Date) {
  let known = new Map<string, VerifyingKey>();
  let loadedAt = Number.NEGATIVE_INFINITY;
  let loading: Promise<void> | null = null;
  const reload = () =>
    (loading ??= (async () => {
      try {
        const at = now().getTime();
        const rows = await findVerifyingKeys(ex, new Date(at - tokenTtlSeconds * 1000));
        const next = new Map<string, VerifyingKey>();
        for (const row of rows) {
          next.set(row.kid, {
            key: (await importJWK(row.public_jwk as JWK, row.algorithm)) as CryptoKey,
            retiredAt: row.retired_at === null ? null : new Date(row.retired_at),
          });
        }
        known = next;
        loadedAt = at;
      } finally {
        loading = null;
      }
    })());
  return async (kid: string): Promise<VerifyingKey | undefined> => {
    const age = now().getTime() - loadedAt;
    if (age > 60_000 || (!known.has(kid) && age > 1_000)) await reload();
    return known.get(kid);
  };
}
