import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';
import { pgliteSession, postgresSession, type WriteSession } from './session.ts';

/** Where the data lives: embedded PGlite (a folder, or `memory://`) or a PostgreSQL server. */
export type StoreTarget =
  | { kind: 'pglite'; dataDir: string }
  | {
      kind: 'postgres';
      url: string;
      poolMax?: number;
      /** Tables go to this schema (tests: one schema per test file); created if missing. */
      schema?: string;
    };

export interface Store {
  readonly kind: 'pglite' | 'postgres';
  /** For reads and short writes. Never use it inside a write session on PGlite: it would wait forever. */
  readonly db: Kysely<Database>;
  /** A connection of its own, for a deposit's long transaction (COPY on PostgreSQL). */
  openSession(): Promise<WriteSession>;
  close(): Promise<void>;
}

const DATE_OID = 1082;
const NUMERIC_OID = 1700;
const INT8_OID = 20;

// Dates stay `YYYY-MM-DD` (no time zone shift) and amounts stay exact decimal strings.
const keepText = (value: string) => value;

export async function openStore(target: StoreTarget): Promise<Store> {
  return target.kind === 'pglite' ? openPglite(target.dataDir) : openPostgres(target);
}

/** Thrown when the embedded database is already open in another process. */
export class DatabaseLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(`embedded database ${dataDir} is open in process ${pid}`);
    this.name = 'DatabaseLockedError';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite is a database inside this process: two processes on one folder would corrupt it. A lock
 * file with the owner's pid refuses the second one; a lock left by a dead process is taken over.
 */
function lockDataDir(dataDir: string): () => void {
  // Beside the folder, not in it: PGlite initialises an empty folder as its data directory.
  const lock = `${dataDir.replace(/\/+$/, '')}.lock`;
  try {
    writeFileSync(lock, String(process.pid), { flag: 'wx' });
  } catch {
    const owner = Number(readFileSync(lock, 'utf8'));
    if (Number.isInteger(owner) && owner !== process.pid && alive(owner))
      throw new DatabaseLockedError(dataDir, owner);
    writeFileSync(lock, String(process.pid));
  }
  return () => rmSync(lock, { force: true });
}

async function openPglite(dataDir: string): Promise<Store> {
  let unlock = () => {};
  if (!dataDir.startsWith('memory://')) {
    mkdirSync(dataDir, { recursive: true });
    unlock = lockDataDir(dataDir);
  }
  let pglite: PGlite;
  try {
    pglite = await PGlite.create({
      dataDir,
      parsers: { [DATE_OID]: keepText, [NUMERIC_OID]: keepText, [INT8_OID]: (v: string) => Number(v) },
    });
  } catch (error) {
    unlock();
    throw error;
  }
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
  return {
    kind: 'pglite',
    db,
    openSession: async () => pgliteSession(pglite),
    async close() {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
      unlock();
    },
  };
}

const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === DATE_OID || oid === NUMERIC_OID) return keepText;
    if (oid === INT8_OID) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format);
  },
};

const prepared = new WeakSet<pg.PoolClient>();

/**
 * Statements that begin with a tag `/* prepared: name *\/` are prepared once per connection and
 * then only executed: the hot reads (one per DRM request) skip parsing and planning. The text of
 * a tagged statement must never change for a name, which holds for SQL built from a fixed
 * template with every value a parameter. PGlite sees the tag as a comment.
 */
function preparingTagged(client: pg.PoolClient): pg.PoolClient {
  if (prepared.has(client)) return client;
  prepared.add(client);
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  // After any white space: a template's first line break and indentation are part of its text.
  const tagged = /^\s*\/\* prepared: ([a-z_]+) \*\//;
  client.query = ((text: unknown, ...rest: unknown[]) => {
    const name = typeof text === 'string' ? tagged.exec(text)?.[1] : undefined;
    if (name === undefined) return query(text, ...rest);
    return query({ name, text, values: rest[0] }, ...rest.slice(1));
  }) as typeof client.query;
  return client;
}

async function openPostgres(target: Extract<StoreTarget, { kind: 'postgres' }>): Promise<Store> {
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
  // An idle client losing its server (restart) must not crash the process; the next query fails.
  pool.on('error', () => {});
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
