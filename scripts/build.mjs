// `npm run build` (also run by `npm install`, and by `bin/relais.js` when the sources changed):
// compiles Relais into a new directory of dist/ and makes it current.
//
//   dist/current.json         which build is current ({ build, sources }), replaced atomically
//   dist/build-…/cli/         the CLI and the server, one chunk per command (source maps beside);
//                             main.cjs, the same CLI as one CommonJS script, and its V8 code cache
//   dist/build-…/self-check/  the browser self-check (page script, worker, one chunk per norm)
//   dist/build-…/dsfr/        the State design system's files the published referential links
//   dist/build-…/web/         the web application (React, the State design system's components)
//
// A build is written whole into a temporary directory, renamed, and only then named by
// current.json (a file renamed over the previous one): a process never sees a half-written build.
// Earlier builds are kept a while, as a running server may still load chunks of its own.
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { dist, pointer, readPointer, root, scriptCommands, sourcesTime } from './build-state.cjs';

/** esbuild is a development dependency: an install without them cannot build. */
export class BuildToolingMissing extends Error {}

/**
 * JSON modules of the sources (norm catalogues of 800 KB, reference tables) become files beside
 * the chunks, each read and parsed when the module importing it loads, as an import would: V8
 * parses a JSON file in a fraction of the time it takes to compile the same data as JavaScript,
 * whether an object literal or a string for JSON.parse (measured on the P26V01 catalogue). The
 * chunks and these files share one directory, so `new URL(file, import.meta.url)` finds them
 * wherever the checkout is.
 * @type {import('esbuild').Plugin}
 */
const jsonFiles = {
  name: 'json-files',
  setup(build) {
    const suffix = '?json-file';
    build.onLoad({ filter: /\.json$/, namespace: 'file' }, (args) => ({
      contents: [
        "import { readFileSync } from 'node:fs';",
        `import file from ${JSON.stringify(args.path + suffix)};`,
        "export default JSON.parse(readFileSync(new URL(file, import.meta.url), 'latin1'));",
      ].join('\n'),
      loader: 'js',
    }));
    build.onResolve({ filter: /\?json-file$/ }, (args) => ({
      path: args.path.slice(0, -suffix.length),
      namespace: 'json-file',
    }));
    build.onLoad({ filter: /./, namespace: 'json-file' }, async (args) => ({
      contents: asciiJson(JSON.parse(await readFile(args.path, 'utf8'))),
      loader: 'file',
    }));
  },
};

/**
 * JSON in ASCII, every other character escaped (`\u00e9`): read as Latin-1, the text is a one-byte
 * string, which V8 reads and parses faster than the two-byte string one accented letter makes of a
 * whole catalogue read as UTF-8.
 * @param {unknown} value
 */
const asciiJson = (value) =>
  JSON.stringify(value).replace(
    /[\u0080-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );

/** @param {typeof import('esbuild')} esbuild @param {string} out */
async function buildCli(esbuild, out) {
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: { main: 'src/cli/main.ts' },
    outdir: join(out, 'cli'),
    bundle: true,
    // Each command's module stays a chunk that main.js imports when the command runs.
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    charset: 'utf8',
    chunkNames: '[name]-[hash]',
    assetNames: '[name]-[hash]',
    // The maps point at src/, which every checkout has: `node --enable-source-maps` (or
    // RELAIS_DEBUG) shows TypeScript lines.
    sourcemap: 'linked',
    sourcesContent: false,
    plugins: [jsonFiles],
    logLevel: 'warning',
  });
}

/**
 * In the CommonJS script, the modules of the commands it does not run (`bin/relais.js` sends them
 * to the ES modules) are replaced by one that says so: the script stays small, to read and to hash.
 * @type {import('esbuild').Plugin}
 */
