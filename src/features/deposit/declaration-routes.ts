import type { FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AppError } from '../../platform/errors.ts';
import { inScope } from '../declarant/declarants.ts';
import { cells, readDeclarationPage } from './declaration-content.ts';
import { declarationView } from './views.ts';
import {
  declarationsInScope,
  declarationsOfEstablishment,
  findDeclaration,
} from './declarations-repository.ts';
import { contextOf, countRowsOf } from './rows-repository.ts';
import type { Declarant, Executor } from '../../platform/store/schema.ts';
import { requireDeclarant } from '../../app/auth.ts';
import { ErrorBody, IdParams } from '../../platform/http/schemas.ts';
import { DeclarationDetail, DeclarationList, IndividualsPage } from './schemas.ts';

const secured = [{ bearer: [] }];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

/**
 * Declarations are the establishment's data: a declarant reads those of the SIRETs in its scope,
 * whoever filed them, including the versions since replaced or cancelled.
 */
export const declarationsRoutes: FastifyPluginAsync<{ db: Executor }> = async (fastify, { db }) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  const readable = async (id: string, declarant: Declarant) => {
    const row = await findDeclaration(db, id);
    if (!row) throw new AppError('DECLARATION_NOT_FOUND', `Aucune déclaration ${id}.`, { parameter: 'id' });
    if (!inScope(declarant.scope, row.siret)) {
      throw new AppError(
        'DECLARATION_FORBIDDEN',
        `La déclaration ${id} concerne un établissement hors de votre périmètre (${declarant.scope}).`,
        { parameter: 'id' },
      );
    }
    return row;
  };

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
          siret: Type.Optional(Type.String({ pattern: '^[0-9]{14}$' })),
          month: Type.Optional(
            Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', description: 'AAAA-MM' }),
          ),
          limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
        }),
        response: { 200: DeclarationList, ...errors },
      },
    },
    async (request) => {
      const declarant = await requireDeclarant(db, request);
      const { siret, month, limit } = request.query;
      if (siret !== undefined && !inScope(declarant.scope, siret)) {
        throw new AppError(
          'DECLARATION_FORBIDDEN',
          `L'établissement ${siret} est hors de votre périmètre (${declarant.scope}).`,
          {
            parameter: 'siret',
          },
        );
      }
      if (siret === undefined && month !== undefined) {
        throw new AppError('REQUEST_INVALID', 'Le paramètre month demande aussi siret.', {
          parameter: 'siret',
        });
      }
      const rows =
        siret !== undefined
          ? await declarationsOfEstablishment(db, siret, month ? `${month}-01` : null, limit)
          : await declarationsInScope(db, declarant.scope, limit);
      return { declarations: rows.map(declarationView) };
    },
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
    async (request) => {
      const declarant = await requireDeclarant(db, request);
      const row = await readable(request.params.id, declarant);
      const { company, establishment } = await contextOf(db, row.key);
      return {
        declaration: declarationView(row),
        company: company ? cells(company) : null,
        establishment: establishment ? cells(establishment) : null,
        rows: await countRowsOf(db, row.key),
      };
    },
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
    async (request) => {
      const declarant = await requireDeclarant(db, request);
      const row = await readable(request.params.id, declarant);
      return readDeclarationPage(db, row.key, request.query.after, request.query.limit);
    },
  );
};
