import { reportOf, type CheckReport } from '../../core/check/check.ts';
import { DsnPipeline } from '../../core/check/pipeline.ts';
import type { Control } from '../../core/controls/control.ts';
import { controls as allControls } from '../../core/controls/registry.ts';
import { AppError } from '../../platform/errors.ts';
import type { Log } from '../../platform/log.ts';
import type { Store } from '../../platform/store/database.ts';
import {
  closeDeclaration,
  insertDeclarations,
  linkReplacement,
  reserveDeclarationKeys,
} from './declarations-repository.ts';
import { findDepositBySha, insertDepositOnce, updateDepositOutcome } from './deposits-repository.ts';
import { recordIdentityFlags } from '../drm/drm-repository.ts';
import { uuidv7 } from '../../platform/store/ids.ts';
import { deleteRowsOf, summariseNewRows } from './rows-repository.ts';
import type { Declarant, DepositStatus, Executor, NewDeclaration, NewDeposit } from '../../platform/store/schema.ts';
import type { WriteSession } from '../../platform/store/session.ts';
import type { BlobStore, BlobWriter } from './blob-store.ts';
import { DeclarationKeys, declarationsIn } from './declaration-keys.ts';
import { IngestListener } from './row-listener.ts';
import { decideLifecycle, type Decision } from './lifecycle.ts';
import { RowWriter } from './row-writer.ts';
import { DeclarationTally } from './tally.ts';
import { loadOutcome, type DepositOutcome } from './views.ts';

export interface IntakeContext {
  store: Store;
  blobs: BlobStore;
  log: Log;
  maxDepositBytes: number;
  now?: () => Date;
  /** Official controls to run (all by default, as `relais check` does). */
  controls?: readonly Control[];
  /** Where the time went, for the benchmark. */
  onTimings?: (timings: DepositTimings) => void;
}

export interface DepositTimings {
  /** Reading, checking and streaming rows, until the last row is written. */
  readMs: number;
  /** Part of it spent waiting for the database to take rows. */
  waitedForDatabaseMs: number;
  /** Lifecycle rules, declarations, commit. */
  decideMs: number;
  /** Summarising the BRIN indexes after commit. */
  summariseMs: number;
  rows: number;
}

export interface DepositRequest {
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
  /** Null for a deposit made locally by the operator (`relais ingest`). */
  declarant: Pick<Declarant, 'id' | 'scope'> | null;
  fileName?: string | null;
  signal?: AbortSignal;
  onProgress?: (bytes: number) => void;
  /** Known beforehand (a local file): the same bytes already deposited are answered without reading. */
  sha256?: string;
}

/**
 * Files one envoi: keeps its bytes (content-addressed), checks it, and writes the rows of each
 * conform declaration, all in ONE pass over the bytes and ONE transaction. A declaration with a
 * blocking anomaly, or refused by the lifecycle, leaves no row; the deposit record and its report
 * are always kept. Same bytes, same deposit.
 */
