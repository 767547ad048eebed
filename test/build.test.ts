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
import Module from 'node:module';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPointer } from '../scripts/build-state.cjs';
import { cacheOf, readScript } from '../scripts/run-script.cjs';

const root = join(import.meta.dirname, '..');

describe('the compiled build', () => {
  it('is what bin/relais.js runs', () => {
    const run = spawnSync(process.execPath, ['bin/relais.js', '--version'], { cwd: root, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('0.1.0\n');
  });

  it.each(['main.js.map', 'main.cjs.map'])('maps its code back to the TypeScript sources (%s)', (file) => {
    const cli = join(root, 'dist', readPointer()!.build, 'cli');
    const map = JSON.parse(readFileSync(join(cli, file), 'utf8')) as { sources: string[] };
    expect(map.sources.map((source) => source.replace(/^(\.\.\/)+/, ''))).toContain('src/cli/main.ts');
    // The build's stand-ins (`other-command:serve`…) are modules of no file.
    const files = map.sources.filter((source) => !/^[a-z-]+:/.test(source));
    expect(files.every((source) => existsSync(join(cli, source)))).toBe(true);
  });

  it('ships the CommonJS script with a code cache this Node accepts, and rewrites one it rejects', () => {
    const cli = join(root, 'dist', readPointer()!.build, 'cli');
    const script = join(cli, 'main.cjs');
    const compile = (cachedData: Buffer) =>
      new Script(Module.wrap(readScript(script)), { filename: script, cachedData });
    // ASCII, so that it is read into a one-byte string (see scripts/build.mjs): write « \u00ab »
    // in a regular expression, where esbuild leaves characters as they are.
    const text = readFileSync(script, 'utf8');
    const other = /[^\x00-\x7f]/.exec(text);
    expect(
      other && text.slice(Math.max(0, other.index - 60), other.index + 20),
      'caractère non ASCII',
    ).toBeNull();
    expect(compile(readFileSync(cacheOf(script))).cachedDataRejected).toBe(false);

    const copy = mkdtempSync(join(tmpdir(), 'relais-cache-'));
    try {
      cpSync(cli, copy, { recursive: true });
      const copied = join(copy, 'main.cjs');
      writeFileSync(cacheOf(copied), 'pas un cache');
      const run = spawnSync(
        process.execPath,
        [
          '-e',
          `require(${JSON.stringify(join(root, 'scripts', 'run-script.cjs'))}).runScript(process.argv[1])`,
          copied,
          '--version',
        ],
        { encoding: 'utf8' },
      );
      expect(run.stdout).toBe('0.1.0\n');
      expect(compile(readFileSync(cacheOf(copied))).cachedDataRejected).toBe(false);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});

describe('bin/relais.js without esbuild (an install without the development dependencies)', () => {
  // The launcher and the build scripts alone, beside sources of their own and no node_modules.
  let checkout: string;
  const relais = (...args: string[]) =>
    spawnSync(
      process.execPath,
      [join(checkout, 'bin', 'relais.js'), ...(args.length ? args : ['--version'])],
      {
        encoding: 'utf8',
      },
    );

  beforeAll(() => {
    checkout = mkdtempSync(join(tmpdir(), 'relais-build-'));
    for (const file of [
      'bin/relais.js',
      'scripts/build.mjs',
      'scripts/build-state.cjs',
      'scripts/run-script.cjs',
      'bin/package.json',
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
    // `relais --version` runs from the CommonJS script; the server's commands from the ES modules.
    writeFileSync(join(build, 'cli', 'main.cjs'), "process.stdout.write('compilé\\n');\n");
    writeFileSync(join(build, 'cli', 'main.js'), "process.stdout.write('modules\\n');\n");
    const later = Date.now() + 3_600_000;
    writeFileSync(
      join(checkout, 'dist', 'current.json'),
      JSON.stringify({ build: 'build-test', sources: later }),
    );
    expect(relais().stdout).toBe('compilé\n');
    expect(relais('check', 'fichier.dsn').stdout).toBe('compilé\n');
    expect(relais('serve', '--port', '0').stdout).toBe('modules\n');

    const edited = join(checkout, 'src', 'main.ts');
    utimesSync(edited, new Date(later + 1000), new Date(later + 1000));
    const run = relais();
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('les sources ont changé depuis la dernière compilation');
  });
});
