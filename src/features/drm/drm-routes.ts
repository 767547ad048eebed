import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.ts';
import { ErrorBody } from '../../platform/http/schemas.ts';

/**
 * The first DRM reads took the NIR in the path and the identity in the query string. Reads now
 * state their context in a JSON body (`../exchange/read-routes.ts`); these addresses answer 410
 * Gone, naming the route that replaces them, without reading anything. The request log keeps the
 * route only, so the NIR and the names sent here reach no log either.
 */
const logSerializers = {
  req: (request: FastifyRequest) => ({ method: request.method, url: request.routeOptions.url }),
};

const gone = (replacement: string) => async () => {
  throw new AppError(
    'DRM_ROUTE_GONE',
    `Cette adresse est retirée : le NIR ne circule plus dans les adresses. Lisez par POST ${replacement} ` +
      'avec un corps JSON { nir, nom, prenoms, dateNaissance, …, destinataire, finalite, dossier } ; voir /docs.',
  );
};

export const drmRoutes: FastifyPluginAsync<{ prefix?: string }> = async (app, { prefix = '/v1/drm' }) => {
  for (const [path, replacement] of [
    ['/individus/:nir/ressources', `${prefix}/ressources`],
    ['/individus/:nir/fenetres', `${prefix}/fenetres`],
  ] as const) {
    app.get(
      path,
      {
        logSerializers,
        schema: {
          summary: `Retirée : voir POST ${replacement}`,
          tags: ['DRM'],
          deprecated: true,
          security: [{ operator: [] }],
          response: { 410: ErrorBody },
        },
      },
      gone(replacement),
    );
  }
};
