import { readdirSync } from 'node:fs';
import { request, type ClientRequest } from 'node:http';
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { BlobStore } from '../src/features/deposit/blob-store.ts';

/** The temporary files of a blob store (`.part`). */
export function partFiles(blobs: BlobStore): string[] {
  try {
    return readdirSync(join(blobs.root, 'tmp')).filter((name) => name.endsWith('.part'));
  } catch {
    return [];
  }
}

/** Waits for `condition`, looking again at each turn of the event loop's timers. */
export async function until(condition: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 5));
}

/** The listening server's base URL (the app must have been `listen`ed on 127.0.0.1). */
export function baseUrl(app: FastifyInstance): string {
  const { port } = app.server.address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

/**
 * Starts a deposit that announces `bytes.length` bytes, sends the first half, and then sends
 * nothing more: a stalled client. Resolves once the server has begun receiving it (its `.part`
 * file exists); `cut()` then drops the connection.
 */
export async function stalledDeposit(
  app: FastifyInstance,
  blobs: BlobStore,
  token: string,
  bytes: Buffer,
): Promise<{ request: ClientRequest; cut(): void }> {
  const before = partFiles(blobs).length;
  const req = request(`${baseUrl(app)}/v1/depots`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/octet-stream',
      'content-length': bytes.length,
    },
  });
  req.on('error', () => {});
  req.write(bytes.subarray(0, Math.floor(bytes.length / 2)));
  await until(() => partFiles(blobs).length > before);
  return { request: req, cut: () => req.destroy() };
}

/** `count` reads of the declarant's deposit list at once, over real connections: their statuses. */
export async function concurrentReads(app: FastifyInstance, token: string, count: number): Promise<number[]> {
  const url = `${baseUrl(app)}/v1/depots`;
  return Promise.all(
    Array.from({ length: count }, async () => {
      const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      await response.arrayBuffer();
      return response.status;
    }),
  );
}

/**
 * A TCP proxy in front of PostgreSQL that, once `armed`, cuts every connection it carries as soon
 * as a client sends a COPY statement: the database "drops" in the middle of a deposit's rows.
 */
export async function cuttingProxy(
  target: URL,
): Promise<{ port: number; armed: boolean; cuts: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const state = {
    port: 0,
    armed: false,
    cuts: 0,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  const server: Server = createServer((client) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    sockets.add(client).add(upstream);
    const cutAll = () => {
      state.cuts++;
      for (const socket of sockets) socket.destroy();
    };
    client.on('data', (chunk: Buffer) => {
      if (state.armed && chunk.includes('copy "')) return cutAll();
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    for (const socket of [client, upstream]) {
      socket.on('error', () => {});
      socket.on('close', () => {
        sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.port = (server.address() as { port: number }).port;
  return state;
}
