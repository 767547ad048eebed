import { sign, verify } from 'node:crypto';
import type { TraceKeys } from './keys.ts';

export type CheckpointKind = 'periodic' | 'cut';

export interface Checkpoint {
  position: number;
  kind: CheckpointKind;
  chainSha256: Uint8Array;
  at: Date;
  keyId: string;
  signature: Uint8Array;
}

/** A periodic checkpoint falls on every position that is a multiple of this. */
export const checkpointEvery = 1000;

const signedText = (c: Omit<Checkpoint, 'signature' | 'keyId'>) =>
  Buffer.from(
    `relais-trace-checkpoint/1 ${c.kind} ${c.position} ${Buffer.from(c.chainSha256).toString('hex')} ${c.at.toISOString()}`,
  );

export function signCheckpoint(keys: TraceKeys, c: Omit<Checkpoint, 'signature' | 'keyId'>): Checkpoint {
  return { ...c, keyId: keys.keyId, signature: sign(null, signedText(c), keys.checkpoint) };
}

/** Whether `c` was signed by the key of `keys` (Ed25519: the algorithm is the key's). */
export function checkpointSigned(keys: TraceKeys, c: Checkpoint): boolean {
  return c.keyId === keys.keyId && verify(null, signedText(c), keys.checkpointPublic, c.signature);
}
