import { reportOf, type CheckReport } from '../../core/check/check.ts';
import type { DepositStatus, NewDeposit } from '../../platform/store/schema.ts';
import type { WriteSession } from '../../platform/store/session.ts';
import type { DepositRequest } from './deposit-context.ts';
import type { DepositRead } from './deposit-read.ts';
import { insertDepositOnce, type DepositOutcome } from './deposits-repository.ts';
import { decideLifecycle, type Decision } from './lifecycle.ts';

export type DepositRecord = DepositOutcome;

/** What the platform decided of a deposit read, before anything of it is recorded. */
export interface DepositDecision {
  /** The deposit row as received (what `record` completes with `outcome`). */
  received: Omit<NewDeposit, keyof DepositRecord>;
  decisions: Decision[];
  accepted: Decision[];
  outcome: DepositRecord;
  decidedAt: Date;
}

/**
 * Takes the deposit's address, then applies the lifecycle rules (scope, duplicates,
 * annule-et-remplace, deadlines) to its declarations. Null: the same bytes were deposited
 * meanwhile (an identical upload in flight made this wait for it, then see its row).
 */
export async function decideDeposit(
  session: WriteSession,
  request: DepositRequest,
  read: DepositRead,
  receivedAt: Date,
  now: () => Date,
): Promise<DepositDecision | null> {
  const received = {
    id: read.depositId,
    sha256: read.sha256,
    declarant_id: request.declarant?.id ?? null,
    received_at: receivedAt,
    file_name: request.fileName ?? null,
    size: read.size,
  };
  if (!(await insertDepositOnce(session.db, { ...received, ...placeholder(receivedAt) }))) return null;
  const decisions = await decideLifecycle(
    session.db,
    read.declarations,
    read.tally,
    request.declarant,
    receivedAt,
  );
  const report = reportOf(read.result);
  const decidedAt = now();
  return {
    received,
    decisions,
    accepted: decisions.filter((d) => d.status === 'conform'),
    outcome: depositOutcome(report, decisions, read, decidedAt),
    decidedAt,
  };
}

function placeholder(receivedAt: Date): DepositRecord {
  return {
    decided_at: receivedAt,
    status: 'rejected' as const,
    norm: null,
    declarations: 0,
    individuals: 0,
    blocking: 0,
    non_blocking: 0,
    report: '{}',
    // The placeholder takes the bytes' address, so that an identical upload in flight waits for it.
    refused_for_sender: false,
  };
}

function depositOutcome(
  report: CheckReport,
  decisions: Decision[],
  { tally, result }: Pick<DepositRead, 'tally' | 'result'>,
  decidedAt: Date,
): DepositRecord {
  const accepted = decisions.filter((d) => d.status === 'conform').length;
  const status: DepositStatus =
    accepted === 0 ? 'rejected' : accepted === decisions.length ? 'accepted' : 'partially_accepted';
  // Nothing entered and the sender was not entitled to the file: the right declarant may still
  // deposit these bytes. A deposit that accepted declarations is the file's, whoever sent it.
  const refusedForSender = accepted === 0 && decisions.some((d) => d.outsideScope);
  // Lifecycle refusals were reported into the tally after the reader's report was built.
  const full = {
    ...report,
    diagnostics: result.places.place(tally.diagnostics()),
    groups: tally.grouped(),
    summary: tally.summary(),
  };
  return {
    status,
    norm: report.norm,
    declarations: decisions.length,
    individuals: report.individuals,
    blocking: full.summary.blocking,
    non_blocking: full.summary.nonBlocking,
    // jsonb refuses \u0000, which a binary file's values may hold.
    report: JSON.stringify(full, (_key, value: unknown) =>
      typeof value === 'string' ? value.replaceAll('\0', '\uFFFD') : value,
    ),
    decided_at: decidedAt,
    refused_for_sender: refusedForSender,
  };
}
