import type { Socket } from 'node:net';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.ts';
import { isDatabaseUnavailable } from '../../platform/store/unavailable.ts';
import type { Declarant } from '../../platform/store/schema.ts';
import { depositDsn, type IntakeContext } from './deposit.ts';
import type { DepositOutcome } from './views.ts';

/**
 * The body of a deposit route is the declaration's raw bytes, streamed to the intake: never parsed
 * or buffered. Called inside the route's own plugin, where it replaces every body parser.
 */
export function takeRawBodies(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
}

/** What a deposit's body may be labelled: the file's raw bytes, or no label at all. */
const rawTypes = new Set(['', 'application/octet-stream', 'text/plain']);

/**
 * The body's chunks; once the last is in, the connection's idle timeout is lifted until the answer
 * is sent: it bounds the client's silences, not the time the server takes to check a large file.
 */
async function* receivedThenUnbounded(
  request: FastifyRequest,
  reply: FastifyReply,
  body: AsyncIterable<Uint8Array>,
): AsyncIterable<Uint8Array> {
  yield* body;
  const socket: Partial<Socket> = request.raw.socket;
  // A request injected by the tests has no real socket.
  if (typeof socket.setTimeout !== 'function') return;
  const idle = request.server.initialConfig.connectionTimeout ?? 0;
  socket.setTimeout(0);
  reply.raw.once('finish', () => {
    if (!socket.destroyed) socket.setTimeout?.(idle);
  });
}

/**
 * Files the request's body for `declarant` (null: the operator's own deposit) and answers the
 * outcome: 201 for a new deposit, 200 for the same bytes already deposited. Shared by the
 * declarant's route (`/v1/depots`) and the operator's (`/v1/admin/depots`).
 */
export async function receiveDeposit(
  intake: IntakeContext,
  request: FastifyRequest,
  reply: FastifyReply,
  deposit: { declarant: Pick<Declarant, 'id' | 'scope'> | null; fileName: string | null },
): Promise<FastifyReply> {
  const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (/^multipart\//.test(type)) {
    throw new AppError(
      'DEPOSIT_MEDIA_TYPE',
      'Envoyez le fichier brut dans le corps de la requête (curl --data-binary @fichier.dsn), pas un formulaire multipart.',
      { header: 'Content-Type' },
    );
  }
  if (!rawTypes.has(type)) {
    throw new AppError(
      'DEPOSIT_MEDIA_TYPE',
      `Le type de contenu « ${type} » n’est pas accepté pour un dépôt : envoyez le fichier brut avec l’en-tête Content-Type: application/octet-stream (ou text/plain).`,
      { header: 'Content-Type' },
    );
  }
  const length = Number(request.headers['content-length']);
  if (Number.isFinite(length) && length > intake.maxDepositBytes) {
    throw new AppError(
      'DEPOSIT_TOO_LARGE',
      `Le fichier (${length.toLocaleString('fr-FR')} octets) dépasse la taille maximale acceptée (${intake.maxDepositBytes.toLocaleString('fr-FR')} octets).`,
      { header: 'Content-Length' },
    );
  }
  // A client that goes away stops the reading; the transaction is rolled back.
  const aborted = new AbortController();
  reply.raw.on('close', () => {
    if (!reply.raw.writableFinished) aborted.abort();
  });
  const body = receivedThenUnbounded(request, reply, (request.body ?? []) as AsyncIterable<Uint8Array>);
  let outcome: DepositOutcome;
  try {
    outcome = await depositDsn(
      { ...intake, log: request.log },
      { source: body, ...deposit, signal: aborted.signal },
    );
  } catch (error) {
    // The client went away mid-upload: nothing was kept, and nobody is left to answer.
    if (aborted.signal.aborted || (error as NodeJS.ErrnoException).code === 'ECONNRESET') {
      throw new AppError(
        'DEPOSIT_ABORTED',
        "L'envoi a été interrompu avant la fin : rien n'a été enregistré.",
        {
          pointer: '/body',
        },
      );
    }
    if (isDatabaseUnavailable(error)) {
      request.log.error({ err: error }, 'base de données perdue pendant un dépôt');
      throw new AppError(
        'DATABASE_UNAVAILABLE',
        "La base de données ne répond plus : ce dépôt n'a pas été enregistré (rien n'en est conservé). Renvoyez le fichier dans quelques instants.",
      );
    }
    throw error;
  }
  reply.header('location', `/v1/depots/${outcome.acknowledgement.depositId}`);
  return reply.code(outcome.duplicate ? 200 : 201).send(outcome);
}
