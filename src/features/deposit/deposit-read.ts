import { DsnPipeline, type PipelineResult } from '../../core/check/pipeline.ts';
import { controls as allControls } from '../../core/controls/registry.ts';
import { AppError } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/store/ids.ts';
import type { WriteSession } from '../../platform/store/session.ts';
import type { BlobWriter } from './blob-store.ts';
import { DeclarationKeys, declarationsIn } from './declaration-keys.ts';
import { reserveDeclarationKeys } from './declarations-repository.ts';
import type { DepositRequest, IntakeContext } from './deposit-context.ts';
import { DiagnosticRows } from './diagnostic-rows.ts';
import type { IngestedDeclaration } from './lifecycle.ts';
import { IngestListener } from './row-listener.ts';
import type { RowWriter } from './row-writer.ts';
import { DeclarationTally } from './tally.ts';

/** What reading a deposit leaves: its bytes' address, its report's material, its declarations. */
export interface DepositRead {
  depositId: string;
  sha256: string;
  size: number;
  result: PipelineResult;
  declarations: IngestedDeclaration[];
  tally: DeclarationTally;
  diagnostics: DiagnosticRows;
}

/**
 * Receives the request's bytes into the blob's temporary file, before anything else: however slow
 * the sender, it holds a socket and a file, never a database session.
 */
export async function receiveBytes(
  ctx: IntakeContext,
  request: DepositRequest,
  blob: BlobWriter,
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
    await blob.write(chunk);
  }
  request.signal?.throwIfAborted();
}

/**
 * Reads the received bytes back from the blob's temporary file, checks them, and streams the rows
 * of the declarations not yet known to be rejected, with every diagnostic, into the session's
 * open transaction.
 */
export async function readDeposit(
  ctx: IntakeContext,
  request: DepositRequest,
  session: WriteSession,
  writer: RowWriter,
  blob: BlobWriter,
): Promise<DepositRead> {
  const depositId = uuidv7();
  const diagnostics = new DiagnosticRows(depositId, () => writer.current.diagnostics);
  const tally = new DeclarationTally(diagnostics);
  const keys = new DeclarationKeys();
  keys.add(await reserveDeclarationKeys(session.db));
  const listener = new IngestListener(tally, writer, keys, diagnostics);
  const pipeline = await DsnPipeline.create({
    controls: ctx.controls ?? allControls,
    diagnostics: tally,
    listener,
  });
  await readInto(request, blob, pipeline, writer, async (chunk) => {
    const needed = declarationsIn(chunk) + 2;
    while (keys.remaining < needed) keys.add(await reserveDeclarationKeys(session.db));
  });
  const result = await pipeline.end();
  diagnostics.flush();
  await writer.drain();
  return {
    depositId,
    sha256: blob.digest(),
    size: blob.size,
    result,
    declarations: listener.declarations,
    tally,
    diagnostics,
  };
}

const slice = 64 * 1024;

async function readInto(
  request: DepositRequest,
  blob: BlobWriter,
  pipeline: DsnPipeline,
  writer: RowWriter,
  /** Reserves the declaration keys the chunk may need before the reader sees it. */
  beforeChunk: (chunk: Uint8Array) => Promise<void>,
): Promise<void> {
  let read = 0;
  for await (const chunk of blob.readBack() as AsyncIterable<Buffer>) {
    await beforeChunk(chunk);
    // Read in slices with a turn of the event loop between them: the COPY in flight only
    // progresses when this process hands its socket more bytes, which it cannot do while parsing.
    for (let at = 0; at < chunk.length; at += slice) {
      await pipeline.push(chunk.subarray(at, at + slice));
      await writer.maybeFlush();
      if (chunk.length > slice) await new Promise((resolve) => setImmediate(resolve));
    }
    read += chunk.length;
    request.onProgress?.(read);
  }
}
