import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A habilitation's OAuth2 client: a public `client_id` and a secret shown once, of which only the
 * SHA-256 is kept. A secret of 256 random bits needs no slow hash: nothing can be guessed from it.
 */

export const clientIdShape = /^rlc_[0-9a-f]{24}$/;

export const newClientId = () => `rlc_${randomBytes(12).toString('hex')}`;

export const newClientSecret = () => randomBytes(32).toString('base64url');

export const secretDigest = (secret: string) => createHash('sha256').update(secret).digest();

// Compared with this when the client is unknown, so that the time taken does not tell.
const nothing = secretDigest('');

/** Whether `secret` is the one whose digest is stored (`stored` undefined: an unknown client). */
export function secretMatches(stored: Uint8Array | undefined, secret: string): boolean {
  const same = timingSafeEqual(Buffer.from(stored ?? nothing), secretDigest(secret));
  return stored !== undefined && same;
}
