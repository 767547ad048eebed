import type { PGlite, Transaction as PgliteTransaction } from '@electric-sql/pglite';
import { Kysely, PGliteDialect } from 'kysely';
import type { Database } from './schema.ts';
import { copyOutStatement, copyStatement, type WriteSession } from './session.ts';

/**
 * A deposit's session on the embedded database: PGlite's exclusive transaction, held open between
 * `begin` and `commit`, COPY through `/dev/blob`.
 */
export function pgliteSession(pglite: PGlite): WriteSession {
  let tx: PgliteTransaction | null = null;
  let end: ((action: 'commit' | 'rollback') => void) | null = null;
  let closed: Promise<unknown> | null = null;
  const current = () => {
    if (tx === null) throw new Error('no open transaction in this write session');
    return tx;
  };
  // Queries must go through the transaction object: PGlite's own `query` waits for the transaction.
  const facade = {
    query: (sql: string, params?: unknown[], options?: object) => current().query(sql, params, options),
    transaction: () => {
      throw new Error('nested transactions are not supported in a write session');
    },
    close: async () => {},
    closed: false,
    ready: true,
    waitReady: Promise.resolve(),
  };
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite: facade as never }) });
  const finish = async (action: 'commit' | 'rollback') => {
    const done = closed;
    end?.(action);
    end = null;
    closed = null;
    tx = null;
    await done;
  };
  return {
    db,
    begin() {
      return new Promise<void>((began, failed) => {
        closed = pglite.transaction(async (t) => {
          tx = t;
          const action = await new Promise<'commit' | 'rollback'>((resolve) => {
            end = resolve;
            began();
          });
          if (action === 'rollback') await t.rollback();
        });
        closed.catch(failed);
      });
    },
    commit: () => finish('commit'),
    async rollback() {
      await finish('rollback').catch(() => {});
    },
    async copy(table, columns, data) {
      await current().query(copyStatement(table, columns, `'/dev/blob'`), [], {
        blob: new Blob([data as Uint8Array<ArrayBuffer>]),
      });
    },
    async copyOut(table, columns, key) {
      const result = await current().query(copyOutStatement(table, columns, key, `'/dev/blob'`));
      return result.blob ? new Uint8Array(await result.blob.arrayBuffer()) : new Uint8Array();
    },
    async release() {
      if (closed !== null) await finish('rollback').catch(() => {});
    },
  };
}
