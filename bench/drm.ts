/**
 * `npm run bench:drm [-- --persons N] [-- --months M] [-- --workers W] [-- --connections 10,50,100]
 * [-- --rates 500,1000] [-- --duration S] [-- --keep] [-- --reuse]`: loads N persons × M months
 * through the normal ingestion (`depositDsn`: technical checks, COPY, lifecycle, identity
 * detection) into PostgreSQL, then loads the DRM read API with autocannon.
 *
 * Files: see bench/drm-company.ts; each month of each company is derived in memory and deposited
 * by one of W depositing processes (bench/drm-depositor.ts, default 2: one per core, as several
 * declarants file at once). Technical checks only: the official controls are measured by
 * bench:ingest. Past a million person-months each file is dropped from the blob store once
 * deposited (it is still written and synced first): twelve million would not fit on the disk.
 *
 * Reads: the server runs in its own process (`relais serve`), autocannon in this one; each request
 * asks for a random person's months with the identity check. `--connections`: closed loop, as many
 * requests as the connections can make; `--rates`: open loop, that many requests per second over
 * 100 connections, to read the latency at a given throughput.
 *
 * PostgreSQL: DATABASE_URL's server, or postgres://postgres@127.0.0.1:5432/test; the bench creates
 * the database `relais_bench_drm` and drops it at the end (`--keep` keeps it; `--reuse` then reads
 * from it again without loading, when it holds N × M lines). Results: `bench/results/drm.json`.
 */
