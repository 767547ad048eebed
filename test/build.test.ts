import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPointer } from '../scripts/build-state.mjs';

const root = join(import.meta.dirname, '..');

describe('the compiled build', () => {
  it('is what bin/relais.js runs', () => {
    const run = spawnSync(process.execPath, ['bin/relais.js', '--version'], { cwd: root, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('0.1.0\n');
  });

  it('maps its code back to the TypeScript sources', () => {
    const cli = join(root, 'dist', readPointer()!.build, 'cli');
    const map = JSON.parse(readFileSync(join(cli, 'main.js.map'), 'utf8')) as { sources: string[] };
    expect(map.sources.map((source) => source.replace(/^(\.\.\/)+/, ''))).toContain('src/cli/main.ts');
    expect(map.sources.every((source) => existsSync(join(cli, source)))).toBe(true);
  });
});

describe('bin/relais.js without esbuild (an install without the development dependencies)', () => {
  // The launcher and the build scripts alone, beside sources of their own and no node_modules.
  let checkout: string;
  const relais = () =>
    spawnSync(process.execPath, [join(checkout, 'bin', 'relais.js'), '--version'], { encoding: 'utf8' });

  beforeAll(() => {
    checkout = mkdtempSync(join(tmpdir(), 'relais-build-'));
    for (const file of [
      'bin/relais.js',
      'scripts/build.mjs',
      'scripts/build-state.mjs',
      'package.json',
      'tsconfig.json',
    ])
      cpSync(join(root, file), join(checkout, file));
    mkdirSync(join(checkout, 'web'));
    mkdirSync(join(checkout, 'src'));
    writeFileSync(join(checkout, 'src', 'main.ts'), '');
  });
  afterAll(() => rmSync(checkout, { recursive: true, force: true }));

  it('says in French what to run when there is no build', () => {
    const run = relais();
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('le code compilé (dist/) est absent');
    expect(run.stderr).toContain('lancez « npm install --include=dev »');
  });

  it('runs a build of the current sources, and refuses one older than them', () => {
    const build = join(checkout, 'dist', 'build-test');
    mkdirSync(join(build, 'cli'), { recursive: true });
    writeFileSync(join(build, 'cli', 'main.js'), "process.stdout.write('compilé\\n');\n");
    const later = Date.now() + 3_600_000;
    writeFileSync(
      join(checkout, 'dist', 'current.json'),
      JSON.stringify({ build: 'build-test', sources: later }),
    );
    expect(relais().stdout).toBe('compilé\n');

    const edited = join(checkout, 'src', 'main.ts');
    utimesSync(edited, new Date(later + 1000), new Date(later + 1000));
    const run = relais();
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('les sources ont changé depuis la dernière compilation');
  });
});
