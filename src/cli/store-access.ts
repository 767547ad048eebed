import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfig, type Config } from '../platform/config.ts';
import { AppError } from '../platform/errors.ts';
import { readLocalServer } from '../platform/local-server.ts';
import { createLogger, type Logger } from '../platform/log.ts';
import { DatabaseLockedError, openStore, type Store } from '../platform/store/database.ts';
import { prepareStore, storeTarget } from '../platform/store/prepare.ts';
import { databaseProblem } from './database-problem.ts';
import { UsageError } from './errors.ts';
import { ServerClient } from './server-client.ts';

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

/**
 * The database for a command: opened here, or, when a server running on the same embedded
 * database holds it, that server's operator API. PGlite lets one process open its folder; rather
 * than ask the newcomer to stop the server, the commands that have an API go through it.
 */
export type CliDatabase = { kind: 'store'; store: Store } | { kind: 'server'; server: ServerClient };

/** The server holding the lock, with an operator token to call it, or null when there is none. */
function lockingServer(config: Config, locked: DatabaseLockedError): ServerClient | null {
  const server = readLocalServer(config.dataDir);
  // A file left by a server that was killed names another pid than the lock's living owner.
  if (server === null || server.pid !== locked.pid) return null;
  let token = config.operatorToken;
  if (token === null && server.operatorTokenFile !== null) {
    try {
      token = readFileSync(server.operatorTokenFile, 'utf8').trim();
    } catch {
      token = null;
    }
  }
  if (token === null) {
    throw new UsageError(
      `Le serveur ${server.url} (pid ${server.pid}) tient la base embarquée, et son jeton opérateur n’est pas lisible : ` +
        'définissez RELAIS_OPERATOR_TOKEN comme pour le serveur, ou arrêtez-le.',
      'RELAIS-CLI-DATABASE-LOCKED',
    );
  }
  return new ServerClient(server.url, token);
}

function lockedError(locked: DatabaseLockedError): UsageError {
  return new UsageError(
    `La base embarquée ${locked.dataDir} est ouverte par un autre processus (pid ${locked.pid}) : un serveur qui démarre, ` +
      'ou un autre « relais ingest ». Réessayez quand il aura fini, ou arrêtez-le.',
    'RELAIS-CLI-DATABASE-LOCKED',
  );
}

async function openCliStore(config: Config, log: Logger, prepare: boolean): Promise<Store> {
  let store: Store;
  try {
    store = await openStore(storeTarget(config));
  } catch (error) {
    if (error instanceof DatabaseLockedError) throw error;
    throw new UsageError(`Base de données inaccessible : ${databaseProblem(error)}.`, 'RELAIS-CLI-DATABASE');
  }
  if (prepare) {
    try {
      await prepareStore(store, log);
    } catch (error) {
      await store.close();
      if (error instanceof AppError)
        throw new UsageError(
          error.cause === undefined
            ? error.detail
            : `Migration impossible : ${databaseProblem(error.cause)}.`,
          'RELAIS-CLI-DATABASE',
        );
      throw error;
    }
  }
  return store;
}

/**
 * The database itself, or the running server that holds it (one line on stderr says so). A lock
 * left by a dead process is taken over when the store opens, as before.
 */
export async function cliDatabase(config: Config, log: Logger, prepare = true): Promise<CliDatabase> {
  try {
    return { kind: 'store', store: await openCliStore(config, log, prepare) };
  } catch (error) {
    if (!(error instanceof DatabaseLockedError)) throw error;
    const server = lockingServer(config, error);
    if (server === null) throw lockedError(error);
    process.stderr.write(
      `Le serveur Relais en marche (${server.url}) tient la base embarquée : la commande passe par son API.\n`,
    );
    return { kind: 'server', server };
  }
}

/**
 * The database itself, once the server `server.json` named stopped answering (it stopped, or was
 * killed, since): its lock released, the command goes on here. Still held, nothing can be done
 * from here, and the message says what to do.
 */
export async function cliStoreWithoutServer(
  config: Config,
  log: Logger,
  server: ServerClient,
): Promise<Store> {
  try {
    return await openCliStore(config, log, true);
  } catch (error) {
    if (!(error instanceof DatabaseLockedError)) throw error;
    throw new UsageError(
      `Le serveur ${server.url} inscrit dans ${join(config.dataDir, 'server.json')} ne répond pas, et le processus ` +
        `${error.pid} tient toujours la base embarquée ${error.dataDir} : si c’est ce serveur, attendez qu’il réponde ` +
        'ou arrêtez-le, puis relancez la commande.',
      'RELAIS-CLI-SERVER-UNREACHABLE',
    );
  }
}
