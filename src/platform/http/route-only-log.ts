import type { FastifyRequest } from 'fastify';

/**
 * Request log serializers for routes whose URL or body names a person (a NIR, an identity): the
 * request line logged is the route's pattern, never the URL as sent.
 */
export const routeOnlyLog = {
  req: (request: FastifyRequest) => ({ method: request.method, url: request.routeOptions.url }),
};
