// Runs a CommonJS script of the build with V8's code cache: the functions V8 compiled during an
// earlier run are read back instead of being parsed and compiled again. Node 20 has no cache for
// ES modules (`module.enableCompileCache` came with Node 22), and compiling the CLI's code was a
// third of a small file's check (measured with --cpu-prof). Node built-ins only and CommonJS, like
// build-state.cjs: `bin/relais.js` reads it at every start. The script cannot use `import()`: V8 gives
// the functions it reads from a cache no way back to Node's loader (the commands it runs import
// their modules statically; `relais controls export` is tested).
const { isAscii } = require('node:buffer');
const { readFileSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const Module = require('node:module');
const { dirname } = require('node:path');
const { Script } = require('node:vm');

/** The code cache of a script: beside it, made by the build's training run. */
const cacheOf = (/** @type {string} */ file) => `${file}.v8-cache`;

/**
 * Runs `file` as the main module. Without a cache, or with one V8 rejects (another Node version),
 * the cache is written when the process exits, with what this run compiled: the build trains it
 * on a check, so that help, the catalogue commands and checks all find their code compiled.
 * @param {string} file
 */
function runScript(file) {
  const cache = cacheOf(file);
  let cachedData;
  try {
    cachedData = readFileSync(cache);
  } catch {
    cachedData = undefined;
  }
  const script = new Script(Module.wrap(readScript(file)), {
    filename: file,
    cachedData,
  });
  if (cachedData === undefined || script.cachedDataRejected) process.once('exit', () => save(script, cache));
  const module = new Module(file);
  module.filename = file;
  const run = script.runInThisContext();
  run.call(module.exports, module.exports, Module.createRequire(file), module, file, dirname(file));
}

/**
 * The script's text. The build writes it in ASCII (see scripts/build.mjs), read as Latin-1 into a
 * one-byte string; a character esbuild left as is (in a regular expression) makes it UTF-8.
 * @param {string} file
 */
function readScript(file) {
  const bytes = readFileSync(file);
  return bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
}

/** Written whole then renamed: a concurrent start reads the old cache, the new one, or none. */
function save(/** @type {Script} */ script, /** @type {string} */ cache) {
  const partial = `${cache}.${process.pid}`;
  try {
    writeFileSync(partial, script.createCachedData());
    renameSync(partial, cache);
  } catch {
    // A read-only installation runs without the cache, only slower.
    rmSync(partial, { force: true });
  }
}

module.exports = { cacheOf, readScript, runScript };
