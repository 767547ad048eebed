import { migrateToLatest } from '../platform/store/migrate.ts';
import { databaseProblem } from './database-problem.ts';
import { exitCodes } from './errors.ts';
import { cliConfig, cliDatabase, cliLogger } from './store-access.ts';

const statusLabels = {
  Success: 'appliquée',
  Error: 'ÉCHEC',
  NotExecuted: 'non appliquée (une précédente a échoué)',
} as const;

/** `relais db migrate`: prints each migration's status; exit 1 when one fails. */
export async function dbMigrateCommand(): Promise<number> {
  const config = cliConfig();
  const database = await cliDatabase(config, cliLogger(config), false);
  if (database.kind === 'server') {
    // A server on the embedded database migrates it as it starts, before it listens.
    process.stdout.write(`Base à jour : le serveur ${database.server.url} l’a migrée à son démarrage.\n`);
    return exitCodes.ok;
  }
  const store = database.store;
  try {
    const outcome = await migrateToLatest(store.db as never);
    for (const r of outcome.results) process.stdout.write(`${r.migrationName} : ${statusLabels[r.status]}\n`);
    if (outcome.error !== undefined) {
      process.stderr.write(`relais : migration impossible : ${databaseProblem(outcome.error)}.\n`);
      return exitCodes.blocking;
    }
    if (outcome.results.length === 0) process.stdout.write(`Base à jour (${store.kind}).\n`);
    return exitCodes.ok;
  } finally {
    await store.close();
  }
}
