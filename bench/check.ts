/**
 * `npm run bench:check`: speed and peak memory of `relais check` on generated files of about 4 MB,
 * 100 MB and 1 GB, side by side in one run with `wc -l` on the same file (the floor: reading the
 * bytes) and with @fibre44/dsn-parser (the existing TypeScript DSN parser, parse only). Every
 * measurement runs in its own process pinned to one core (`taskset -c 0` when available).
 *
 *   npm run bench:check                 # all sizes
 *   npm run bench:check -- --sizes 100mb --runs 3
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const root = join(import.meta.dirname, '..');
const files = join(root, 'bench', 'files');

interface Size {
  name: string;
  employees: number;
  establishments: number;
  /** Seconds after which the peer parser is stopped (it grows quadratically). */
  peerTimeout: number;
}

const sizes: Size[] = [
  { name: '4mb', employees: 1000, establishments: 1, peerTimeout: 600 },
  { name: '100mb', employees: 25_000, establishments: 2, peerTimeout: 300 },
  { name: '1gb', employees: 250_000, establishments: 20, peerTimeout: 0 },
];

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: sizes.map((s) => s.name).join(',') },
    runs: { type: 'string', default: '3' },
  },
});
const runs = Number(values.runs);
const wanted = sizes.filter((s) => values.sizes!.split(',').includes(s.name));
const pin = spawnSync('taskset', ['-c', '0', 'true']).status === 0 ? ['taskset', '-c', '0'] : [];

function ensureFile(size: Size): string {
  const path = join(files, `check-${size.name}.dsn`);
  if (existsSync(path)) return path;
  mkdirSync(files, { recursive: true });
  process.stderr.write(`génération de ${path} (${size.employees} salariés)…\n`);
  const run = spawnSync(
    process.execPath,
    [
      'bin/relais.js',
      'generate',
      '--month',
      '2026-01',
      '--employees',
      String(size.employees),
      '--establishments',
      String(size.establishments),
      '--seed',
      '1',
      '--out',
      path,
    ],
    { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  if (run.status !== 0) throw new Error('génération impossible');
  return path;
}

function timed(
  command: string[],
  timeoutSeconds = 0,
): { seconds: number; stdout: string; timedOut: boolean } {
  const started = performance.now();
  const run = spawnSync(command[0]!, command.slice(1), {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    ...(timeoutSeconds > 0 ? { timeout: timeoutSeconds * 1000 } : {}),
  });
  const seconds = (performance.now() - started) / 1000;
  const timedOut = run.signal === 'SIGTERM';
  if (run.status !== 0 && !timedOut) throw new Error(`${command.join(' ')} : ${run.stderr}`);
  return { seconds, stdout: run.stdout, timedOut };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

interface Measure {
  seconds: number;
  maxRssMB?: number;
  timedOut?: boolean;
}

function relais(path: string, mode: 'technical' | 'full'): Measure & { lines: number; blocking: number } {
  const results = Array.from({ length: runs }, () => {
    const out = timed([...pin, process.execPath, '--import', 'tsx', 'bench/run-check.ts', path, mode]);
    return JSON.parse(out.stdout.trim().split('\n').at(-1)!) as {
      seconds: number;
      maxRssMB: number;
      lines: number;
      blocking: number;
    };
  });
  const seconds = median(results.map((r) => r.seconds));
  return {
    seconds,
    maxRssMB: Math.max(...results.map((r) => r.maxRssMB)),
    lines: results[0]!.lines,
    blocking: results[0]!.blocking,
  };
}

function wc(path: string): Measure {
  // Warm the page cache first so every tool reads from memory.
  timed(['cat', path]);
  return { seconds: median(Array.from({ length: runs }, () => timed([...pin, 'wc', '-l', path]).seconds)) };
}

function peer(path: string, timeout: number): Measure {
  if (timeout === 0) return { seconds: NaN, timedOut: true };
  const out = timed([...pin, process.execPath, '--import', 'tsx', 'bench/run-fibre44.ts', path], timeout);
  if (out.timedOut) return { seconds: timeout, timedOut: true };
  const r = JSON.parse(out.stdout.trim().split('\n').at(-1)!) as { seconds: number; maxRssMB: number };
  return { seconds: r.seconds, maxRssMB: r.maxRssMB };
}

const mb = (bytes: number) => bytes / 1e6;
const rows: Record<string, unknown>[] = [];
const table: string[] = [
  '| Fichier | Taille | `wc -l` | Relais technique | Relais complet | @fibre44/dsn-parser | Relais / wc | Relais complet / technique | Relais / fibre44 | Mémoire max (technique / complet) |',
  '|---|---|---|---|---|---|---|---|---|---|',
];
for (const size of wanted) {
  const path = ensureFile(size);
  const bytes = statSync(path).size;
  const floor = wc(path);
  const technical = relais(path, 'technical');
  const full = relais(path, 'full');
  const fibre = peer(path, size.peerTimeout);
  const speed = (m: Measure) => `${(mb(bytes) / m.seconds).toFixed(0)} Mo/s`;
  const peerCell = fibre.timedOut
    ? Number.isNaN(fibre.seconds)
      ? 'non mesuré'
      : `> ${fibre.seconds} s (arrêté)`
    : `${fibre.seconds.toFixed(1)} s (${speed(fibre)})`;
  const peerRatio = fibre.timedOut
    ? Number.isNaN(fibre.seconds)
      ? '—'
      : `> ${(fibre.seconds / technical.seconds).toFixed(0)}×`
    : `${(fibre.seconds / technical.seconds).toFixed(0)}×`;
  table.push(
    `| ${size.employees.toLocaleString('fr-FR')} salariés | ${mb(bytes).toFixed(0)} Mo, ${technical.lines.toLocaleString('fr-FR')} lignes | ${speed(floor)} | ${speed(technical)} (${(technical.lines / technical.seconds / 1e6).toFixed(2)} M rubriques/s) | ${speed(full)} | ${peerCell} | ${((floor.seconds / technical.seconds) * 100).toFixed(0)} % de la vitesse de wc | ${(full.seconds / technical.seconds).toFixed(2)}× | ${peerRatio} plus rapide | ${technical.maxRssMB!.toFixed(0)} / ${full.maxRssMB!.toFixed(0)} Mo |`,
  );
  rows.push({ size: size.name, bytes, lines: technical.lines, wc: floor, technical, full, fibre44: fibre });
  if (technical.blocking > 0 || full.blocking > 0)
    process.stderr.write(`attention : ${path} a des anomalies bloquantes\n`);
}
const result = { date: new Date().toISOString(), node: process.version, pinned: pin.length > 0, runs, rows };
mkdirSync(join(root, 'bench', 'results'), { recursive: true });
writeFileSync(join(root, 'bench', 'results', 'check.json'), JSON.stringify(result, null, 2) + '\n');
process.stdout.write(table.join('\n') + '\n');
