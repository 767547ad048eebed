/**
 * `npx tsx bench/stall.ts [--stalled 1] [--probes 20]`: the latency of a request answered without
 * knowing the caller (a well-formed token no declarant has, 401) and of a deposit list read (200) while `--stalled`
 * uploads have sent half their body and then nothing (issue 23). On the embedded database in
 * memory, or on PostgreSQL when DATABASE_URL is set (pool of 10, schema relais_bench_stall). A probe that gets no answer in
 * 30 s counts as 30 s. Prints one JSON line.
 */
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { dropSchema, intakeContext, generatedDsn, memoryStore } from '../test/deposit-helpers.ts';
import { stalledDeposit } from '../test/hardening-helpers.ts';
import { buildApp } from '../src/app/http-app.ts';
import { createDeclarant } from '../src/features/declarant/declarants.ts';
import { silentLogger } from '../src/platform/log.ts';
import { openStore } from '../src/platform/store/database.ts';
import { migrateToLatest } from '../src/platform/store/migrate.ts';

const { values } = parseArgs({
  options: { stalled: { type: 'string', default: '1' }, probes: { type: 'string', default: '20' } },
});
const capMs = 30_000;
const url = process.env['DATABASE_URL'];
const schema = 'relais_bench_stall';
const store = url ? await openStore({ kind: 'postgres', url, poolMax: 10, schema }) : await memoryStore();
if (url) {
  await dropSchema(store, schema);
  await store.close();
}
const used = url ? await openStore({ kind: 'postgres', url, poolMax: 10, schema }) : store;
if (url) await migrateToLatest(used.db as never);
const text = await generatedDsn({ month: '2026-02', seed: 23, establishments: 1, employees: 3 });
const siren = /^S21\.G00\.06\.001,'(\d{9})'/m.exec(text)![1]!;
const { token } = await createDeclarant(used.db, 'Banc', siren);
const context = intakeContext(used);
const app = await buildApp({ ...context, log: silentLogger() });
await app.listen({ host: '127.0.0.1', port: 0 });
const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

const bytes = Buffer.from(text, 'latin1');
const stalled = await Promise.all(
  Array.from({ length: Number(values.stalled) }, () => stalledDeposit(app, context.blobs, token, bytes)),
);

async function probe(credential: string): Promise<{ ms: number; status: number | 'none' }> {
  const started = performance.now();
  try {
    const response = await fetch(`${base}/v1/depots`, {
      headers: { authorization: `Bearer ${credential}` },
      signal: AbortSignal.timeout(capMs),
    });
    await response.arrayBuffer();
    return { ms: performance.now() - started, status: response.status };
  } catch {
    return { ms: capMs, status: 'none' };
  }
}

const summary = (results: { ms: number; status: number | 'none' }[]) => {
  const ms = results.map((r) => r.ms).sort((a, b) => a - b);
  return {
    statuses: [...new Set(results.map((r) => r.status))],
    medianMs: Math.round(ms[ms.length >> 1]!),
    maxMs: Math.round(ms[ms.length - 1]!),
  };
};
const probes = Number(values.probes);
const wrongToken = await Promise.all(
  Array.from({ length: probes }, () => probe(`relais_0123456789abcdef_${'A'.repeat(43)}`)),
);
const reads = await Promise.all(Array.from({ length: probes }, () => probe(token)));
console.log(
  JSON.stringify({
    database: used.kind,
    stalled: stalled.length,
    probes,
    wrongToken: summary(wrongToken),
    reads: summary(reads),
  }),
);
for (const upload of stalled) upload.cut();
await app.close();
if (url) await dropSchema(used, schema);
await used.close();
process.exit(0);
