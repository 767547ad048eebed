import { importJson, packageVersion, type JsonLoader, type ReferentialSource } from './source.ts';

/** La Poste postal codes and the communes they serve (the norm's `La_Poste_Hexaposte` table). */
const packageName = 'codes-postaux';

export interface PostalCode {
  postalCode: string;
  /** INSEE code of the commune served. */
  communeCode: string;
  communeName: string;
  /** La Poste routing label, upper-case ASCII: `AIX VILLEMAUR PALIS`. */
  routingLabel: string;
}

export interface PostalCodeTable {
  source: ReferentialSource;
  entries: readonly PostalCode[];
  has(postalCode: string): boolean;
}

interface RawPostalCode {
  codePostal: string;
  codeCommune: string;
  nomCommune: string;
  libelleAcheminement: string;
}

export async function loadPostalCodes(load: JsonLoader = importJson): Promise<PostalCodeTable> {
  const [source, raw] = await Promise.all([
    packageVersion(packageName, load),
    load(`${packageName}/codes-postaux.json`) as Promise<RawPostalCode[]>,
  ]);
  const entries = raw.map((r) => ({
    postalCode: r.codePostal,
    communeCode: r.codeCommune,
    communeName: r.nomCommune,
    routingLabel: r.libelleAcheminement,
  }));
  const codes = new Set(entries.map((e) => e.postalCode));
  return { source, entries, has: (postalCode) => codes.has(postalCode) };
}

/** Department of an INSEE commune code: `75112` → `75`, `2A004` → `2A`, `97105` → `971`. */
export function departmentOf(communeCode: string): string {
  return communeCode.startsWith('97') || communeCode.startsWith('98')
    ? communeCode.slice(0, 3)
    : communeCode.slice(0, 2);
}
