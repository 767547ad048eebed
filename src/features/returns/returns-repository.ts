import { sql } from 'kysely';
import type { EventKind, Executor } from '../../platform/store/schema.ts';
import { returnEventPrefix, returnKinds } from './kinds.ts';

export interface StoredReturn {
  position: number;
  kind: EventKind;
  at: Date;
  deposit_id: string | null;
  data: Record<string, unknown>;
  /** The verification code of the deposit's certificate, if it has one. */
  code: string | null;
}

// The prefix is written as a literal, not a parameter: the planner proves that the partial index
// `event_returns` applies only from a constant it can compare with the index's own. The kinds this
// version knows are listed too: a return added by a later version is not served by this one.
const isReturn = sql<boolean>`event.kind like ${sql.lit(`${returnEventPrefix}%`)} and event.kind in (${sql.join(
  returnKinds.map((k) => k.event),
)})`;

/** A declarant's returns with what their links need, in no order yet. */
function returnsOf(ex: Executor, declarantId: string) {
  return ex
    .selectFrom('event')
    .leftJoin('certificate', 'certificate.deposit_id', 'event.deposit_id')
    .select([
      'event.position',
      'event.kind',
      'event.at',
      'event.deposit_id',
      'event.data',
      'certificate.code',
    ])
    .where('event.declarant_id', '=', declarantId)
    .where(isReturn);
}

/** One declarant's returns after `cursor`, oldest first. */
export async function returnsAfter(
  ex: Executor,
  declarantId: string,
  cursor: number,
  limit: number,
): Promise<StoredReturn[]> {
  return returnsOf(ex, declarantId)
    .where('event.position', '>', cursor)
    .orderBy('event.position')
    .limit(limit)
    .execute();
}

/** How many returns of each kind a declarant has after `cursor`, and the last one's position. */
export async function countReturnsAfter(
  ex: Executor,
  declarantId: string,
  cursor: number,
): Promise<{ kind: EventKind; count: number; last: number }[]> {
  const rows = await ex
    .selectFrom('event')
    .select((eb) => [
      'event.kind',
      eb.fn.countAll<number>().as('count'),
      eb.fn.max('event.position').as('last'),
    ])
    .where('event.declarant_id', '=', declarantId)
    .where(isReturn)
    .where('event.position', '>', cursor)
    .groupBy('event.kind')
    .execute();
  return rows.map((r) => ({ kind: r.kind, count: Number(r.count), last: Number(r.last) }));
}

/** One declarant's returns before `before` (and after `after`), newest first. */
export async function returnsBefore(
  ex: Executor,
  declarantId: string,
  after: number,
  before: number,
  limit: number,
): Promise<StoredReturn[]> {
  return returnsOf(ex, declarantId)
    .where('event.position', '>', after)
    .where('event.position', '<', before)
    .orderBy('event.position', 'desc')
    .limit(limit)
    .execute();
}

/** The position of the last return the account has read of each of these declarants (0 for none). */
export async function readPositions(
  ex: Executor,
  accountId: string,
  declarantIds: readonly string[],
): Promise<Map<string, number>> {
  if (declarantIds.length === 0) return new Map();
  const rows = await ex
    .selectFrom('return_read')
    .select(['declarant_id', 'position'])
    .where('account_id', '=', accountId)
    .where('declarant_id', 'in', declarantIds)
    .execute();
  return new Map(rows.map((r) => [r.declarant_id, Number(r.position)]));
}

/** Moves the account's read position forward to `position`; never back. Returns the position kept. */
export async function saveReadPosition(
  ex: Executor,
  read: { accountId: string; declarantId: string; position: number; at: Date },
): Promise<number> {
  const row = await ex
    .insertInto('return_read')
    .values({
      account_id: read.accountId,
      declarant_id: read.declarantId,
      position: read.position,
      read_at: read.at,
    })
    .onConflict((oc) =>
      oc.columns(['account_id', 'declarant_id']).doUpdateSet({
        position: sql<number>`greatest(return_read.position, excluded.position)`,
        read_at: (eb) => eb.ref('excluded.read_at'),
      }),
    )
    .returning('position')
    .executeTakeFirstOrThrow();
  return Number(row.position);
}

/** The position of a declarant's last return, 0 when it has none. */
export async function lastReturnPosition(ex: Executor, declarantId: string): Promise<number> {
  const row = await ex
    .selectFrom('event')
    .select((eb) => eb.fn.max('event.position').as('last'))
    .where('event.declarant_id', '=', declarantId)
    .where(isReturn)
    .executeTakeFirst();
  return row?.last === null || row?.last === undefined ? 0 : Number(row.last);
}

/**
 * For each declarant, how many returns follow the account's read position, and the last one's
 * position: one query for a whole portfolio, however many clients it holds.
 */
export async function unreadOfPortfolio(
  ex: Executor,
  accountId: string,
  declarantIds: readonly string[],
): Promise<{ declarant_id: string; read: number; unread: number; last: number }[]> {
  if (declarantIds.length === 0) return [];
  const rows = await ex
    .selectFrom('event')
    .leftJoin('return_read', (join) =>
      join
        .onRef('return_read.declarant_id', '=', 'event.declarant_id')
        .on('return_read.account_id', '=', accountId),
    )
    .select((eb) => [
      'event.declarant_id',
      eb.fn.coalesce(eb.fn.max('return_read.position'), sql.lit(0)).as('read'),
      eb.fn
        .countAll<number>()
        .filterWhere('event.position', '>', eb.fn.coalesce('return_read.position', sql.lit(0)))
        .as('unread'),
      eb.fn.max('event.position').as('last'),
    ])
    .where('event.declarant_id', 'in', declarantIds)
    .where(isReturn)
    .groupBy('event.declarant_id')
    .execute();
  return rows.map((r) => ({
    declarant_id: r.declarant_id!,
    read: Number(r.read),
    unread: Number(r.unread),
    last: Number(r.last),
  }));
}
