import { sql, type Kysely } from 'kysely';
import { Migrator, type Migration, type MigrationResult } from 'kysely/migration';
import * as intake from './migrations/202611230001_intake.ts';
import * as drm from './migrations/202611230002_drm.ts';
import * as pasrau from './migrations/202611230003_pasrau.ts';
import * as outbox from './migrations/202612070001_events_jobs_diagnostics.ts';
import * as refusedDeposits from './migrations/202612070002_refused_deposits.ts';
import * as exchangeCredentials from './migrations/202612080001_exchange_credentials.ts';
import * as accessTrace from './migrations/202612080002_access_trace.ts';
import * as exchangeFeed from './migrations/202612080003_exchange_feed.ts';
import * as webAccounts from './migrations/202612080010_web_accounts.ts';
import * as returns from './migrations/202612080011_returns.ts';
import * as webhooks from './migrations/202612080020_webhooks.ts';
import * as returnReads from './migrations/202612080021_return_reads.ts';

/**
 * Migrations are listed here rather than read from a folder: they are bundled into the CLI (dist/)
 * and imported by the tests from the sources alike, with nothing to resolve at run time. Never edit
 * one once released: add the next file.
 */
const migrations: Record<string, Migration> = {
  '202611230001_intake': intake,
  '202611230002_drm': drm,
  '202611230003_pasrau': pasrau,
  '202612070001_events_jobs_diagnostics': outbox,
  '202612070002_refused_deposits': refusedDeposits,
  '202612080001_exchange_credentials': exchangeCredentials,
  '202612080002_access_trace': accessTrace,
  '202612080003_exchange_feed': exchangeFeed,
  '202612080010_web_accounts': webAccounts,
  '202612080011_returns': returns,
  '202612080020_webhooks': webhooks,
  '202612080021_return_reads': returnReads,
};

export interface MigrationOutcome {
  results: MigrationResult[];
  /** The first failure; the migrations before it are applied, the failing one rolled back. */
  error?: unknown;
}

/**
 * Kysely looks for its bookkeeping tables in every schema unless told which one: with several
 * schemas on one server (one per test file, or per tenant) it must be the current one.
 */
async function migratorFor(db: Kysely<unknown>): Promise<Migrator> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  return new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableSchema: rows[0]!.schema,
  });
}

/** Called before each migration is applied: `done` counts from 1 to `total`. */
export type MigrationStep = (step: { done: number; total: number; name: string }) => void;

/**
 * Brings the schema up to date. Never throws: the caller reports each migration's status. With
 * `onStep`, migrations are applied one by one so that a first start can say where it is.
 */
export async function migrateToLatest(
  db: Kysely<unknown>,
  onStep?: MigrationStep,
): Promise<MigrationOutcome> {
  let migrator: Migrator;
  try {
    migrator = await migratorFor(db);
  } catch (error) {
    return { results: [], error };
  }
  if (onStep === undefined) {
    const { results = [], error } = await migrator.migrateToLatest();
    return error === undefined ? { results } : { results, error };
  }
  const results: MigrationResult[] = [];
  let pending: string[];
  try {
    pending = (await migrator.getMigrations()).filter((m) => m.executedAt === undefined).map((m) => m.name);
  } catch (error) {
    return { results, error };
  }
  for (const [index, name] of pending.entries()) {
    onStep({ done: index + 1, total: pending.length, name });
    const step = await migrator.migrateUp();
    results.push(...(step.results ?? []));
    if (step.error !== undefined) return { results, error: step.error };
  }
  return { results };
}

/** Names of the migrations not yet applied (the server refuses to start on PostgreSQL with any). */
export async function pendingMigrations(db: Kysely<unknown>): Promise<string[]> {
  const migrator = await migratorFor(db);
  const infos = await migrator.getMigrations();
  return infos.filter((m) => m.executedAt === undefined).map((m) => m.name);
}
