import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import { anyCallerOf } from '../../platform/http/callers.ts';
import { ErrorBody } from '../../platform/http/schemas.ts';
import type { Executor } from '../../platform/store/schema.ts';
import { declarantOf } from '../deposit/acting-declarant.ts';
import { readingMember } from './permissions.ts';
import { countReturns, markReturnsRead, portfolioUnread, readReturns } from './returns.ts';
import {
  CountsQuery,
  PortfolioUnread,
  ReadBody,
  ReadPosition,
  ReturnCounts,
  ReturnsPage,
  ReturnsQuery,
} from './schemas.ts';

// A declarant's token, or the session of a person acting for one of their declarants, named as
// on the deposit routes (`Relais-Declarant`, or `?declarant=`).
const secured: Record<string, string[]>[] = [{ bearer: [] }, { session: [] }];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody };

/** A declarant's returns stream (see `app/http-app.ts` for the callers its prefix takes). */
export const returnsRoutes: FastifyPluginAsync<{ db: Executor }> = async (fastify, { db }) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '',
    {
      schema: {
        summary: 'Lire mes retours : accusés de réception, bilans d’anomalies, certificats de conformité',
        description:
          'Un seul flux ordonné par déclarant, de tout ce que la plate-forme lui renvoie, chaque retour avec ses liens. ' +
          'Reprendre depuis `next` (`?apres=…`) : rien n’apparaît jamais derrière une position déjà lue. ' +
          'Avec `?avant=…`, les plus récents d’abord (la frise de l’espace déclarant).',
        tags: ['Retours'],
        security: secured,
        querystring: ReturnsQuery,
        response: { 200: ReturnsPage, ...errors },
      },
    },
    async (request) =>
      readReturns(db, declarantOf(request), request.query.apres, request.query.limite, request.query.avant),
  );
  app.get(
    '/compteurs',
    {
      schema: {
        summary: 'Compter mes retours non lus, par type',
        description:
          'Les retours après le curseur `apres` (la position du dernier retour lu) ; pour une personne connectée ' +
          'qui n’en donne pas, après la position que son compte a marquée lue.',
        tags: ['Retours'],
        security: secured,
        querystring: CountsQuery,
        response: { 200: ReturnCounts, ...errors },
      },
    },
    async (request) => {
      const caller = anyCallerOf(request);
      const accountId = caller.kind === 'member' ? caller.accountId : undefined;
      return countReturns(db, declarantOf(request), request.query.apres, accountId);
    },
  );
  app.get(
    '/non-lus',
    {
      schema: {
        summary: 'Retours non lus de chaque déclarant de mon portefeuille',
        description:
          'Pour une personne connectée : en une lecture, les non-lus de chacun de ses déclarants depuis la position ' +
          'marquée lue (`PUT /v1/retours/lu`), et leur total.',
        tags: ['Retours'],
        security: [{ session: [] }],
        response: { 200: PortfolioUnread, ...errors },
      },
    },
    async (request) => portfolioUnread(db, readingMember(anyCallerOf(request))),
  );
  app.put(
    '/lu',
    {
      schema: {
        summary: 'Marquer mes retours lus jusqu’à une position',
        description:
          'Pour une personne connectée, par déclarant (`Relais-Declarant`) : la position ne recule jamais, ' +
          'et ne dépasse pas le dernier retour.',
        tags: ['Retours'],
        security: [{ session: [] }],
        body: ReadBody,
        response: { 200: ReadPosition, ...errors },
      },
    },
    async (request) => {
      const { accountId } = readingMember(anyCallerOf(request));
      return markReturnsRead(db, declarantOf(request), accountId, request.body.position);
    },
  );
};
