import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

/**
 * Runs `work` in one transaction: committed when it returns, rolled back when it throws. Every
 * statement of `work` must go through the executor it is given: on PGlite the transaction holds
 * the only connection, and a statement sent to the store's `db` would wait for it forever. On
 * PostgreSQL it holds one pooled connection, where `/* prepared: … *\/` statements are prepared
 * as on any other (see `prepared-statements.ts`).
 */
export function inTransaction<T>(
  db: Kysely<Database>,
  work: (tx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  return db.transaction().execute(work);
}
