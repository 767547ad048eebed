import { sql } from 'kysely';
import type { DeclarationRow, Executor, NewDeclaration } from '../../platform/store/schema.ts';

/** The first of 1,024 declaration keys reserved for one deposit. */
export async function reserveDeclarationKeys(ex: Executor): Promise<number> {
  const { rows } = await sql<{
    base: number;
  }>`select nextval('declaration_key_block')::bigint as base`.execute(ex);
  return Number(rows[0]!.base);
}

export const declarationKeysPerBlock = 1024;

export async function insertDeclarations(ex: Executor, rows: NewDeclaration[]): Promise<void> {
  if (rows.length > 0) await ex.insertInto('declaration').values(rows).execute();
}

/**
 * Serialises the deposits touching the same establishment and month until the transaction ends,
 * so the lifecycle rules (duplicate, annule-et-remplace) see each other's outcome. Keys are taken
 * in sorted order: two deposits covering the same establishments cannot deadlock. On PGlite there
 * is one connection, so deposits are serialised anyway and the lock is free.
 */
export async function lockEstablishmentMonths(ex: Executor, keys: readonly string[]): Promise<void> {
  for (const key of [...new Set(keys)].sort()) {
    await sql`select pg_advisory_xact_lock(hashtextextended(${`relais:declaration:${key}`}, 0))`.execute(ex);
  }
}

/** The current monthly declaration of an establishment for a month and fraction, if any. */
export async function findCurrentMonthly(
  ex: Executor,
  siret: string,
  month: string,
  fraction: string,
  nature: string,
): Promise<DeclarationRow | undefined> {
  return ex
    .selectFrom('declaration')
    .selectAll()
    .where('siret', '=', siret)
    .where('month', '=', month)
    .where('fraction', '=', fraction)
    .where('nature', '=', nature)
    .where('status', '=', 'conform')
    .where('type', 'in', ['01', '02', '03', '05'])
    .executeTakeFirst();
}

/**
 * The conform declaration an annule-et-remplace or an annulation names (S20.G00.05.006): same
 * establishment and nature, same month for a monthly declaration, still current.
 */
export async function findReplaceable(
  ex: Executor,
  target: { siret: string; nature: string; identifier: string; month: string | null },
): Promise<DeclarationRow | undefined> {
  let query = ex
    .selectFrom('declaration')
    .selectAll()
    .where('siret', '=', target.siret)
    .where('nature', '=', target.nature)
    .where('identifier', '=', target.identifier)
    .where('status', '=', 'conform')
    .where('type', '<>', '04');
  if (target.month !== null) query = query.where('month', '=', target.month);
  return query.orderBy('known_from', 'desc').executeTakeFirst();
}

/** Closes a declaration's knowledge interval: it was replaced or cancelled at `at`. */
export async function closeDeclaration(
  ex: Executor,
  id: string,
  status: 'superseded' | 'cancelled',
  at: Date,
): Promise<void> {
  await ex.updateTable('declaration').set({ status, known_to: at }).where('id', '=', id).execute();
}

export async function linkReplacement(ex: Executor, replacedId: string, byId: string): Promise<void> {
  await ex.updateTable('declaration').set({ replaced_by_id: byId }).where('id', '=', replacedId).execute();
}

export async function declarationsOfDeposit(ex: Executor, depositId: string): Promise<DeclarationRow[]> {
  return ex
    .selectFrom('declaration')
    .selectAll()
    .where('deposit_id', '=', depositId)
    .orderBy('position')
    .execute();
}

export async function findDeclaration(ex: Executor, id: string): Promise<DeclarationRow | undefined> {
  return ex.selectFrom('declaration').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Every version of an establishment's declarations, oldest first (`month` optional). */
export async function declarationsOfEstablishment(
  ex: Executor,
  siret: string,
  month: string | null,
  limit: number,
): Promise<DeclarationRow[]> {
  let query = ex.selectFrom('declaration').selectAll().where('siret', '=', siret);
  if (month !== null) query = query.where('month', '=', month);
  return query.orderBy('month', 'desc').orderBy('received_at').orderBy('position').limit(limit).execute();
}

/** Establishments and months a scope (SIREN or SIRET) has declarations for, latest first. */
export async function declarationsInScope(
  ex: Executor,
  scope: string,
  limit: number,
): Promise<DeclarationRow[]> {
  return ex
    .selectFrom('declaration')
    .selectAll()
    .where('siret', 'like', `${scope}%`)
    .orderBy('month', 'desc')
    .orderBy('siret')
    .orderBy('received_at')
    .limit(limit)
    .execute();
}
