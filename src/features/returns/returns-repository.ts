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

/** One declarant's returns after `cursor`, oldest first. */
export async function returnsAfter(
  ex: Executor,
  declarantId: string,
  cursor: number,
  limit: number,
): Promise<StoredReturn[]> {
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
    .where(isReturn)
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
