import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { currentBuild } from '../scripts/build-state.cjs';
import { build } from '../scripts/build.mjs';

/**
 * Tests that start `bin/relais.js`, serve the browser self-check or the DSFR files need the
 * compiled build: it is made once here, before any test runs, when the sources are newer.
 *
 * The generator's payslip cache is one directory for the whole run, shared by the test processes and
 * the commands they start (the environment is inherited), and removed at the end: the run does not
 * read or fill the developer's own cache.
 */
export default async function setup(): Promise<() => void> {
  if (currentBuild().state !== 'current') await build();
  if (process.env.RELAIS_CACHE_DIR) return () => {};
  const cacheDir = mkdtempSync(join(tmpdir(), 'relais-test-cache-'));
  process.env.RELAIS_CACHE_DIR = cacheDir;
  return () => rmSync(cacheDir, { recursive: true, force: true });
}
