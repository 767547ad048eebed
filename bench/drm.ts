/**
 * `npm run bench:drm [-- --persons N] [-- --months M] [-- --connections 10,50,100] [-- --duration S]`:
 * loads N persons × M months through the normal ingestion (`depositDsn`, COPY, lifecycle, identity
 * detection) into PostgreSQL, then loads the DRM read API with autocannon.
 *
 * Files: one company of up to 5,000 employees is generated once with `relais generate`
 * (`bench/files/drm-base-<B>.dsn`, git-ignored: the pay engine makes about 200 employees a second);
 * every month of every copy is derived from it in memory — new SIREN, NIRs numbered 0..N-1 after
 * the base's first seven characters, dates moved to the month — and deposited without touching
 * the disk (technical checks only: the official controls are measured by bench:ingest). The
 * server runs in its own process (`relais serve`), autocannon in this one; each request asks for
 * a random person's twelve months with the identity check. PostgreSQL: DATABASE_URL's server, or
 * postgres://postgres@127.0.0.1:5432/test; the bench creates the database `relais_bench_drm` and
 * drops it at the end (`--keep` to keep it), the deposited bytes go to a temporary folder removed
 * at the end. Results: `bench/results/drm.json`.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { readDsn } from '../src/check/events.ts';
import { deriveLines, personOf, writeLines } from '../src/drm/lines.ts';
import { withKey } from '../src/drm/nir.ts';
import { addMonths } from '../src/drm/months.ts';
import { BlobStore } from '../src/intake/blob-store.ts';
import { CopyBuffer } from '../src/intake/copy-buffer.ts';
import { depositDsn } from '../src/intake/deposit.ts';
import { silentLogger } from '../src/log.ts';
import type { Block } from '../src/parse/tree.ts';
import { openStore } from '../src/store/database.ts';
import { migrateToLatest } from '../src/store/migrate.ts';

const { values } = parseArgs({
  options: {
    persons: { type: 'string', default: '20000' },
    months: { type: 'string', default: '12' },
    connections: { type: 'string', default: '10,50,100' },
    duration: { type: 'string', default: '20' },
    keep: { type: 'boolean', default: false },
  },
});
const persons = Number(values.persons);
const monthCount = Number(values.months);
const perCompany = Math.min(persons, 5000);
const copies = Math.ceil(persons / perCompany);
if (!(persons > 0 && persons <= 1_000_000 && monthCount >= 1 && monthCount <= 24)) {
  throw new RangeError('--persons: 1 to 1,000,000; --months: 1 to 24');
}

const root = join(import.meta.dirname, '..');
const baseMonth = '2025-12';
const baseFile = join(root, 'bench', 'files', `drm-base-${perCompany}.dsn`);
const fr = (n: number, digits = 0) => n.toLocaleString('fr-FR', { maximumFractionDigits: digits });
const say = (text: string) => process.stderr.write(`${text}\n`);

if (!existsSync(baseFile)) {
  say(`Génération de ${baseFile} (${perCompany} salariés)…`);
  mkdirSync(join(root, 'bench', 'files'), { recursive: true });
  execFileSync(
    process.execPath,
    [
      join(root, 'bin', 'relais.js'),
      'generate',
      '--month',
      baseMonth,
      '--employees',
      String(perCompany),
    ].concat(['--seed', '7', '--out', baseFile]),
    { stdio: 'inherit' },
  );
}
const baseLines = readFileSync(baseFile, 'latin1').split('\n');

/** Luhn check digit making `body` + digit valid (SIREN, SIRET). */
function luhnComplete(body: string): string {
  for (let digit = 0; digit <= 9; digit++) {
    const candidate = body + digit;
    let sum = 0;
    for (let i = 0; i < candidate.length; i++) {
      let d = Number(candidate[candidate.length - 1 - i]);
      if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      sum += d;
    }
    if (sum % 10 === 0) return candidate;
  }
  throw new Error('unreachable');
}

