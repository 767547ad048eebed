import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { appErrors, AppError, type AppErrorCode, type ErrorSource } from '../errors.ts';
import { isDatabaseUnavailable } from '../store/unavailable.ts';
import { validationProblem } from './validation.ts';

/** The only place where an error code becomes an HTTP status. */
const statusOf: Record<AppErrorCode, number> = {
  AUTH_MISSING: 401,
  AUTH_INVALID: 401,
  AUTH_REVOKED: 401,
  AUTH_SCOPE: 403,
  AUTH_EXPIRED: 401,
  AUTH_SCHEME: 401,
  RATE_LIMITED: 429,
  BODY_NOT_FOUND: 404,
  BODY_INVALID: 400,
  BODY_CONFLICT: 409,
  BODY_DISABLED: 409,
  PURPOSE_NOT_FOUND: 404,
  PURPOSE_INVALID: 400,
  HABILITATION_NOT_FOUND: 404,
  HABILITATION_INVALID: 400,
  HABILITATION_REVOKED: 409,
  AUTH_ORIGIN: 403,
  PORTFOLIO_CHOICE: 400,
  PORTFOLIO_FORBIDDEN: 403,
  ACCOUNT_INVALID: 400,
  ACCOUNT_NOT_FOUND: 404,
  SIGN_IN_FAILED: 400,
  DEPOSIT_NOT_FOUND: 404,
  DEPOSIT_TOO_LARGE: 413,
  DEPOSIT_CONFLICT: 409,
  DEPOSIT_ABORTED: 400,
  DEPOSIT_MEDIA_TYPE: 415,
  DEPOSIT_QUOTA: 429,
  CERTIFICATE_UNAVAILABLE: 409,
  RETURNS_POSITION_INVALID: 400,
  RETURNS_ACCOUNT_ONLY: 403,
  DECLARATION_NOT_FOUND: 404,
  DECLARATION_FORBIDDEN: 403,
  DECLARANT_NOT_FOUND: 404,
  DECLARANT_INVALID: 400,
  DECLARANT_REVOKED: 409,
  CONTROL_NOT_FOUND: 404,
  DRM_DISABLED: 503,
  DRM_NIR_FORMAT: 400,
  DRM_NIR_KEY: 400,
  DRM_NIR_TEMPORARY: 400,
  DRM_PERSON_UNKNOWN: 404,
  DRM_IDENTITY_MISMATCH: 409,
  DRM_IDENTITY_UNCERTAIN: 409,
  DRM_PERSON_NOT_FOUND: 404,
  DRM_ROUTE_GONE: 410,
  EXCHANGE_RECIPIENT: 403,
  EXCHANGE_PURPOSE: 403,
  EXCHANGE_CASE: 400,
  EXCHANGE_DEPTH: 403,
  EXCHANGE_FIELDS: 403,
  EXCHANGE_LOT_TOO_LARGE: 413,
  EXCHANGE_LOT_NOT_FOUND: 404,
  EXCHANGE_LOT_EXPIRED: 410,
  EXCHANGE_LOT_RUNNING: 409,
  EXCHANGE_NDJSON_INVALID: 400,
  EXCHANGE_LINE_INVALID: 400,
  EXCHANGE_CURSOR_INVALID: 400,
  WEBHOOK_URL_INVALID: 400,
  WEBHOOK_NOT_FOUND: 404,
  REQUEST_INVALID: 400,
  REQUEST_TOO_LARGE: 413,
  REQUEST_MEDIA_TYPE: 415,
  REQUEST_TIMEOUT: 408,
  REQUEST_HEADERS_TOO_LARGE: 431,
  REQUEST_ENCODING: 415,
  ROUTE_NOT_FOUND: 404,
  DATABASE_UNAVAILABLE: 503,
  STORAGE_UNAVAILABLE: 503,
  MIGRATION_FAILED: 500,
  INTERNAL: 500,
};

/** RFC 6750 §3.1: what was wrong with the bearer token; none when there was no token. */
const bearerErrors: Partial<Record<AppErrorCode, string>> = {
  AUTH_INVALID: 'invalid_token',
  AUTH_EXPIRED: 'invalid_token',
  AUTH_REVOKED: 'invalid_token',
  AUTH_SCOPE: 'insufficient_scope',
  AUTH_SCHEME: 'invalid_request',
};

