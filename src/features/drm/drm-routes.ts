import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { callerOf } from '../../platform/http/callers.ts';
import type { Database } from '../../platform/store/schema.ts';
import { readResources, readWindows } from './read.ts';
import { ErrorBody } from '../../platform/http/schemas.ts';
import { NirParams, ResourcesAnswer, ResourcesQuery, WindowsAnswer, WindowsQuery } from './schemas.ts';

const secured = [{ operator: [] }];
const errors = { 400: ErrorBody, 401: ErrorBody, 404: ErrorBody, 409: ErrorBody, 503: ErrorBody };

/**
 * The NIR is in the path and the identity in the query string: the request log keeps the route
 * only, so neither reaches the logs.
 */
const logSerializers = {
  req: (request: FastifyRequest) => ({ method: request.method, url: request.routeOptions.url }),
};

const identityOf = (q: { nom: string; prenoms: string; dateNaissance: string; asOf?: string }) => ({
  identity: { lastName: q.nom, firstNames: q.prenoms, birthDate: q.dateNaissance },
  ...(q.asOf !== undefined ? { asOf: new Date(q.asOf) } : {}),
});

const refusals =
  'Refus explicites, jamais de réponse approchée : `DRM_NIR_FORMAT`, `DRM_NIR_KEY`, `DRM_NIR_TEMPORARY` (400), ' +
  '`DRM_PERSON_UNKNOWN` (404), `DRM_IDENTITY_MISMATCH` (409 : nom, prénoms ou date de naissance différents de ' +
  'l’identité déclarée), `DRM_IDENTITY_UNCERTAIN` (409 : NIR signalé pour discordance d’identité).';

/** DRM reads; their routes are served to operator callers only (see `app/http-app.ts`). */
export const drmRoutes: FastifyPluginAsync<{ db: Kysely<Database> }> = async (fastify, { db }) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/individus/:nir/ressources',
    {
      logSerializers,
      schema: {
        summary: 'Ressources mensuelles d’une personne, telles que connues à une date',
        description:
          'Pour chaque mois de `du` à `au` (mois de la date de versement) : les totaux tous payeurs et sources ' +
          'confondus et les lignes qui les composent, chacune avec sa déclaration et ses lignes dans le fichier ' +
          'déposé. `asOf` rejoue la connaissance passée : une même question au même `asOf` reçoit toujours la même ' +
          `réponse. ${refusals}`,
        tags: ['DRM'],
        security: secured,
        params: NirParams,
        querystring: ResourcesQuery,
        response: { 200: ResourcesAnswer, ...errors },
      },
    },
    async (request) => {
      const q = request.query;
      return readResources(db, callerOf(request, 'operator'), {
        nir: request.params.nir,
        from: q.du,
        to: q.au,
        ...identityOf(q),
      });
    },
  );

  app.get(
    '/individus/:nir/fenetres',
    {
      logSerializers,
      schema: {
        summary: 'Fenêtres de référence en montant net social (M-2 à M-4 et M-1 à M-3)',
        description:
          'Les trimestres de référence comptés depuis le mois `mois` (M) : M-4 à M-2, la période du RSA et de la ' +
          'prime d’activité depuis 2025, et M-3 à M-1, en montant net social, avec les mois sans donnée nommés. ' +
          refusals,
        tags: ['DRM'],
        security: secured,
        params: NirParams,
        querystring: WindowsQuery,
        response: { 200: WindowsAnswer, ...errors },
      },
    },
    async (request) => {
      const q = request.query;
      return readWindows(db, callerOf(request, 'operator'), {
        nir: request.params.nir,
        ...(q.mois !== undefined ? { month: q.mois } : {}),
        ...identityOf(q),
      });
    },
  );
};
