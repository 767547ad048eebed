import {
  dsnVersions,
  familyOf,
  isKnownVersion,
  latestVersion,
  loadCatalogue,
  nearestVersion,
  versionNamed,
} from './catalogue.ts';
import { compileNorm, type CompiledNorm } from './compile.ts';

const compiled = new Map<string, CompiledNorm>();
const loading = new Map<string, Promise<CompiledNorm>>();

/** Loads and compiles a norm version once per process. */
export function compiledNorm(version: string): Promise<CompiledNorm> {
  const ready = compiled.get(version);
  if (ready) return Promise.resolve(ready);
  let pending = loading.get(version);
  if (!pending) {
    pending = loadCatalogue(version).then((catalogue) => {
      const norm = compileNorm(catalogue);
      compiled.set(version, norm);
      return norm;
    });
    loading.set(version, pending);
  }
  return pending;
}

/** The synchronous view the reader needs; {@link ensureNorms} loads what it will ask for. */
export const normProvider = {
  get: (version: string) => compiled.get(version),
  named: versionNamed,
  familyOf,
  nearest: nearestVersion,
  latest: latestVersion,
};

export async function ensureNorms(versions: Iterable<string>): Promise<void> {
  const wanted = new Set<string>();
  for (const v of versions) {
    wanted.add(isKnownVersion(v) ? v : (versionNamed(v) ?? nearestVersion(v)));
  }
  await Promise.all([...wanted].filter((v) => !compiled.has(v)).map(compiledNorm));
}

/** The norm of the current year, or the newest one if the year has none yet. */
export function defaultVersion(today = new Date()): string {
  const year = String(today.getFullYear()).slice(2);
  const current = `P${year}V01`;
  return dsnVersions.includes(current) ? current : nearestVersion(current);
}
