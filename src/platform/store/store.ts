import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';
import type { WriteSession } from './session.ts';

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
