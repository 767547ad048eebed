import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Store, StoreTarget } from './store.ts';
import { postgresSession } from './postgres-session.ts';
import { preparingTagged } from './prepared-statements.ts';
import type { Database } from './schema.ts';
import { DATE_OID, INT8_OID, keepText, NUMERIC_OID, toNumber } from './value-parsers.ts';

const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === DATE_OID || oid === NUMERIC_OID) return keepText;
    if (oid === INT8_OID) return toNumber;
    return pg.types.getTypeParser(oid, format);
  },
};

/** A PostgreSQL server through a pool; `schema`, when given, is created and made the search path. */
export async function openPostgres(target: Extract<StoreTarget, { kind: 'postgres' }>): Promise<Store> {
  const schema = target.schema;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema))
    throw new RangeError(`bad schema ${schema}`);
  if (schema) {
    const client = new pg.Client({ connectionString: target.url });
    await client.connect();
    try {
      await client.query(`create schema if not exists ${schema}`);
    } finally {
      await client.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: target.url,
    max: target.poolMax ?? 10,
    types,
    application_name: 'relais',
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // A client losing its server (restart, network cut) must not crash the process: idle, the pool
  // drops it; checked out (a deposit's session between two statements), `pg` emits 'error' on
  // the client itself, which the pool no longer listens to. Either way its next query fails, and
  // it is not given back to the pool.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({
      pool: {
        connect: async () => preparingTagged(await pool.connect()),
        end: () => pool.end(),
        options: pool.options,
      },
    }),
  });
  return {
    kind: 'postgres',
    db,
    openSession: async () => postgresSession(await pool.connect()),
    async close() {
      await db.destroy();
    },
  };
}
