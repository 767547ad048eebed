import { importJson, packageVersion, type JsonLoader, type ReferentialSource } from './source.ts';

/** ISO 3166-1 alpha-2 country codes (the norm's `ISO_3166-1-A2_Pays` tables). */
const packageName = 'i18n-iso-countries';

export interface CountryCodes {
  source: ReferentialSource;
  /** Alpha-2 codes: `FR`, `DE`… (the package also lists `XK`, Kosovo's user-assigned code). */
  codes: ReadonlySet<string>;
}

export async function loadCountryCodes(load: JsonLoader = importJson): Promise<CountryCodes> {
  const [source, raw] = await Promise.all([
    packageVersion(packageName, load),
    // Rows of [alpha-2, alpha-3, numeric, ISO 3166-2 prefix]; the names stay in `langs/`.
    load(`${packageName}/codes.json`) as Promise<string[][]>,
  ]);
  return { source, codes: new Set(raw.map((row) => row[0]!)) };
}
