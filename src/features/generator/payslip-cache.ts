import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Payslip } from './pay.ts';

/**
 * Payslips evaluated by earlier runs, kept on disk. One publicodes evaluation costs about a hundred
 * milliseconds and its answer depends only on the month, the pay class and the versions of the rules:
 * a payroll vendor generating file after file, the demo starting again, or a test suite generating
 * the same months in many processes should pay for each payslip once.
 */
export interface PayslipCache {
  /** What earlier runs stored for the month: the minimum wage and the payslips by class key. */
  read(month: string): StoredMonth;
  /** Adds the month's payslips; a cache that cannot be written is only a slower next run. */
  write(month: string, content: StoredMonth): void;
}

export interface StoredMonth {
  smic?: number;
  payslips: Record<string, Payslip>;
}

const require = createRequire(import.meta.url);

/** `publicodes` does not export its package.json: it is found above the resolved entry point. */
function version(pkg: string): string {
  for (let dir = dirname(require.resolve(pkg)); dir !== dirname(dir); dir = dirname(dir)) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (manifest.name === pkg && manifest.version) return manifest.version;
    } catch {
      continue;
    }
  }
  throw new Error(`payslip cache: no version found for ${pkg}`);
}

/**
 * `RELAIS_CACHE_DIR`, else the user's cache directory (XDG). The rules' versions name the folder, so
 * an upgrade of `modele-social` or `publicodes` starts from an empty cache instead of stale amounts.
 */
export function payslipCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const root =
    env.RELAIS_CACHE_DIR || join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'relais');
  return join(root, 'payslips', `modele-social-${version('modele-social')}+publicodes-${version('publicodes')}`);
}

export function diskPayslipCache(dir: string = payslipCacheDir()): PayslipCache {
  const file = (month: string) => join(dir, `${month}.json`);
  return {
    read(month) {
      try {
        const stored = JSON.parse(readFileSync(file(month), 'utf8')) as Partial<StoredMonth>;
        return typeof stored.payslips === 'object' && stored.payslips !== null
          ? { smic: typeof stored.smic === 'number' ? stored.smic : undefined, payslips: stored.payslips }
          : { payslips: {} };
      } catch {
        // Absent, unreadable or half-written by a killed run: evaluated again, then rewritten.
        return { payslips: {} };
      }
    },
    write(month, content) {
      try {
        mkdirSync(dir, { recursive: true });
        // Written aside then renamed, so that a concurrent reader sees the old or the new file whole.
        const tmp = `${file(month)}.${process.pid}.tmp`;
        writeFileSync(tmp, JSON.stringify(content));
        renameSync(tmp, file(month));
      } catch {
        return;
      }
    },
  };
}
