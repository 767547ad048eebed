import { build } from 'esbuild';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Every module of the core but its tests, which run in Node. */
function coreModules(): string[] {
  return readdirSync(import.meta.dirname, { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.ts') && !path.endsWith('.test.ts'))
    .sort()
    .map((path) => join(import.meta.dirname, path));
}

describe('pure core', () => {
  it('bundles for the browser: every module of the core imports nothing from Node', async () => {
    const entryPoints = coreModules();
    expect(entryPoints).toContain(join(import.meta.dirname, 'check', 'check.ts'));
    const result = await build({
      entryPoints,
      bundle: true,
      write: false,
      platform: 'browser',
      format: 'esm',
      outdir: 'out',
      logLevel: 'silent',
      loader: { '.json': 'json' },
    }).catch((error: { errors?: { text: string }[] }) => ({
      errors: error.errors ?? [{ text: String(error) }],
    }));
    expect(result.errors.map((e) => e.text)).toEqual([]);
  });
});
