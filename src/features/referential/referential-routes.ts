import fastifyStatic from '@fastify/static';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import { findControl, listItemOf } from '../../core/controls/referential.ts';
import { dsfrDirectory, referentialSite, type ReferentialSite } from './site.ts';
import { AppError } from '../../platform/errors.ts';
import { ErrorBody } from '../../platform/http/schemas.ts';
import { Patterned } from '../../platform/http/validation.ts';

const Status = Type.Union(
  [
    Type.Literal('implemented'),
    Type.Literal('needs-table'),
    Type.Literal('not-applicable'),
    Type.Literal('missing'),
  ],
  {
    description:
      'implemented : exécuté par le contrôle et au dépôt ; needs-table : exécuté si la table non publique est fournie ; not-applicable : relève d’un autre acteur (voir reason) ; missing : pas encore écrit.',
  },
);

const itemFields = {
  id: Type.String({ description: 'Identifiant officiel normalisé, par exemple S21.G00.30.001/CCH-14.' }),
  category: Type.String({ description: 'CCH, SIG, CSL, CST, CRE, CME ou CID.' }),
  rubric: Type.String(),
  severity: Type.Union([Type.Literal('blocking'), Type.Literal('non-blocking')]),
  status: Status,
  message: Type.String({ description: 'Message officiel de la dernière version qui liste le contrôle.' }),
  reason: Type.Optional(Type.String({ description: 'Pourquoi needs-table ou not-applicable.' })),
};

const ControlItem = Type.Object({
  ...itemFields,
  versions: Type.Array(Type.String(), { description: 'Versions de norme qui le listent.' }),
});

const ControlDetail = Type.Object({
  ...itemFields,
  description: Type.String({ description: 'Règle officielle de la dernière version.' }),
  versions: Type.Array(
    Type.Object({
      version: Type.String(),
      description: Type.String(),
      message: Type.String(),
      aliases: Type.Optional(
        Type.Array(Type.String(), { description: 'Graphies de la feuille officielle.' }),
      ),
    }),
  ),
  examples: Type.Array(Type.Unknown(), {
    description:
      'Exemples exécutables : titre, modifications de la déclaration de référence, signalé ou non.',
  }),
});

/**
 * The published referential of the official controls: the JSON API (`/v1/controles`) and the
 * searchable page (`/referentiel/`). Public data, no credential. Built once, on first use.
 */
export const controlsRoutes: FastifyPluginAsync = async (fastify) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  let site: Promise<ReferentialSite> | undefined;
  const loaded = () => (site ??= referentialSite());

  app.get(
    '/v1/controles',
    {
      schema: {
        summary: 'Lister les contrôles officiels de la norme DSN',
        description:
          'Les contrôles des feuilles « Messages » des versions P24V01 à P27V01, leur statut dans Relais, comme `relais controls list --format json`.',
        tags: ['Contrôles'],
        querystring: Type.Object({
          status: Type.Optional(Status),
          category: Type.Optional(
            Patterned('^[A-Za-z]{3}$', 'une catégorie de trois lettres (CCH, SIG, CSL…)', {
              description: 'CCH, SIG…',
            }),
          ),
          version: Type.Optional(
            Patterned('^P2[4-9]V01$', 'une version de norme P24V01 à P27V01', {
              description: 'P24V01 à P27V01',
            }),
          ),
        }),
        response: {
          200: Type.Object({ total: Type.Integer(), controls: Type.Array(ControlItem) }),
          400: ErrorBody,
        },
      },
    },
    async (request) => {
      const { status, category, version } = request.query;
      const entries = (await loaded()).entries.filter(
        (e) =>
          (status === undefined || e.status === status) &&
          (category === undefined || e.category === category.toUpperCase()) &&
          (version === undefined || e.versions.some((v) => v.version === version)),
      );
      return { total: entries.length, controls: entries.map(listItemOf) };
    },
  );

  const show = async (typed: string) => {
    const entry = findControl((await loaded()).entries, typed);
    if (!entry)
      throw new AppError(
        'CONTROL_NOT_FOUND',
        `Aucun contrôle « ${typed} » dans les versions P24V01 à P27V01 ; la liste : /v1/controles.`,
        { parameter: 'id' },
      );
    return { ...entry, examples: [...entry.examples] };
  };
  const detail = {
    summary: 'Lire un contrôle : règle et message de chaque version, statut, exemples',
    description:
      'L’identifiant s’écrit encodé (`S21.G00.30.001%2FCCH-14`), tel quel (`/v1/controles/S21.G00.30.001/CCH-14`) ou comme dans la feuille officielle (`CCH14`).',
    tags: ['Contrôles'],
    response: { 200: ControlDetail, 404: ErrorBody },
  };
  app.get(
    '/v1/controles/:id',
    { schema: { ...detail, params: Type.Object({ id: Type.String() }) } },
    async (request) => show(request.params.id),
  );
  // The id's slash written as is: /v1/controles/S21.G00.30.001/CCH-14.
  app.get(
    '/v1/controles/*',
    { schema: { ...detail, hide: true, params: Type.Object({ '*': Type.String() }) } },
    async (request) => show(request.params['*']),
  );

  app.get('/referentiel', { schema: { hide: true } }, async (_request, reply) =>
    reply.redirect('/referentiel/'),
  );
  app.get('/referentiel/', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/html; charset=utf-8').send((await loaded()).html),
  );
  app.get('/referentiel/controls.json', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('application/json; charset=utf-8').send((await loaded()).json),
  );
  await app.register(fastifyStatic, {
    root: dsfrDirectory(),
    prefix: '/referentiel/dsfr/',
    decorateReply: false,
  });
};
