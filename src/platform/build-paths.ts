import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where the files Relais reads at run time are, whether this module runs bundled (a chunk of
 * `dist/build-…/cli/`, what `bin/relais.js` runs) or from its TypeScript source (vitest, tsx
 * scripts). The bundle finds its build next to itself; the sources ask `dist/current.json`, which
 * `scripts/build.mjs` writes (the tests build first, in `test/global-setup.ts`). Paths are not
 * written into the bundle: a checkout can move.
 */
const bundled = !import.meta.filename.endsWith('.ts');

/** The checkout: `src/platform/` or `dist/build-…/cli/` below it. */
export const packageRoot = join(import.meta.dirname, ...(bundled ? ['..', '..', '..'] : ['..', '..']));

let build: string | undefined;

/** The current build's directory: `self-check/` (the browser bundle), `dsfr/` (the design system). */
export function buildDirectory(): string {
  if (build === undefined) {
    if (bundled) build = join(import.meta.dirname, '..');
    else {
      let pointer: { build: string };
      try {
        pointer = JSON.parse(readFileSync(join(packageRoot, 'dist', 'current.json'), 'utf8')) as {
          build: string;
        };
      } catch {
        throw new Error('Relais n’est pas compilé (dist/current.json absent) : lancez « npm run build ».');
      }
      build = join(packageRoot, 'dist', pointer.build);
    }
  }
  return build;
}
