import { asciiUpper, importJson, packageVersion, type JsonLoader, type ReferentialSource } from './source.ts';

/** INSEE commune codes (code officiel géographique), from Etalab's administrative boundaries. */
const packageName = '@etalab/decoupage-administratif';

export interface Commune {
  /** INSEE code, 5 characters: `75112`, `2A004`, `97105`. */
  code: string;
  name: string;
  /** `01`…`95`, `2A`, `2B`, `971`…`976`. */
  department: string;
  postalCodes: readonly string[];
  population: number;
  /** `metro`, `drom` or `com`. */
  zone: string;
}

export interface CommuneTable {
  source: ReferentialSource;
  /**
   * Communes where people are born and live today: current communes and the municipal
   * arrondissements of Paris, Lyon and Marseille (which replace their city in civil status).
   */
  communes: readonly Commune[];
  byCode: ReadonlyMap<string, Commune>;
}

interface RawCommune {
  code: string;
  nom: string;
  departement: string;
  type: string;
  zone: string;
  codesPostaux?: string[];
  population?: number;
}

/** The cities whose civil status is kept per arrondissement. */
const splitCities = new Set(['75056', '69123', '13055']);

export async function loadCommunes(load: JsonLoader = importJson): Promise<CommuneTable> {
  const [source, raw] = await Promise.all([
    packageVersion(packageName, load),
    load(`${packageName}/data/communes.json`) as Promise<RawCommune[]>,
  ]);
  const communes: Commune[] = [];
  for (const c of raw) {
    const kept =
      (c.type === 'commune-actuelle' && !splitCities.has(c.code)) || c.type === 'arrondissement-municipal';
    if (!kept) continue;
    communes.push({
      code: c.code,
      name: c.nom,
      department: c.departement,
      postalCodes: c.codesPostaux ?? [],
      population: c.population ?? 0,
      zone: c.zone,
    });
  }
  return { source, communes, byCode: new Map(communes.map((c) => [c.code, c])) };
}

/** Name of a commune as written in a civil-status field: `SAINT ETIENNE` (ASCII, no hyphen). */
export function civilStatusName(name: string): string {
  return asciiUpper(name)
    .replace(/[^A-Z0-9 ]+/g, ' ')
    .replace(/ +/g, ' ')
    .trim();
}

export interface CommuneCodes {
  source: ReferentialSource;
  /**
   * Every INSEE code of the code officiel géographique: current communes, delegated and
   * associated communes (the codes merged communes keep) and municipal arrondissements.
   */
  codes: ReadonlySet<string>;
  /** Postal codes of those communes, overseas collectivities included. */
  postalCodes: ReadonlySet<string>;
}

/** The codes alone, for reference tables: small to keep, whatever the kind of commune. */
export async function loadCommuneCodes(load: JsonLoader = importJson): Promise<CommuneCodes> {
  const [source, raw] = await Promise.all([
    packageVersion(packageName, load),
    load(`${packageName}/data/communes.json`) as Promise<RawCommune[]>,
  ]);
  const codes = new Set<string>();
  const postalCodes = new Set<string>();
  for (const c of raw) {
    codes.add(c.code);
    for (const postalCode of c.codesPostaux ?? []) postalCodes.add(postalCode);
  }
  return { source, codes, postalCodes };
}

/** INSEE department codes: `01`…`95`, `2A`, `2B`, `971`…`989`. */
export async function loadDepartmentCodes(
  load: JsonLoader = importJson,
): Promise<{ source: ReferentialSource; codes: ReadonlySet<string> }> {
  const [source, raw] = await Promise.all([
    packageVersion(packageName, load),
    load(`${packageName}/data/departements.json`) as Promise<{ code: string }[]>,
  ]);
  return { source, codes: new Set(raw.map((d) => d.code)) };
}
