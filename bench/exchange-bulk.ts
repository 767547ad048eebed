/**
 * `tsx bench/exchange-bulk.ts [-- --persons 1000] [-- --lines 20000] [-- --chunk 1000]`: bulk reads
 * in persons per second, on PostgreSQL and on PGlite, side by side in one run.
 *
 * One generated monthly DSN of `--persons` employees is deposited through the normal ingestion,
 * then a lot of `--lines` lines (the persons over and over: each line is a full read, identity
 * check, minimisation and trace entry included) is submitted and read by the job runner, as the
 * server does. Measured: from the submission (NDJSON lines already split) to the lot's last
 * answer written, and the result read back as NDJSON.
 *
 * PostgreSQL: DATABASE_URL's server, or postgres://postgres@127.0.0.1:5432/test, in a schema of
 * its own (`relais_bench_exchange`, dropped at the end). Results: `bench/results/exchange-bulk.json`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { chunked, generatedDsn, intakeContext } from '../test/deposit-helpers.ts';
import { declaredPersons, paymentMonth } from '../test/drm-helpers.ts';
import { cafSiret, habilitatedBody, personLine } from '../test/exchange-callers.ts';
import { depositDsn } from '../src/features/deposit/deposit.ts';
import { bulkJobs } from '../src/features/exchange/bulk-jobs.ts';
import { tracedBulkRead } from '../src/features/exchange/bulk-read.ts';
import { lotResult, lotStatus, submitLot } from '../src/features/exchange/bulk.ts';
import { ephemeralTraceKeys } from '../src/features/exchange/trace/keys.ts';
import { JobRunner } from '../src/platform/jobs/runner.ts';
import { silentLogger } from '../src/platform/log.ts';
import { openStore, type Store } from '../src/platform/store/database.ts';
import { migrateToLatest } from '../src/platform/store/migrate.ts';

const { values } = parseArgs({
  options: {
    persons: { type: 'string', default: '1000' },
    lines: { type: 'string', default: '20000' },
    chunk: { type: 'string', default: '1000' },
  },
});
const persons = Number(values.persons);
const lineCount = Number(values.lines);
const chunk = Number(values.chunk);
if (!(persons >= 1 && persons <= 20_000 && lineCount >= 1 && lineCount <= 100_000 && chunk >= 1)) {
  throw new RangeError('--persons: 1 to 20,000; --lines: 1 to 100,000; --chunk: at least 1');
}

const schema = 'relais_bench_exchange';
const say = (text: string) => process.stderr.write(`${text}\n`);
const fr = (n: number) => Math.round(n).toLocaleString('fr-FR');

async function prepared(kind: 'postgres' | 'pglite'): Promise<Store> {
  if (kind === 'pglite') {
    const store = await openStore({ kind: 'pglite', dataDir: 'memory://' });
    const outcome = await migrateToLatest(store.db as never);
    if (outcome.error) throw outcome.error;
    return store;
  }
  const url = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
  const store = await openStore({ kind: 'postgres', url, schema, poolMax: 4 });
  await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(store.db);
  await sql`create schema ${sql.id(schema)}`.execute(store.db);
  const outcome = await migrateToLatest(store.db as never);
  if (outcome.error) throw outcome.error;
  return store;
}

async function measure(kind: 'postgres' | 'pglite', text: string) {
  const store = await prepared(kind);
  try {
    await depositDsn(
      { ...intakeContext(store), now: () => new Date(Date.now() - 60_000) },
      { source: chunked(text), declarant: null },
    );
    const people = declaredPersons(text);
    const month = paymentMonth(text);
    const caf = await habilitatedBody(store.db, { siret: cafSiret, depthMonths: 36 });
    const input = Array.from({ length: lineCount }, (_, i) => ({
      line: i + 1,
      text: personLine(people[i % people.length]!, `B-${i}`),
    }));
    const runner = new JobRunner(
      store.db,
      bulkJobs(tracedBulkRead(ephemeralTraceKeys()), chunk),
      silentLogger(),
    );
    const started = performance.now();
    const { id } = await submitLot(
      store.db,
      caf,
      { destinataire: cafSiret, finalite: 'RSA_PPA', du: month, au: month },
      input,
      'bench',
    );
    const submitted = performance.now();
    await runner.runUntilIdle();
    const read = performance.now();
    let bytes = 0;
    for await (const page of await lotResult(store.db, caf, id)) bytes += Buffer.byteLength(page);
    const fetched = performance.now();
    const status = await lotStatus(store.db, caf, id);
    if (status.traitees !== lineCount || status.refusees !== 0) {
      throw new Error(`lot ended with ${status.traitees} answered, ${status.refusees} refused`);
    }
    const seconds = (fetched - started) / 1000;
    return {
      database: kind,
      lines: lineCount,
      submitMs: Math.round(submitted - started),
      readMs: Math.round(read - submitted),
      resultMs: Math.round(fetched - read),
      resultBytes: bytes,
      personsPerSecond: Math.round(lineCount / seconds),
    };
  } finally {
    if (kind === 'postgres') await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(store.db);
    await store.close();
  }
}

say(`Génération d’une DSN de ${fr(persons)} salariés…`);
const text = await generatedDsn({ seed: 97, establishments: 1, employees: persons, month: '2026-03' });
const results = [];
for (const kind of ['postgres', 'pglite'] as const) {
  say(`${kind} : lot de ${fr(lineCount)} lignes…`);
  const result = await measure(kind, text);
  results.push(result);
  say(
    `${kind.padEnd(8)} ${fr(result.personsPerSecond).padStart(8)} personnes/s ` +
      `(dépôt du lot ${fr(result.submitMs)} ms, lecture ${fr(result.readMs)} ms, résultat ${fr(result.resultMs)} ms)`,
  );
}
const dir = join(import.meta.dirname, 'results');
mkdirSync(dir, { recursive: true });
writeFileSync(
  join(dir, 'exchange-bulk.json'),
  `${JSON.stringify({ at: new Date().toISOString(), persons, chunk, results }, null, 2)}\n`,
);
