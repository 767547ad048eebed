import { migrateToLatest } from '../platform/store/migrate.ts';
import { exitCodes } from './errors.ts';
import { cliConfig, cliLogger, cliStore } from './store-access.ts';

const statusLabels = {
  Success: 'appliquée',
  Error: 'ÉCHEC',
  NotExecuted: 'non appliquée (une précédente a échoué)',
} as const;

/** `relais db migrate`: prints each migration's status; exit 1 when one fails. */
export async function dbMigrateCommand(): Promise<number> {
  const config = cliConfig();
  const store = await cliStore(config, cliLogger(config), false);
  try {
    const outcome = await migrateToLatest(store.db as never);
    for (const r of outcome.results) process.stdout.write(`${r.migrationName} : ${statusLabels[r.status]}\n`);
    if (outcome.error !== undefined) {
      process.stderr.write(`relais : migration impossible : ${(outcome.error as Error).message}\n`);
      return exitCodes.blocking;
    }
    if (outcome.results.length === 0) process.stdout.write(`Base à jour (${store.kind}).\n`);
    return exitCodes.ok;
  } finally {
    await store.close();
  }
}
