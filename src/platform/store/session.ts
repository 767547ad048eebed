import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/**
 * One connection held for a deposit: its transaction is opened and closed explicitly because a
 * deposit may roll back its rows and then record the rejection in a second, small transaction.
 * `copy` streams rows in PostgreSQL's COPY text format: over the wire on PostgreSQL, as a blob on
 * PGlite (`COPY … FROM '/dev/blob'`, about twice as fast there as multi-row INSERT). One file per
 * dialect implements it: `postgres-session.ts`, `pglite-session.ts`.
 */
export interface WriteSession {
  /** Runs on this session's connection, inside its open transaction. */
  readonly db: Kysely<Database>;
  begin(): Promise<void>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
  /** `data`: rows in COPY text format. The caller may reuse the buffer once this resolves. */
  copy(table: string, columns: readonly string[], data: Uint8Array): Promise<void>;
  /**
   * The rows of `table` whose `key.column` equals `key.value`, in COPY text format: what `copy`
   * takes back, to carry rows across a rollback.
   */
  copyOut(table: string, columns: readonly string[], key: CopyKey): Promise<Uint8Array>;
  /** Gives the connection back (rolling back a transaction left open). */
  release(): Promise<void>;
}

export interface CopyKey {
  column: string;
  value: string;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

export function copyStatement(table: string, columns: readonly string[], source: string): string {
  return `copy ${quote(table)} (${columns.map(quote).join(', ')}) from ${source}`;
}

/** COPY takes no parameters: the key's value is written as a quoted literal. */
export function copyOutStatement(
  table: string,
  columns: readonly string[],
  key: CopyKey,
  target: string,
): string {
  const literal = `'${key.value.replaceAll("'", "''")}'`;
  return `copy (select ${columns.map(quote).join(', ')} from ${quote(table)} where ${quote(key.column)} = ${literal}) to ${target}`;
}
