import { randomBytes } from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import type { Executor } from '../../platform/store/schema.ts';
import {
  findActiveKey,
  findVerifyingKey,
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
 * The verifying keys by kid, kept in memory: all of them read again every minute (a key retired
 * by another process), and a kid not known yet looked up alone (a key created by another process,
 * or a rotation), one primary-key read, no more than the habilitation each token is checked against.
 */
export function verifyingKeys(ex: Executor, tokenTtlSeconds: number, now: () => Date) {
  let known = new Map<string, VerifyingKey>();
  let loadedAt = Number.NEGATIVE_INFINITY;
  let loading: Promise<void> | null = null;
  const horizon = () => new Date(now().getTime() - tokenTtlSeconds * 1000);
  const verifying = async (row: Omit<SigningKeyRow, 'private_jwk'>): Promise<VerifyingKey> => ({
    key: (await importJWK(row.public_jwk as JWK, row.algorithm)) as CryptoKey,
    retiredAt: row.retired_at === null ? null : new Date(row.retired_at),
  });
  const reload = () =>
    (loading ??= (async () => {
      try {
        const at = now().getTime();
        const next = new Map<string, VerifyingKey>();
        for (const row of await findVerifyingKeys(ex, horizon())) next.set(row.kid, await verifying(row));
        known = next;
        loadedAt = at;
      } finally {
        loading = null;
      }
    })());
  return async (kid: string): Promise<VerifyingKey | undefined> => {
    if (now().getTime() - loadedAt > 60_000) await reload();
    const cached = known.get(kid);
    if (cached) return cached;
    const row = await findVerifyingKey(ex, kid, horizon());
    if (!row) return undefined;
    const found = await verifying(row);
    known.set(kid, found);
    return found;
  };
}
