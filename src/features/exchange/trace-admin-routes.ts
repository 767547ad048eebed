import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import { Type } from 'typebox';
import { anyCallerOf } from '../../platform/http/callers.ts';
import { ErrorBody, Nullable } from '../../platform/http/schemas.ts';
import type { Database } from '../../platform/store/schema.ts';
import { checkExchangeAdmin } from './permissions.ts';
import type { TraceKeys } from './trace/keys.ts';
import { defaultRetentionMonths, purgeTrace } from './trace/purge.ts';
import { verificationView } from './trace/trace-views.ts';
import { verifyTrace } from './trace/verify.ts';

const secured = [{ operator: [] }];
const errors = { 401: ErrorBody, 403: ErrorBody, 503: ErrorBody };

const Problem = Nullable(
  Type.Object({
    position: Type.Integer({ description: 'Position de la première entrée altérée, supprimée ou déplacée.' }),
    detail: Type.String({ description: 'Ce qui ne va pas, en français.' }),
  }),
);

const Verification = Type.Object({
  entries: Type.Integer({ description: 'Entrées vérifiées.' }),
  first: Nullable(Type.Integer()),
  last: Nullable(Type.Integer()),
  lastCheckpoint: Nullable(
    Type.Object({
      position: Type.Integer(),
      at: Type.String({ description: 'Date du point de contrôle signé (ISO 8601).' }),
      chainSha256: Type.String({ description: 'Empreinte de la chaîne à ce point (hexadécimal).' }),
    }),
  ),
  problem: Problem,
});

const Purge = Type.Union([
  Type.Object({
    kind: Type.Literal('purged'),
    removed: Type.Integer({ description: 'Entrées supprimées.' }),
    cutAt: Nullable(Type.Integer({ description: 'Position après laquelle la trace reprend.' })),
  }),
  Type.Object({ kind: Type.Literal('refused'), position: Type.Integer(), detail: Type.String() }),
]);

/**
 * The access trace's verification and retention over the operator API, as `relais trace verify`
 * and `relais trace purge`, for the CLI beside a server that holds the embedded database.
 */
export const traceAdminRoutes: FastifyPluginAsync<{ db: Kysely<Database>; traceKeys: TraceKeys }> = async (
  fastify,
  { db, traceKeys },
) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    '/trace/verification',
    {
      schema: {
        summary: 'Vérifier la trace des accès (chaînage et points de contrôle signés)',
        tags: ['Administration'],
        security: secured,
        response: { 200: Verification, ...errors },
      },
    },
    async (request) => {
      checkExchangeAdmin(anyCallerOf(request));
      return verificationView(await verifyTrace(db, traceKeys));
    },
  );

  app.post(
    '/trace/purge',
    {
      schema: {
        summary: 'Supprimer les entrées plus anciennes que la durée de conservation',
        tags: ['Administration'],
        security: secured,
        body: Type.Object(
          {
            conservationMois: Type.Integer({
              minimum: 1,
              maximum: 240,
              default: defaultRetentionMonths,
              description: 'Durée de conservation en mois (36 par défaut).',
            }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Purge, ...errors },
      },
    },
    async (request) => {
      checkExchangeAdmin(anyCallerOf(request));
      return purgeTrace(db, traceKeys, request.body.conservationMois);
    },
  );
};
