import type { JobHandlers } from '../../platform/jobs/runner.ts';
import { summariseNewRows } from './rows-repository.ts';

/** Summarises the BRIN index ranges a deposit's rows filled (payload: `depositId`, for the log). */
export const summariseRowsJob = 'deposit.summarise';

/** The jobs a deposit enqueues, for the runners of the server and of `relais ingest`. */
export const depositJobs: JobHandlers = {
  [summariseRowsJob]: { run: (_job, db) => summariseNewRows(db) },
};
