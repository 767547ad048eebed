/**
 * `npm run bench:ingest [-- --employees N] [-- --pasrau] [-- --skip-pglite] [-- --runs 2]`: ingestion of
 * one large generated monthly declaration (DSN, or with `--pasrau` a PASRAU of N beneficiaries) into
 * PostgreSQL and into PGlite, with the check time measured apart.
 *
 * The file is `bench/files/ingest-<N>-P26V01.dsn` (or `ingest-<N>-PASRAU.pasrau`), generated with
 * `relais generate` when missing (git-ignored). PostgreSQL: DATABASE_URL, or postgres://postgres@127.0.0.1:5432/test; the bench
 * works in its own schema, dropped at the end. With `--runs N`, each check and PostgreSQL figure
 * is the fastest of N runs (the machine is shared); PGlite runs once.
 */
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { checkDsn } from '../src/core/check/check.ts';
import { BlobStore } from '../src/features/deposit/blob-store.ts';
import { depositDsn, type DepositTimings } from '../src/features/deposit/deposit.ts';
import { depositJobs } from '../src/features/deposit/deposit-jobs.ts';
import { JobRunner } from '../src/platform/jobs/runner.ts';
import { silentLogger } from '../src/platform/log.ts';
import { openStore, type StoreTarget } from '../src/platform/store/database.ts';
import { migrateToLatest } from '../src/platform/store/migrate.ts';

const { values } = parseArgs({
  options: {
    employees: { type: 'string', default: '100000' },
    pasrau: { type: 'boolean', default: false },
    'skip-pglite': { type: 'boolean', default: false },
    /** Runs of each PostgreSQL and check measure; the fastest is kept (the machine is shared). */
    runs: { type: 'string', default: '1' },
  },
});
const employees = Number(values.employees);
const runs = Math.max(1, Number(values.runs));
const root = join(import.meta.dirname, '..');
const pasrau = values.pasrau;
const people = pasrau ? 'bénéficiaires' : 'salariés';
const file = join(
  root,
  'bench',
  'files',
  pasrau ? `ingest-${employees}-PASRAU.pasrau` : `ingest-${employees}-P26V01.dsn`,
);

if (!existsSync(file)) {
  process.stderr.write(`Génération de ${file} (${employees} ${people})…\n`);
  const kind = pasrau ? ['--pasrau', '--payers', '4', '--beneficiaries'] : ['--employees'];
  execFileSync(
    process.execPath,
    [
      join(root, 'bin', 'relais.js'),
      'generate',
      '--month',
      '2026-03',
      ...kind,
      String(employees),
      '--seed',
      '7',
      '--out',
      file,
    ],
    { stdio: 'inherit' },
  );
}
const megabytes = statSync(file).size / 1e6;
const read = () => createReadStream(file, { highWaterMark: 1 << 20 });
const fr = (n: number, digits = 0) => n.toLocaleString('fr-FR', { maximumFractionDigits: digits });

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 200);

interface Row {
  what: string;
  seconds: number;
  individuals: number;
  rows?: number;
  timings?: DepositTimings;
  /** Running the jobs the deposit enqueued (the BRIN summary), counted in `seconds`. */
  summariseMs?: number;
  status?: string;
  rss: number;
}
const results: Row[] = [];

async function checkOnly(controls: 'all' | 'technical'): Promise<number> {
  let best: Row | null = null;
  let blocking = 0;
  for (let run = 0; run < runs; run++) {
    peakRss = 0;
    const started = performance.now();
    const report = await checkDsn(read(), { controls: controls === 'all' });
    const seconds = (performance.now() - started) / 1000;
    blocking = report.summary.blocking;
    const row = {
      what: `contrôle seul (relais check${controls === 'all' ? ', tous les contrôles' : ' --no-controls'})`,
      seconds,
      individuals: report.individuals,
      rss: peakRss,
    };
    if (!best || row.seconds < best.seconds) best = row;
  }
  results.push(best!);
  return blocking;
}

