import { Readable } from 'node:stream';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import { Type } from 'typebox';
import { callerOf } from '../../platform/http/callers.ts';
import { ErrorBody, Month, Nullable, Siret } from '../../platform/http/schemas.ts';
import type { Database } from '../../platform/store/schema.ts';
import { lotPath, lotResult, lotStatus, retentionDays, submitLot } from './bulk.ts';
import { acceptNdjson, type NdjsonLine } from './ndjson-body.ts';
import { routeOnlyLog } from '../../platform/http/route-only-log.ts';

export const lots = '/v1/drm/lots';

const secured = [{ organisme: [] }];
const errors = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  410: ErrorBody,
  413: ErrorBody,
  415: ErrorBody,
};

const LotQuery = Type.Object({
  destinataire: Siret,
  finalite: Type.String({
    pattern: '^[A-Z][A-Z0-9_]{1,31}$',
    description: 'Code de la finalité (RSA_PPA…).',
  }),
  du: Month({ description: 'Premier mois, AAAA-MM.' }),
  au: Month({ description: 'Dernier mois, AAAA-MM (36 mois au plus).' }),
  asOf: Type.Optional(
    Type.String({
      format: 'date-time',
      description: 'Date de connaissance des réponses (par défaut : leur lecture).',
    }),
  ),
});

const LotParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

const LotStatus = Type.Object({
  id: Type.String({ format: 'uuid' }),
  etat: Type.Union([
    Type.Literal('en_attente'),
    Type.Literal('en_cours'),
    Type.Literal('termine'),
    Type.Literal('expire'),
  ]),
  lignes: Type.Integer({ description: 'Lignes du lot (lignes vides exceptées).' }),
  traitees: Type.Integer({ description: 'Lignes déjà répondues, refus compris.' }),
  refusees: Type.Integer(),
  progression: Type.Number({ description: 'De 0 à 1.' }),
  destinataire: Type.String(),
  finalite: Type.String(),
  du: Type.String(),
  au: Type.String(),
  creeLe: Type.String({ format: 'date-time' }),
  termineLe: Nullable(Type.String({ format: 'date-time' })),
  expireLe: Type.String({
    format: 'date-time',
    description: `Les lignes du lot, demandes et réponses, sont effacées à cette date (${retentionDays} jours après le dépôt).`,
  }),
  resultat: Nullable(Type.String({ description: 'Adresse des réponses, une fois le lot terminé.' })),
});

/** Bulk reads, for receiving bodies (see `app/http-app.ts`). */
export const bulkRoutes: FastifyPluginAsync<{ db: Kysely<Database> }> = async (fastify, { db }) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  acceptNdjson(app);

  app.post(
    lots,
    {
      logSerializers: routeOnlyLog,
      schema: {
        summary: 'Déposer un lot de lectures',
        description:
          'Corps NDJSON (`Content-Type: application/x-ndjson`), une personne par ligne : ' +
          '`{"nir", "nom", "prenoms", "dateNaissance", "dossier"}`, 100 000 lignes au plus (au-delà : 413 ' +
          '`EXCHANGE_LOT_TOO_LARGE`). Le contexte (destinataire, finalité, mois) vaut pour toutes les lignes. ' +
          'Réponse 202 et `Location` : le lot est lu en tâche de fond ; sa progression est à cette adresse, ses ' +
          'réponses à `/resultat` une fois terminé. Une ligne mal formée est refusée seule, dans les réponses. ' +
          `Demandes et réponses sont effacées ${retentionDays} jours après le dépôt.`,
        tags: ['Échanges'],
        security: secured,
        querystring: LotQuery,
        response: { 202: LotStatus, ...errors },
      },
    },
    async (request, reply) => {
      const status = await submitLot(
        db,
        callerOf(request, 'body'),
        request.query,
        request.body as NdjsonLine[],
        request.id,
      );
      return reply.code(202).header('location', lotPath(status.id)).send(status);
    },
  );

  app.get(
    `${lots}/:id`,
    {
      schema: {
        summary: 'État et progression d’un lot',
        tags: ['Échanges'],
        security: secured,
        params: LotParams,
        response: { 200: LotStatus, ...errors },
      },
    },
    async (request) => lotStatus(db, callerOf(request, 'body'), request.params.id),
  );

  app.get(
    `${lots}/:id/resultat`,
    {
      schema: {
        summary: 'Réponses d’un lot terminé',
        description:
          'NDJSON dans l’ordre des lignes déposées : `{"ligne", "dossier", "resultat"}` ou ' +
          '`{"ligne", "dossier", "erreur": {"code", "detail"}}`. 409 tant que le lot n’est pas terminé, 410 une ' +
          'fois ses réponses effacées.',
        tags: ['Échanges'],
        security: secured,
        params: LotParams,
        produces: ['application/x-ndjson'],
        response: errors,
      },
    },
    async (request, reply) => {
      const lines = await lotResult(db, callerOf(request, 'body'), request.params.id);
      // Streamed page by page: a lot of 100,000 answers is never held whole.
      return reply.type('application/x-ndjson; charset=utf-8').send(Readable.from(lines) as never);
    },
  );
};