import { fork, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { sql } from 'kysely';
import pg from 'pg';
import { readDsn } from '../src/core/check/events.ts';
import { deriveLines, personOf, writeLines } from '../src/features/drm/lines.ts';
import { withKey } from '../src/features/drm/nir.ts';
import { addMonths } from '../src/features/drm/months.ts';
import { CopyBuffer } from '../src/platform/store/copy-buffer.ts';
import type { Block } from '../src/core/parse/tree.ts';
import { openStore } from '../src/platform/store/database.ts';
import { migrateToLatest } from '../src/platform/store/migrate.ts';
import { BenchCompany, baseMonth } from './drm-company.ts';
import type { DepositJob, DepositorAnswer, DepositorSetup } from './drm-depositor.ts';

const { values } = parseArgs({
  options: {
    persons: { type: 'string', default: '20000' },
    months: { type: 'string', default: '12' },
    workers: { type: 'string', default: '2' },
    connections: { type: 'string', default: '10,50,100' },
    rates: { type: 'string', default: '500,1000' },
    duration: { type: 'string', default: '20' },
    keep: { type: 'boolean', default: false },
    reuse: { type: 'boolean', default: false },
  },
});
const persons = Number(values.persons);
const monthCount = Number(values.months);
const perCompany = Math.min(persons, 5000);
const copies = Math.ceil(persons / perCompany);
const workers = Number(values.workers);
if (!(
  persons > 0 &&
  persons <= 1_000_000 &&
  monthCount >= 1 &&
  monthCount <= 24 &&
  workers >= 1 &&
  workers <= 16
)) {
  throw new RangeError('--persons: 1 to 1,000,000; --months: 1 to 24; --workers: 1 to 16');
}

const root = join(import.meta.dirname, '..');
const fr = (n: number, digits = 0) => n.toLocaleString('fr-FR', { maximumFractionDigits: digits });
const say = (text: string) => process.stderr.write(`${text}\n`);
const company = new BenchCompany(root, perCompany, say);
const { people, baseLines } = company;

/**
 * What deriving the lines costs the ingestion, apart from the database: every individual of the
 * base file turned into its resource lines in COPY format, as the ingestion does while streaming.
 */
async function derivationCost(): Promise<{ individuals: number; microsecondsPerIndividual: number }> {
  const units: Block[] = [];
  for await (const event of readDsn([Buffer.from(baseLines.join('\n'), 'latin1')])) {
    if (event.kind === 'unit' && event.unit.id === 'S21.G00.30') units.push(event.unit);
  }
  const out = new CopyBuffer();
  const context = { key: '1024', payerSiret: '73282932000074', source: 'DSN', kind: 'SALAIRE' } as const;
  let best = Infinity;
  for (let run = 0; run < 5; run++) {
    out.clear();
    const started = performance.now();
    for (const unit of units) {
      const person = personOf(unit);
      if (person !== null) writeLines(person, deriveLines(unit), context, out, out);
    }
    best = Math.min(best, performance.now() - started);
  }
  return {
    individuals: units.length,
    microsecondsPerIndividual: Math.round((best * 1000 * 100) / units.length) / 100,
  };
}

const serverUrl = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const benchDb = 'relais_bench_drm';
const benchUrl = (() => {
  const url = new URL(serverUrl);
  url.pathname = `/${benchDb}`;
  return url.toString();
})();

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

const months = Array.from({ length: monthCount }, (_, i) => addMonths(baseMonth, i - monthCount + 1));
const blobDir = mkdtempSync(join(tmpdir(), 'relais-bench-drm-'));

interface LoadRow {
  /** `ressources`: the DRM read; `health`: the baseline, an answer with no database work. */
  route: 'ressources' | 'health';
  connections: number;
  /** Requests per second asked of autocannon (null: as many as the connections can make). */
  rate: number | null;
  requests: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  errors: number;
  non2xx: number;
}
const report: Record<string, unknown> = {
  command:
    `npm run bench:drm -- --persons ${persons} --months ${monthCount} --workers ${workers} ` +
    `--connections ${values.connections} --rates ${values.rates} --duration ${values.duration}`,
  persons,
  months: monthCount,
  cpus: (await import('node:os')).cpus().length,
  node: process.version,
};

/** Resource lines already loaded by an earlier `--keep` run (null: no such database). */
async function loadedLines(): Promise<number | null> {
  const client = new pg.Client({ connectionString: benchUrl });
  try {
    await client.connect();
    const { rows } = await client.query<{ n: string }>('select count(*) as n from resource_line');
    return Number(rows[0]!.n);
  } catch {
    return null;
  } finally {
    await client.end().catch(() => {});
  }
}

/** Deposits every copy of every month, month after month, through `workers` depositing processes. */
async function load(): Promise<Record<string, unknown>> {
  await admin(`drop database if exists ${benchDb} with (force)`);
  await admin(`create database ${benchDb}`);
  const store = await openStore({ kind: 'postgres', url: benchUrl, poolMax: 2 });
  const migrated = await migrateToLatest(store.db as never);
  if (migrated.error) throw migrated.error;
  const setup: DepositorSetup = {
    url: benchUrl,
    blobDir: join(blobDir, 'blobs'),
    perCompany,
    discardFiles: persons * monthCount > 1_000_000,
  };
  const children = Array.from({ length: workers }, () =>
    fork(join(import.meta.dirname, 'drm-depositor.ts'), [JSON.stringify(setup)], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    }),
  );
  await Promise.all(children.map((child) => new Promise((resolve) => child.once('message', resolve))));

  let bytes = 0;
  let rows = 0;
  const spent = { readMs: 0, waitedForDatabaseMs: 0, decideMs: 0, summariseMs: 0 };
  const monthSeconds: number[] = [];
  const started = performance.now();
  const progress = new cliProgress.SingleBar(
    {
      format: '  {bar} {value}/{total} déclarations · {month} · {rate} personnes-mois/s',
      stream: process.stderr,
      // Also when the output is a log file: a long load must say where it is.
      noTTYOutput: true,
      notTTYSchedule: 30_000,
    },
    cliProgress.Presets.shades_classic,
  );
  progress.start(copies * monthCount, 0, { month: months[0], rate: '…' });
  try {
    for (const month of months) {
      const monthStarted = performance.now();
      let next = 0;
      // Each process takes the next company of the month as soon as it is free; the month is
      // finished before the next one starts, as declarations of a month are filed together.
      await Promise.all(
        children.map(async (child) => {
          while (next < copies) {
            const job: DepositJob = { copy: next++, month };
            const answer = await new Promise<DepositorAnswer>((resolve) => {
              child.once('message', resolve);
              child.send(job);
            });
            if ('failed' in answer) throw new Error(`deposit ${job.copy} ${month}: ${answer.message}`);
            bytes += answer.bytes;
            rows += answer.timings.rows;
            for (const key of Object.keys(spent) as (keyof typeof spent)[]) spent[key] += answer.timings[key];
            const done = progress.getProgress() * progress.getTotal() + 1;
            progress.increment(1, {
              month,
              rate: fr((done * perCompany) / ((performance.now() - started) / 1000)),
            });
          }
        }),
      );
      monthSeconds.push(Math.round(performance.now() - monthStarted) / 1000);
    }
  } finally {
    progress.stop();
    for (const child of children) child.send('stop');
    await Promise.all(children.map((child) => new Promise((resolve) => child.once('exit', resolve))));
  }
  const seconds = (performance.now() - started) / 1000;
  const counts = await store.db
    .selectFrom('resource_line')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const flags = await store.db
    .selectFrom('identity_flag')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const lines = Number(counts.n);
  const size = await store.db
    .selectNoFrom((eb) => [
      eb
        .fn<string>('pg_size_pretty', [eb.fn('pg_total_relation_size', [eb.val('resource_line')])])
        .as('lines'),
      eb.fn<string>('pg_size_pretty', [eb.fn('pg_database_size', [eb.val(benchDb)])]).as('database'),
    ])
    .executeTakeFirstOrThrow();
  await sql`vacuum analyze`.execute(store.db);
  await store.close();
  const personMonths = copies * perCompany * monthCount;
  say(
    `Ingestion : ${fr(personMonths)} personnes-mois en ${fr(seconds, 1)} s, ` +
      `${fr(lines)} lignes de ressources (${fr(lines / seconds)} par seconde), ${fr(Number(flags.n))} signalement(s).`,
  );
  return {
    workers,
    personMonths,
    seconds: Math.round(seconds * 10) / 10,
    personMonthsPerSecond: Math.round(personMonths / seconds),
    resourceLines: lines,
    resourceLinesPerSecond: Math.round(lines / seconds),
    rows,
    // Where the depositing processes spent their time (summed over processes): reading and
    // streaming rows (of which waiting for COPY), lifecycle and identity flags up to the commit,
    // BRIN summaries after it.
    phaseSeconds: Object.fromEntries(
      Object.entries(spent).map(([k, ms]) => [k.replace(/Ms$/, ''), Math.round(ms / 100) / 10]),
    ),
    identityFlags: Number(flags.n),
    monthSeconds,
    megabytes: Math.round(bytes / 1e6),
    resourceLineTable: size.lines,
    databaseSize: size.database,
  };
}