async function ingest(
  label: string,
  target: StoreTarget,
  controls: 'all' | 'technical',
  times = runs,
): Promise<void> {
  let best: Row | null = null;
  for (let run = 0; run < times; run++) {
    const row = await ingestOnce(label, target, controls);
    if (!best || row.seconds < best.seconds) best = row;
  }
  results.push(best!);
}

async function ingestOnce(label: string, target: StoreTarget, controls: 'all' | 'technical'): Promise<Row> {
  const store = await openStore(target);
  try {
    if (target.kind === 'postgres') {
      await sql`drop schema if exists relais_bench cascade`.execute(store.db);
      await sql`create schema relais_bench`.execute(store.db);
    }
    const migrated = await migrateToLatest(store.db as never);
    if (migrated.error) throw migrated.error;
    const blobs = new BlobStore(mkdtempSync(join(tmpdir(), 'relais-bench-blobs-')));
    let timings: DepositTimings | undefined;
    peakRss = 0;
    const started = performance.now();
    const outcome = await depositDsn(
      {
        store,
        blobs,
        log: silentLogger(),
        maxDepositBytes: 1e10,
        ...(controls === 'technical' ? { controls: [] } : {}),
        onTimings: (t) => (timings = t),
      },
      { source: read(), declarant: null, fileName: file },
    );
    const summarising = performance.now();
    await new JobRunner(store.db, depositJobs, silentLogger()).runUntilIdle();
    const summariseMs = performance.now() - summarising;
    const seconds = (performance.now() - started) / 1000;
    const row: Row = {
      what: `${label}, ${controls === 'all' ? 'tous les contrôles' : 'contrôles techniques seuls'}`,
      seconds,
      individuals: outcome.summary.individuals,
      rows: timings?.rows ?? 0,
      status: outcome.status,
      rss: peakRss,
      summariseMs,
      ...(timings ? { timings } : {}),
    };
    rmSync(blobs.root, { recursive: true, force: true });
    if (target.kind === 'postgres') await sql`drop schema relais_bench cascade`.execute(store.db);
    return row;
  } finally {
    await store.close();
  }
}

const databaseUrl = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const postgres: StoreTarget = { kind: 'postgres', url: databaseUrl, schema: 'relais_bench' };

const blocking = await checkOnly('all');
await checkOnly('technical');
// The generator and the control catalogue evolve apart: if the file is not conform under every
// control, its rows would not be written, so the store path is measured with the technical checks.
const controls = blocking === 0 ? 'all' : 'technical';
await ingest('PostgreSQL (COPY)', postgres, controls);
if (controls === 'all') await ingest('PostgreSQL (COPY)', postgres, 'technical');
if (!values['skip-pglite']) {
  const dir = mkdtempSync(join(tmpdir(), 'relais-bench-pglite-'));
  await ingest('PGlite (COPY /dev/blob)', { kind: 'pglite', dataDir: join(dir, 'pglite') }, controls, 1);
  rmSync(dir, { recursive: true, force: true });
}
clearInterval(sampler);

process.stdout.write(`\nFichier : ${file} (${fr(megabytes)} Mo, ${fr(employees)} ${people})\n`);
if (blocking > 0) {
  process.stdout.write(
    `Note : le fichier généré a ${fr(blocking)} anomalie(s) bloquante(s) pour le référentiel actuel ; l'intégration est mesurée avec les contrôles techniques seuls.\n`,
  );
}
process.stdout.write(
  '\n| Mesure | Durée (s) | Individus/s | Lignes/s | Attente de la base (s) | Résumé BRIN (s) | Mémoire max (Mo) | Résultat |\n|---|---:|---:|---:|---:|---:|---:|---|\n',
);
for (const r of results) {
  process.stdout.write(
    `| ${r.what} | ${fr(r.seconds, 1)} | ${fr(r.individuals / r.seconds)} | ${r.rows ? fr(r.rows / r.seconds) : '—'} | ` +
      `${r.timings ? fr(r.timings.waitedForDatabaseMs / 1000, 1) : '—'} | ${r.summariseMs !== undefined ? fr(r.summariseMs / 1000, 1) : '—'} | ` +
      `${fr(r.rss / 1e6)} | ${r.status ?? '—'} |\n`,
  );
}
