import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bytesOf,
  databaseUrl,
  dropSchema,
  generatedDsn,
  intakeContext,
  postgresStore,
  sayWhenSkipped,
  tableSize,
} from '../../../test/deposit-helpers.ts';
import {
  concurrentReads,
  cuttingProxy,
  partFiles,
  stalledDeposit,
  until,
} from '../../../test/hardening-helpers.ts';
import { buildApp } from '../../app/http-app.ts';
import { silentLogger } from '../../platform/log.ts';
import { openStore, type Store } from '../../platform/store/database.ts';
import { createDeclarant } from '../declarant/declarants.ts';
import type { BlobStore } from './blob-store.ts';

sayWhenSkipped('src/features/deposit/hardening.pg.test.ts');
const schema = 'relais_test_hardening';

describe.skipIf(!databaseUrl)('hardening (PostgreSQL)', () => {
  let store: Store;
  let app: FastifyInstance;
  let blobs: BlobStore;
  let token: string;
  let text: string;

  beforeAll(async () => {
    store = await postgresStore(schema);
    text = await generatedDsn({ month: '2026-02', seed: 23, establishments: 1, employees: 3 });
    const siren = /^S21\.G00\.06\.001,'(\d{9})'/m.exec(text)![1]!;
    token = (await createDeclarant(store.db, 'Entreprise', siren)).token;
  });
  afterAll(async () => {
    await app?.close();
    if (!store) return;
    await dropSchema(store, schema);
    await store.close();
  });

  it('serves 50 reads while more uploads stall than the pool has connections', async () => {
    const small = await openStore({ kind: 'postgres', url: databaseUrl!, schema, poolMax: 2 });
    const intake = intakeContext(small);
    blobs = intake.blobs;
    app = await buildApp({ ...intake, log: silentLogger() });
    await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const stalled = [];
      for (let i = 0; i < 3; i++) stalled.push(await stalledDeposit(app, blobs, token, bytesOf(text)));
      expect(await concurrentReads(app, token, 50)).toEqual(Array(50).fill(200));
      for (const upload of stalled) upload.cut();
      await until(() => partFiles(blobs).length === 0);
    } finally {
      await app.close();
      await small.close();
    }
  });

  it('fails a deposit whose database connection is cut mid-COPY with a coded 503, keeps serving, and reconnects', async () => {
    const url = new URL(databaseUrl!);
    const proxy = await cuttingProxy(url);
    const proxied = new URL(databaseUrl!);
    proxied.hostname = '127.0.0.1';
    proxied.port = String(proxy.port);
    const cut = await openStore({ kind: 'postgres', url: proxied.toString(), schema, poolMax: 4 });
    const intake = intakeContext(cut);
    blobs = intake.blobs;
    app = await buildApp({ ...intake, log: silentLogger() });
    const deposit = () =>
      app.inject({
        method: 'POST',
        url: '/v1/depots',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
        payload: bytesOf(text),
      });
    try {
      // Some idle connections in the pool too, which the cut also drops.
      expect(await concurrentReadsInjected(app, token, 4)).toEqual([200, 200, 200, 200]);
      proxy.armed = true;
      const failed = await deposit();
      expect(proxy.cuts).toBeGreaterThan(0);
      expect(failed.statusCode).toBe(503);
      expect(failed.json().errors[0]).toMatchObject({
        code: 'DATABASE_UNAVAILABLE',
        detail: expect.stringContaining("ce dépôt n'a pas été enregistré"),
      });
      expect(partFiles(blobs)).toEqual([]);
      expect(await tableSize(store, 'deposit')).toBe(0);
      proxy.armed = false;
      // The same process, new connections: reads, then the same file deposited whole.
      await until(async () => (await app.inject({ url: '/ready' })).statusCode === 200);
      expect(await concurrentReadsInjected(app, token, 4)).toEqual([200, 200, 200, 200]);
      const again = await deposit();
      expect(again.statusCode).toBe(201);
      expect(again.json().status).toBe('accepted');
      expect(await tableSize(store, 'deposit')).toBe(1);
    } finally {
      await app.close();
      await cut.close();
      await proxy.close();
    }
  });
});

async function concurrentReadsInjected(
  app: FastifyInstance,
  token: string,
  count: number,
): Promise<number[]> {
  const reads = Array.from({ length: count }, () =>
    app.inject({ url: '/v1/depots', headers: { authorization: `Bearer ${token}` } }),
  );
  return (await Promise.all(reads)).map((read) => read.statusCode);
}
