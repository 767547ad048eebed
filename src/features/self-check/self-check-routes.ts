import type { FastifyPluginAsync } from 'fastify';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { reportStyle } from '../../core/check/report-html.ts';
import { buildDirectory } from '../../platform/build-paths.ts';

/**
 * The browser self-check (`/auto-controle/`): a page whose script is the pure core (norm, parser,
 * checks, controls) bundled for the browser, so that a declarant checks a file without sending it.
 * The bundle is prebuilt by `scripts/build.mjs` into the build's `self-check/`; each norm version is
 * a chunk of its own, loaded when a file names it; the public reference tables are in the bundle
 * (`controls/data`).
 */

const page = `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<link rel="icon" href="/favicon.ico">
<title>Auto-contrôle d'une DSN ou d'une PASRAU — Relais</title>
<style>${reportStyle}
#depot{border:2px dashed #000091;background:#fff;padding:2rem;text-align:center}#depot.survol{background:#e3e3fd}
#etat{margin:1rem 0;font-weight:bold}label{cursor:pointer}
</style></head>
<body><header><h1>Relais — auto-contrôle</h1><p>DSN (P24V01 à P27V01) et PASRAU, selon la norme et ses contrôles officiels</p></header>
<main>
<section id="depot">
<p><label for="fichier">Choisissez un ou plusieurs fichiers de déclaration, ou déposez-les ici :</label></p>
<p><input type="file" id="fichier" multiple></p>
<p><label><input type="checkbox" id="technique"> contrôles techniques seulement (sans les contrôles officiels)</label></p>
<p class="hint">Les fichiers sont contrôlés dans votre navigateur : ils ne sont envoyés nulle part. Les mêmes contrôles que <code>relais check</code>.</p>
</section>
<p id="etat" role="status" aria-live="polite">Chargement…</p>
<div id="resultat"></div>
<noscript><p>Cette page a besoin de JavaScript : le contrôle s'exécute dans le navigateur. Sinon : <code>npx relais check FICHIER</code>.</p></noscript>
</main>
<script type="module" src="app.js"></script>
</body></html>
`;

export const selfCheckRoutes: FastifyPluginAsync = async (app) => {
  // The norm chunks are large JSON-like text: compressed (by the application's @fastify/compress,
  // see http-app.ts), they weigh a fraction.
  const directory = join(buildDirectory(), 'self-check');
  // Only the build's own files are served, whatever the request names.
  let files: Promise<Set<string>> | undefined;

  app.get('/auto-controle', { schema: { hide: true } }, async (_request, reply) =>
    reply.redirect('/auto-controle/'),
  );
  app.get('/auto-controle/', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/html; charset=utf-8').send(page),
  );
  app.get<{ Params: { file: string } }>(
    '/auto-controle/:file',
    { schema: { hide: true } },
    async (request, reply) => {
      const { file } = request.params;
      files ??= readdir(directory).then((names) => new Set(names.filter((name) => name.endsWith('.js'))));
      if (!(await files).has(file)) return reply.callNotFound();
      return reply
        .type('text/javascript; charset=utf-8')
        .header('cache-control', 'no-cache')
        .send(await readFile(join(directory, file)));
    },
  );
};
