import { sql } from 'kysely';
import type { Deposit, Executor, NewDeposit } from '../../platform/store/schema.ts';

/**
 * Inserts the deposit unless the same bytes are already there. On PostgreSQL a concurrent
 * transaction inserting the same sha-256 makes this one wait for it: the loser sees its row.
 * A deposit refused for its sender is always inserted: it does not take the bytes' address.
 */
export async function insertDepositOnce(ex: Executor, deposit: NewDeposit): Promise<boolean> {
  const inserted = await ex
    .insertInto('deposit')
    .values(deposit)
    // The arbiter is the partial index deposit_one_per_bytes: its predicate, written as it is there.
    .onConflict((oc) =>
      oc
        .column('sha256')
        .where(sql<boolean>`not refused_for_sender`)
        .doNothing(),
    )
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** What the decision fills in a deposit row once the file is read. */
export type DepositOutcome = Pick<
  NewDeposit,
  | 'status'
  | 'norm'
  | 'declarations'
  | 'individuals'
  | 'blocking'
  | 'non_blocking'
  | 'report'
  | 'decided_at'
  | 'refused_for_sender'
>;

export async function updateDepositOutcome(ex: Executor, id: string, outcome: DepositOutcome): Promise<void> {
  await ex.updateTable('deposit').set(outcome).where('id', '=', id).execute();
}

export async function findDeposit(ex: Executor, id: string): Promise<Deposit | undefined> {
  return ex.selectFrom('deposit').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The deposit of these bytes: the one that counts, never an attempt refused for its sender. */
export async function findDepositBySha(ex: Executor, sha256: string): Promise<Deposit | undefined> {
  return ex
    .selectFrom('deposit')
    .selectAll()
    .where('sha256', '=', sha256)
    .where(sql<boolean>`not refused_for_sender`)
    .executeTakeFirst();
}

export type DepositSummary = Omit<Deposit, 'report'>;

export async function listDeposits(
  ex: Executor,
  declarantId: string | null,
  limit: number,
  before?: Date,
): Promise<DepositSummary[]> {
  let query = ex
    .selectFrom('deposit')
    .select([
      'id',
      'sha256',
      'declarant_id',
      'received_at',
      'decided_at',
      'file_name',
      'size',
      'status',
      'norm',
      'declarations',
      'individuals',
      'blocking',
      'non_blocking',
      'refused_for_sender',
    ])
    .orderBy('received_at', 'desc')
    .limit(limit);
  query =
    declarantId === null
      ? query.where('declarant_id', 'is', null)
      : query.where('declarant_id', '=', declarantId);
  if (before) query = query.where('received_at', '<', before);
  return query.execute();
}

export async function countDeposits(ex: Executor): Promise<number> {
  const row = await ex
    .selectFrom('deposit')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Bytes a declarant deposited since `since`, whatever became of them (refusals count too). */
export async function bytesDepositedSince(ex: Executor, declarantId: string, since: Date): Promise<number> {
  const { bytes } = await ex
    .selectFrom('deposit')
    .select(sql<string>`coalesce(sum(size), 0)`.as('bytes'))
    .where('declarant_id', '=', declarantId)
    .where('received_at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(bytes);
}

/** Deposits that accepted nothing, decided before `before`: the ones past their retention. */
export async function findRejectedBefore(
  ex: Executor,
  before: Date,
  limit: number,
): Promise<{ id: string; sha256: string }[]> {
  return ex
    .selectFrom('deposit')
    .select(['id', 'sha256'])
    .where('status', '=', 'rejected')
    .where('decided_at', '<', before)
    .orderBy('decided_at')
    .limit(limit)
    .execute();
}

/**
 * Deletes a rejected deposit with its declarations and diagnostics (its rows were never kept).
 * Its events stay: the outbox is history, and holds references, not the file's content.
 */
export async function deleteRejectedDeposit(ex: Executor, id: string): Promise<void> {
  await ex.deleteFrom('diagnostic').where('deposit_id', '=', id).execute();
  await ex.deleteFrom('declaration').where('deposit_id', '=', id).execute();
  await ex.deleteFrom('deposit').where('id', '=', id).where('status', '=', 'rejected').execute();
}

/** Whether any deposit row still names these bytes. */
export async function bytesStillNamed(ex: Executor, sha256: string): Promise<boolean> {
  const row = await ex.selectFrom('deposit').select('id').where('sha256', '=', sha256).executeTakeFirst();
  return row !== undefined;
}
