import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.ts';
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
  if (/^multipart\//i.test(request.headers['content-type'] ?? '')) {
    throw new AppError(
      'DEPOSIT_MEDIA_TYPE',
      'Envoyez le fichier brut dans le corps de la requête (curl --data-binary @fichier.dsn), pas un formulaire multipart.',
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
  const body = (request.body ?? []) as AsyncIterable<Uint8Array>;
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
    throw error;
  }
  reply.header('location', `/v1/depots/${outcome.acknowledgement.depositId}`);
  return reply.code(outcome.duplicate ? 200 : 201).send(outcome);
}
