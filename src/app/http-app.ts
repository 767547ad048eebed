import { randomBytes, randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { IntakeContext } from '../features/deposit/deposit.ts';
import { declarantResolver } from '../features/declarant/declarants.ts';
import { operatorResolver } from '../platform/auth/operator.ts';
import type { CredentialResolver } from '../platform/auth/resolver.ts';
import type { Logger } from '../platform/log.ts';
import { callers } from '../platform/http/callers.ts';
import { frameworkErrors, installErrorHandlers } from '../platform/http/error-handler.ts';
import compress from '@fastify/compress';
import { docsTheme } from './docs-french.ts';
import { favicon } from './favicon.ts';
import { homePage } from './home-page.ts';
import { controlsRoutes } from '../features/referential/referential-routes.ts';
import { declarationsRoutes } from '../features/deposit/declaration-routes.ts';
import { drmRoutes } from '../features/drm/drm-routes.ts';
import { exchangeReadRoutes } from '../features/exchange/read-routes.ts';
import { traceAdminRoutes } from '../features/exchange/trace-admin-routes.ts';
import { ephemeralTraceKeys, type TraceKeys } from '../features/exchange/trace/keys.ts';
import { adminRoutes } from '../features/declarant/admin-routes.ts';
import { depotsRoutes } from '../features/deposit/deposit-routes.ts';
import { adminDepositRoutes } from '../features/deposit/admin-deposit-routes.ts';
import { selfCheckRoutes } from '../features/self-check/self-check-routes.ts';
import { exchangeAdminRoutes } from '../features/exchange/admin-routes.ts';
import { cataloguePage } from '../features/exchange/catalogue-page.ts';
import { bodyResolver } from '../features/exchange/body-resolver.ts';
import { claimedClientId, tokenRoutes } from '../features/exchange/token-routes.ts';
import { defaultExchangeSettings, type ExchangeSettings } from '../features/exchange/token-settings.ts';
import { callerKey, rateLimits } from '../platform/http/rate-limits.ts';
import { securityHeaders } from '../platform/http/security-headers.ts';
import {
  clientErrorHandler,
  defaultTimeouts,
  timeoutOptions,
  type HttpTimeouts,
} from '../platform/http/timeouts.ts';
import { ErrorBody } from '../platform/http/schemas.ts';
import { defaultDepositQuotas, type DepositQuotas } from '../platform/config.ts';
import { checkReady } from './readiness.ts';
import { returnsRoutes } from '../features/returns/returns-routes.ts';
import { certificateRoutes, verifyRoutes } from '../features/certificate/certificate-routes.ts';
import { bulkRoutes, lots } from '../features/exchange/bulk-routes.ts';
import { feed, feedRoutes, follows } from '../features/exchange/feed-routes.ts';
import { accountRoutes } from '../features/web/account-routes.ts';
import { accountsAdminRoutes } from '../features/web/admin-routes.ts';
import { memberResolver, sessionCookie } from '../features/web/sessions.ts';
import { webRoutes, type WebOptions } from '../features/web/web-routes.ts';
import { ephemeralWebhookKey } from '../features/webhooks/secret.ts';
import { webhooksAdminRoutes } from '../features/webhooks/admin-routes.ts';
import {
  feedWebhookRoutes,
  returnsWebhook,
  returnsWebhookRoutes,
} from '../features/webhooks/webhook-routes.ts';

export type AppDeps = IntakeContext & {
  log: Logger;
  /** Bearer credential of the operator API (DRM, administration); absent or null, it answers DRM_DISABLED. */
  operatorToken?: string | null;
  /** Receiving bodies' tokens and rate limits; the defaults of the configuration when absent. */
  exchange?: ExchangeSettings;
  /** For tests: the clock of token issue and verification. */
  now?: () => Date;
  /**
   * The access trace's keys (`relais serve` loads them from the data directory); absent, keys that
   * live as long as the process, for tests whose trace is thrown away.
   */
  traceKeys?: TraceKeys;
  /** For tests: body callers resolved from test credentials instead of access tokens. */
  bodyResolver?: CredentialResolver<'body'>;
  /** The origin browsers reach the server at; absent or null, each request's own. */
  publicUrl?: WebOptions['publicUrl'];
  /** The identity provider people sign in with; absent or null, the local one at `/oidc`. */
  oidc?: WebOptions['oidc'];
  /**
   * The key sealing webhook secrets (`relais serve` loads it from the data directory, and gives it
   * to the dispatcher too) and whether http URLs are accepted; absent, a key of the process and
   * https only.
   */
  webhooks?: { key: Buffer; allowHttp: boolean };
  /** How long a client may take; the configuration's defaults when absent. */
  timeouts?: HttpTimeouts;
  /** Deposits' rate limits and size quota; the configuration's defaults when absent. */
  depositQuotas?: DepositQuotas;
};

/** The secured areas of the API; who may call each is declared once, below. */
const depots = '/v1/depots';
const declarations = '/v1/declarations';
const drm = '/v1/drm';
const admin = '/v1/admin';
const token = '/oauth/token';
const returns = '/v1/retours';
const account = '/v1/compte';

/** A request id from the caller is kept when it is sane, so traces can be followed across systems. */
const callerRequestId = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * The HTTP application, without `listen` (see `server.ts`): tests drive it with `inject()`.
 * Every response carries `x-request-id`; every error is `{ errors: [{ code, title, detail, source }] }`.
 */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.log as FastifyBaseLogger,
    requestIdHeader: false,
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && callerRequestId.test(given) ? given : randomUUID();
    },
    // Deposits are read as streams; JSON bodies elsewhere are small.
    bodyLimit: 1 << 20,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: true, useDefaults: true } },
    frameworkErrors,
    ...timeoutOptions(deps.timeouts ?? defaultTimeouts),
    clientErrorHandler,
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  installErrorHandlers(app);
  await app.register(securityHeaders);
  // Registered here, at the root, so that it applies to every route declared after it: registered
  // inside one feature's plugin, it compressed that feature's routes only (the referential page,
  // 1.3 MB, went out whole). Request bodies are left as sent: a deposit is the file's own bytes.
  await app.register(compress, { globalCompression: true, globalDecompression: false, threshold: 2048 });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Relais — API de dépôt DSN et de lecture des ressources (DRM)',
        version: '1.0.0',
        description:
          'Dépôt de déclarations DSN, accusé de réception, bilan de conformité et cycle de vie des déclarations. ' +
          'Authentification : un jeton par déclarant (`relais declarants add`), en-tête `Authorization: Bearer relais_…`. ' +
          'Chaque réponse porte un en-tête `x-request-id` ; chaque erreur a la forme `{ "errors": [ { "code", "title", "detail", "source" } ] }`.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'Jeton relais_… du déclarant.' },
          organisme: {
            type: 'http',
            scheme: 'bearer',
            description: 'Jeton d’accès d’un organisme destinataire, lié à une habilitation (une finalité).',
          },
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: sessionCookie,
            description:
              'Session d’une personne connectée à l’application web (/connexion), qui agit pour les déclarants de son portefeuille.',
          },
          operator: {
            type: 'http',
            scheme: 'bearer',
            description:
              'Jeton opérateur (RELAIS_OPERATOR_TOKEN ; à défaut, base embarquée ou démonstration : data/operator-token.txt).',
          },
          body: {
            type: 'oauth2',
            description:
              'Jeton d’accès d’un organisme destinataire, obtenu par POST /oauth/token avec le client_id et le client_secret d’une habilitation (relais habilitations add).',
            flows: { clientCredentials: { tokenUrl: '/oauth/token', scopes: {} } },
          },
        },
      },
      tags: [
        { name: 'Dépôts', description: 'Déposer un fichier et lire son bilan.' },
        { name: 'Déclarations', description: 'Les déclarations intégrées, toutes versions comprises.' },
        {
          name: 'Retours',
          description:
            'Le flux ordonné de tout ce que la plate-forme renvoie au déclarant : accusés de réception, bilans d’anomalies, certificats de conformité.',
        },
        {
          name: 'DRM',
          description:
            'Ressources mensuelles par personne, tirées des déclarations, versionnées dans le temps de connaissance.',
        },
        {
          name: 'Contrôles',
          description:
            'Le référentiel publié des contrôles officiels de la norme DSN (page consultable : /referentiel/).',
        },
        {
          name: 'Administration',
          description:
            'Gestion par l’opérateur des déclarants (« relais declarants »), des organismes destinataires, des finalités et des habilitations (« relais organismes », « relais finalites », « relais habilitations »).',
        },
        {
          name: 'Organismes',
          description:
            'Organismes destinataires : jeton d’accès OAuth2 (client_credentials) et clés de vérification. Catalogue : /api/.',
        },
        {
          name: 'Échanges',
          description:
            'Organismes destinataires : lectures en lot, personnes suivies et flux de leurs changements.',
        },
        { name: 'Compte', description: 'La personne connectée à l’application web et son portefeuille.' },
        { name: 'Service' },
      ],
    },
  });
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    uiConfig: { docExpansion: 'list', deepLinking: true },
    theme: docsTheme(),
  });

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get(
    '/health',
    {
      schema: {
        summary: 'État du service',
        tags: ['Service'],
        response: { 200: Type.Object({ status: Type.Literal('ok'), database: Type.String() }) },
      },
    },
    async () => ({ status: 'ok' as const, database: deps.store.kind }),
  );
  app.get(
    '/ready',
    {
      schema: {
        summary: 'Disponibilité du service (base de données et stockage des fichiers)',
        description:
          '200 quand la base de données répond et que le dossier des fichiers déposés est accessible en écriture ; 503 sinon. `/health` dit seulement que le processus répond.',
        tags: ['Service'],
        response: {
          200: Type.Object({ status: Type.Literal('ready'), database: Type.String() }),
          503: ErrorBody,
        },
      },
    },
    async () => {
      await checkReady(deps.store, deps.blobs);
      return { status: 'ready' as const, database: deps.store.kind };
    },
  );
  app.get('/favicon.ico', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('image/x-icon').header('cache-control', 'public, max-age=86400').send(favicon()),
  );
  app.get('/', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/html; charset=utf-8').send(homePage),
  );

  const exchange = deps.exchange ?? defaultExchangeSettings;
  const clock = deps.now ? { now: deps.now } : {};
  // Cookies are read for the sessions of the web application; the secret signs the short-lived
  // cookie of a sign-in in progress, which a restart may abandon.
  await app.register(cookie, { secret: randomBytes(32).toString('base64url') });

  // Before the routes: it binds each route to its prefix's callers as the route is declared. The
  // administration takes declarants' and bodies' tokens too, only to answer them 403 (the right
  // is missing) rather than 401 (unknown token): their tokens are known, they may not administer.
  // The DRM takes the operator's token as well as bodies' until its reads are the bodies' own.
  await app.register(callers, {
    resolvers: [
      declarantResolver(deps.store.db),
      operatorResolver(deps.operatorToken ?? null),
      deps.bodyResolver ??
        bodyResolver(deps.store.db, { tokenTtlSeconds: exchange.tokenTtlSeconds, ...clock }),
      memberResolver(deps.store.db),
    ],
    prefixes: {
      // Before the DRM's: the first prefix a route falls under is the one that binds it.
      [lots]: ['body'],
      [follows]: ['body'],
      [feed]: ['body'],
      [depots]: ['declarant', 'member'],
      [declarations]: ['declarant', 'member'],
      [drm]: ['body', 'operator'],
      [admin]: ['operator', 'declarant', 'body'],
      // Before the returns': a member signed in to the web application registers its webhook too.
      [returnsWebhook]: ['declarant', 'member'],
      [returns]: ['declarant', 'member'],
      [account]: ['member'],
    },
    sessionCookie,
  });
  // After the callers, so that a body's requests count against its own credential.
  const quotas = deps.depositQuotas ?? defaultDepositQuotas;
  await app.register(rateLimits, {
    limits: [
      { prefix: depots, method: 'POST', perMinute: quotas.perMinutePerCredential, keyOf: callerKey },
      {
        prefix: depots,
        method: 'POST',
        perMinute: quotas.perMinutePerAddress,
        keyOf: (request) => `deposit-ip:${request.ip}`,
        whose: 'cette adresse',
      },
      ...[drm, follows, feed].map((prefix) => ({
        prefix,
        perMinute: exchange.rateLimitPerMinute,
        keyOf: callerKey,
      })),
      {
        prefix: token,
        perMinute: exchange.tokenRateLimitPerMinute,
        keyOf: (request) => `token:${request.ip}:${claimedClientId(request)}`,
      },
    ],
  });
  await app.register(controlsRoutes);
  await app.register(selfCheckRoutes);
  await app.register(depotsRoutes, { prefix: depots, intake: { ...deps, bytesPerDay: quotas.bytesPerDay } });
  await app.register(declarationsRoutes, { prefix: declarations, db: deps.store.db });
  await app.register(drmRoutes, { prefix: drm });
  const traceKeys = deps.traceKeys ?? ephemeralTraceKeys();
  await app.register(exchangeReadRoutes, { prefix: drm, db: deps.store.db, traceKeys });
  await app.register(traceAdminRoutes, { prefix: admin, db: deps.store.db, traceKeys });
  await app.register(adminRoutes, { prefix: admin, db: deps.store.db });
  await app.register(adminDepositRoutes, { prefix: `${admin}/depots`, intake: deps });
  await app.register(exchangeAdminRoutes, { prefix: admin, db: deps.store.db });
  await app.register(cataloguePage, { db: deps.store.db });
  await app.register(tokenRoutes, { db: deps.store.db, tokenTtlSeconds: exchange.tokenTtlSeconds, ...clock });
  await app.register(returnsRoutes, { prefix: returns, db: deps.store.db });
  await app.register(certificateRoutes, { prefix: depots, db: deps.store.db });
  await app.register(verifyRoutes, { db: deps.store.db });
  await app.register(bulkRoutes, { db: deps.store.db });
  await app.register(feedRoutes, { db: deps.store.db });
  const webhooks = {
    db: deps.store.db,
    ...(deps.webhooks ?? { key: ephemeralWebhookKey(), allowHttp: false }),
  };
  await app.register(feedWebhookRoutes, webhooks);
  await app.register(returnsWebhookRoutes, webhooks);
  await app.register(webhooksAdminRoutes, { prefix: admin, db: deps.store.db });
  await app.register(accountsAdminRoutes, { prefix: admin, db: deps.store.db });
  await app.register(accountRoutes, { prefix: account, db: deps.store.db });
  await app.register(webRoutes, {
    db: deps.store.db,
    publicUrl: deps.publicUrl ?? null,
    oidc: deps.oidc ?? null,
  });
  return app;
}
