import type { FastifyInstance } from 'fastify';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { withMemoryApp } from '../../../test/deposit-helpers.ts';
import { buildReferential } from '../../core/controls/referential.ts';

describe('published referential over HTTP (/v1/controles, /referentiel/)', () => {
  let app: FastifyInstance;
  withMemoryApp((opened) => (app = opened));

  it('lists the controls, filtered by status, category and version', async () => {
    const referential = await buildReferential();
    const all = (await app.inject({ url: '/v1/controles' })).json();
    expect(all.total).toBe(referential.length);
    expect(all.controls[0]).toEqual({
      id: referential[0]!.id,
      category: referential[0]!.category,
      rubric: referential[0]!.rubric,
      severity: referential[0]!.severity,
      status: referential[0]!.status,
      message: referential[0]!.message,
      versions: referential[0]!.versions.map((v) => v.version),
      ...(referential[0]!.reason ? { reason: referential[0]!.reason } : {}),
    });

    const tables = (await app.inject({ url: '/v1/controles?status=needs-table&category=cre' })).json();
    expect(tables.total).toBeGreaterThan(0);
    for (const c of tables.controls) {
      expect(c).toMatchObject({ status: 'needs-table', category: 'CRE' });
      expect(c.reason.length).toBeGreaterThan(0);
    }

    const p27 = (await app.inject({ url: '/v1/controles?version=P27V01' })).json();
    const p24 = (await app.inject({ url: '/v1/controles?version=P24V01' })).json();
    expect(p27.total).toBe(referential.filter((e) => e.versions.some((v) => v.version === 'P27V01')).length);
    expect(p27.controls.map((c: { id: string }) => c.id)).not.toEqual(
      p24.controls.map((c: { id: string }) => c.id),
    );

    const wrong = await app.inject({ url: '/v1/controles?status=done' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0]).toMatchObject({
      code: 'REQUEST_INVALID',
      detail:
        'Le paramètre status doit être l’une des valeurs implemented, needs-table, not-applicable, missing.',
    });
  });

  it('shows one control whichever way its id is written, and names an unknown one', async () => {
    for (const url of [
      '/v1/controles/S21.G00.30.001/CCH-14',
      '/v1/controles/S21.G00.30.001%2FCCH-14',
      '/v1/controles/s21.g00.30.001/cch14',
      '/v1/controles/S21.G00.30.001%20CCH-14',
    ]) {
      const answer = await app.inject({ url });
      expect(answer.statusCode, url).toBe(200);
      const body = answer.json();
      expect(body).toMatchObject({ id: 'S21.G00.30.001/CCH-14', category: 'CCH', status: 'implemented' });
      expect(body.versions.map((v: { version: string }) => v.version)).toEqual([
        'P24V01',
        'P25V01',
        'P26V01',
        'P27V01',
      ]);
      expect(body.examples.some((e: { fails: boolean }) => e.fails)).toBe(true);
      expect(body.examples.some((e: { fails: boolean }) => !e.fails)).toBe(true);
    }
    const unknown = await app.inject({ url: '/v1/controles/S21.G00.30.001/CCH-99' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().errors[0]).toMatchObject({
      code: 'CONTROL_NOT_FOUND',
      title: 'Contrôle inconnu',
      source: { parameter: 'id' },
    });
    expect(unknown.json().errors[0].detail).toContain('S21.G00.30.001/CCH-99');
  });

  it('serves the searchable page with its data and styles, and nothing else of the package', async () => {
    const bare = await app.inject({ url: '/referentiel' });
    expect(bare.statusCode).toBe(302);
    expect(bare.headers.location).toBe('/referentiel/');

    const page = await app.inject({ url: '/referentiel/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('id="recherche"');
    expect(page.body).toContain('href="dsfr/dsfr.min.css"');

    const data = await app.inject({ url: '/referentiel/controls.json' });
    expect(data.json()).toHaveLength((await buildReferential()).length);

    const css = await app.inject({ url: '/referentiel/dsfr/dsfr.min.css' });
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toMatch(/^text\/css/);
    const icon = await app.inject({ url: '/referentiel/dsfr/icons/system/fr--info-fill.svg' });
    expect(icon.statusCode).toBe(200);
    const outside = await app.inject({ url: '/referentiel/dsfr/dsfr.module.min.js' });
    expect(outside.statusCode).toBe(404);
  });

  it('documents the routes in the OpenAPI document', async () => {
    const paths = Object.keys((await app.inject({ url: '/openapi.json' })).json().paths);
    expect(paths).toEqual(expect.arrayContaining(['/v1/controles', '/v1/controles/{id}']));
  });

  it('serves the referential page compressed to a client that accepts it, whole to one that does not', async () => {
    const plain = await app.inject({ url: '/referentiel/' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.length).toBeGreaterThan(1_000_000);
    const gzip = await app.inject({ url: '/referentiel/', headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.headers['vary']).toMatch(/accept-encoding/i);
    expect(gzip.rawPayload.length).toBeLessThan(plain.rawPayload.length / 4);
    expect(gunzipSync(gzip.rawPayload).equals(plain.rawPayload)).toBe(true);
    const br = await app.inject({ url: '/referentiel/', headers: { 'accept-encoding': 'br, gzip' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.rawPayload).equals(plain.rawPayload)).toBe(true);
    const json = await app.inject({
      url: '/referentiel/controls.json',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(json.headers['content-encoding']).toBe('gzip');
  });
});
