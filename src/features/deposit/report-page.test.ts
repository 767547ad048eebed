import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bytesOf,
  generatedDsn,
  intakeContext,
  memoryStore,
  setRubric,
} from '../../../test/deposit-helpers.ts';
import { buildApp } from '../../app/http-app.ts';
import { silentLogger } from '../../platform/log.ts';
import type { Store } from '../../platform/store/database.ts';
import { createDeclarant } from '../declarant/declarants.ts';

describe('the deposit report says whom and where each anomaly concerns', () => {
  let store: Store;
  let app: FastifyInstance;
  let authorization: string;
  let text: string;

  beforeAll(async () => {
    store = await memoryStore();
    // With the official controls, whose codes link to the referential.
    app = await buildApp({ ...intakeContext(store, { controls: undefined }), log: silentLogger() });
    text = await generatedDsn({ month: '2026-02', seed: 4, establishments: 1, employees: 4 });
    // The second individual born in the future; the third one's NIR malformed.
    text = setRubric(text, 'S21.G00.30.006', '01012090', 2);
    text = setRubric(text, 'S21.G00.30.001', '18505X5123456', 3);
    const siren = /^S21\.G00\.06\.001,'(\d{9})'/m.exec(text)![1]!;
    authorization = `Bearer ${(await createDeclarant(store.db, 'Entreprise', siren)).token}`;
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  it('in JSON and in HTML, with no NIR in clear in the page', async () => {
    const deposited = await app.inject({
      method: 'POST',
      url: '/v1/depots?fileName=fevrier.dsn',
      headers: { 'content-type': 'application/octet-stream', authorization },
      payload: bytesOf(text),
    });
    expect(deposited.statusCode).toBe(201);
    const { acknowledgement, report } = deposited.json();
    const future = report.diagnostics.find(
      (d: { code: string }) => d.code === 'S21.G00.30.006/CCH-11',
    ) as Record<string, unknown>;
    const individual = future['individual'] as { line: number; nir: string; name: string; number: string };
    const lines = text.split('\n');
    const nirLine = lines[individual.line - 1]!;
    expect(nirLine).toMatch(/^S21\.G00\.30\.001,'[\dAB]{13}'$/);
    expect(individual.nir).toBe(`*********${nirLine.slice(-5, -1)}`);
    expect(lines).toContain(`S21.G00.30.019,'${individual.number}'`);
    expect(future['siret']).toMatch(/^\d{14}$/);
    expect(future['controlPage']).toBe('/referentiel/#S21.G00.30.006/CCH-11');

    const page = await app.inject({
      url: `/v1/depots/${acknowledgement.depositId}/bilan?format=html`,
      headers: { authorization },
    });
    expect(page.body).toContain('<a href="/referentiel/#S21.G00.30.006/CCH-11"');
    expect(page.body).toContain(`${individual.name}<br><span class="hint">matricule ${individual.number}`);
    expect(page.body).toContain(`SIRET <code>${future['siret']}</code>`);
    const nirs = lines.filter((l) => l.startsWith('S21.G00.30.001,')).map((l) => l.slice(16, -1));
    expect(nirs).toContain('18505X5123456');
    for (const nir of nirs) expect(page.body).not.toContain(nir);
  });
});
