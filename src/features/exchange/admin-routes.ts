import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import { Type } from 'typebox';
import { anyCallerOf } from '../../platform/http/callers.ts';
import { ErrorBody, Nullable } from '../../platform/http/schemas.ts';
import type { Database } from '../../platform/store/schema.ts';
import {
  addBody,
  addHabilitation,
  addPurpose,
  disableBodyBySiret,
  listAllBodies,
  listAllHabilitations,
  listAllPurposes,
  revokeHabilitationById,
  rotateHabilitationSecret,
  rotateKeys,
  showHabilitation,
} from './admin.ts';
import { grantableFields } from './fields.ts';

const secured = [{ operator: [] }];
const errors = { 401: ErrorBody, 403: ErrorBody, 503: ErrorBody };
const tags = ['Administration'];

const BodyView = Type.Object(
  {
    siret: Type.String({ description: 'SIRET de l’organisme.' }),
    name: Type.String({ description: 'Nom de l’organisme.' }),
    createdAt: Type.String({ description: 'Date d’enregistrement (ISO 8601).' }),
    disabledAt: Nullable(Type.String({ description: 'Date de désactivation (ISO 8601), sinon null.' })),
  },
  { description: 'Un organisme destinataire.' },
);

const PurposeView = Type.Object(
  {
    code: Type.String({ description: 'Code de la finalité (RSA_PPA…).' }),
    label: Type.String({ description: 'Libellé.' }),
    legalReference: Type.String({ description: 'Texte qui la fonde.' }),
  },
  { description: 'Une finalité : pourquoi un organisme lit les ressources.' },
);

const habilitationProperties = {
  id: Type.String({ description: 'Identifiant de l’habilitation (UUID).' }),
  siret: Type.String({ description: 'SIRET de l’organisme habilité.' }),
  purpose: Type.String({ description: 'Code de la finalité.' }),
  legalBasis: Type.String({ description: 'Base légale.' }),
  fields: Type.Array(Type.String(), { description: 'Champs que les réponses peuvent porter.' }),
  depthMonths: Type.Integer({ description: 'Profondeur de lecture, en mois, le mois courant compris.' }),
  clientId: Type.String({ description: 'client_id OAuth2 de l’habilitation.' }),
  createdAt: Type.String({ description: 'Date de création (ISO 8601).' }),
  secretRotatedAt: Nullable(
    Type.String({ description: 'Dernier renouvellement du secret (ISO 8601), sinon null.' }),
  ),
  revokedAt: Nullable(Type.String({ description: 'Date de révocation (ISO 8601), sinon null.' })),
};

const HabilitationView = Type.Object(habilitationProperties, {
  description: 'Une habilitation, sans son secret (seule son empreinte est enregistrée).',
});

const WithSecret = Type.Object(
  {
    ...habilitationProperties,
    clientSecret: Type.String({
      description: 'client_secret : affiché cette fois seulement, jamais enregistré.',
    }),
  },
  { description: 'L’habilitation et le secret de son client.' },
);

const SiretParams = Type.Object({ siret: Type.String({ description: 'SIRET de l’organisme.' }) });
const IdParams = Type.Object({ id: Type.String({ description: 'Identifiant de l’habilitation (UUID).' }) });

/**
 * The operator's administration of receiving bodies, purposes, habilitations and signing keys,
 * the same use cases as `relais organismes`, `relais finalites`, `relais habilitations` and
 * `relais cles`. Under the administration prefix (see `app/http-app.ts`).
 */