const days = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
};
const mmyyyy = (month: string) => `${month.slice(5)}${month.slice(0, 4)}`;

/** The base text as parts: fixed text, or a slot rewritten per copy and month. */
type Part = string | { siren: true } | { person: number; prefix: string } | { date: string; shift: 0 | 1 };
const parts: Part[] = [];
const people: { nom: string; prenoms: string; naissance: string; nirPrefix: string }[] = [];
{
  let text = '';
  const flush = () => {
    if (text) parts.push(text);
    text = '';
  };
  const inBase = mmyyyy(baseMonth);
  const nextBase = mmyyyy(addMonths(baseMonth, 1));
  let current: (typeof people)[number] | null = null;
  for (const line of baseLines) {
    if (line === '') continue;
    const value = /^[^,]*,'(.*)'$/.exec(line)?.[1] ?? '';
    const rubric = line.slice(0, 14);
    if (rubric === 'S21.G00.06.001') {
      text += "S21.G00.06.001,'";
      flush();
      parts.push({ siren: true });
      text += "'\n";
    } else if (rubric === 'S21.G00.30.001') {
      current = { nom: '', prenoms: '', naissance: '', nirPrefix: value.slice(0, 7) };
      people.push(current);
      text += "S21.G00.30.001,'";
      flush();
      parts.push({ person: people.length - 1, prefix: value.slice(0, 7) });
      text += "'\n";
    } else if (/^\d{8}$/.test(value) && (value.slice(2) === inBase || value.slice(2) === nextBase)) {
      text += `${rubric},'`;
      flush();
      parts.push({ date: value.slice(0, 2), shift: value.slice(2) === inBase ? 0 : 1 });
      text += "'\n";
    } else {
      if (current !== null && rubric === 'S21.G00.30.002') current.nom = value;
      if (current !== null && rubric === 'S21.G00.30.004') current.prenoms = value;
      if (current !== null && rubric === 'S21.G00.30.006')
        current.naissance = `${value.slice(4)}-${value.slice(2, 4)}-${value.slice(0, 2)}`;
      text += `${line}\n`;
    }
  }
  flush();
}

/**
 * NIR of person `index` of copy `copy`: the base's first seven characters, then a unique commune
 * and order number (001 to 999 each, as the norm wants); past 998,001 persons the birth month
 * becomes a fictitious one (9x), which the norm allows.
 */
function nirOf(copy: number, index: number): string {
  const k = copy * perCompany + index;
  const rank = k % 998001;
  let prefix = people[index]!.nirPrefix;
  if (k >= 998001) prefix = `${prefix.slice(0, 3)}9${prefix[4]}${prefix.slice(5)}`;
  const three = (n: number) => String(n + 1).padStart(3, '0');
  return `${prefix}${three(Math.floor(rank / 999))}${three(rank % 999)}`;
}

function fileFor(copy: number, month: string): Buffer {
  const siren = luhnComplete(String(100000000 + copy * 7919).slice(0, 8));
  const out: string[] = [];
  for (const part of parts) {
    if (typeof part === 'string') out.push(part);
    else if ('siren' in part) out.push(siren);
    else if ('person' in part) out.push(nirOf(copy, part.person));
    else {
      const target = addMonths(month, part.shift);
      out.push(`${String(Math.min(Number(part.date), days(target))).padStart(2, '0')}${mmyyyy(target)}`);
    }
  }
  return Buffer.from(out.join(''), 'latin1');
}

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
await admin(`drop database if exists ${benchDb} with (force)`);
await admin(`create database ${benchDb}`);

interface LoadRow {
  connections: number;
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
  command: `npm run bench:drm -- --persons ${persons} --months ${monthCount} --connections ${values.connections} --duration ${values.duration}`,
  persons,
  months: monthCount,
  cpus: (await import('node:os')).cpus().length,
  node: process.version,
};

