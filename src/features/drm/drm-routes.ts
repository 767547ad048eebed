import type { FastifyPluginAsync } from 'fastify';
import { AppError } from '../../platform/errors.ts';
import { ErrorBody } from '../../platform/http/schemas.ts';
import { routeOnlyLog } from '../../platform/http/route-only-log.ts';

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
        logSerializers: routeOnlyLog,
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
