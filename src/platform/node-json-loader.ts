import { createRequire } from 'node:module';
import type { JsonLoader } from '../core/referentials/source.ts';

const require = createRequire(import.meta.url);

/**
 * Reads a package's JSON file with Node's `require`: under tsx, `import()` of a large JSON file
 * turns it into a module and costs hundreds of megabytes; `require` parses it directly. The file
 * is dropped from the require cache at once: callers keep the table they build from it, not the
 * raw data.
 */
export const nodeJsonLoader: JsonLoader = async (specifier) => {
  const data = require(specifier) as unknown;
  delete require.cache[require.resolve(specifier)];
  return data;
};
