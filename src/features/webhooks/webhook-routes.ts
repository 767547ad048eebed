import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import { callerOf } from '../../platform/http/callers.ts';
import { ErrorBody, Nullable } from '../../platform/http/schemas.ts';
import { declarantOf } from '../deposit/acting-declarant.ts';
import { feedOwner, returnsOwner } from './permissions.ts';
import { registerWebhook, removeWebhook, showWebhook, type WebhookContext } from './subscriptions.ts';

export const feedWebhook = '/v1/flux/webhook';
export const returnsWebhook = '/v1/retours/webhook';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

const Webhook = Type.Object({
  url: Type.String(),
  etat: Type.Union([Type.Literal('actif'), Type.Literal('en_echec')], {
    description:
      'en_echec : un message n’a pu être livré après toutes ses tentatives ; plus rien n’est envoyé avant un nouvel enregistrement (PUT).',
  }),
  echec: Nullable(Type.String({ description: 'Pourquoi il est en échec.' })),
  enAttente: Type.Integer({ description: 'Messages en file, pas encore acquittés par le destinataire.' }),
  tentatives: Type.Integer({ description: 'Tentatives déjà faites du plus ancien message en file.' }),
  prochainEssai: Nullable(Type.String({ format: 'date-time' })),
  derniereLivraison: Nullable(Type.String({ format: 'date-time' })),
  creeLe: Type.String({ format: 'date-time' }),
  modifieLe: Type.String({ format: 'date-time' }),
});

const Registered = Type.Intersect([
  Webhook,
  Type.Object({
    secret: Type.String({
      description:
        'Secret de signature (whsec_…), donné une seule fois : le garder pour vérifier l’en-tête webhook-signature.',
    }),
  }),
]);

const signing =
  'Chaque message est un POST JSON `{ "type", "timestamp", "data" }` dont `data` est la page que donnerait la ' +
  'lecture du flux depuis le même curseur, signé selon Standard Webhooks : en-têtes `webhook-id` (le même à ' +
  'chaque nouvel essai), `webhook-timestamp` (secondes) et `webhook-signature: v1,<HMAC-SHA256 base64 de ' +
  'id.timestamp.corps>`. Une réponse 2xx vaut réception ; sinon nouvel essai, de plus en plus espacé. Les ' +
  'messages arrivent dans l’ordre du flux, un à la fois, au moins une fois. Enregistrer de nouveau remplace ' +
  'l’adresse et le secret, et relance un webhook en échec sans perdre ses messages.';

const Url = Type.String({
  maxLength: 2000,
  description: 'Adresse https:// qui recevra les messages (sans identifiant ni mot de passe).',
});

/** The change feed's webhook, for the body of the token's habilitation (under `/v1/flux`). */
export const feedWebhookRoutes: FastifyPluginAsync<WebhookContext> = async (fastify, context) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const common = { tags: ['Échanges'], security: [{ organisme: [] }] };

  app.put(
    feedWebhook,
    {
      schema: {
        ...common,
        summary: 'Recevoir le flux par webhook',
        description: `Les événements du flux de cette habilitation sont poussés à l’adresse donnée. ${signing}`,
        body: Type.Object(
          {
            url: Url,
            apres: Type.Optional(
              Type.String({
                maxLength: 120,
                description: 'Curseur du flux après lequel commencer ; par défaut, les événements à venir.',
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: Registered, 201: Registered, ...errors },
      },
    },
    async (request, reply) => {
      const owner = feedOwner(callerOf(request, 'body'));
      const { created, webhook } = await registerWebhook(context, 'flux', owner, request.body);
      return reply.code(created ? 201 : 200).send(webhook);
    },
  );

  app.get(
    feedWebhook,
    {
      schema: { ...common, summary: 'Lire l’état du webhook du flux', response: { 200: Webhook, ...errors } },
    },
    async (request) => showWebhook(context.db, 'flux', feedOwner(callerOf(request, 'body'))),
  );

  app.delete(
    feedWebhook,
    {
      schema: {
        ...common,
        summary: 'Ne plus recevoir le flux par webhook',
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await removeWebhook(context.db, 'flux', feedOwner(callerOf(request, 'body')));
      return reply.code(204).send(null);
    },
  );
};

const ActingFor = Type.Object({
  declarant: Type.Optional(
    Type.String({
      description:
        'Session web seulement : le déclarant du portefeuille pour lequel agir (ou en-tête Relais-Declarant).',
    }),
  ),
});

/** The returns stream's webhook, for a declarant's token or a member acting for a declarant. */
export const returnsWebhookRoutes: FastifyPluginAsync<WebhookContext> = async (fastify, context) => {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const common = {
    tags: ['Retours'],
    security: [{ bearer: [] }, { session: [] }] as Record<string, string[]>[],
    querystring: ActingFor,
  };

  app.put(
    returnsWebhook,
    {
      schema: {
        ...common,
        summary: 'Recevoir mes retours par webhook',
        description: `Les retours du déclarant sont poussés à l’adresse donnée. ${signing}`,
        body: Type.Object(
          {
            url: Url,
            apres: Type.Optional(
              Type.Integer({
                minimum: 0,
                description: 'Position du dernier retour déjà lu ; par défaut, les retours à venir.',
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: Registered, 201: Registered, ...errors },
      },
    },
    async (request, reply) => {
      const owner = returnsOwner(declarantOf(request));
      const { url, apres } = request.body;
      const { created, webhook } = await registerWebhook(context, 'retours', owner, {
        url,
        ...(apres === undefined ? {} : { apres: String(apres) }),
      });
      return reply.code(created ? 201 : 200).send(webhook);
    },
  );

  app.get(
    returnsWebhook,
    {
      schema: {
        ...common,
        summary: 'Lire l’état du webhook de mes retours',
        response: { 200: Webhook, ...errors },
      },
    },
    async (request) => showWebhook(context.db, 'retours', returnsOwner(declarantOf(request))),
  );

  app.delete(
    returnsWebhook,
    {
      schema: {
        ...common,
        summary: 'Ne plus recevoir mes retours par webhook',
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await removeWebhook(context.db, 'retours', returnsOwner(declarantOf(request)));
      return reply.code(204).send(null);
    },
  );
};
