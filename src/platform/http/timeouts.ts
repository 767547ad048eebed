import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { appErrors } from '../errors.ts';

/**
 * How long a client may take, in milliseconds. Without them one client that opens a connection
 * and sends nothing, or half a body, keeps it forever.
 */
export interface HttpTimeouts {
  /** To receive a whole request, headers and body (RELAIS_REQUEST_TIMEOUT, 600 s). */
  requestMs: number;
  /** Of silence on a connection while the server waits for the client (RELAIS_IDLE_TIMEOUT, 60 s). */
  idleMs: number;
  /** To receive the headers (RELAIS_HEADERS_TIMEOUT, 20 s). */
  headersMs: number;
  /** Between two requests on a kept-alive connection (RELAIS_KEEP_ALIVE_TIMEOUT, 5 s). */
  keepAliveMs: number;
}

export const defaultTimeouts: HttpTimeouts = {
  requestMs: 600_000,
  idleMs: 60_000,
  headersMs: 20_000,
  keepAliveMs: 5_000,
};

/** Fastify's options for them. */
export function timeoutOptions(timeouts: HttpTimeouts) {
  return {
    requestTimeout: timeouts.requestMs,
    connectionTimeout: timeouts.idleMs,
    keepAliveTimeout: timeouts.keepAliveMs,
    http: { headersTimeout: timeouts.headersMs },
  };
}

/** What Node refuses before Fastify sees a request, by its error code, in French. */
const clientErrors: Record<string, { status: number; code: keyof typeof appErrors; detail: string }> = {
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    code: 'REQUEST_TIMEOUT',
    detail: 'La requête n’a pas été reçue entière à temps ; renvoyez-la.',
  },
  HPE_HEADER_OVERFLOW: {
    status: 431,
    code: 'REQUEST_HEADERS_TOO_LARGE',
    detail: 'Les en-têtes de la requête sont trop volumineux.',
  },
};

const malformed = {
  status: 400,
  code: 'REQUEST_INVALID' as const,
  detail: 'La requête HTTP est mal formée.',
};

/**
 * Fastify's `clientErrorHandler`: a request Node could not read (timeout, headers too large,
 * malformed) answered in the API's common error format rather than Fastify's own.
 */
export function clientErrorHandler(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const { status, code, detail } = clientErrors[error.code ?? ''] ?? malformed;
  const body = JSON.stringify({
    errors: [{ status: String(status), code, title: appErrors[code], detail }],
  });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nX-Content-Type-Options: nosniff\r\nCache-Control: no-store\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
