import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intakeContext, memoryStore } from '../../../test/deposit-helpers.ts';
import type { Store } from '../../platform/store/database.ts';
import { buildApp } from '../../app/http-app.ts';

const operatorToken = 'operateur-de-test-0123456789-abcdefghij';
const nir = '179127226906662';

describe('the retired DRM read addresses', () => {
  let store: Store;
  let app: FastifyInstance;
  const logLines: string[] = [];

  beforeAll(async () => {
    store = await memoryStore();
    const sink = new Writable({
      write(chunk, _encoding, done) {
        logLines.push(String(chunk));
        done();
      },
    });
    app = await buildApp({ ...intakeContext(store), log: pino({ level: 'debug' }, sink), operatorToken });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('answer 410 Gone naming the POST route that replaces each, and log neither NIR nor name', async () => {
    for (const [path, replacement] of [
      ['ressources?du=2026-01&au=2026-03', 'POST /v1/drm/ressources'],
      ['fenetres?mois=2026-06', 'POST /v1/drm/fenetres'],
    ] as const) {
      const response = await app.inject({
        url: `/v1/drm/individus/${nir}/${path}&nom=MICHEL&prenoms=ARNAUD&dateNaissance=1979-12-16`,
        headers: { authorization: `Bearer ${operatorToken}` },
      });
      expect(response.statusCode).toBe(410);
      expect(response.json().errors[0]).toMatchObject({
        code: 'DRM_ROUTE_GONE',
        detail: expect.stringContaining(replacement),
      });
    }
    const logs = logLines.join('');
    expect(logs).toContain('/v1/drm/individus/:nir/ressources');
    expect(logs).not.toContain(nir.slice(0, 13));
    expect(logs).not.toContain('MICHEL');
  });

  it('are documented as retired, beside the routes that replace them', async () => {
    const spec = (await app.inject({ url: '/openapi.json' })).json();
    expect(spec.paths['/v1/drm/individus/{nir}/ressources'].get.deprecated).toBe(true);
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(['/v1/drm/ressources', '/v1/drm/fenetres']),
    );
  });
});