try {
  report['derivation'] = await derivationCost();
  const already = values.reuse ? await loadedLines() : null;
  if (already === persons * monthCount) {
    say(`Base ${benchDb} reprise telle quelle : ${fr(already)} lignes de ressources (--reuse).`);
    report['ingestion'] = { reused: true, resourceLines: already };
  } else {
    if (values.reuse)
      say(`--reuse : la base ${benchDb} ne contient pas ${fr(persons * monthCount)} lignes, chargement.`);
    report['ingestion'] = await load();
  }

  const token = `bench-operator-${Math.random().toString(36).slice(2)}-0123456789abcdef`;
  const port = 3999;
  const server = spawn(process.execPath, [join(root, 'bin', 'relais.js'), 'serve', '--port', String(port)], {
    env: {
      ...process.env,
      DATABASE_URL: benchUrl,
      RELAIS_OPERATOR_TOKEN: token,
      RELAIS_DATA_DIR: blobDir,
      RELAIS_PG_POOL_MAX: '20',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    for (let i = 0; ; i++) {
      const up = await fetch(`http://127.0.0.1:${port}/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (up) break;
      if (i > 100) throw new Error('server did not start');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    // A payment dated the next month (the base company may pay on the 1st to 5th) counts there.
    const to = addMonths(months.at(-1)!, 1);
    const from = months[0]!;
    // The operator's purpose-bound read, traced like a body's (see features/exchange/read-routes.ts).
    const bodyFor = () => {
      const copy = Math.floor(Math.random() * copies);
      const index = Math.floor(Math.random() * perCompany);
      const p = people[index]!;
      return JSON.stringify({
        nir: withKey(company.nirOf(copy, index)),
        nom: p.nom,
        prenoms: p.prenoms,
        dateNaissance: p.naissance,
        du: from,
        au: to,
        finalite: 'RSA_PPA',
        dossier: 'BENCH',
      });
    };
    const sample = await fetch(`http://127.0.0.1:${port}/v1/drm/ressources`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: bodyFor(),
    });
    const body = (await sample.json()) as { months?: { lines: unknown[] }[] };
    if (sample.status !== 200 || body.months?.reduce((n, m) => n + m.lines.length, 0) !== monthCount) {
      throw new Error(`sample request: ${sample.status} ${JSON.stringify(body).slice(0, 300)}`);
    }
    type Result = {
      requests: { total: number; average: number };
      latency: { p50: number; p90: number; p99: number; max: number };
      errors: number;
      non2xx: number;
    };
    const paths = Array.from({ length: 5000 }, () => ({
      method: 'POST',
      path: '/v1/drm/ressources',
      headers: { 'content-type': 'application/json' },
      body: bodyFor(),
    }));
    const autocannon = createRequire(import.meta.url)('autocannon') as (options: object) => Promise<Result>;
    const load: LoadRow[] = [];
    const scenarios = [
      ...values.connections
        .split(',')
        .filter(Boolean)
        .map((c) => ({ route: 'ressources' as const, connections: Number(c), rate: null })),
      ...values.rates
        .split(',')
        .filter(Boolean)
        .flatMap((r) => [
          { route: 'ressources' as const, connections: 100, rate: Number(r) },
          // Side by side at the same rate: what the machine (load generator, HTTP stack) costs alone.
          { route: 'health' as const, connections: 100, rate: Number(r) },
        ]),
    ];
    for (const { route, connections, rate } of scenarios) {
      const result = await autocannon({
        url: `http://127.0.0.1:${port}`,
        connections,
        ...(rate === null ? {} : { overallRate: rate }),
        duration: Number(values.duration),
        headers: { authorization: `Bearer ${token}` },
        // Distinct persons drawn beforehand: drawing per request would load this process, which
        // shares the machine with the server and PostgreSQL.
        requests: route === 'health' ? [{ method: 'GET', path: '/health' }] : paths,
      });
      const row: LoadRow = {
        route,
        connections,
        rate,
        requests: result.requests.total,
        rps: Math.round(result.requests.average),
        p50: result.latency.p50,
        p90: result.latency.p90,
        p99: result.latency.p99,
        max: result.latency.max,
        errors: result.errors,
        non2xx: result.non2xx,
      };
      load.push(row);
      say(
        `  ${route === 'health' ? '/health (témoin)' : 'ressources'}, ${connections} connexions${rate === null ? '' : `, ${fr(rate)} demandées/s`} : ${fr(row.rps)} requêtes/s, ` +
          `p50 ${row.p50} ms, p90 ${row.p90} ms, p99 ${row.p99} ms (max ${row.max} ms), erreurs ${row.errors + row.non2xx}`,
      );
    }
    report['read'] = load;
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
  }
  mkdirSync(join(root, 'bench', 'results'), { recursive: true });
  writeFileSync(join(root, 'bench', 'results', 'drm.json'), `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
} finally {
  rmSync(blobDir, { recursive: true, force: true });
  if (!values.keep) await admin(`drop database if exists ${benchDb} with (force)`);
}
