/**
 * `npm run bench:start [-- --runs 10]`: how long a user waits for `relais --help` and for
 * `relais check` of a 5-employee file (`bench/files/start-5.dsn`, generated once), each command a
 * new Node process measured end to end, as a shell starts it. BEFORE runs the TypeScript sources
 * through tsx, as bin/relais.js did before the build (`bench/relais-tsx.mjs`); AFTER runs
 * bin/relais.js on the compiled build. The runs alternate, so that both see the same machine load;
 * one run of each, not counted, warms the file cache. `node -e ''` runs alongside: Node's own start
 * on the machine at the time, the floor of both. Peak memory comes from `/usr/bin/time` when it is
 * there. Results in `bench/results/start.json`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { currentBuild } from '../scripts/build-state.cjs';
import { build } from '../scripts/build.mjs';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '10' } } });
const runs = Math.max(1, Number(values.runs));
const root = join(import.meta.dirname, '..');
const targetMs = { help: 150, check: 250 };

// AFTER measures starts, not a build: the build is made current first.
if (currentBuild().state !== 'current') await build();

const small = join(root, 'bench', 'files', 'start-5.dsn');
if (!existsSync(small)) {
  mkdirSync(join(root, 'bench', 'files'), { recursive: true });
  const args = ['generate', '--month', '2026-01', '--employees', '5', '--seed', '1', '--out', small];
  const run = spawnSync(process.execPath, ['bin/relais.js', ...args], { cwd: root, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`génération de ${small} impossible : ${run.stderr}`);
}

const variants = {
  before: join(root, 'bench', 'relais-tsx.mjs'),
  after: join(root, 'bin', 'relais.js'),
} as const;
type Variant = keyof typeof variants;
const commands = { help: ['--help'], check: ['check', small] } as const;
type CommandName = keyof typeof commands;

const time = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const scratch = mkdtempSync(join(tmpdir(), 'relais-bench-start-'));

interface Run {
  ms: number;
  rssMB?: number;
}

function measure(node: string[]): Run {
  const memory = join(scratch, 'time');
  const argv = time ? [time, '-f', '%M', '-o', memory, ...node] : node;
  const started = performance.now();
  const run = spawnSync(argv[0]!, argv.slice(1), { cwd: root, encoding: 'utf8' });
  const ms = performance.now() - started;
  if (run.status !== 0) throw new Error(`${node.join(' ')} : code ${run.status}\n${run.stderr}`);
  return time ? { ms, rssMB: Number(readFileSync(memory, 'utf8').trim()) / 1024 } : { ms };
}

const once = (variant: Variant, command: CommandName) =>
  measure([process.execPath, variants[variant], ...commands[command]]);
// Node's own start, measured alongside, tells how fast the machine is at the time.
const nodeAlone = () => measure([process.execPath, '-e', '']);

const results: Record<Variant, Record<CommandName, Run[]>> = {
  before: { help: [], check: [] },
  after: { help: [], check: [] },
};
const floor: Run[] = [];
const load = loadavg();
for (const command of Object.keys(commands) as CommandName[])
  for (const variant of Object.keys(variants) as Variant[]) once(variant, command);
for (let i = 0; i < runs; i++) {
  floor.push(nodeAlone());
  for (const command of Object.keys(commands) as CommandName[])
    for (const variant of Object.keys(variants) as Variant[])
      results[variant][command].push(once(variant, command));
}
rmSync(scratch, { recursive: true, force: true });

function summary(list: Run[]) {
  const ms = list.map((r) => r.ms).sort((a, b) => a - b);
  const middle = ms.length >> 1;
  const median = ms.length % 2 === 1 ? ms[middle]! : (ms[middle - 1]! + ms[middle]!) / 2;
  const rss = list.flatMap((r) => (r.rssMB === undefined ? [] : [r.rssMB]));
  return {
    medianMs: Math.round(median),
    minMs: Math.round(ms[0]!),
    maxMs: Math.round(ms.at(-1)!),
    ...(rss.length > 0 ? { peakRssMB: Math.round(Math.max(...rss)) } : {}),
  };
}

const labels: Record<CommandName, string> = {
  help: '`relais --help`',
  check: '`relais check` (5 salariés)',
};
const rows = (Object.keys(commands) as CommandName[]).map((command) => {
  const before = summary(results.before[command]);
  const after = summary(results.after[command]);
  return {
    command,
    before,
    after,
    ratio: Number((before.medianMs / after.medianMs).toFixed(1)),
    target: targetMs[command],
  };
});
const memory = (s: { peakRssMB?: number }) => (s.peakRssMB === undefined ? '—' : `${s.peakRssMB} Mo`);
const table = [
  `| Commande | Avant (tsx) : médiane [min–max] | Après (dist/) : médiane [min–max] | Gain | Mémoire max avant / après | Cible |`,
  '|---|---|---|---|---|---|',
  ...rows.map(
    (r) =>
      `| ${labels[r.command]} | ${r.before.medianMs} ms [${r.before.minMs}–${r.before.maxMs}] | ${r.after.medianMs} ms [${r.after.minMs}–${r.after.maxMs}] | ${r.ratio.toLocaleString('fr-FR')}× | ${memory(r.before)} / ${memory(r.after)} | ≤ ${r.target} ms : ${r.after.medianMs <= r.target ? 'atteinte' : 'manquée'} |`,
  ),
];
const alone = summary(floor);
const result = {
  date: new Date().toISOString(),
  node: process.version,
  loadAverage: load,
  runs,
  nodeAlone: alone,
  rows,
};
mkdirSync(join(root, 'bench', 'results'), { recursive: true });
writeFileSync(join(root, 'bench', 'results', 'start.json'), JSON.stringify(result, null, 2) + '\n');
const loads = load.map((l) => l.toFixed(1).replace('.', ',')).join(' ; ');
process.stdout.write(
  `${runs} démarrages à froid de chaque, en alternance (Node seul, \`node -e ''\` : ${alone.medianMs} ms ; ` +
    `charge de la machine au début : ${loads}) :\n\n${table.join('\n')}\n`,
);
