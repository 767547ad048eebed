import { finished } from 'node:stream/promises';
import { Kysely, PostgresDialect } from 'kysely';
import type pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import type { Database } from './schema.ts';
import { copyOutStatement, copyStatement, type WriteSession } from './session.ts';

/** A deposit's session on a pooled PostgreSQL connection, COPY over the wire. */
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
    async copyOut(table, columns, key) {
      const chunks: Buffer[] = [];
      for await (const chunk of client.query(copyTo(copyOutStatement(table, columns, key, 'stdout'))))
        chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
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
