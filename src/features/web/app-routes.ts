import type { FastifyPluginAsync } from 'fastify';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildDirectory } from '../../platform/build-paths.ts';

/**
 * The web application (`web/app/`, React and the State design system), built by
 * `scripts/build.mjs` into the build's `web/`: one page whose script routes in the browser, served
 * for every address under `/espace/`, and its files under `/app/`.
 */

export const appShell = `<!doctype html>
<html lang="fr" data-fr-scheme="light"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<link rel="icon" href="/favicon.ico"><link rel="stylesheet" href="/referentiel/dsfr/dsfr.min.css"><link rel="stylesheet" href="/app/app.css">
<title>Espace déclarant — Relais</title></head>
<body><div id="racine"><p class="fr-container fr-py-4w" role="status">Chargement de l’espace déclarant…</p></div>
<noscript><p>L’espace déclarant a besoin de JavaScript. Sans lui, l’API reste ouverte : voir /docs.</p></noscript>
<script type="module" src="/app/app.js"></script></body></html>
`;

const types: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  map: 'application/json; charset=utf-8',
  svg: 'image/svg+xml',
};

export const appRoutes: FastifyPluginAsync = async (app) => {
  const directory = join(buildDirectory(), 'web');
  // Only the build's own files are served, whatever the request names.
  let files: Promise<Set<string>> | undefined;

  const shell = async (_request: unknown, reply: import('fastify').FastifyReply) =>
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(appShell);
  app.get('/espace', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/espace/'));
  app.get('/espace/', { schema: { hide: true } }, shell);
  app.get('/espace/*', { schema: { hide: true } }, shell);
  app.get<{ Params: { file: string } }>('/app/:file', { schema: { hide: true } }, async (request, reply) => {
    const { file } = request.params;
    files ??= readdir(directory).then((names) => new Set(names));
    const type = types[file.slice(file.lastIndexOf('.') + 1)];
    if (!type || !(await files).has(file)) return reply.callNotFound();
    return reply
      .type(type)
      .header('cache-control', 'no-cache')
      .send(await readFile(join(directory, file)));
  });
};
