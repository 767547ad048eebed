import { importJson, packageVersion, type JsonLoader, type ReferentialSource } from './source.ts';

/** NAF rév. 2 activity codes (the norm's `Insee_Naf_2008_4`: APEN, APET). */
const packageName = '@socialgouv/codes-naf';

export interface NafCode {
  /** As written in a declaration: `6202A` (no point). */
  code: string;
  label: string;
}

export interface NafTable {
  source: ReferentialSource;
  /** Sub-classes only (the 5-character codes a declaration carries). */
  codes: readonly NafCode[];
  has(code: string): boolean;
}

export async function loadNaf(load: JsonLoader = importJson): Promise<NafTable> {
  const [source, raw] = await Promise.all([
    packageVersion(packageName, load),
    load(`${packageName}/index.json`) as Promise<{ id: string; label: string }[]>,
  ]);
  const codes = raw
    .filter((r) => /^\d{2}\.\d{2}[A-Z]$/.test(r.id))
    .map((r) => ({ code: r.id.replace('.', ''), label: r.label }));
  const known = new Set(codes.map((c) => c.code));
  return { source, codes, has: (code) => known.has(code) };
}
