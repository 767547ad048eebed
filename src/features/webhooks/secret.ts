import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Webhook signing secrets. A secret must be usable to sign, so it cannot be kept as a hash: it is
 * sealed with AES-256-GCM under a key kept in a file of the data directory (mode 600), never in
 * the database, as the access trace's keys are. Whoever reads or copies the tables alone cannot
 * sign a message a receiver would accept. Several servers on one PostgreSQL share this file like
 * their data directory.
 */

/** The secret as given to its owner, in the Standard Webhooks form: `whsec_` + base64 of 32 bytes. */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** The HMAC key a `whsec_…` secret stands for. */
export function signingKeyOf(secret: string): Buffer {
  return Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
}

const nonceBytes = 12;
const tagBytes = 16;

export function sealSecret(key: Buffer, secret: string): Buffer {
  const nonce = randomBytes(nonceBytes);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return Buffer.concat([nonce, cipher.getAuthTag(), sealed]);
}

/** Throws when the data was sealed under another key or altered. */
export function openSecret(key: Buffer, sealed: Uint8Array): string {
  const bytes = Buffer.from(sealed);
  const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, nonceBytes));
  decipher.setAuthTag(bytes.subarray(nonceBytes, nonceBytes + tagBytes));
  return Buffer.concat([decipher.update(bytes.subarray(nonceBytes + tagBytes)), decipher.final()]).toString(
    'utf8',
  );
}

export function webhookKeyFile(dataDir: string): string {
  return join(dataDir, 'webhook-keys', 'secret-aes256.key');
}

/** The data directory's key, created on first use. */
export function loadWebhookKey(dataDir: string): Buffer {
  const file = webhookKeyFile(dataDir);
  if (!existsSync(file)) {
    mkdirSync(join(file, '..'), { recursive: true, mode: 0o700 });
    // `wx`: two processes starting at once must not each write their own key.
    try {
      writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    chmodSync(file, 0o600);
  }
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
  if (key.length !== 32) throw new Error(`${file} : 32 octets en hexadécimal attendus`);
  return key;
}

/** A key that lives as long as the process: for tests, whose subscriptions are thrown away. */
export function ephemeralWebhookKey(): Buffer {
  return randomBytes(32);
}
