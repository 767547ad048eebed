import { finished } from 'node:stream/promises';
import type { PGlite, Transaction as PgliteTransaction } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Database } from './schema.ts';

/**
 * One connection held for a deposit: its transaction is opened and closed explicitly because a
 * deposit may roll back its rows and then record the rejection in a second, small transaction.
 * `copy` streams rows in PostgreSQL's COPY text format: over the wire on PostgreSQL, as a blob on
 * PGlite (`COPY … FROM '/dev/blob'`, about twice as fast there as multi-row INSERT).
 */
export interface WriteSession {
  /** Runs on this session's connection, inside its open transaction. */
  readonly db: Kysely<Database>;
  begin(): Promise<void>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
  /** `data`: rows in COPY text format. The caller may reuse the buffer once this resolves. */
  copy(table: string, columns: readonly string[], data: Uint8Array): Promise<void>;
  /** Gives the connection back (rolling back a transaction left open). */
  release(): Promise<void>;
}

function copyStatement(table: string, columns: readonly string[], source: string): string {
  const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
  return `copy ${quote(table)} (${columns.map(quote).join(', ')}) from ${source}`;
}

export function postgresSession(client: pg.PoolClient): WriteSession {
  let open = false;
  let broken = false;
  // Kysely asks a pool for a client; this one always hands out the session's, and never releases it.
  const wrapped = {
    query: client.query.bind(client) as pg.PoolClient['query'],
    release: () => {},
    get processID() {
      return (client as unknown as { processID?: number }).processID;
    },
  };
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({
      pool: { connect: async () => wrapped, end: async () => {}, options: {} } as never,
    }),
  });
  const run = async (text: string) => {
    try {
      await client.query(text);
    } catch (error) {
      broken = true;
      throw error;
    }
  };
  return {
    db,
    async begin() {
      await run('begin');
      open = true;
    },
    async commit() {
      open = false;
      const result = (await client.query('commit')) as unknown as { command?: string };
      // COMMIT of an aborted transaction answers ROLLBACK: the caller must not believe it committed.
      if (result.command === 'ROLLBACK') throw new Error('transaction aborted before commit');
    },
    async rollback() {
      open = false;
      await run('rollback');
    },
    async copy(table, columns, data) {
      const stream = client.query(copyFrom(copyStatement(table, columns, 'stdin')));
      stream.end(data);
      await finished(stream);
    },
    async release() {
      if (open) {
        open = false;
        await run('rollback').catch(() => {});
      }
      client.release(broken);
    },
  };
}

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
    async release() {
      if (closed !== null) await finish('rollback').catch(() => {});
    },
  };
}
