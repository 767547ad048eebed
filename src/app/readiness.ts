import type { BlobStore } from '../features/deposit/blob-store.ts';
import { AppError } from '../platform/errors.ts';
import type { Store } from '../platform/store/database.ts';
import { pingDatabase } from '../platform/store/unavailable.ts';

/** Past this, a database that has not answered counts as down for a load balancer. */
const databaseWaitMs = 5_000;

/**
 * What `/ready` checks: the database answers a query, and the folder of deposited files takes
 * new files. Either failing is a coded 503, so that a load balancer stops sending traffic here.
 */
export async function checkReady(store: Store, blobs: BlobStore): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), databaseWaitMs);
  });
  try {
    const answer = await Promise.race([pingDatabase(store.db), late]);
    if (answer === 'late') throw new Error('late');
  } catch {
    throw new AppError(
      'DATABASE_UNAVAILABLE',
      `La base de données ne répond pas (délai : ${databaseWaitMs / 1000} s) : le service n’est pas prêt.`,
    );
  } finally {
    clearTimeout(timer);
  }
  if (!(await blobs.writable())) {
    throw new AppError(
      'STORAGE_UNAVAILABLE',
      'Le dossier des fichiers déposés n’est pas accessible en écriture : le service n’est pas prêt.',
    );
  }
}
