import { enqueueJob } from '../../platform/jobs/jobs-repository.ts';
import { appendEvents } from '../../platform/outbox/events-repository.ts';
import type { Executor, NewDeclaration, NewDeposit } from '../../platform/store/schema.ts';
import type { WriteSession } from '../../platform/store/session.ts';
import { issueCertificate } from '../certificate/issue.ts';
import { recordIdentityFlags } from '../drm/drm-repository.ts';
import { depositReturns } from '../returns/deposit-returns.ts';
import type { BlobWriter } from './blob-store.ts';
import { closeDeclaration, insertDeclarations, linkReplacement } from './declarations-repository.ts';
import type { DepositDecision } from './deposit-decide.ts';
import { depositEvents } from './deposit-events.ts';
import { summariseRowsJob } from './deposit-jobs.ts';
import type { DepositRead } from './deposit-read.ts';
import { insertDepositOnce, updateDepositOutcome } from './deposits-repository.ts';
import { diagnosticColumns } from './diagnostic-rows.ts';
import type { Decision } from './lifecycle.ts';
import type { RowWriter } from './row-writer.ts';
import { deleteRowsOf } from './rows-repository.ts';

/**
 * Records what was decided, in the deposit's transaction, and commits: the deposit's outcome and
 * report, its declarations (closing those they replace), the identity flags they reveal, every
 * diagnostic, its certificate of conformity, the jobs to run after it, and its events (what it
 * changed, then what it sends back to its declarant) — last, because appending them takes the
 * outbox lock until COMMIT. False: rolled back to drop its rows, it found the same bytes
 * deposited meanwhile (the caller answers with that deposit). A deposit refused for its sender
 * never finds them: it is recorded apart from the bytes' address (`refused_for_sender`).
 */
export async function recordDeposit(
  session: WriteSession,
  writer: RowWriter,
  blob: BlobWriter,
  read: DepositRead,
  decided: DepositDecision,
): Promise<boolean> {
  const { received, decisions, accepted, outcome, decidedAt } = decided;
  // The lifecycle's own diagnostics (scope, duplicates, replacements) join the file's.
  read.diagnostics.flush();
  await writer.drain();
  if (accepted.length === 0) {
    if (!(await startOverWithoutRows(session, { ...received, ...outcome }))) return false;
  } else {
    const rejected = decisions.filter((d) => d.status === 'rejected').map((d) => d.key);
    await deleteRowsOf(session.db, rejected);
    await updateDepositOutcome(session.db, received.id, outcome);
  }
  await recordDeclarations(session.db, received, decisions, read, decidedAt);
  // Known from the same instant as the declarations revealing them, like the resource lines.
  const flags = await recordIdentityFlags(
    session.db,
    accepted.map((d) => d.key),
    decidedAt,
  );
  if (accepted.length > 0)
    await enqueueJob(session.db, { kind: summariseRowsJob, payload: { depositId: received.id } });
  const certificate = await issueCertificate(session.db, decided);
  // The bytes are on disk before the deposit that names them is committed.
  await blob.commit(read.sha256);
  await appendEvents(session.db, [
    ...depositEvents(decided, flags),
    ...depositReturns(decided, certificate !== null),
  ]);
  await session.commit();
  return true;
}

/**
 * Nothing of the file enters: the streamed rows are dropped at once by rolling back, and the
 * deposit is recorded with its report in a fresh transaction. Its diagnostic rows, streamed in
 * the same batches, must survive that: they are read back (COPY out, about a hundred bytes each)
 * before the rollback and copied into the new transaction. Rolling back costs nothing whatever
 * the rows already written, where deleting them would cost as much as writing them.
 */
async function startOverWithoutRows(session: WriteSession, deposit: NewDeposit): Promise<boolean> {
  const key = { column: 'deposit_id', value: deposit.id };
  const diagnostics = await session.copyOut('diagnostic', diagnosticColumns, key);
  await session.rollback();
  await session.begin();
  if (!(await insertDepositOnce(session.db, deposit))) return false;
  if (diagnostics.length > 0) await session.copy('diagnostic', diagnosticColumns, diagnostics);
  return true;
}

async function recordDeclarations(
  ex: Executor,
  received: DepositDecision['received'],
  decisions: Decision[],
  read: DepositRead,
  decidedAt: Date,
): Promise<void> {
  // Close the replaced declarations first: only one monthly declaration may be current at a time.
  for (const d of decisions)
    if (d.closes) await closeDeclaration(ex, d.closes.id, d.closes.status, decidedAt);
  const rows: NewDeclaration[] = decisions.map((d) => {
    const { identity } = d;
    return {
      id: d.id,
      key: d.key,
      deposit_id: received.id,
      position: identity.position,
      siren: identity.siren,
      nic: identity.nic,
      siret: identity.siret,
      nature: identity.nature,
      type: identity.type,
      fraction: identity.fraction,
      order_number: identity.orderNumber,
      month: identity.month,
      identifier: identity.identifier,
      replaces_identifier: identity.replaces,
      replaces_id: d.closes?.id ?? null,
      replaced_by_id: null,
      status: d.status,
      norm: identity.norm,
      first_line: identity.firstLine,
      last_line: d.lastLine,
      individuals: d.individuals,
      headcount: d.headcount,
      headcount_source: d.headcountSource,
      deadline: d.deadline,
      late: d.late,
      blocking: read.tally.blockingIn(identity.position) + read.tally.envoiBlocking,
      received_at: received.received_at,
      known_from: decidedAt,
      known_to: null,
    };
  });
  await insertDeclarations(ex, rows);
  for (const d of decisions) if (d.closes) await linkReplacement(ex, d.closes.id, d.id);
}
