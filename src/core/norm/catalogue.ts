import type { NormCatalogue, NormDocs } from './types.ts';
import index from './data/index.json' with { type: 'json' };

export type NormFamily = 'DSN' | 'PASRAU';

export interface NormVersionInfo {
  version: string;
  family: NormFamily;
  label: string;
  revision: string;
  /** Values of S10.G00.00.006 that name this version (`P26V01`; `201710` for PASRAU 2017.6). */
  declaredAs: string[];
}

/** Versions for which a catalogue was generated. */
export const normVersions: readonly NormVersionInfo[] = index as NormVersionInfo[];

export const dsnVersions: readonly string[] = versionsOf('DSN');

export const pasrauVersions: readonly string[] = versionsOf('PASRAU');

function versionsOf(family: NormFamily): string[] {
  return normVersions.filter((v) => v.family === family).map((v) => v.version);
}

export function isKnownVersion(version: string): boolean {
  return normVersions.some((v) => v.version === version);
}

export function familyOf(version: string): NormFamily | undefined {
  return normVersions.find((v) => v.version === version)?.family;
}

/** The catalogue a value of S10.G00.00.006 names, if any. */
export function versionNamed(declared: string): string | undefined {
  return normVersions.find((v) => v.declaredAs.includes(declared))?.version;
}

/**
 * The known version of a family to read a file with when it names one we do not have: the nearest
 * by date (`PyyVnn`: year, then revision), the newer on a tie, so that P20V01 is read with P19V01's
 * neighbour a year later as readily as with the one a year before, and P23V01 with P24V01 rather than
 * with P19V01. A value that is no version name gets the latest version. PASRAU version codes
 * (`201710`) do not sort with catalogue names: a PASRAU file gets the newest PASRAU catalogue.
 */
export function nearestVersion(version: string, family: NormFamily = 'DSN'): string {
  if (family === 'PASRAU') return latestVersion('PASRAU');
  const wanted = versionRank(version);
  const known = [...dsnVersions].sort();
  if (wanted === null) return known.at(-1)!;
  let best = known[0]!;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const distance = Math.abs(versionRank(candidate)! - wanted);
    // Known versions ascend: on a tie the later, newer one wins.
    if (distance <= bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** `P24V01` → 2401: years weigh more than any revision within a year. */
function versionRank(version: string): number | null {
  const match = /^P(\d{2})V(\d{2})$/.exec(version);
  return match ? Number(match[1]) * 100 + Number(match[2]) : null;
}

export function latestVersion(family: NormFamily): string {
  return versionsOf(family)
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
    .at(-1)!;
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
