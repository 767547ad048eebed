import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import type { Log } from '../log.ts';
import { scrub } from '../log.ts';
import type { Database } from '../store/schema.ts';
import { buryAbandonedJobs, claimJob, completeJob, failJob, type ClaimedJob } from './jobs-repository.ts';
import { PollingLoop } from './polling.ts';

export interface JobHandler {
  /** Idempotent: delivery is at least once (a worker may die after the work, before saying so). */
  run(job: ClaimedJob, db: Kysely<Database>): Promise<void>;
  /** Wait before the attempt after `attempt` failed (default: 30 s doubling, at most an hour). */
  retryDelayMs?(attempt: number): number;
}

/** The handlers a runner serves, by job kind: it never claims a kind it cannot run. */
export type JobHandlers = Readonly<Record<string, JobHandler>>;

export interface JobRunnerOptions {
  /** Wait between two looks at an empty queue. */
  pollMs?: number;
  /** How long a claimed job is this runner's: longer than any job takes. */
  leaseMs?: number;
  /** Name in `job.locked_by`, for the operator. */
  worker?: string;
}

const defaultRetryDelayMs = (attempt: number) => Math.min(30_000 * 2 ** (attempt - 1), 3_600_000);

const abandoned =
  "bail expiré : le processus qui l'exécutait s'est arrêté avant la fin, et c'était la dernière tentative";

/**
 * Runs queued jobs in this process, one at a time, from the store's global executor — never from
 * a deposit's write session: on PGlite its queries simply wait for the session's transaction to
 * end. `start` polls until `stop`; `runUntilIdle` runs what is due now and returns (the CLI, with
 * no server to leave work to, and tests).
 */
export class JobRunner {
  private readonly kinds: string[];
  private readonly leaseMs: number;
  private readonly worker: string;
  private readonly loop: PollingLoop;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly handlers: JobHandlers,
    private readonly log: Log,
    options: JobRunnerOptions = {},
  ) {
    this.kinds = Object.keys(handlers);
    this.leaseMs = options.leaseMs ?? 5 * 60_000;
    this.worker = options.worker ?? `${hostname()}:${process.pid}`;
    this.loop = new PollingLoop(
      () => this.runOne(),
      options.pollMs ?? 1000,
      (error) => log.warn({ err: error }, 'file des tâches inaccessible, nouvel essai plus tard'),
    );
  }

  start(): void {
    this.loop.start();
  }

  /** Stops polling and waits for the job in hand, if any. */
  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** Runs due jobs until none is left; returns how many were run (failed attempts included). */
  async runUntilIdle(): Promise<number> {
    let ran = 0;
    while (await this.runOne()) ran++;
    return ran;
  }

  /** Claims and runs one due job; false when none is due. */
  private async runOne(): Promise<boolean> {
    if (this.kinds.length === 0) return false;
    const buried = await buryAbandonedJobs(this.db, abandoned);
    if (buried > 0) this.log.error({ jobs: buried }, 'tâches abandonnées après leur dernière tentative');
    const job = await claimJob(this.db, this.worker, this.kinds, this.leaseMs);
    if (job === null) return false;
    const handler = this.handlers[job.kind]!;
    const started = performance.now();
    try {
      await handler.run(job, this.db);
    } catch (error) {
      const delay = (handler.retryDelayMs ?? defaultRetryDelayMs)(job.attempt);
      const message = scrub(error instanceof Error ? error.message : String(error));
      const state = await failJob(this.db, job, message, delay);
      const context = { job: job.id, kind: job.kind, attempt: job.attempt, err: error };
      if (state === 'dead') this.log.error(context, 'tâche abandonnée après sa dernière tentative');
      else this.log.warn({ ...context, retryInMs: delay }, 'tâche en échec, nouvel essai prévu');
      return true;
    }
    if (!(await completeJob(this.db, job)))
      this.log.warn({ job: job.id, kind: job.kind }, 'tâche terminée après la fin de son bail');
    this.log.debug(
      { job: job.id, kind: job.kind, ms: Math.round(performance.now() - started) },
      'tâche terminée',
    );
    return true;
  }
}
