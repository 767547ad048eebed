import { AppError } from '../platform/errors.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../platform/store/schema.ts';
import { UsageError } from './errors.ts';
import type { ServerClient } from './server-client.ts';
import { cliConfig, cliDatabase, cliLogger } from './store-access.ts';

/**
 * An administration use case as the operator: `local` on the database itself or, when a server
 * holds the embedded database, `remote` through its operator API (`/v1/admin/…`). A refusal is a
 * usage error with the use case's code.
 */
export async function administer<T>(
  local: (db: Kysely<Database>) => Promise<T>,
  remote: (server: ServerClient) => Promise<T>,
): Promise<T> {
  const config = cliConfig();
  const database = await cliDatabase(config, cliLogger(config));
  try {
    return database.kind === 'store' ? await local(database.store.db) : await remote(database.server);
  } catch (error) {
    if (error instanceof AppError) throw new UsageError(error.detail, `RELAIS-CLI-${error.code}`);
    throw error;
  } finally {
    if (database.kind === 'store') await database.store.close();
  }
}
