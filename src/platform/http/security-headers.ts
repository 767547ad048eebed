import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors.ts';

/**
 * The pages' scripts are files of this server (the web application, the self-check and its
 * worker, the API documentation). Styles may be inline: the DSFR and the report pages set some.
 */
const pagePolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** The published referential is one generated page whose filtering script is inline. */
const inlineScriptPrefixes = ['/referentiel'];
const inlineScriptPolicy = pagePolicy.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'");

/** Whether an answer is for this caller only: a credential came with it, or a session was recognised. */
function personal(request: FastifyRequest): boolean {
  return request.caller != null || request.headers.authorization !== undefined;
}

/**
 * Security headers on every answer, in one `onSend` hook: `nosniff`, no framing, the referrer kept
 * to this origin (the same-origin check of signed-in requests needs `Origin`, which
 * `no-referrer` would blank), a content security policy on pages, and `Cache-Control: no-store`
 * on every answer to a caller with a credential or a session, and on any answer that did not say
 * it may be cached. Compressed request bodies are refused before anything reads them: a deposit
 * is the file's own bytes.
 */
const installSecurityHeaders: FastifyPluginAsync = async (app) => {
  app.addHook('onRequest', async (request) => {
    const encoding = request.headers['content-encoding']?.trim().toLowerCase();
    if (encoding !== undefined && encoding !== '' && encoding !== 'identity') {
      throw new AppError(
        'REQUEST_ENCODING',
        `Les corps compressés (Content-Encoding: ${encoding}) ne sont pas acceptés : envoyez le contenu tel quel, sans en-tête Content-Encoding.`,
        { header: 'Content-Encoding' },
      );
    }
  });
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'same-origin');
    const type = String(reply.getHeader('content-type') ?? '');
    if (type.startsWith('text/html')) {
      const path = request.url.split('?')[0]!;
      reply.header(
        'content-security-policy',
        inlineScriptPrefixes.some((prefix) => path === prefix || path.startsWith(`${prefix}/`))
          ? inlineScriptPolicy
          : pagePolicy,
      );
    }
    if (personal(request) || !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });
};

export const securityHeaders = fp(installSecurityHeaders, {
  name: 'relais-security-headers',
  fastify: '5.x',
});
