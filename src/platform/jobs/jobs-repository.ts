import { sql } from 'kysely';
import type { Executor } from '../store/schema.ts';

export interface NewJob {
  /** What to do: the name of a handler (`deposit.summarise`). */
  kind: string;
  payload?: Record<string, unknown>;
  /** Not before this instant (default: at once). */
  runAt?: Date;
  maxAttempts?: number;
}

/** A job a worker holds: `attempt` is its fencing token (a later claim of the same job counts up). */
export interface ClaimedJob {
  id: number;
  kind: string;
  payload: Record<string, unknown>;
  attempt: number;
  maxAttempts: number;
}

const after = (ms: number) => sql<Date>`now() + interval '1 millisecond' * ${ms}::float8`;

/** Enqueues a job in the caller's transaction: a rolled-back change enqueues nothing. */
export async function enqueueJob(ex: Executor, job: NewJob): Promise<number> {
  const row = await ex
    .insertInto('job')
    .values({
      kind: job.kind,
      payload: JSON.stringify(job.payload ?? {}),
      ...(job.runAt ? { run_at: job.runAt } : {}),
      ...(job.maxAttempts ? { max_attempts: job.maxAttempts } : {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Ends the jobs whose worker stopped answering during their last allowed attempt: their lease is
 * over and no attempt is left. Returns how many.
 */
export async function buryAbandonedJobs(ex: Executor, reason: string): Promise<number> {
  const result = await ex
    .updateTable('job')
    .set({ state: 'dead', finished_at: sql`now()`, locked_by: null, last_error: reason })
    .where('state', '=', 'running')
    .where('run_at', '<=', sql<Date>`now()`)
    .whereRef('attempts', '>=', 'max_attempts')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Claims the next due job of the given kinds for `leaseMs`: a pending one whose time has come, or
 * a running one whose lease has ended (its worker died). `SKIP LOCKED`: a job another worker is
 * claiming at the same instant is left to it, without waiting. One statement, so it needs no
 * transaction of its own (on PGlite the global executor must not open one beside a deposit's).
 */
export async function claimJob(
  ex: Executor,
  worker: string,
  kinds: readonly string[],
  leaseMs: number,
): Promise<ClaimedJob | null> {
  if (kinds.length === 0) return null;
  const { rows } = await sql<{
    id: number;
    kind: string;
    payload: Record<string, unknown>;
    attempts: number;
    max_attempts: number;
  }>`
    update job set state = 'running', attempts = job.attempts + 1, run_at = ${after(leaseMs)},
      locked_by = ${worker}
    where job.id = (
      select id from job
      where state in ('pending', 'running') and run_at <= now() and attempts < max_attempts
        and kind in (${sql.join(kinds)})
      order by run_at, id
      limit 1
      for update skip locked
    )
    returning job.id, job.kind, job.payload, job.attempts, job.max_attempts`.execute(ex);
  const row = rows[0];
  return row
    ? {
        id: row.id,
        kind: row.kind,
        payload: row.payload,
        attempt: row.attempts,
        maxAttempts: row.max_attempts,
      }
    : null;
}

/** Marks a claimed job done; false when the claim was lost (lease over, another worker took it). */
export async function completeJob(ex: Executor, job: ClaimedJob): Promise<boolean> {
  const result = await ex
    .updateTable('job')
    .set({ state: 'done', finished_at: sql`now()`, locked_by: null })
    .where('id', '=', job.id)
    .where('state', '=', 'running')
    .where('attempts', '=', job.attempt)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/**
 * Records a failed attempt: the job is due again after `retryInMs`, or dead when it has no attempt
 * left. Returns the state it is left in (null when the claim was lost).
 */
export async function failJob(
  ex: Executor,
  job: ClaimedJob,
  error: string,
  retryInMs: number,
): Promise<'pending' | 'dead' | null> {
  const row = await ex
    .updateTable('job')
    .set({
      state: sql`case when attempts >= max_attempts then 'dead' else 'pending' end`,
      run_at: sql`case when attempts >= max_attempts then now() else ${after(retryInMs)} end`,
      finished_at: sql`case when attempts >= max_attempts then now() end`,
      locked_by: null,
      last_error: error,
    })
    .where('id', '=', job.id)
    .where('state', '=', 'running')
    .where('attempts', '=', job.attempt)
    .returning('state')
    .executeTakeFirst();
  return row ? (row.state as 'pending' | 'dead') : null;
}
