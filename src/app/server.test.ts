import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

/** Runs `relais serve` until it listens, then stops it; the URLs of the modules it loaded. */
function modulesLoadedByServe(dir: string): Promise<string[]> {
  const file = join(dir, 'modules.txt');
  const child = spawn(
    process.execPath,
    ['--import', './test/record-modules.mjs', 'bin/relais.js', 'serve', '--port', '0'],
    {
      cwd: root,
      env: {
        ...process.env,
        RELAIS_DATA_DIR: join(dir, 'data'),
        RELAIS_TEST_MODULES_FILE: file,
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const listen = (chunk: Buffer) => {
    output += String(chunk);
    if (output.includes('Relais écoute')) child.kill('SIGTERM');
  };
  child.stdout.on('data', listen);
  child.stderr.on('data', listen);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`relais serve stopped with ${code}:\n${output}`));
      else resolve(readFileSync(file, 'utf8').split('\n').filter(Boolean));
    });
  });
}

describe('relais serve', () => {
  const dir = mkdtempSync(join(tmpdir(), 'relais-serve-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(
    'loads neither the generator nor publicodes and modele-social outside demo mode',
    { timeout: 120_000 },
    async () => {
      const loaded = await modulesLoadedByServe(dir);
      // The recording sees the compiled server and the packages it runs on (npm packages stay
      // outside the bundle, so each one loaded shows by its path)…
      expect(loaded).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/\/dist\/build-[^/]+\/cli\//),
          expect.stringMatching(/\/node_modules\/fastify\//),
          expect.stringMatching(/\/node_modules\/@electric-sql\/pglite\//),
        ]),
      );
      // …and none of what only the demonstration data needs.
      expect(loaded.filter((url) => /\/node_modules\/(publicodes|modele-social)\//.test(url))).toEqual([]);
    },
  );
});
