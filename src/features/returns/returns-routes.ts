import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import { callerOf } from '../../platform/http/callers.ts';
import { ErrorBody } from '../../platform/http/schemas.ts';
import type { Executor } from '../../platform/store/schema.ts';
import { countReturns, readReturns } from './returns.ts';
import { CountsQuery, ReturnCounts, ReturnsPage, ReturnsQuery } from './schemas.ts';

const secured = [{ bearer: [] }];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody };

/** A declarant's returns stream; served to declarant callers only (see `app/http-app.ts`). */
export const returnsRoutes: FastifyPluginAsync<{ db: Executor }> = async (fastify, { db }) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '',
    {
      schema: {
        summary: 'Lire mes retours : accusés de réception, bilans d’anomalies, certificats de conformité',
        description:
          'Un seul flux ordonné par déclarant, de tout ce que la plate-forme lui renvoie, chaque retour avec ses liens. ' +
          'Reprendre depuis `next` (`?apres=…`) : rien n’apparaît jamais derrière une position déjà lue.',
        tags: ['Retours'],
        security: secured,
        querystring: ReturnsQuery,
        response: { 200: ReturnsPage, ...errors },
      },
    },
    async (request) =>
      readReturns(db, callerOf(request, 'declarant'), request.query.apres, request.query.limite),
  );

  app.get(
    '/compteurs',
    {
      schema: {
        summary: 'Compter mes retours non lus, par type',
        description: 'Les retours après le curseur `apres` (la position du dernier retour lu).',
        tags: ['Retours'],
        security: secured,
        querystring: CountsQuery,
        response: { 200: ReturnCounts, ...errors },
      },
    },
    async (request) => countReturns(db, callerOf(request, 'declarant'), request.query.apres),
  );
};
