#!/usr/bin/env node
// Runs the compiled CLI of dist/ (built by `npm install`). In a development checkout whose sources
// changed since, it builds first; without the build tooling it says what to run.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { currentBuild } from '../scripts/build-state.mjs';

const found = currentBuild();
let directory = found.directory;
if (directory === undefined) {
  const { build, BuildToolingMissing } = await import('../scripts/build.mjs');
  const why =
    found.state === 'missing'
      ? 'le code compilé (dist/) est absent'
      : 'les sources ont changé depuis la dernière compilation';
  process.stderr.write(`relais : ${why} : compilation…\n`);
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
}
// Stack traces in TypeScript lines when debugging (the maps are read only when this is on).
if (process.env['RELAIS_DEBUG']) process.setSourceMapsEnabled(true);
await import(pathToFileURL(join(directory, 'cli', 'main.js')).href);
