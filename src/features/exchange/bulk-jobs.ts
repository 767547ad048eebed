import type { Kysely } from 'kysely';
import type { JobHandlers } from '../../platform/jobs/runner.ts';
import type { Database } from '../../platform/store/schema.ts';
import { inTransaction } from '../../platform/store/transaction.ts';
import { expireLotJob, runLotJob } from './bulk-job-kinds.ts';
import type { BatchRead, BulkContext, BulkOutcome, BulkRequest } from './bulk-read.ts';
import {
  expireLot,
  habilitationCaller,
  lotById,
  pendingLines,
  recordOutcomes,
  setLotState,
  type BulkLot,
  type LineOutcome,
} from './bulk-repository.ts';

/** Persons read per chunk: the unit of progress, and of work redone after a crash. */
export const defaultChunk = 1000;

const revoked = {
  code: 'AUTH_REVOKED',
  detail:
    'L’habilitation qui a déposé ce lot a été révoquée (ou son organisme désactivé) : la ligne n’est pas lue.',
};

function contextOf(lot: BulkLot, requestId: string): BulkContext {
  return {
    recipient: lot.recipient,
    purpose: lot.purpose,
    from: lot.months_from,
    to: lot.months_to,
    ...(lot.as_of ? { asOf: lot.as_of } : {}),
    requestId,
  };
}

function answerOf(line: number, request: BulkRequest, outcome: BulkOutcome): LineOutcome {
  const refused = 'erreur' in outcome;
  return {
    line,
    refused,
    outcome: JSON.stringify(
      refused
        ? { ligne: line, dossier: request.dossier, erreur: outcome.erreur }
        : { ligne: line, dossier: request.dossier, resultat: outcome.resultat },
    ),
  };
}

/**
 * Reads the lot's unanswered lines chunk after chunk, writing each chunk's answers with the lot's
 * progress in one transaction: after a crash the job is claimed again and goes on from the first
 * unanswered line. The habilitation is looked at before each chunk, so that its revocation stops
 * the reading at once: the lines left are refused.
 */
export async function runLot(
  db: Kysely<Database>,
  read: BatchRead,
  lotId: string,
  requestId: string,
  chunk = defaultChunk,
): Promise<void> {
  const lot = await lotById(db, lotId);
  if (lot === null || lot.state === 'done' || lot.state === 'expired') return;
  await setLotState(db, lotId, 'running');
  const context = contextOf(lot, requestId);
  for (;;) {
    const pending = await pendingLines(db, lotId, chunk);
    if (pending.length === 0) break;
    const requests = pending.map((p) => JSON.parse(p.request) as BulkRequest);
    const caller = await habilitationCaller(db, lot.habilitation_id);
    const outcomes: BulkOutcome[] =
      caller === null ? requests.map(() => ({ erreur: revoked })) : await read(db, caller, context, requests);
    if (outcomes.length !== requests.length)
      throw new Error(`batch read answered ${outcomes.length} of ${requests.length} persons`);
    await inTransaction(db, (tx) =>
      recordOutcomes(
        tx,
        lotId,
        pending.map((p, i) => answerOf(p.line, requests[i]!, outcomes[i]!)),
      ),
    );
  }
  await setLotState(db, lotId, 'done');
}

/** The jobs of bulk lots, reading with `read` (the server's traced batch read). */
export function bulkJobs(read: BatchRead, chunk = defaultChunk): JobHandlers {
  return {
    [runLotJob]: {
      run: (job, db) =>
        runLot(db, read, String(job.payload['lotId']), String(job.payload['requestId'] ?? ''), chunk),
      // A lot is read while its body waits: retried soon, not in the half-hour of the default.
      retryDelayMs: (attempt) => Math.min(5_000 * 2 ** (attempt - 1), 300_000),
    },
    [expireLotJob]: { run: (job, db) => expireLot(db, String(job.payload['lotId'])) },
  };
}
