import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import { anyCallerOf } from '../../platform/http/callers.ts';
import { ErrorBody } from '../../platform/http/schemas.ts';
import type { Executor } from '../../platform/store/schema.ts';
import { AccountBody } from './account-routes.ts';
import { linkAccount, listAllAccounts, unlinkAccount } from './accounts.ts';

const secured = [{ operator: [] }];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 503: ErrorBody };

const Link = Type.Object(
  {
    email: Type.String({
      description: 'Adresse électronique de la personne (celle de son fournisseur d’identité).',
    }),
    scope: Type.String({ description: 'SIREN ou SIRET du déclarant pour lequel elle agit.' }),
    name: Type.Optional(
      Type.String({
        description: 'Nom du déclarant, s’il faut le créer (aucun déclarant actif pour ce périmètre).',
      }),
    ),
  },
  { additionalProperties: false },
);

/**
 * The operator's administration of web accounts and their portfolios, the same use cases as
 * `relais declarants link|unlink|accounts`, under the administration prefix (operators only).
 */
export const accountsAdminRoutes: FastifyPluginAsync<{ db: Executor }> = async (fastify, { db }) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/comptes',
    {
      schema: {
        summary: 'Lister les comptes de l’application web et leurs portefeuilles',
        tags: ['Administration'],
        security: secured,
        response: { 200: Type.Array(AccountBody), ...errors },
      },
    },
    async (request) => listAllAccounts(db, anyCallerOf(request)),
  );

  app.post(
    '/comptes/liens',
    {
      schema: {
        summary: 'Lier un compte (par son adresse) à un déclarant (par son SIREN ou SIRET)',
        description:
          'Crée le compte s’il n’existe pas (la personne pourra se connecter avec cette adresse), et le déclarant ' +
          's’il n’y en a aucun d’actif pour ce périmètre (sans jeton affiché).',
        tags: ['Administration'],
        security: secured,
        body: Link,
        response: { 200: AccountBody, ...errors },
      },
    },
    async (request) => linkAccount(db, anyCallerOf(request), request.body),
  );

  app.post(
    '/comptes/liens/suppression',
    {
      schema: {
        summary: 'Retirer un déclarant du portefeuille d’un compte',
        tags: ['Administration'],
        security: secured,
        body: Type.Object({ email: Type.String(), scope: Type.String() }, { additionalProperties: false }),
        response: { 200: AccountBody, ...errors },
      },
    },
    async (request) => unlinkAccount(db, anyCallerOf(request), request.body),
  );
};