const scriptCommandsOnly = {
  name: 'script-commands-only',
  setup(build) {
    build.onResolve({ filter: /^\.\/[a-z-]+-command\.ts$/ }, (args) => {
      const command = args.path.slice(2, -'-command.ts'.length);
      return scriptCommands.has(command) ? undefined : { path: command, namespace: 'other-command' };
    });
    build.onLoad({ filter: /./, namespace: 'other-command' }, (args) => ({
      contents: `throw new Error(${JSON.stringify(`la commande « ${args.path} » ne fait pas partie du script compilé : lancez-la par bin/relais.js`)});`,
      loader: 'js',
    }));
  },
};

/**
 * commander goes into the script, so that its compiled code is in the cache too; the other
 * packages are loaded from node_modules when a command needs them. commander loads
 * `node:child_process` for subcommands that are separate programs, which Relais has none of: a
 * stand-in loads it only if called (3 % of `relais --help`).
 * @type {import('esbuild').Plugin}
 */
const packagesOutsideButCommander = {
  name: 'packages-outside-but-commander',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path === 'commander' || args.path.startsWith('commander/')) return undefined;
      if (args.path === 'node:child_process' && /[\\/]commander[\\/]/.test(args.importer))
        return { path: args.path, namespace: 'child-process-when-called' };
      return { path: args.path, external: true };
    });
    build.onLoad({ filter: /./, namespace: 'child-process-when-called' }, () => ({
      contents: "exports.spawn = (...args) => require('node:child_process').spawn(...args);",
      loader: 'js',
    }));
  },
};

/**
 * The same CLI as one CommonJS script, which `bin/relais.js` runs for the commands a user waits on
 * (`scriptCommands`): V8 keeps a code cache for scripts, not for ES modules (see run-script.cjs).
 * The server's commands stay on the ES modules: some packages they load (publicodes, TypeBox) are
 * ES modules only, whose default export a CommonJS `require` gets wrong. Minified (names kept, maps
 * beside) and in ASCII: read as Latin-1, a one-byte string half the size of the two-byte one a
 * single French character makes of the whole script. `import.meta` has no meaning in a script:
 * its fields become the script's own path.
 * @param {typeof import('esbuild')} esbuild @param {string} out
 */
async function buildCliScript(esbuild, out) {
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: { main: 'src/cli/main.ts' },
    outdir: join(out, 'cli'),
    outExtension: { '.js': '.cjs' },
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    minify: true,
    keepNames: true,
    charset: 'ascii',
    assetNames: '[name]-[hash]',
    define: {
      'import.meta.url': 'import_meta_url',
      'import.meta.dirname': '__dirname',
      'import.meta.filename': '__filename',
    },
    banner: { js: "var import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
    sourcemap: 'linked',
    sourcesContent: false,
    plugins: [scriptCommandsOnly, packagesOutsideButCommander, jsonFiles],
    logLevel: 'warning',
  });
}

/**
 * Fills the script's code cache with what a check compiles (a file of the examples, with
 * anomalies, so that the report's code is in it too). Without it the first command run would make
 * a cache of its own code only. A failed training leaves no cache: the first run writes one.
 * @param {string} out
 */
function trainCliScript(out) {
  const script = join(out, 'cli', 'main.cjs');
  const file = join(root, 'src', 'core', 'examples', 'bases', 'mensuelle.dsn');
  const training = [
    `process.argv.splice(1, 0, ${JSON.stringify(script)});`,
    `require(${JSON.stringify(join(root, 'scripts', 'run-script.cjs'))}).runScript(${JSON.stringify(script)});`,
  ].join('\n');
  const run = spawnSync(process.execPath, ['-e', training, 'check', file], {
    stdio: 'ignore',
  });
  if (run.status !== 0 && run.status !== 1)
    process.stderr.write(
      `relais : la mise en cache du code compilé a échoué (code ${run.status}) ; elle se fera au premier lancement.\n`,
    );
}

/**
 * The pure core for the browser, one chunk per norm version, loaded when a file names it; the
 * public reference tables are in the bundle (`controls/data`).
 * @param {typeof import('esbuild')} esbuild @param {string} out
 */
async function buildSelfCheck(esbuild, out) {
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: { app: 'web/self-check/page.ts', worker: 'web/self-check/worker.ts' },
    outdir: join(out, 'self-check'),
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    loader: { '.json': 'json' },
    logLevel: 'warning',
  });
}

