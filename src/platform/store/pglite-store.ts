import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect } from 'kysely';
import { lockDataDir } from './data-dir-lock.ts';
import type { Store } from './store.ts';
import { pgliteSession } from './pglite-session.ts';
import type { Database } from './schema.ts';
import { DATE_OID, INT8_OID, keepText, NUMERIC_OID, toNumber } from './value-parsers.ts';

/** The embedded database: a folder (locked against a second process) or `memory://`. */
export async function openPglite(dataDir: string): Promise<Store> {
  let unlock = () => {};
  if (!dataDir.startsWith('memory://')) {
    mkdirSync(dataDir, { recursive: true });
    unlock = lockDataDir(dataDir);
  }
  let pglite: PGlite;
  try {
    pglite = await PGlite.create({
      dataDir,
      parsers: { [DATE_OID]: keepText, [NUMERIC_OID]: keepText, [INT8_OID]: toNumber },
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