export const exchangeAdminRoutes: FastifyPluginAsync<{ db: Kysely<Database> }> = async (fastify, { db }) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/organismes',
    {
      schema: {
        summary: 'Lister les organismes destinataires',
        tags,
        security: secured,
        response: { 200: Type.Array(BodyView), ...errors },
      },
    },
    async (request) => listAllBodies(db, anyCallerOf(request)),
  );

  app.post(
    '/organismes',
    {
      schema: {
        summary: 'Enregistrer un organisme destinataire',
        description:
          'Refus `BODY_INVALID` (400 : SIRET mal formé ou de clé fausse, nom vide), `BODY_CONFLICT` (409 : déjà enregistré).',
        tags,
        security: secured,
        body: Type.Object(
          {
            siret: Type.String({ description: 'SIRET (14 chiffres, clé de Luhn).' }),
            name: Type.String({ description: 'Nom de l’organisme.' }),
          },
          { additionalProperties: false },
        ),
        response: { 201: BodyView, 400: ErrorBody, 409: ErrorBody, ...errors },
      },
    },
    async (request, reply) => {
      const body = await addBody(db, anyCallerOf(request), request.body);
      reply.header('location', `/v1/admin/organismes/${body.siret}`);
      return reply.code(201).send(body);
    },
  );

  app.post(
    '/organismes/:siret/desactivation',
    {
      schema: {
        summary: 'Désactiver un organisme',
        description:
          'Ses habilitations ne délivrent plus de jeton et ses jetons sont refusés dès la réponse (AUTH_REVOKED). ' +
          'Refus `BODY_NOT_FOUND` (404), `BODY_DISABLED` (409 : déjà désactivé).',
        tags,
        security: secured,
        params: SiretParams,
        response: { 200: BodyView, 404: ErrorBody, 409: ErrorBody, ...errors },
      },
    },
    async (request) => disableBodyBySiret(db, anyCallerOf(request), request.params.siret, new Date()),
  );

  app.get(
    '/finalites',
    {
      schema: {
        summary: 'Lister les finalités',
        tags,
        security: secured,
        response: { 200: Type.Array(PurposeView), ...errors },
      },
    },
    async (request) => listAllPurposes(db, anyCallerOf(request)),
  );

  app.post(
    '/finalites',
    {
      schema: {
        summary: 'Ajouter une finalité',
        description:
          'Refus `PURPOSE_INVALID` (400 : code mal formé ou déjà pris, libellé ou référence vide).',
        tags,
        security: secured,
        body: Type.Object(
          {
            code: Type.String({ description: 'Code : majuscules, chiffres et « _ » (exemple : RSA_PPA).' }),
            label: Type.String({ description: 'Libellé.' }),
            legalReference: Type.String({ description: 'Texte qui la fonde.' }),
          },
          { additionalProperties: false },
        ),
        response: { 201: PurposeView, 400: ErrorBody, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await addPurpose(db, anyCallerOf(request), request.body)),
  );

  app.get(
    '/habilitations',
    {
      schema: {
        summary: 'Lister les habilitations',
        description: 'Toutes, révoquées comprises, ou celles d’un organisme (`organisme`).',
        tags,
        security: secured,
        querystring: Type.Object({
          organisme: Type.Optional(Type.String({ description: 'SIRET de l’organisme.' })),
        }),
        response: { 200: Type.Array(HabilitationView), 404: ErrorBody, ...errors },
      },
    },
    async (request) => listAllHabilitations(db, anyCallerOf(request), request.query.organisme),
  );

  app.post(
    '/habilitations',
    {
      schema: {
        summary: 'Habiliter un organisme pour une finalité, et créer son client OAuth2',
        description:
          'Renvoie le client_id et le client_secret, une seule fois. Refus `HABILITATION_INVALID` (400 : SIRET, ' +
          `base légale vide, champ hors de ${grantableFields.join(', ')}, profondeur hors de 1 à 120 mois), ` +
          '`BODY_NOT_FOUND`, `PURPOSE_NOT_FOUND` (404), `BODY_DISABLED` (409).',
        tags,
        security: secured,
        body: Type.Object(
          {
            siret: Type.String({ description: 'SIRET de l’organisme.' }),
            purpose: Type.String({ description: 'Code de la finalité.' }),
            legalBasis: Type.String({ description: 'Base légale (texte).' }),
            fields: Type.Array(Type.String(), {
              description: `Champs accordés, parmi ${grantableFields.join(', ')}.`,
            }),
            depthMonths: Type.Integer({ description: 'Profondeur de lecture en mois (1 à 120).' }),
          },
          { additionalProperties: false },
        ),
        response: { 201: WithSecret, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, ...errors },
      },
    },
    async (request, reply) => {
      const created = await addHabilitation(db, anyCallerOf(request), request.body);
      reply.header('location', `/v1/admin/habilitations/${created.id}`);
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/habilitations/:id',
    {
      schema: {
        summary: 'Lire une habilitation',
        tags,
        security: secured,
        params: IdParams,
        response: { 200: HabilitationView, 404: ErrorBody, ...errors },
      },
    },
    async (request) => showHabilitation(db, anyCallerOf(request), request.params.id),
  );

  app.post(
    '/habilitations/:id/revocation',
    {
      schema: {
        summary: 'Révoquer une habilitation',
        description:
          'Ses jetons sont refusés dès la réponse (AUTH_REVOKED). Refus `HABILITATION_NOT_FOUND` (404), ' +
          '`HABILITATION_REVOKED` (409 : déjà révoquée).',
        tags,
        security: secured,
        params: IdParams,
        response: { 200: HabilitationView, 404: ErrorBody, 409: ErrorBody, ...errors },
      },
    },
    async (request) => revokeHabilitationById(db, anyCallerOf(request), request.params.id, new Date()),
  );

  app.post(
    '/habilitations/:id/secret',
    {
      schema: {
        summary: 'Renouveler le secret du client d’une habilitation',
        description:
          'Renvoie le nouveau client_secret, une seule fois ; l’ancien et les jetons obtenus avec lui sont refusés ' +
          'dès la réponse. Refus `HABILITATION_NOT_FOUND` (404), `HABILITATION_REVOKED` (409).',
        tags,
        security: secured,
        params: IdParams,
        response: { 200: WithSecret, 404: ErrorBody, 409: ErrorBody, ...errors },
      },
    },
    async (request) => rotateHabilitationSecret(db, anyCallerOf(request), request.params.id, new Date()),
  );

  app.post(
    '/cles/rotation',
    {
      schema: {
        summary: 'Renouveler la clé de signature des jetons',
        description:
          'Une nouvelle clé signe dès la réponse ; les précédentes, retirées, vérifient encore les jetons qu’elles ' +
          'ont signés jusqu’à leur expiration et restent publiées jusque-là.',
        tags,
        security: secured,
        response: {
          200: Type.Object({ kid: Type.String({ description: 'Identifiant de la nouvelle clé.' }) }),
          ...errors,
        },
      },
    },
    async (request) => rotateKeys(db, anyCallerOf(request), new Date()),
  );
};
