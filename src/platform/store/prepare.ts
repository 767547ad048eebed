import type { Config } from '../config.ts';
import { AppError } from '../errors.ts';
import type { Logger } from '../log.ts';
import type { Store, StoreTarget } from './database.ts';
import { migrateToLatest, pendingMigrations } from './migrate.ts';

export function storeTarget(config: Config): StoreTarget {
  return config.database.kind === 'postgres'
    ? { kind: 'postgres', url: config.database.url, poolMax: config.database.poolMax }
    : { kind: 'pglite', dataDir: config.database.dataDir };
}

/** A line for the person waiting on a slow start (French, without an ending newline). */
export type Progress = (line: string) => void;

/**
 * Embedded mode migrates at start (one process owns the database). On PostgreSQL migrating is a
 * deploy step (`relais db migrate`): the server refuses to start on an out-of-date schema.
 * `progress` is told of each migration as it starts.
 */
export async function prepareStore(store: Store, log: Logger, progress?: Progress): Promise<void> {
  if (store.kind === 'pglite') {
    const outcome = await migrateToLatest(
      store.db as never,
      progress && (({ done, total }) => progress(`Migration ${done}/${total}…`)),
    );
    for (const r of outcome.results) log.info({ migration: r.migrationName, status: r.status }, 'migration');
    if (outcome.error !== undefined) {
      throw new AppError(
        'MIGRATION_FAILED',
        `Migration impossible : ${(outcome.error as Error).message}`,
        undefined,
        {
          cause: outcome.error,
        },
      );
    }
    return;
  }
  const pending = await pendingMigrations(store.db as never);
  if (pending.length > 0) {
    throw new AppError(
      'MIGRATION_FAILED',
      `La base PostgreSQL n'est pas à jour (${pending.join(', ')}) : exécutez « relais db migrate » avant de démarrer le serveur.`,
    );
  }
}
