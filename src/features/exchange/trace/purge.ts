import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/store/schema.ts';
import { inTransaction } from '../../../platform/store/transaction.ts';
import {
  deleteTracePrefix,
  expiredPrefixEnd,
  insertCheckpoint,
  lockTrace,
  storedChainAt,
} from './access-trace-repository.ts';
import { signCheckpoint } from './checkpoint.ts';
import type { TraceKeys } from './keys.ts';
import { verifyTrace } from './verify.ts';

/** How long entries are kept: 36 months, as API Particulier keeps its traces. */
export const defaultRetentionMonths = 36;

export type PurgeOutcome =
  | { kind: 'purged'; removed: number; cutAt: number | null }
  | { kind: 'refused'; position: number; detail: string };

/** The instant `months` before `now`, the age beyond which entries go. */
export function retentionLimit(now: Date, months: number): Date {
  const limit = new Date(now);
  limit.setUTCMonth(limit.getUTCMonth() - months);
  return limit;
}

/**
 * Removes the entries older than the retention, a prefix of the chain, and leaves it verifiable:
 * a signed `cut` checkpoint records the chain hash of the last entry removed, where the remaining
 * chain (and the next entry, if none remains) starts from. The trace is verified first: a purge
 * must not sign over a chain that was tampered with, nor erase the evidence of it. The trace's
 * lock is taken for the cut, so no entry is appended between the checkpoint and the deletion.
 */
export async function purgeTrace(
  db: Kysely<Database>,
  keys: TraceKeys,
  retentionMonths: number,
  now = new Date(),
): Promise<PurgeOutcome> {
  const verification = await verifyTrace(db, keys);
  if (verification.problem) return { kind: 'refused', ...verification.problem };
  return inTransaction(db, async (tx) => {
    await lockTrace(tx);
    const end = await expiredPrefixEnd(tx, retentionLimit(now, retentionMonths));
    if (end === null || end < (verification.first ?? Infinity)) {
      return { kind: 'purged', removed: 0, cutAt: null };
    }
    const chain = await storedChainAt(tx, end);
    if (chain === null) throw new Error(`access trace entry ${end} vanished during the purge`);
    await insertCheckpoint(
      tx,
      signCheckpoint(keys, { position: end, kind: 'cut', chainSha256: chain, at: now }),
    );
    return { kind: 'purged', removed: await deleteTracePrefix(tx, end), cutAt: end };
  });
}
