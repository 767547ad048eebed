import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import { anyCallerOf } from '../../platform/http/callers.ts';
import { ErrorBody } from '../../platform/http/schemas.ts';
import type { IntakeContext } from './deposit.ts';
import { receiveDeposit, takeRawBodies } from './deposit-upload.ts';
import { operatorDepositFor } from './operator-deposit.ts';
import { DepositOutcome } from './schemas.ts';

const secured = [{ operator: [] }];

/**
 * The operator's deposits, what `relais ingest` does on the database itself: the CLI goes through
 * this route while a server holds the embedded database. Under the administration's prefix, which
 * takes declarants' tokens only to answer them 403 (see `app/http-app.ts`).
 */
export const adminDepositRoutes: FastifyPluginAsync<{ intake: IntakeContext }> = async (
  fastify,
  { intake },
) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  takeRawBodies(app);

  app.post(
    '',
    {
      schema: {
        summary: 'Déposer une déclaration en tant qu’opérateur',
        description:
          'Comme `relais ingest` : le corps est le fichier brut. Sans `declarant`, le dépôt est celui de l’opérateur ' +
          '(aucun périmètre vérifié) ; avec, il est fait au nom de ce déclarant, dont le périmètre est vérifié. ' +
          'Refus `DECLARANT_NOT_FOUND` (404) pour un déclarant inconnu, `DECLARANT_REVOKED` (409) pour un jeton révoqué.',
        tags: ['Administration'],
        security: secured,
        querystring: Type.Object({
          declarant: Type.Optional(
            Type.String({ description: 'Identifiant du déclarant au nom duquel déposer (UUID).' }),
          ),
          fileName: Type.Optional(
            Type.String({ maxLength: 255, description: 'Nom du fichier, pour mémoire.' }),
          ),
        }),
        response: {
          200: DepositOutcome,
          201: DepositOutcome,
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
          409: ErrorBody,
          413: ErrorBody,
          415: ErrorBody,
          503: ErrorBody,
        },
      },
    },
    async (request, reply) =>
      receiveDeposit(intake, request, reply, {
        declarant: await operatorDepositFor(intake.store.db, anyCallerOf(request), request.query.declarant),
        fileName: request.query.fileName ?? null,
      }),
  );
};
