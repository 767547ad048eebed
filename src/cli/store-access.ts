import { ConfigError, loadConfig, type Config } from '../platform/config.ts';
import { AppError } from '../platform/errors.ts';
import { createLogger, type Logger } from '../platform/log.ts';
import { DatabaseLockedError, openStore, type Store } from '../platform/store/database.ts';
import { prepareStore, storeTarget } from '../platform/store/prepare.ts';
import { UsageError } from './errors.ts';

/** The configuration, or a usage error listing every problem at once. */
export function cliConfig(overrides: Record<string, string | undefined> = {}): Config {
  try {
    return loadConfig(undefined, overrides);
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message, 'RELAIS-CLI-CONFIG');
    throw error;
  }
}

/** Logs of the CLI go to stderr: stdout is for results. */
export function cliLogger(
  config: Config,
  level = config.logLevel === 'info' ? 'warn' : config.logLevel,
): Logger {
  return createLogger({ level, destination: 'stderr' });
}

/** Opens the configured database; `prepare` migrates an embedded one and checks PostgreSQL is up to date. */
export async function cliStore(config: Config, log: Logger, prepare = true): Promise<Store> {
  let store: Store;
  try {
    store = await openStore(storeTarget(config));
  } catch (error) {
    if (error instanceof DatabaseLockedError) {
      throw new UsageError(
        `La base embarquée ${error.dataDir} est ouverte par un autre processus (pid ${error.pid}), sans doute « relais serve ». ` +
          'Arrêtez-le, ou déposez par l’API (relais ingest --api http://127.0.0.1:3000 --token-file data/demo-token.txt).',
        'RELAIS-CLI-DATABASE-LOCKED',
      );
    }
    throw new UsageError(`Base de données inaccessible : ${(error as Error).message}`, 'RELAIS-CLI-DATABASE');
  }
  if (prepare) {
    try {
      await prepareStore(store, log);
    } catch (error) {
      await store.close();
      if (error instanceof AppError) throw new UsageError(error.detail, 'RELAIS-CLI-DATABASE');
      throw error;
    }
  }
  return store;
}
