import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import { Type } from 'typebox';
import { anyCallerOf } from '../../platform/http/callers.ts';
import { ErrorBody, Nullable } from '../../platform/http/schemas.ts';
import type { Database } from '../../platform/store/schema.ts';
import { checkWebhooksAdmin } from './permissions.ts';
import { listWebhooks } from './subscriptions.ts';

const AdminWebhook = Type.Object({
  id: Type.String(),
  flux: Type.Union([Type.Literal('flux'), Type.Literal('retours')]),
  proprietaire: Type.String({ description: 'L’habilitation (flux) ou le déclarant (retours).' }),
  url: Type.String(),
  etat: Type.Union([Type.Literal('actif'), Type.Literal('en_echec')]),
  echec: Nullable(Type.String()),
  enAttente: Type.Integer(),
  creeLe: Type.String({ format: 'date-time' }),
  derniereLivraison: Nullable(Type.String({ format: 'date-time' })),
});

/** The operator's view of every webhook (under `/v1/admin`). */
export const webhooksAdminRoutes: FastifyPluginAsync<{ db: Kysely<Database> }> = async (fastify, { db }) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/webhooks',
    {
      schema: {
        summary: 'Lister les webhooks des organismes et des déclarants',
        tags: ['Administration'],
        security: [{ operator: [] }],
        response: { 200: Type.Array(AdminWebhook), 401: ErrorBody, 403: ErrorBody, 503: ErrorBody },
      },
    },
    async (request) => {
      checkWebhooksAdmin(anyCallerOf(request));
      return listWebhooks(db);
    },
  );
};
