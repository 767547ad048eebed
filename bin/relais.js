#!/usr/bin/env node
// Runs the compiled CLI of dist/ (built by `npm install`). In a development checkout whose sources
// changed since, it builds first; without the build tooling it says what to run. CommonJS (see
// bin/package.json), as is what it reads at every start: an ES module would start Node's module
// loader, a tenth of `relais --help`.
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');
const { currentBuild, scriptCommands } = require('../scripts/build-state.cjs');
const { runScript } = require('../scripts/run-script.cjs');

/** @param {string} directory */
function run(directory) {
  // Stack traces in TypeScript lines when debugging (the maps are read only when this is on).
  if (process.env['RELAIS_DEBUG']) process.setSourceMapsEnabled(true);
  const command = process.argv.slice(2).find((argument) => !argument.startsWith('-'));
  if (scriptCommands.has(command)) runScript(join(directory, 'cli', 'main.cjs'));
  else import(pathToFileURL(join(directory, 'cli', 'main.js')).href);
}

/** @param {'missing' | 'stale'} state */
async function buildThenRun(state) {
  const { build, BuildToolingMissing } = await import('../scripts/build.mjs');
  const why =
    state === 'missing'
      ? 'le code compilé (dist/) est absent'
      : 'les sources ont changé depuis la dernière compilation';
  process.stderr.write(`relais : ${why} : compilation…\n`);
  let directory;
  try {
    directory = await build();
  } catch (error) {
    process.stderr.write(
      error instanceof BuildToolingMissing
        ? `relais : ${error.message}\n`
        : `relais : la compilation a échoué : ${/** @type {Error} */ (error).message}\n`,
    );
    process.exit(2);
  }
  run(directory);
}

const found = currentBuild();
if (found.directory === undefined) void buildThenRun(found.state);
else run(found.directory);
