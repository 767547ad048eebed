import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import { Type } from 'typebox';
import { anyCallerOf } from '../../platform/http/callers.ts';
import { ErrorBody, Nullable } from '../../platform/http/schemas.ts';
import type { Database } from '../../platform/store/schema.ts';
import { addDeclarant, listAllDeclarants, revokeDeclarantToken } from './admin.ts';

const secured = [{ operator: [] }];
const errors = { 401: ErrorBody, 403: ErrorBody, 503: ErrorBody };

const DeclarantView = Type.Object(
  {
    id: Type.String({ description: 'Identifiant du déclarant (UUID).' }),
    name: Type.String({ description: 'Nom du déclarant.' }),
    scope: Type.String({
      description: 'Périmètre : SIREN (toute l’entreprise) ou SIRET (un établissement).',
    }),
    createdAt: Type.String({ description: 'Date de création (ISO 8601).' }),
    revokedAt: Nullable(Type.String({ description: 'Date de révocation du jeton (ISO 8601), sinon null.' })),
  },
  { description: 'Un déclarant, sans son jeton (seule son empreinte est enregistrée).' },
);

const NewDeclarant = Type.Object(
  {
    // Checked by the service (checkScope), whose refusal says in French what is wrong.
    name: Type.String({ description: 'Nom du déclarant (non vide).' }),
    scope: Type.String({
      description: 'SIREN (9 chiffres) ou SIRET (14 chiffres) couvert par le jeton, clé de Luhn comprise.',
    }),
  },
  { additionalProperties: false },
);

const Created = Type.Object(
  {
    id: Type.String({ description: 'Identifiant du déclarant (UUID).' }),
    name: Type.String({ description: 'Nom du déclarant.' }),
    scope: Type.String({ description: 'SIREN ou SIRET couvert.' }),
    token: Type.String({
      description: 'Jeton relais_… du déclarant : affiché cette fois seulement, jamais enregistré.',
    }),
  },
  { description: 'Le déclarant créé et son jeton.' },
);

const Revoked = Type.Object({
  id: Type.String({ description: 'Identifiant du déclarant.' }),
  revokedAt: Type.String({ description: 'Date de révocation (ISO 8601).' }),
});

/**
 * The operator's administration of declarants, the same use cases as `relais declarants`. The
 * prefix takes operators and declarants (see `app/http-app.ts`); the service's permissions let
 * the operator in and answer a declarant 403.
 */
export const adminRoutes: FastifyPluginAsync<{ db: Kysely<Database> }> = async (fastify, { db }) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/declarants',
    {
      schema: {
        summary: 'Lister les déclarants',
        description: 'Tous les déclarants, révoqués compris, du plus ancien au plus récent.',
        tags: ['Administration'],
        security: secured,
        response: { 200: Type.Array(DeclarantView), ...errors },
      },
    },
    async (request) => listAllDeclarants(db, anyCallerOf(request)),
  );

  app.post(
    '/declarants',
    {
      schema: {
        summary: 'Créer un déclarant et son jeton',
        description:
          'Crée un déclarant pour un SIREN ou un SIRET et renvoie son jeton, une seule fois. ' +
          'Refus `DECLARANT_INVALID` (400) : nom vide, SIREN ou SIRET mal formé ou de clé fausse.',
        tags: ['Administration'],
        security: secured,
        body: NewDeclarant,
        response: { 201: Created, 400: ErrorBody, ...errors },
      },
    },
    async (request, reply) => {
      const { declarant, token } = await addDeclarant(db, anyCallerOf(request), request.body);
      reply.header('location', `/v1/admin/declarants/${declarant.id}`);
      return reply.code(201).send({ id: declarant.id, name: declarant.name, scope: declarant.scope, token });
    },
  );

  app.post(
    '/declarants/:id/revocation',
    {
      schema: {
        summary: 'Révoquer le jeton d’un déclarant',
        description:
          'Le jeton est refusé dès la réponse (AUTH_REVOKED). Refus `DECLARANT_NOT_FOUND` (404) pour un ' +
          'identifiant inconnu, `DECLARANT_REVOKED` (409) pour un jeton déjà révoqué.',
        tags: ['Administration'],
        security: secured,
        params: Type.Object({ id: Type.String({ description: 'Identifiant du déclarant (UUID).' }) }),
        response: { 200: Revoked, 404: ErrorBody, 409: ErrorBody, ...errors },
      },
    },
    async (request) => revokeDeclarantToken(db, anyCallerOf(request), request.params.id, new Date()),
  );
};