export async function depositDsn(ctx: IntakeContext, request: DepositRequest): Promise<DepositOutcome> {
  const now = ctx.now ?? (() => new Date());
  if (request.sha256 !== undefined) {
    const earlier = await findDepositBySha(ctx.store.db, request.sha256);
    if (earlier) return replay(ctx, request, earlier.sha256);
  }
  const receivedAt = now();
  const blob = await ctx.blobs.begin();
  let session: WriteSession | null = null;
  let writer: RowWriter | null = null;
  try {
    session = await ctx.store.openSession();
    await session.begin();
    const tally = new DeclarationTally();
    writer = new RowWriter(session);
    const keys = new DeclarationKeys();
    keys.add(await reserveDeclarationKeys(session.db));
    const listener = new IngestListener(tally, writer, keys);
    const pipeline = await DsnPipeline.create({
      controls: ctx.controls ?? allControls,
      diagnostics: tally,
      listener,
    });
    const readStarted = performance.now();
    await readInto(ctx, request, blob, pipeline, writer, async (chunk) => {
      const needed = declarationsIn(chunk) + 2;
      while (keys.remaining < needed) keys.add(await reserveDeclarationKeys(session!.db));
    });
    const result = await pipeline.end();
    await writer.drain();
    const readMs = performance.now() - readStarted;
    const sha256 = blob.digest();
    const depositId = uuidv7();
    const base = {
      id: depositId,
      sha256,
      declarant_id: request.declarant?.id ?? null,
      received_at: receivedAt,
      file_name: request.fileName ?? null,
      size: blob.size,
    };
    // Taken first: an identical upload in flight makes this wait for it, then see its row.
    if (!(await insertDepositOnce(session.db, { ...base, ...placeholder(receivedAt) }))) {
      await session.rollback();
      await blob.abort();
      return replay(ctx, request, sha256);
    }
    const decisions = await decideLifecycle(
      session.db,
      listener.declarations,
      tally,
      request.declarant,
      receivedAt,
    );
    const report = reportOf(result);
    const accepted = decisions.filter((d) => d.status === 'conform');
    const decidedAt = now();
    const outcome = depositOutcome(report, decisions, tally, decidedAt);
    if (accepted.length === 0) {
      // Nothing of the file enters: drop the streamed rows at once, keep the record and report.
      await session.rollback();
      await session.begin();
      if (!(await insertDepositOnce(session.db, { ...base, ...outcome }))) {
        await session.rollback();
        await blob.abort();
        return replay(ctx, request, sha256);
      }
    } else {
      const rejected = decisions.filter((d) => d.status === 'rejected').map((d) => d.key);
      await deleteRowsOf(session.db, rejected);
      await updateDepositOutcome(session.db, depositId, outcome);
    }
    await recordDeclarations(session.db, depositId, decisions, tally, receivedAt, decidedAt);
    // Known from the same instant as the declarations revealing them, like the resource lines.
    await recordIdentityFlags(
      session.db,
      accepted.map((d) => d.key),
      decidedAt,
    );
    // The bytes are on disk before the deposit that names them is committed.
    await blob.commit(sha256);
    await session.commit();
    ctx.log.info(
      {
        depositId,
        sha256,
        bytes: blob.size,
        status: outcome.status,
        declarations: decisions.length,
        individuals: result.reader.individuals,
        rows: writer.rows,
        ms: decidedAt.getTime() - receivedAt.getTime(),
      },
      'dépôt enregistré',
    );
    const committed = performance.now();
    if (accepted.length > 0) {
      await session.release();
      session = null;
      await summariseNewRows(ctx.store.db).catch((error: unknown) =>
        ctx.log.warn({ err: error }, "résumé des index BRIN reporté (le prochain VACUUM s'en chargera)"),
      );
    }
    ctx.onTimings?.({
      readMs,
      waitedForDatabaseMs: writer.waitedMs,
      decideMs: committed - readStarted - readMs,
      summariseMs: performance.now() - committed,
      rows: writer.rows,
    });
    return (await loadOutcome(ctx.store.db, depositId, false))!;
  } catch (error) {
    await writer?.discard();
    await session?.rollback().catch(() => {});
    await blob.abort().catch(() => {});
    throw error;
  } finally {
    await session?.release();
  }
}

const slice = 64 * 1024;

async function readInto(
  ctx: IntakeContext,
  request: DepositRequest,
  blob: BlobWriter,
  pipeline: DsnPipeline,
  writer: RowWriter,
  /** Reserves the declaration keys the chunk may need before the reader sees it. */
  beforeChunk: (chunk: Uint8Array) => Promise<void>,
): Promise<void> {
  for await (const chunk of request.source) {
    request.signal?.throwIfAborted();
    if (blob.size + chunk.length > ctx.maxDepositBytes) {
      throw new AppError(
        'DEPOSIT_TOO_LARGE',
        `Le fichier dépasse la taille maximale acceptée (${ctx.maxDepositBytes.toLocaleString('fr-FR')} octets).`,
        { pointer: '/body' },
      );
    }
    // The bytes are kept whole even when the reader has given up (not a declaration).
    const storing = blob.write(chunk);
    await beforeChunk(chunk);
    // Read in slices with a turn of the event loop between them: the COPY in flight only
    // progresses when this process hands its socket more bytes, which it cannot do while parsing.
    for (let at = 0; at < chunk.length; at += slice) {
      await pipeline.push(chunk.subarray(at, at + slice));
      await writer.maybeFlush();
      if (chunk.length > slice) await new Promise((resolve) => setImmediate(resolve));
    }
    await storing;
    request.onProgress?.(blob.size);
  }
}

function placeholder(receivedAt: Date) {
  return {
    decided_at: receivedAt,
    status: 'rejected' as const,
    norm: null,
    declarations: 0,
    individuals: 0,
    blocking: 0,
    non_blocking: 0,
    report: '{}',
  };
}

function depositOutcome(
  report: CheckReport,
  decisions: Decision[],
  tally: DeclarationTally,
  decidedAt: Date,
): Pick<
  NewDeposit,
  'status' | 'norm' | 'declarations' | 'individuals' | 'blocking' | 'non_blocking' | 'report' | 'decided_at'
> {
  const accepted = decisions.filter((d) => d.status === 'conform').length;
  const status: DepositStatus =
    accepted === 0 ? 'rejected' : accepted === decisions.length ? 'accepted' : 'partially_accepted';
  // Lifecycle refusals were reported into the tally after the reader's report was built.
  const full = {
    ...report,
    diagnostics: tally.diagnostics(),
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
  };
}

async function recordDeclarations(
  ex: Executor,
  depositId: string,
  decisions: Decision[],
  tally: DeclarationTally,
  receivedAt: Date,
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
      deposit_id: depositId,
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
      blocking: tally.blockingIn(identity.position) + tally.envoiBlocking,
      received_at: receivedAt,
      known_from: decidedAt,
      known_to: null,
    };
  });
  await insertDeclarations(ex, rows);
  for (const d of decisions) if (d.closes) await linkReplacement(ex, d.closes.id, d.id);
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
