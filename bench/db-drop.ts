/**
 * `DATABASE_URL=postgres://… npx tsx bench/db-drop.ts`: a deposit whose PostgreSQL connection is cut
 * in the middle of its COPY (a TCP proxy in front of the server, `test/hardening-helpers.ts`), then
 * what the same process answers next (issue 23). Prints one JSON line: the failed deposit's status,
 * code and time, whether temporary files or rows were left, how long until `/ready` answers 200
 * again, and the status of the same file deposited again. Works in the schema relais_bench_drop.
 */
import { parseArgs } from 'node:util';
import { buildApp } from '../src/app/http-app.ts';
import { createDeclarant } from '../src/features/declarant/declarants.ts';
import { silentLogger } from '../src/platform/log.ts';
import { openStore } from '../src/platform/store/database.ts';
import { migrateToLatest } from '../src/platform/store/migrate.ts';
import { dropSchema, generatedDsn, intakeContext, tableSize } from '../test/deposit-helpers.ts';
import { cuttingProxy, partFiles } from '../test/hardening-helpers.ts';

const { values } = parseArgs({ options: { employees: { type: 'string', default: '200' } } });
const url = process.env['DATABASE_URL'];
if (!url) throw new Error('DATABASE_URL est requis (PostgreSQL).');
const schema = 'relais_bench_drop';
const direct = await openStore({ kind: 'postgres', url, schema });
await dropSchema(direct, schema);
await direct.close();
const store = await openStore({ kind: 'postgres', url, schema });
await migrateToLatest(store.db as never);

const text = await generatedDsn({
  month: '2026-02',
  seed: 23,
  establishments: 1,
  employees: Number(values.employees),
});
const siren = /^S21\.G00\.06\.001,'(\d{9})'/m.exec(text)![1]!;
const { token } = await createDeclarant(store.db, 'Banc', siren);
const proxy = await cuttingProxy(new URL(url));
const proxied = new URL(url);
proxied.hostname = '127.0.0.1';
proxied.port = String(proxy.port);
const cut = await openStore({ kind: 'postgres', url: proxied.toString(), schema, poolMax: 4 });
const intake = intakeContext(cut);
const app = await buildApp({ ...intake, log: silentLogger() });
const deposit = () =>
  app.inject({
    method: 'POST',
    url: '/v1/depots',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
    payload: Buffer.from(text, 'latin1'),
  });

proxy.armed = true;
let started = performance.now();
const failed = await deposit();
const failedMs = Math.round(performance.now() - started);
proxy.armed = false;
started = performance.now();
while ((await app.inject({ url: '/ready' })).statusCode !== 200) await new Promise((r) => setTimeout(r, 10));
const readyAgainMs = Math.round(performance.now() - started);
started = performance.now();
const again = await deposit();
console.log(
  JSON.stringify({
    bytes: text.length,
    cuts: proxy.cuts,
    failed: { status: failed.statusCode, code: failed.json().errors?.[0]?.code, ms: failedMs },
    leftTemporaryFiles: partFiles(intake.blobs).length,
    readyAgainMs,
    again: { status: again.statusCode, ms: Math.round(performance.now() - started) },
    depositsStored: await tableSize(store, 'deposit'),
    processAlive: true,
  }),
);
await app.close();
await cut.close();
await proxy.close();
await dropSchema(store, schema);
await store.close();
