import type { NormCatalogue, NormDocs } from './types.ts';
import index from './data/index.json' with { type: 'json' };

export interface NormVersionInfo {
  version: string;
  family: string;
  label: string;
  revision: string;
}

/** Versions for which a catalogue was generated, oldest first. */
export const normVersions: readonly NormVersionInfo[] = index;

export const dsnVersions: readonly string[] = normVersions
  .filter((v) => v.family === 'DSN')
  .map((v) => v.version);

export function isKnownVersion(version: string): boolean {
  return normVersions.some((v) => v.version === version);
}

/**
 * The known version to read a file with when it names one we do not have: the latest version not
 * newer than it, or the oldest one.
 */
export function nearestVersion(version: string): string {
  const known = [...dsnVersions].sort();
  const older = known.filter((v) => v <= version);
  return older.at(-1) ?? known[0]!;
}

const catalogues = new Map<string, Promise<NormCatalogue>>();

export function loadCatalogue(version: string): Promise<NormCatalogue> {
  if (!isKnownVersion(version) && version !== 'lot-V01R02') {
    return Promise.reject(new Error(`version de norme inconnue : ${version}`));
  }
  let found = catalogues.get(version);
  if (!found) {
    found = import(`./data/${version}.json`, { with: { type: 'json' } }).then(
      (m: { default: NormCatalogue }) => m.default,
    );
    catalogues.set(version, found);
  }
  return found;
}

export async function loadDocs(version: string): Promise<NormDocs> {
  const m = (await import(`./data/${version}.docs.json`, { with: { type: 'json' } })) as {
    default: NormDocs;
  };
  return m.default;
}
