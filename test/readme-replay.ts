import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * A newcomer's checkout for the README replay: the files git knows (tracked, or new and not
 * ignored) copied as they are in the working tree, so that an uncommitted README is replayed too;
 * no data/, no dist/. `npm install` is the one step not run as typed: the dependencies are linked
 * from this checkout (CI installs them from scratch in a fresh clone just before).
 */
export function newcomerCheckout(root: string): string {
  const checkout = mkdtempSync(join(tmpdir(), 'relais-readme-'));
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (listed.status !== 0) throw new Error(`git ls-files : ${listed.stderr}`);
  for (const file of listed.stdout.split('\0').filter(Boolean)) {
    const target = join(checkout, file);
    mkdirSync(dirname(target), { recursive: true });
    cpSync(join(root, file), target, { force: true, errorOnExist: false });
  }
  symlinkSync(join(root, 'node_modules'), join(checkout, 'node_modules'), 'dir');
  return checkout;
}

export function removeCheckout(checkout: string): void {
  rmSync(checkout, { recursive: true, force: true });
}

/** A port nobody listens on, for the replay's server (the README's 3000 may be in use). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface Run {
  code: number | null;
  output: string;
}

/** Runs a command line the way a shell does, variables set by earlier lines (`OP=$(…)`) included. */
export function runLine(line: string, cwd: string, env: NodeJS.ProcessEnv, timeoutMs: number): Run {
  const run = spawnSync('bash', ['-c', line], { cwd, env, encoding: 'utf8', timeout: timeoutMs });
  return { code: run.status, output: `${run.stdout}${run.stderr}` };
}

/** A command left running (`npm start`, `… &`), until `ready` shows in its output. */
export function startInBackground(
  line: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
  ready: RegExp,
  timeoutMs: number,
): Promise<{ process: ChildProcess; output: () => string }> {
  // Its own process group, stopped whole by `stop`.
  const child = spawn('bash', ['-c', line], { cwd, env, detached: true });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`« ${line} » n'a pas affiché ${ready} en ${timeoutMs / 1000} s :\n${output}`)),
      timeoutMs,
    );
    const seen = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (ready.test(output)) {
        clearTimeout(timer);
        resolve({ process: child, output: () => output });
      }
    };
    child.stdout.on('data', seen);
    child.stderr.on('data', seen);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`« ${line} » s'est arrêté (code ${code}) :\n${output}`));
    });
  });
}

/** Stops a background command and what it started, as Ctrl-C does. */
export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  // The listener of startInBackground, which took an early exit for a failure, goes first.
  child.removeAllListeners('exit');
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-child.pid, 'SIGINT');
  const timer = setTimeout(() => child.pid !== undefined && process.kill(-child.pid, 'SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

/**
 * What changes from one run to the next and cannot be shown as is in the README: durations,
 * identifiers, instants, sizes of a second. Both sides are normalised the same way.
 */
export function normalise(text: string): string {
  return text
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<id>')
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g, '<instant>')
    .replace(/\d+(,\d+)? s\b/g, '<durée>')
    .replace(/[ \t]+$/gm, '')
    .trimEnd();
}

/**
 * Whether `actual` is what the README shows: line by line after normalisation, a line `…` alone
 * standing for any number of lines.
 */
export function showsAsReadme(expected: string, actual: string): boolean {
  const want = normalise(expected).split('\n');
  const got = normalise(actual).split('\n');
  const match = (w: number, g: number): boolean => {
    if (w === want.length) return g === got.length;
    if (want[w]!.trim() === '…') {
      for (let k = g; k <= got.length; k++) if (match(w + 1, k)) return true;
      return false;
    }
    return g < got.length && want[w] === got[g] && match(w + 1, g + 1);
  };
  return match(0, 0);
}
