import type { Kysely } from 'kysely';
import type { Log } from '../../platform/log.ts';
import type { Database } from '../../platform/store/schema.ts';
import { inTransaction } from '../../platform/store/transaction.ts';
import type { BlobStore } from './blob-store.ts';
import { bytesStillNamed, deleteRejectedDeposit, findRejectedBefore } from './deposits-repository.ts';

const day = 24 * 60 * 60 * 1000;
const batch = 100;

/**
 * Purges the deposits that accepted nothing once `retentionDays` have passed since their decision:
 * their rows, then their bytes unless another deposit row still names them (a refusal for the
 * sender shares the bytes' address). Each deposit goes in its own short transaction, the file
 * after the commit: a crash between the two leaves an unnamed file, never a row without its file.
 */
export async function purgeRejectedDeposits(
  db: Kysely<Database>,
  blobs: BlobStore,
  { retentionDays, now = new Date() }: { retentionDays: number; now?: Date },
): Promise<number> {
  const before = new Date(now.getTime() - retentionDays * day);
  let purged = 0;
  for (;;) {
    const due = await findRejectedBefore(db, before, batch);
    for (const { id, sha256 } of due) {
      const orphan = await inTransaction(db, async (tx) => {
        await deleteRejectedDeposit(tx, id);
        return !(await bytesStillNamed(tx, sha256));
      });
      if (orphan) await blobs.remove(sha256);
      purged++;
    }
    if (due.length < batch) return purged;
  }
}

/**
 * Runs the purge at start, then every `everyMs` while the server runs; `stop` ends it. A failed
 * purge is logged and tried again at the next turn.
 */
export function scheduleRejectedPurge(
  db: Kysely<Database>,
  blobs: BlobStore,
  log: Log,
  { retentionDays, everyMs = 60 * 60 * 1000 }: { retentionDays: number; everyMs?: number },
): { stop(): Promise<void> } {
  let running: Promise<void> = Promise.resolve();
  const turn = () => {
    running = running.then(async () => {
      try {
        const purged = await purgeRejectedDeposits(db, blobs, { retentionDays });
        if (purged > 0)
          log.info({ purged, retentionDays }, 'dépôts rejetés purgés après leur durée de conservation');
      } catch (err) {
        log.error({ err }, 'purge des dépôts rejetés impossible');
      }
    });
  };
  turn();
  const timer = setInterval(turn, everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