try {
  report['derivation'] = await derivationCost();
  const store = await openStore({ kind: 'postgres', url: benchUrl, poolMax: 4 });
  const migrated = await migrateToLatest(store.db as never);
  if (migrated.error) throw migrated.error;
  const ctx = {
    store,
    blobs: new BlobStore(join(blobDir, 'blobs')),
    log: silentLogger(),
    maxDepositBytes: 4e9,
    controls: [],
  };

  let bytes = 0;
  let decideMs = 0;
  let rows = 0;
  const monthSeconds: number[] = [];
  const started = performance.now();
  for (const [m, month] of months.entries()) {
    const monthStarted = performance.now();
    for (let copy = 0; copy < copies; copy++) {
      const file = fileFor(copy, month);
      bytes += file.length;
      // Filed on the 10th of the following month, in order, as the real chain would.
      const [y, mm] = month.split('-').map(Number) as [number, number];
      const filedAt = new Date(Date.UTC(y, mm, 10, 8, 0, copy));
      const outcome = await depositDsn(
        {
          ...ctx,
          now: () => filedAt,
          onTimings: (t) => {
            decideMs += t.decideMs;
            rows += t.rows;
          },
        },
        { source: [file], declarant: null, fileName: `bench-${copy}-${month}.dsn` },
      );
      if (outcome.status !== 'accepted') {
        throw new Error(
          `deposit ${copy} ${month} ${outcome.status}: ${JSON.stringify(outcome.report.groups)}`,
        );
      }
    }
    monthSeconds.push(Math.round(performance.now() - monthStarted) / 1000);
    say(
      `  ${month} : ${fr(copies * perCompany)} personnes en ${fr((performance.now() - monthStarted) / 1000, 1)} s ` +
        `(${m + 1}/${monthCount})`,
    );
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
  report['ingestion'] = {
    personMonths,
    seconds: Math.round(seconds * 10) / 10,
    personMonthsPerSecond: Math.round(personMonths / seconds),
    resourceLines: lines,
    resourceLinesPerSecond: Math.round(lines / seconds),
    rows,
    decideSeconds: Math.round(decideMs / 100) / 10,
    identityFlags: Number(flags.n),
    monthSeconds,
    megabytes: Math.round(bytes / 1e6),
    resourceLineTable: size.lines,
    databaseSize: size.database,
  };
  say(
    `Ingestion : ${fr(personMonths)} personnes-mois en ${fr(seconds, 1)} s, ` +
      `${fr(lines)} lignes de ressources (${fr(lines / seconds)} par seconde), ${fr(Number(flags.n))} signalement(s).`,
  );

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
    const pathFor = () => {
      const copy = Math.floor(Math.random() * copies);
      const index = Math.floor(Math.random() * perCompany);
      const p = people[index]!;
      return (
        `/v1/drm/individus/${withKey(nirOf(copy, index))}/ressources?du=${from}&au=${to}` +
        `&nom=${encodeURIComponent(p.nom)}&prenoms=${encodeURIComponent(p.prenoms)}&dateNaissance=${p.naissance}`
      );
    };
    const sample = await fetch(`http://127.0.0.1:${port}${pathFor()}`, {
      headers: { authorization: `Bearer ${token}` },
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
    const paths = Array.from({ length: 5000 }, () => ({ method: 'GET', path: pathFor() }));
    const autocannon = createRequire(import.meta.url)('autocannon') as (options: object) => Promise<Result>;
    const load: LoadRow[] = [];
    for (const connections of values.connections.split(',').map(Number)) {
      const result = await autocannon({
        url: `http://127.0.0.1:${port}`,
        connections,
        duration: Number(values.duration),
        headers: { authorization: `Bearer ${token}` },
        // Distinct persons drawn beforehand: drawing per request would load this process, which
        // shares the machine with the server and PostgreSQL.
        requests: paths,
      });
      const row = {
        connections,
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
        `  ${connections} connexions : ${fr(row.rps)} requêtes/s, p50 ${row.p50} ms, p90 ${row.p90} ms, ` +
          `p99 ${row.p99} ms (max ${row.max} ms), erreurs ${row.errors + row.non2xx}`,
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
