import { build } from 'esbuild';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('pure core', () => {
  it('bundles for the browser: norm, parser, checks and controls import nothing from Node', async () => {
    const result = await build({
      entryPoints: [
        join(import.meta.dirname, 'check', 'check.ts'),
        join(import.meta.dirname, 'check', 'events.ts'),
      ],
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
