import type { FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { declarantOf } from './acting-declarant.ts';
import type { Executor } from '../../platform/store/schema.ts';
import { listDeclarations, readDeclaration, readDeclarationIndividuals } from './declaration-reads.ts';
import { ErrorBody, IdParams, Month, Siret } from '../../platform/http/schemas.ts';
import { DeclarationDetail, DeclarationList, IndividualsPage } from './schemas.ts';

// A declarant's token, or the session of a person acting for it (see `acting-declarant.ts`).
const secured: Record<string, string[]>[] = [{ bearer: [] }, { session: [] }];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

/**
 * Declarations are the establishment's data: a declarant reads those of the SIRETs in its scope,
 * whoever filed them, including the versions since replaced or cancelled (see `permissions.ts`).
 */
export const declarationsRoutes: FastifyPluginAsync<{ db: Executor }> = async (fastify, { db }) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '',
    {
      schema: {
        summary: 'Lister les déclarations d’un établissement, toutes versions comprises',
        description:
          'Sans `siret`, les dernières déclarations du périmètre du déclarant. Avec `month`, toutes les versions de ce mois : la déclaration d’origine, remplacée, et celle qui la remplace.',
        tags: ['Déclarations'],
        security: secured,
        querystring: Type.Object({
          siret: Type.Optional(Siret),
          month: Type.Optional(Month({ description: 'AAAA-MM' })),
          limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
        }),
        response: { 200: DeclarationList, ...errors },
      },
    },
    async (request) => listDeclarations(db, declarantOf(request), request.query),
  );

  app.get(
    '/:id',
    {
      schema: {
        summary: 'Lire une déclaration : identité, cycle de vie, entreprise, établissement',
        tags: ['Déclarations'],
        security: secured,
        params: IdParams,
        response: { 200: DeclarationDetail, ...errors },
      },
    },
    async (request) => readDeclaration(db, declarantOf(request), request.params.id),
  );

  app.get(
    '/:id/individus',
    {
      schema: {
        summary: 'Lire le contenu d’une déclaration, individu par individu, tel qu’il a été déposé',
        description: 'Pagination par ligne : `after` est la ligne du dernier individu reçu (`next`).',
        tags: ['Déclarations'],
        security: secured,
        params: IdParams,
        querystring: Type.Object({
          after: Type.Integer({ minimum: 0, default: 0 }),
          limit: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
        }),
        response: { 200: IndividualsPage, ...errors },
      },
    },
    async (request) => readDeclarationIndividuals(db, declarantOf(request), request.params.id, request.query),
  );
};
