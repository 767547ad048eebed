import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { Type } from 'typebox';
import { callerOf } from '../../platform/http/callers.ts';
import { ErrorBody, Nullable } from '../../platform/http/schemas.ts';
import type { Database } from '../../platform/store/schema.ts';
import { defaultLimit, maxLimit, readFeed } from './feed.ts';
import { followPersons, unfollowPersons } from './follows.ts';
import { acceptNdjson, type NdjsonLine } from './ndjson-body.ts';
import { routeOnlyLog } from '../../platform/http/route-only-log.ts';

export const follows = '/v1/suivis';
export const feed = '/v1/flux';

const secured = [{ organisme: [] }];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 413: ErrorBody, 415: ErrorBody };

const LineError = Type.Object({
  ligne: Type.Integer({ description: 'Numéro de la ligne dans le corps envoyé (à partir de 1).' }),
  dossier: Nullable(Type.String()),
  erreur: Type.Object({ code: Type.String(), detail: Type.String() }),
});

const personLines =
  'Corps NDJSON (`Content-Type: application/x-ndjson`), une personne par ligne : ' +
  '`{"nir", "nom", "prenoms", "dateNaissance", "dossier"}` (100 000 lignes au plus). ' +
  'Chaque ligne est traitée seule : une ligne mal formée ou une identité qui ne correspond pas est refusée avec ' +
  'son numéro et un code, les autres sont prises.';

const FollowAnswer = Type.Object({
  lignes: Type.Integer(),
  suivies: Type.Integer(),
  refusees: Type.Integer(),
  personnes: Type.Array(
    Type.Object({
      ligne: Type.Integer(),
      dossier: Type.String(),
      personne: Type.String({ description: 'Référence opaque de la personne, celle que donne le flux.' }),
    }),
  ),
  refus: Type.Array(LineError),
});

const UnfollowAnswer = Type.Object({
  lignes: Type.Integer(),
  retirees: Type.Integer({ description: 'Personnes qui étaient suivies et ne le sont plus.' }),
  refus: Type.Array(LineError),
});

const FeedQuery = Type.Object({
  apres: Type.String({
    default: '0',
    maxLength: 120,
    description:
      'Curseur : 0 pour le début, sinon le « suivant » (ou le « curseur » d’un événement) déjà reçu.',
  }),
  limite: Type.Integer({ minimum: 1, maximum: maxLimit, default: defaultLimit }),
});

const FeedPage = Type.Object({
  evenements: Type.Array(
    Type.Object({
      position: Type.Integer({ description: 'Position du changement dans le journal des événements.' }),
      curseur: Type.String({ description: 'Reprendre juste après cet événement.' }),
      personne: Type.String({ description: 'Référence opaque de la personne suivie.' }),
      dossier: Type.String({ description: 'Référence du dossier donnée par l’organisme.' }),
      mois: Type.String({ description: 'AAAA-MM : mois de ressources concerné.' }),
      nature: Type.Union([Type.Literal('ajout'), Type.Literal('correction'), Type.Literal('annulation')]),
      lien: Type.Object({
        methode: Type.Literal('POST'),
        href: Type.Literal('/v1/drm/ressources'),
        corps: Type.Object(
          {
            destinataire: Type.String(),
            finalite: Type.String(),
            dossier: Type.String(),
            du: Type.String(),
            au: Type.String(),
          },
          {
            description:
              'Contexte de la relecture ; l’organisme y ajoute l’identité de la personne (nir, nom, prenoms, dateNaissance).',
          },
        ),
      }),
    }),
  ),
  suivant: Type.String({ description: 'Curseur de la prochaine demande (apres).' }),
});

/** Follows and the change feed, for receiving bodies (see `app/http-app.ts`). */
export const feedRoutes: FastifyPluginAsync<{ db: Kysely<Database> }> = async (fastify, { db }) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  acceptNdjson(app);
  const lines = (request: FastifyRequest) => request.body as NdjsonLine[];

  app.put(
    follows,
    {
      logSerializers: routeOnlyLog,
      schema: {
        summary: 'Suivre des personnes',
        description:
          `Déclare les personnes que l’habilitation suit : leurs mois de ressources nouveaux, corrigés ou annulés ` +
          `paraissent ensuite dans ${feed}. L’identité est vérifiée comme pour une lecture. ${personLines} ` +
          'Suivre à nouveau une personne déjà suivie met à jour son dossier et garde sa référence.',
        tags: ['Échanges'],
        security: secured,
        response: { 200: FollowAnswer, ...errors },
      },
    },
    async (request) => followPersons(db, callerOf(request, 'body'), lines(request)),
  );

  app.delete(
    follows,
    {
      logSerializers: routeOnlyLog,
      schema: {
        summary: 'Ne plus suivre des personnes',
        description: `Le même corps que pour suivre ; seul le NIR de chaque ligne compte. ${personLines}`,
        tags: ['Échanges'],
        security: secured,
        response: { 200: UnfollowAnswer, ...errors },
      },
    },
    async (request) => unfollowPersons(db, callerOf(request, 'body'), lines(request)),
  );

  app.get(
    feed,
    {
      schema: {
        summary: 'Flux des changements des personnes suivies',
        description:
          'Les mois de ressources ajoutés, corrigés ou annulés des personnes suivies, dans l’ordre du journal, ' +
          'sans montant ni NIR : chaque événement donne la lecture à faire pour les voir, sous la même finalité. ' +
          'Seuls les changements postérieurs au début du suivi et les mois dans la profondeur de l’habilitation ' +
          'paraissent. Livraison au moins une fois : reprendre depuis le dernier curseur enregistré.',
        tags: ['Échanges'],
        security: secured,
        querystring: FeedQuery,
        response: { 200: FeedPage, ...errors },
      },
    },
    async (request) => readFeed(db, callerOf(request, 'body'), request.query.apres, request.query.limite),
  );
};
