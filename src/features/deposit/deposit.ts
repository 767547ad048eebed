import { AppError } from '../../platform/errors.ts';
import type { WriteSession } from '../../platform/store/session.ts';
import type { DepositRequest, IntakeContext } from './deposit-context.ts';
import { decideDeposit } from './deposit-decide.ts';
import { readDeposit, receiveBytes } from './deposit-read.ts';
import { recordDeposit } from './deposit-record.ts';
import { findDepositBySha } from './deposits-repository.ts';
import { checkDailyQuota } from './quotas.ts';
import { RowWriter } from './row-writer.ts';
import { loadOutcome, type DepositOutcome } from './views.ts';

export type { DepositRequest, DepositTimings, IntakeContext } from './deposit-context.ts';

/**
 * Files one envoi: receives its bytes into a temporary file first (a slow or stalled sender holds
 * no database session), then checks them and writes the rows of each conform declaration, in ONE
 * pass over the file and ONE transaction, and keeps the bytes (content-addressed). A declaration with a
 * blocking anomaly, or refused by the lifecycle, leaves no row; the deposit record, its report
 * and its diagnostics are always kept. Same bytes, same deposit — except that a deposit refused
 * for who sent it (nothing accepted, a declaration outside the sender's perimeter) is kept as a
 * trace and does not count: the same bytes are read again next time. Three steps: read (bytes →
 * checks → rows), decide (lifecycle), record (deposit, declarations, flags, diagnostics, jobs,
 * events, commit). The BRIN summary of the new rows is a job run after the commit.
 */
export async function depositDsn(ctx: IntakeContext, request: DepositRequest): Promise<DepositOutcome> {
  const now = ctx.now ?? (() => new Date());
  if (request.sha256 !== undefined) {
    const earlier = await findDepositBySha(ctx.store.db, request.sha256);
    if (earlier) return replay(ctx, request, earlier.sha256);
  }
  const quota = async (incoming: number) => {
    if (request.declarant !== null && ctx.bytesPerDay)
      await checkDailyQuota(ctx.store.db, request.declarant.id, ctx.bytesPerDay, incoming, now());
  };
  await quota(0);
  const blob = await ctx.blobs.begin();
  let session: WriteSession | null = null;
  let writer: RowWriter | null = null;
  try {
    await receiveBytes(ctx, request, blob);
    const receivedAt = now();
    if (request.sha256 === undefined && (await findDepositBySha(ctx.store.db, blob.digest()))) {
      await blob.abort();
      return await replay(ctx, request, blob.digest());
    }
    await quota(blob.size);
    session = await ctx.store.openSession();
    await session.begin();
    writer = new RowWriter(session);
    const readStarted = performance.now();
    const read = await readDeposit(ctx, request, session, writer, blob);
    const readMs = performance.now() - readStarted;
    const decided = await decideDeposit(session, request, read, receivedAt, now);
    if (decided === null || !(await recordDeposit(session, writer, blob, read, decided))) {
      await session.rollback();
      await blob.abort();
      return replay(ctx, request, read.sha256);
    }
    ctx.log.info(
      {
        depositId: read.depositId,
        sha256: read.sha256,
        bytes: read.size,
        status: decided.outcome.status,
        declarations: decided.decisions.length,
        individuals: read.result.reader.individuals,
        rows: writer.rows,
        ms: decided.decidedAt.getTime() - receivedAt.getTime(),
      },
      'dépôt enregistré',
    );
    ctx.onTimings?.({
      readMs,
      waitedForDatabaseMs: writer.waitedMs,
      decideMs: performance.now() - readStarted - readMs,
      rows: writer.rows,
    });
    await session.release();
    session = null;
    return (await loadOutcome(ctx.store.db, read.depositId, false))!;
  } catch (error) {
    await writer?.discard();
    await session?.rollback().catch(() => {});
    await blob.abort().catch(() => {});
    throw error;
  } finally {
    await session?.release();
  }
}

async function replay(ctx: IntakeContext, request: DepositRequest, sha256: string): Promise<DepositOutcome> {
  const earlier = await findDepositBySha(ctx.store.db, sha256);
  if (!earlier) throw new AppError('INTERNAL', 'Dépôt identique introuvable après conflit.');
  if (request.declarant !== null && earlier.declarant_id !== request.declarant.id) {
    throw new AppError(
      'DEPOSIT_CONFLICT',
      'Ce fichier (mêmes octets) a déjà été déposé sous un autre compte de déclarant.',
      { pointer: '/body' },
    );
  }
  return (await loadOutcome(ctx.store.db, earlier.id, true))!;
}
