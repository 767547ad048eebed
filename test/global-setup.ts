import { currentBuild } from '../scripts/build-state.cjs';
import { build } from '../scripts/build.mjs';

/**
 * Tests that start `bin/relais.js`, serve the browser self-check or the DSFR files need the
 * compiled build: it is made once here, before any test runs, when the sources are newer.
 */
export default async function setup(): Promise<void> {
  if (currentBuild().state !== 'current') await build();
}
