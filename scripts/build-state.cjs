// Which compiled build of Relais is current, and whether the sources changed since it was made.
// Plain JavaScript with Node built-ins only: `bin/relais.js` reads it at every start, before any
// TypeScript tooling is known to be installed. CommonJS, like the launcher: one ES module starts
// Node's module loader, a tenth of `relais --help` (measured).
const { existsSync, readdirSync, readFileSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const dist = join(root, 'dist');

/** `dist/current.json`: the build directory in use and the sources it was made from. */
const pointer = join(dist, 'current.json');

/**
 * Commands run from the CLI compiled as one CommonJS script with V8's code cache (see
 * scripts/build.mjs): those a user waits on, whose start is most of their time. `undefined` is
 * `relais` alone, `relais --help` and `--version`. The others (server, database, generator) load
 * packages that are ES modules only and stay on the ES modules of the build.
 */
const scriptCommands = new Set([undefined, 'help', 'check', 'norm', 'controls']);

/** What the build reads: a change to any of them calls for a new build. */
const inputDirectories = ['src', 'web'];
const inputFiles = ['package.json', 'tsconfig.json', 'scripts/build.mjs', 'scripts/build-state.cjs'];

/**
 * The newest modification time among the build's inputs, files and directories alike: an edited
 * file changes its own time, a file added, deleted or renamed changes its directory's. Tests are
 * left out, as the build leaves them out. About 280 `stat` calls, measured at 2 % of a small file's
 * check and 7 % of `--help`: cheaper than hashing the contents (5 MB of norm data) or asking git,
 * and no state besides the pointer. Paths are joined by hand: `path.join` doubled the time.
 */
function sourcesTime() {
  let newest = 0;
  /** @param {string} path */
  const visit = (path) => {
    // A file gone between listing and stat is being replaced: the sources are changing.
    const time = statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? Infinity;
    if (time > newest) newest = time;
  };
  /** @param {string} directory */
  const walk = (directory) => {
    visit(directory);
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const path = `${directory}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (!entry.name.endsWith('.test.ts')) visit(path);
    }
  };
  for (const directory of inputDirectories) walk(`${root}/${directory}`);
  for (const file of inputFiles) visit(`${root}/${file}`);
  return newest;
}

/**
 * @typedef {object} Pointer
 * @property {string} build name of the build directory, under `dist/`
 * @property {number} sources `sourcesTime()` when that build started
 */

/** @returns {Pointer | undefined} */
function readPointer() {
  try {
    return JSON.parse(readFileSync(pointer, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * The directory of the current build, unless there is none or the sources are newer than it.
 * @returns {{ state: 'current', directory: string } | { state: 'missing' | 'stale', directory?: undefined }}
 */
function currentBuild() {
  const current = readPointer();
  const directory = current && join(dist, current.build);
  if (
    !current ||
    !directory ||
    !['main.js', 'main.cjs'].every((file) => existsSync(join(directory, 'cli', file)))
  )
    return { state: 'missing' };
  if (sourcesTime() > current.sources) return { state: 'stale' };
  return { state: 'current', directory };
}

module.exports = { root, dist, pointer, scriptCommands, sourcesTime, readPointer, currentBuild };