/**
 * The web application, for the browser only: the CLI never imports it, so that its start is not
 * slowed by React. One script, minified, in production mode.
 * @param {typeof import('esbuild')} esbuild @param {string} out
 */
async function buildWebApp(esbuild, out) {
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: { app: 'web/app/main.tsx' },
    outdir: join(out, 'web'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    // The design system's pictures (its display settings' artwork), served beside the script.
    loader: { '.svg': 'file' },
    assetNames: '[name]-[hash]',
    publicPath: '/app/',
    sourcemap: 'linked',
    sourcesContent: false,
    logLevel: 'warning',
  });
}

/**
 * The DSFR stylesheet and the fonts and icons it refers to (a few dozen of the package's
 * thousands), copied so that the package is needed to build, not to run.
 * @param {string} out
 */
function copyDsfr(out) {
  const css = createRequire(import.meta.url).resolve('@codegouvfr/react-dsfr/dsfr/dsfr.min.css');
  const from = dirname(css);
  /** @type {Set<string>} */
  const referred = new Set();
  for (const [, path = ''] of readFileSync(css, 'latin1').matchAll(/url\(["']?([^"')]+)["']?\)/g))
    if (!/^(data:|[a-z]+:\/\/|\/)/.test(path)) referred.add(path.replace(/[?#].*$/, ''));
  for (const file of ['dsfr.min.css', ...referred]) cpSync(join(from, file), join(out, 'dsfr', file));
}

/** Builds older than this, neither current nor the previous one, are removed. */
const keepFor = 10 * 60_000;

/** @param {string[]} kept */
function removeOldBuilds(kept) {
  for (const name of readdirSync(dist)) {
    if (!/^(build-|\.tmp-)/.test(name) || kept.includes(name)) continue;
    const path = join(dist, name);
    if (Date.now() - statSync(path).mtimeMs > keepFor) rmSync(path, { recursive: true, force: true });
  }
}

/**
 * Compiles the sources into a new build and makes it current.
 * @returns {Promise<string>} the build's directory
 */
export async function build() {
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch (error) {
    if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'ERR_MODULE_NOT_FOUND') throw error;
    throw new BuildToolingMissing(
      `esbuild, qui compile, n'est pas installé (dépendance de développement) : dans ${root}, lancez « npm install --include=dev ».`,
    );
  }
  // Read before compiling: a source edited during the build makes the next start rebuild.
  const sources = sourcesTime();
  mkdirSync(dist, { recursive: true });
  const temporary = mkdtempSync(join(dist, '.tmp-'));
  try {
    // The two CLI builds one after the other: they write the same JSON files.
    const cli = buildCli(esbuild, temporary).then(() => buildCliScript(esbuild, temporary));
    await Promise.all([cli, buildSelfCheck(esbuild, temporary), buildWebApp(esbuild, temporary)]);
    copyDsfr(temporary);
    trainCliScript(temporary);
  } catch (error) {
    rmSync(temporary, { recursive: true, force: true });
    throw error;
  }
  const name = `build-${Date.now().toString(36)}-${process.pid}`;
  renameSync(temporary, join(dist, name));
  const previous = readPointer()?.build;
  const next = `${pointer}.${process.pid}`;
  writeFileSync(next, JSON.stringify({ build: name, sources }) + '\n');
  renameSync(next, pointer);
  removeOldBuilds(previous ? [name, previous] : [name]);
  return join(dist, name);
}

// Run as a script (npm run build, npm install), not imported by bin/relais.js or the tests.
if (realpathSync(process.argv[1] ?? '') === import.meta.filename) {
  const started = performance.now();
  try {
    const directory = await build();
    const seconds = ((performance.now() - started) / 1000).toFixed(1).replace('.', ',');
    process.stderr.write(`relais : compilé dans ${directory.slice(root.length + 1)} en ${seconds} s.\n`);
  } catch (error) {
    if (!(error instanceof BuildToolingMissing)) throw error;
    process.stderr.write(`relais : ${error.message}\n`);
    process.exitCode = 1;
  }
}
