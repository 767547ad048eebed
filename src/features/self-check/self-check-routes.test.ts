import type { FastifyInstance } from 'fastify';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { withMemoryApp } from '../../../test/deposit-helpers.ts';

describe('browser self-check page (/auto-controle/)', () => {
  let app: FastifyInstance;
  withMemoryApp((opened) => (app = opened));

  it('is linked from the home page, with the referential and the API', async () => {
    const home = await app.inject({ url: '/' });
    expect(home.statusCode).toBe(200);
    for (const link of ['/auto-controle/', '/referentiel/', '/docs'])
      expect(home.body).toContain(`href="${link}"`);
  });

  it('serves the page, which loads its script and says the files stay in the browser', async () => {
    expect((await app.inject({ url: '/auto-controle' })).headers.location).toBe('/auto-controle/');
    const page = await app.inject({ url: '/auto-controle/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('<input type="file" id="fichier" multiple>');
    expect(page.body).toContain('<script type="module" src="app.js"></script>');
    expect(page.body).toContain('ils ne sont envoyés nulle part');
  });

  it('bundles the pure core for a worker, one chunk per norm version, compressed', async () => {
    const script = await app.inject({ url: '/auto-controle/app.js' });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toMatch(/^text\/javascript/);
    // The page hands the file to a worker, whose chunks are served too: each norm version is one.
    expect(script.body).toContain('"worker.js"');
    const worker = await app.inject({ url: '/auto-controle/worker.js' });
    expect(worker.statusCode).toBe(200);
    const imported = [...worker.body.matchAll(/"\.\/([\w.-]+\.js)"/g)].map((m) => m[1]!);
    expect(imported.some((name) => name.startsWith('P26V01-'))).toBe(true);
    const chunk = imported.find((name) => name.startsWith('P26V01-'))!;
    const plain = await app.inject({ url: `/auto-controle/${chunk}` });
    expect(plain.statusCode).toBe(200);
    const zipped = await app.inject({
      url: `/auto-controle/${chunk}`,
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
    expect(gunzipSync(zipped.rawPayload).toString()).toBe(plain.body);

    expect((await app.inject({ url: '/auto-controle/absent.js' })).statusCode).toBe(404);
    expect((await app.inject({ url: '/auto-controle/app.ts' })).statusCode).toBe(404);
  });
});
