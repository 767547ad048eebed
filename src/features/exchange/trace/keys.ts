import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  type KeyObject,
} from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The two secrets of the access trace, kept in files of the data directory (mode 600), never in
 * the database: whoever can read or rewrite the tables must not be able to link an entry to a NIR
 * (the NIR space is small enough to hash exhaustively without the key) nor sign checkpoints over a
 * rewritten chain. Several servers on one PostgreSQL share these files like their data directory.
 * The checkpoint key is not a token signing key: rotating those leaves the trace verifiable.
 */
export interface TraceKeys {
  /** HMAC-SHA256 key of the person's hash. */
  readonly person: Buffer;
  /** Ed25519 key signing the checkpoints. */
  readonly checkpoint: KeyObject;
  readonly checkpointPublic: KeyObject;
  /** SHA-256 of the public key (SPKI, DER), hex: written with each checkpoint. */
  readonly keyId: string;
}

function keysOf(person: Buffer, checkpoint: KeyObject): TraceKeys {
  const checkpointPublic = createPublicKey(checkpoint);
  const keyId = createHash('sha256')
    .update(checkpointPublic.export({ type: 'spki', format: 'der' }))
    .digest('hex');
  return { person, checkpoint, checkpointPublic, keyId };
}

/** Where the keys live under a data directory. */
export function traceKeyFiles(dataDir: string): { person: string; checkpoint: string } {
  const dir = join(dataDir, 'trace-keys');
  return { person: join(dir, 'person-hmac.key'), checkpoint: join(dir, 'checkpoint-ed25519.pem') };
}

function writeSecret(file: string, content: string): void {
  mkdirSync(join(file, '..'), { recursive: true, mode: 0o700 });
  // `wx`: two processes starting at once must not each write their own key.
  try {
    writeFileSync(file, content, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  chmodSync(file, 0o600);
}

/** The keys of a data directory, created on first use. */
export function loadTraceKeys(dataDir: string): TraceKeys {
  const files = traceKeyFiles(dataDir);
  if (!existsSync(files.person)) writeSecret(files.person, `${randomBytes(32).toString('hex')}\n`);
  if (!existsSync(files.checkpoint)) {
    const { privateKey } = generateKeyPairSync('ed25519');
    writeSecret(files.checkpoint, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
  }
  const person = Buffer.from(readFileSync(files.person, 'utf8').trim(), 'hex');
  if (person.length !== 32) throw new Error(`${files.person}: 32 bytes in hex expected`);
  return keysOf(person, createPrivateKey(readFileSync(files.checkpoint, 'utf8')));
}

/** Keys that live as long as the process: for tests and tools whose trace is thrown away. */
export function ephemeralTraceKeys(): TraceKeys {
  return keysOf(randomBytes(32), generateKeyPairSync('ed25519').privateKey);
}
