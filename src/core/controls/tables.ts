import shipped from './data/tables.json' with { type: 'json' };

/**
 * Reference tables of the CRE controls (countries, communes, postal codes, NAF, IDCC…). Public
 * tables ship with Relais, built from maintained packages whose version is recorded; tables
 * without a public source (OES, OPS identifiers…) can be supplied by the operator as `<ID>.csv`
 * files in a directory (`--tables DIR`), and their controls stay silent otherwise. A supplied
 * file replaces the shipped table of the same id (an operator holding the net-entreprises
 * nomenclature files can use them instead).
 */
export interface ReferenceTable {
  /** Id used by controls: the norm's datatype or table name (`ISO_3166-1-A2_Pays`, `OES`). */
  id: string;
  /** What the table is, in French. */
  title: string;
  /** Where the data comes from and which version (`i18n-iso-countries 7.14.0`, `fichier fourni`). */
  source: string;
  has(code: string): boolean;
  /** Number of codes. */
  readonly size: number;
  /** Every code, for the few controls that compare a part of them (NNE: last four characters). */
  codes(): Iterable<string>;
}

export function codeTable(
  id: string,
  title: string,
  source: string,
  codes: ReadonlySet<string>,
): ReferenceTable {
  return { id, title, source, has: (code) => codes.has(code), size: codes.size, codes: () => codes.values() };
}

/** A shipped table as stored in `data/tables.json`: its codes joined by spaces, or a twin's. */
export interface ShippedTable {
  id: string;
  title: string;
  source: string;
  codes?: string;
  sameCodesAs?: string;
}

/** Tables Relais ships, by id (built from packages by `npm run tables:build`). */
export const builtinTables: ReadonlyMap<string, ShippedTable> = new Map(
  (shipped.tables as ShippedTable[]).map((t) => [t.id, t]),
);

/** Built-in tables are turned into sets once per process and kept. */
const loaded = new Map<string, ReferenceTable>();

/** Twins share one set: the communes' 37,000 codes are split once, not once per table. */
const codeSets = new Map<string, ReadonlySet<string>>();

function codeSetOf(owner: string): ReadonlySet<string> {
  let codes = codeSets.get(owner);
  if (codes === undefined)
    codeSets.set(owner, (codes = new Set(builtinTables.get(owner)!.codes!.split(' '))));
  return codes;
}

/**
 * A shipped table whose codes are split into a set when first looked up: controls load every
 * table they may need, and a file often needs few (a generated one never looks up a commune).
 */
function shippedTable(stored: ShippedTable): ReferenceTable {
  const owner = stored.codes === undefined ? stored.sameCodesAs! : stored.id;
  let set: ReadonlySet<string> | undefined;
  const codes = () => (set ??= codeSetOf(owner));
  return {
    id: stored.id,
    title: stored.title,
    source: stored.source,
    has: (code) => codes().has(code),
    get size() {
      return codes().size;
    },
    codes: () => codes().values(),
  };
}

function builtin(id: string): ReferenceTable | undefined {
  let table = loaded.get(id);
  if (table === undefined) {
    const stored = builtinTables.get(id);
    if (stored === undefined) return undefined;
    table = shippedTable(stored);
    loaded.set(id, table);
  }
  return table;
}

/** A table read from the operator's directory: one code per line, first `;` or `,` column. */
export function tableFromText(id: string, text: string, source: string): ReferenceTable {
  const codes = new Set<string>();
  for (const line of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const code = line
      .split(/[;,]/)[0]!
      .trim()
      .replace(/^"(.*)"$/, '$1');
    if (code) codes.add(code);
  }
  return codeTable(id, `Table ${id}`, source, codes);
}

export const suppliedSource = 'fichier fourni par l’exploitant';

export interface TableOptions {
  /** Reads an operator-supplied table file, or returns null when there is none. */
  readSupplied?: (id: string) => Promise<string | null>;
}

/** Loads the tables a set of controls needs; absent ones are simply not in the map. */
export async function loadTables(
  ids: Iterable<string>,
  options: TableOptions = {},
): Promise<Map<string, ReferenceTable>> {
  const tables = new Map<string, ReferenceTable>();
  await Promise.all(
    [...new Set(ids)].map(async (id) => {
      const supplied = await options.readSupplied?.(id);
      if (supplied != null) {
        tables.set(id, tableFromText(id, supplied, suppliedSource));
        return;
      }
      const table = builtin(id);
      if (table) tables.set(id, table);
    }),
  );
  return tables;
}