function send(reply: FastifyReply, code: AppErrorCode, detail: string, source?: ErrorSource) {
  const status = statusOf[code];
  if (code.startsWith('AUTH_')) {
    const error = bearerErrors[code];
    reply.header('www-authenticate', `Bearer realm="relais"${error ? `, error="${error}"` : ''}`);
  }
  return reply
    .code(status)
    .type('application/json; charset=utf-8')
    .send({
      errors: [
        { status: String(status), code, title: appErrors[code], detail, ...(source ? { source } : {}) },
      ],
    });
}

/** Why Fastify refused a request before any route ran, for the codes a client can cause. */
const frameworkRefusals: Record<string, string> = {
  FST_ERR_CTP_EMPTY_JSON_BODY: 'Le corps de la requête est vide alors que son type est application/json.',
  FST_ERR_CTP_INVALID_JSON_BODY: 'Le corps de la requête n’est pas un JSON valide.',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'L’en-tête Content-Length ne correspond pas à la taille du corps.',
  FST_ERR_CTP_EMPTY_TYPE: 'L’en-tête Content-Type est vide.',
  FST_ERR_BAD_URL: 'L’adresse demandée est mal formée.',
  FST_ERR_INVALID_URL: 'L’adresse demandée est mal formée.',
  FST_ERR_MAX_PARAM_LENGTH: 'Un paramètre de l’adresse est trop long.',
};

const refused = 'La requête est mal formée ; voir la documentation de l’API sur /docs.';

/** A request Fastify refused before any route ran, in the common error format and in French. */
function refuse(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  request.log.info({ code: error.code, message: error.message }, 'requête refusée');
  if (error.statusCode === 413) {
    const limit = request.routeOptions.bodyLimit;
    return send(
      reply,
      'REQUEST_TOO_LARGE',
      `Le corps de la requête dépasse la taille acceptée ici${limit ? ` (${limit.toLocaleString('fr-FR')} octets)` : ''}.`,
      { pointer: '/body' },
    );
  }
  if (error.statusCode === 415) {
    const type = request.headers['content-type'];
    return send(
      reply,
      'REQUEST_MEDIA_TYPE',
      type
        ? `Le type de contenu « ${type} » n’est pas accepté ici ; voir la documentation de l’API sur /docs.`
        : 'L’en-tête Content-Type manque ; voir la documentation de l’API sur /docs.',
      { header: 'Content-Type' },
    );
  }
  return send(reply, 'REQUEST_INVALID', frameworkRefusals[error.code] ?? refused);
}

/**
 * Fastify's option of the same name: what it refuses before routing (an address that is no valid
 * URL) does not reach the error handler, and would be answered in English.
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  void refuse(error, request, reply);
}

export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof AppError) {
      request.log.info({ code: error.code }, error.code);
      return send(reply, error.code, error.detail, error.source);
    }
    if ('validation' in error && error.validation) {
      const { detail, source } = validationProblem(error.validation, error.validationContext ?? 'body');
      return send(reply, 'REQUEST_INVALID', detail, source);
    }
    const status = error.statusCode ?? 500;
    // Fastify's and its plugins' own messages are English: the client gets a French one.
    if (status < 500) return refuse(error, request, reply);
    if (isDatabaseUnavailable(error)) {
      request.log.error({ err: error }, 'base de données indisponible');
      return send(
        reply,
        'DATABASE_UNAVAILABLE',
        'La base de données ne répond pas ; réessayez dans quelques instants.',
      );
    }
    // The real message may quote data: it stays in the (scrubbed) log, the client gets the request id.
    request.log.error({ err: error }, 'erreur interne');
    return send(reply, 'INTERNAL', `Erreur interne. Référence de la requête : ${request.id}.`);
  });
  app.setNotFoundHandler((request, reply) =>
    send(
      reply,
      'ROUTE_NOT_FOUND',
      `Aucune adresse ${request.method} ${request.url.split('?')[0]} ; voir /docs.`,
    ),
  );
}
