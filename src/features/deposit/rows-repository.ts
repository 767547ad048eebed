import { sql } from 'kysely';
import type { Selectable } from 'kysely';
import { drmRowTables } from '../../platform/store/migrations/202611230002_drm.ts';
import type { Database, Executor } from '../../platform/store/schema.ts';

/** Tables holding a declaration's normalised rows (see the intake migration). */
export const rowTableNames = [
  'company',
  'establishment',
  'individual',
  'contract',
  'payment',
  'remuneration',
  'bonus',
  'other_income',
  'net_income',
  'base',
  'contribution',
  'work_stoppage',
  'contract_end',
] as const;

export type RowTableName = (typeof rowTableNames)[number];

/** Every table a deposit streams rows into by COPY: the normalised rows, then the DRM's lines. */
const streamedTables = [...rowTableNames, ...drmRowTables] as const;

/** Removes the rows of declarations rejected after their rows were streamed in (same transaction). */
export async function deleteRowsOf(ex: Executor, declarationKeys: readonly number[]): Promise<void> {
  if (declarationKeys.length === 0) return;
  for (const table of streamedTables) {
    await ex
      .deleteFrom(table)
      .where('declaration_key', 'in', [...declarationKeys])
      .execute();
  }
}

/**
 * Summarises the page ranges a bulk load added to the BRIN indexes. Until then PostgreSQL scans
 * those pages for every query (correct, only slower); autovacuum would do it later, PGlite never.
 */
export async function summariseNewRows(ex: Executor): Promise<void> {
  for (const table of streamedTables) {
    await sql`select brin_summarize_new_values(${`${table}_by_declaration`}::regclass)`.execute(ex);
  }
}

export async function countRowsOf(
  ex: Executor,
  declarationKey: number,
): Promise<Record<RowTableName, number>> {
  const counts = {} as Record<RowTableName, number>;
  for (const table of rowTableNames) {
    const row = await ex
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('declaration_key', '=', declarationKey)
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

export async function contextOf(ex: Executor, declarationKey: number) {
  const [company, establishment] = await Promise.all([
    ex.selectFrom('company').selectAll().where('declaration_key', '=', declarationKey).executeTakeFirst(),
    ex
      .selectFrom('establishment')
      .selectAll()
      .where('declaration_key', '=', declarationKey)
      .executeTakeFirst(),
  ]);
  return { company, establishment };
}

/**
 * One page of a declaration's individuals with everything declared about them, as it was
 * deposited. Rows of an individual lie between its line and its `last_line`, which is what the
 * BRIN indexes on (declaration_key, line) find quickly.
 */
export async function individualsPage(
  ex: Executor,
  declarationKey: number,
  afterLine: number,
  limit: number,
) {
  const individuals = await ex
    .selectFrom('individual')
    .selectAll()
    .where('declaration_key', '=', declarationKey)
    .where('line', '>', afterLine)
    .orderBy('line')
    .limit(limit)
    .execute();
  if (individuals.length === 0) return { individuals, rows: null };
  const from = individuals[0]!.line;
  const to = individuals.at(-1)!.last_line;
  const inRange = async <T extends RowTableName>(table: T) => {
    const result = await sql<Selectable<Database[T]>>`select * from ${sql.table(table)}
      where declaration_key = ${declarationKey} and line between ${from} and ${to} order by line`.execute(ex);
    return result.rows;
  };
  // Sequential on purpose: PGlite has one connection, and PostgreSQL's pool is shared.
  const rows = {
    contract: await inRange('contract'),
    work_stoppage: await inRange('work_stoppage'),
    contract_end: await inRange('contract_end'),
    payment: await inRange('payment'),
    remuneration: await inRange('remuneration'),
    bonus: await inRange('bonus'),
    other_income: await inRange('other_income'),
    net_income: await inRange('net_income'),
    base: await inRange('base'),
    contribution: await inRange('contribution'),
  };
  return { individuals, rows };
}
