import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

/**
 * Whether an error means the database is gone (stopped, restarting, the network cut) rather than
 * that a statement was wrong: the request is answered 503 and may be tried again. `pg` reports a
 * connection lost mid-statement with a message and no code.
 */
const codes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08003',
  '08006',
  '08001',
]);
const messages = [
  'Connection terminated',
  'Client has encountered a connection error',
  'Client was closed and is not queryable',
  'timeout exceeded when trying to connect',
];

export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (codes.has(String((error as { code?: unknown }).code))) return true;
  return messages.some((message) => error.message.startsWith(message));
}

/** The cheapest statement: whether the database answers at all. */
export async function pingDatabase(db: Kysely<Database>): Promise<void> {
  await sql`select 1`.execute(db);
}
