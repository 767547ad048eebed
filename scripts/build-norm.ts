/**
 * Generates the norm catalogue (`src/core/norm/data/*.json`) from the official tables vendored under
 * `norm/sources/` (see `norm/README.md`). Run `npm run norm:build`; `--check` fails when the
 * committed catalogue differs from what the tables give, so nobody edits the data by hand.
 */
import { readFileSync, readdirSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { parse as parseYaml } from 'yaml';
import type {
  BlockDef,
  ControlCategory,
  ControlMessage,
  DataTypeDef,
  DataTypeNature,
  NormCatalogue,
  NormDocs,
  RubricDef,
  Usage,
  UsagesSource,
} from '../src/core/norm/types.ts';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const sources = join(repo, 'norm', 'sources');
const out = join(repo, 'src', 'core', 'norm', 'data');

type Row = Record<string, string>;

function readCsv(path: string): Row[] {
  return parse(readFileSync(path, 'utf8'), {
    delimiter: ';',
    columns: true,
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
  }) as Row[];
}

function readRawCsv(path: string): string[][] {
  return parse(readFileSync(path, 'utf8'), {
    delimiter: ';',
    bom: true,
    relax_column_count: true,
  }) as string[][];
}

/** Excel exports a CR inside a cell as `_x000D_`. */
function text(value: string | undefined): string {
  return (value ?? '')
    .replace(/_x000D_\r?\n/g, '\n')
    .replace(/_x000D_/g, '\n')
    .trim();
}

function int(value: string | undefined, fallback: number): number {
  const n = Number.parseInt(value ?? '', 10);
  return Number.isFinite(n) ? n : fallback;
}

function bound(value: string | undefined): number | null {
  const v = (value ?? '').trim();
  return v === '*' || v === '' || v === 'n' ? null : int(v, 0);
}

const natures: DataTypeNature[] = ['Alphanumeric', 'Numeric', 'Date', 'Enumeration', 'ExternalReferential'];

function nature(value: string, id: string): DataTypeNature {
  const found = natures.find((n) => n.toLowerCase() === value.trim().toLowerCase());
  if (found) return found;
  // One P24V01 datatype has an empty nature; its id says what it is.
  if (/^date/i.test(id)) return 'Date';
  return 'Alphanumeric';
}

/** `01=label;02=label` — labels may themselves contain `=`, never `;`. */
function enumValues(raw: string): [string, string][] {
  return text(raw)
    .split(';')
    .map((pair) => pair.replace(/^\n+|\n+$/g, ''))
    .filter((pair) => pair.includes('='))
    .map((pair) => {
      const i = pair.indexOf('=');
      return [pair.slice(0, i).trim(), pair.slice(i + 1).trim()] as [string, string];
    });
}

function datatype(row: Row, natureColumn: string): DataTypeDef {
  const id = row['Id']!.trim();
  const def: DataTypeDef = { id, name: text(row['Name']) || id, nature: nature(row[natureColumn] ?? '', id) };
  const regexp = (row['Regexp'] ?? '').trim();
  if (regexp) def.regexp = regexp;
  const min = int(row['Lg Min'], NaN);
  const max = int(row['Lg Max'], NaN);
  if (Number.isFinite(min)) def.minLength = min;
  if (Number.isFinite(max)) def.maxLength = max;
  const values = enumValues(row['Values'] ?? '');
  if (values.length > 0) def.values = values;
  const description = text(row['Description']);
  if (description && def.nature === 'ExternalReferential') def.description = description;
  return def;
}

const controlId = /^(S\d{2}\.G\d{2}\.\d{2}\.\d{3})\s*\/\s*([A-Z]{3})\s*-?\s*(\d+)$/;

function messages(rows: Row[], version: string): ControlMessage[] {
  const byId = new Map<string, ControlMessage>();
  for (const row of rows) {
    const official = (row['Name'] ?? '').trim();
    if (!official) continue;
    const m = controlId.exec(official);
    if (!m) throw new Error(`${version}: identifiant de contrôle illisible « ${official} »`);
    const id = `${m[1]}/${m[2]}-${m[3]}`;
    const existing = byId.get(id);
    if (existing) {
      // Same control written twice (typing slip): keep the first text, record the spelling.
      if (official !== id && !existing.aliases?.includes(official)) {
        existing.aliases = [...(existing.aliases ?? []), official];
      }
      continue;
    }
    const entry: ControlMessage = {
      id,
      rubric: m[1]!,
      category: m[2] as ControlCategory,
      description: text(row['Description']),
      message: text(row['Message']),
    };
    if (official !== id) entry.aliases = [official];
    byId.set(id, entry);
  }
  return [...byId.values()];
}

interface UsageTable {
  name: string;
  natures: string[];
  byRubric: Map<string, Record<string, Usage>>;
}

function usageTable(name: string): UsageTable {
  const rows = readRawCsv(join(sources, 'usages', `${name}.csv`));
  const header = rows[1]!;
  const natureColumns: [number, string][] = [];
  header.forEach((cell, i) => {
    const m = /^(\d{2}) - /.exec(cell.trim());
    if (m) natureColumns.push([i, m[1]!]);
  });
  const byRubric = new Map<string, Record<string, Usage>>();
  for (const row of rows.slice(3)) {
    const rubric = (row[2] ?? '').trim();
    if (!/^S\d{2}\.G\d{2}\.\d{2}\.\d{3}$/.test(rubric)) continue;
    const usage: Record<string, Usage> = {};
    for (const [i, code] of natureColumns) {
      const v = (row[i] ?? '').trim().toUpperCase();
      if (v === 'O' || v === 'C' || v === 'I' || v === 'N') usage[code] = v;
    }
    byRubric.set(rubric, usage);
  }
  return { name, natures: natureColumns.map(([, c]) => c), byRubric };
}

const usageTables = ['CT2025.1', 'CT2027.1'].map(usageTable);

/**
 * The table whose year matches the norm is exact. Otherwise the nearest table is the one sharing
 * the most rubrics with the norm (P24V01 and P26V01 have none of their own).
 */
function usagesFor(version: string, rubricIds: string[]): UsageTable {
  const year = version.slice(1, 3);
  const exact = usageTables.find((t) => t.name.slice(4, 6) === year);
  if (exact) return exact;
  const score = (t: UsageTable) => rubricIds.filter((id) => t.byRubric.has(id)).length;
  return [...usageTables].sort((a, b) => score(b) - score(a) || a.name.localeCompare(b.name))[0]!;
}

function standard(dir: string): { revision: string; label: string } {
  const rows = readRawCsv(join(dir, 'Standard.csv'));
  const get = (key: string) => rows.find((r) => r[0] === key)?.[1]?.trim() ?? '';
  return { revision: get('Revision'), label: get('Description') };
}

interface Tables {
  version: string;
  family: 'DSN' | 'PASRAU';
  revision: string;
  label: string;
  source: string;
  headers: Row[];
  blocks: Row[];
  fields: Row[];
  datatypes: Row[];
  natureColumn: string;
  messages: Row[];
  withUsages: boolean;
}

function catalogue(t: Tables): { catalogue: NormCatalogue; docs: NormDocs } {
  const header = (element: string) => t.headers.find((h) => h['Element']?.trim() === element);
  const root = header('Header')!;
  const declaration = header('Declaration')!;
  const footer = header('Footer')!;
  const docs: NormDocs = { version: t.version, blocks: {}, rubrics: {} };

  const blocks: BlockDef[] = [
    { id: root['Id']!.trim(), name: text(root['Name']), parent: null, min: 1, max: 1 },
  ];
  const headerBlock = (row: Row, min: number, max: number | null): BlockDef => ({
    id: row['Id']!.trim(),
    name: text(row['Name']),
    parent: blocks[0]!.id,
    min,
    max,
  });
  const sheetBlocks = t.blocks
    .filter((row) => row['Id']?.trim())
    .map((row): BlockDef => ({
      id: row['Id']!.trim(),
      name: text(row['Name']),
      parent: row['ParentId']?.trim() || null,
      min: int(row['lowerBound'], 0),
      max: row['upperBound'] === undefined ? null : bound(row['upperBound']),
      ...(row[supplementMark] ? { supplement: true as const } : {}),
    }));
  // The sheet lists the children of the envoi first, then the declaration's subtree; the header
  // blocks (declaration, footer) are only in the Header sheet.
  const envoiChildren = sheetBlocks.filter((b) => b.parent === blocks[0]!.id);
  blocks.push(...envoiChildren);
  blocks.push(headerBlock(declaration, 1, null));
  blocks.push(...sheetBlocks.filter((b) => b.parent !== blocks[0]!.id));
  blocks.push(headerBlock(footer, 1, 1));
  for (const row of t.blocks) {
    const d = text(row['Description']);
    if (d) docs.blocks[row['Id']!.trim()] = d;
  }

  const rubrics: RubricDef[] = t.fields
    .filter((row) => row['Block Id']?.trim() && row['Id']?.trim())
    .map((row) => {
      const block = row['Block Id']!.trim();
      const id = `${block}.${row['Id']!.trim().padStart(3, '0')}`;
      const d = text(row['Description']);
      if (d) docs.rubrics[id] = d;
      const def: RubricDef = { id, block, name: text(row['Name']), datatype: row['DataType Id']!.trim() };
      if (row[supplementMark]) def.supplement = true;
      return def;
    });

  let usages: UsagesSource | null = null;
  if (t.withUsages) {
    const table = usagesFor(
      t.version,
      rubrics.map((r) => r.id),
    );
    usages = {
      table: table.name,
      exact: table.name.slice(4, 6) === t.version.slice(1, 3),
      natures: table.natures,
    };
    for (const r of rubrics) {
      const u = table.byRubric.get(r.id);
      if (u) r.usage = u;
    }
  }

  return {
    catalogue: {
      family: t.family,
      version: t.version,
      revision: t.revision,
      label: t.label,
      source: t.source,
      root: blocks[0]!.id,
      declaration: declaration['Id']!.trim(),
      footer: footer['Id']!.trim(),
      usages,
      blocks,
      rubrics,
      datatypes: t.datatypes.filter((row) => row['Id']?.trim()).map((row) => datatype(row, t.natureColumn)),
      messages: messages(t.messages, t.version),
    },
    docs,
  };
}

function officialDsn(version: string): Tables {
  const dir = join(sources, version);
  const { revision, label } = standard(dir);
  return {
    version,
    family: 'DSN',
    revision,
    label,
    source: `net-entreprises, dsn-datatypes-CT20${version.slice(1, 3)}.xlsx (révision ${revision})`,
    headers: readCsv(join(dir, 'Header.csv')),
    blocks: readCsv(join(dir, 'Blocks.csv')),
    fields: readCsv(join(dir, 'Fields.csv')),
    datatypes: readCsv(join(dir, 'Data_Types.csv')),
    natureColumn: 'Nature',
    messages: readCsv(join(dir, 'Messages.csv')),
    withUsages: true,
  };
}

function extract(
  family: 'DSN' | 'PASRAU',
  version: string,
  dir: string,
  prefix: string,
  natureColumn: string,
  label: string,
  source: string,
): Tables {
  const file = (sheet: string) => join(sources, dir, `${prefix}_${sheet}.csv`);
  return {
    version,
    family,
    revision: '',
    label,
    source,
    headers: readCsv(file('headers')),
    blocks: readCsv(file('blocks')),
    fields: readCsv(file('fields')),
    datatypes: readCsv(file('datatypes')),
    natureColumn,
    messages: [],
    withUsages: false,
  };
}

/** Hidden column set on the rows a supplement adds, so the catalogue can say they are not official. */
const supplementMark = '__supplement';

interface Sheets {
  blocks: Row[];
  fields: Row[];
  datatypes: Row[];
}

/** The sheets of a table exported as `<prefix>_<sheet>.csv`, whatever the prefix. */
function sheetsIn(dir: string): { prefix: string; file: (sheet: string) => string } {
  const headers = readdirSync(join(sources, dir)).find((f) => f.endsWith('_blocks.csv'));
  if (!headers) throw new Error(`${dir} : aucun fichier *_blocks.csv`);
  const prefix = headers.slice(0, -'_blocks.csv'.length);
  return { prefix, file: (sheet) => join(sources, dir, `${prefix}_${sheet}.csv`) };
}

const rubricKey = (row: Row) => `${row['Block Id']?.trim()}.${row['Id']?.trim().padStart(3, '0')}`;

/**
 * Adds to official sheets what a supplement defines and they do not: the official definition of a
 * block, rubric or datatype always wins, so a newer official table supersedes the supplement
 * without any change here. A new block is placed among its siblings by block number.
 */
export function layer(official: Sheets, supplement: Sheets): Sheets {
  const mark = (row: Row): Row => ({ ...row, [supplementMark]: '1' });
  const blocks = [...official.blocks];
  const blockIds = new Set(blocks.map((b) => b['Id']?.trim()));
  for (const row of supplement.blocks) {
    const id = row['Id']!.trim();
    if (blockIds.has(id)) continue;
    blockIds.add(id);
    const parent = row['ParentId']?.trim();
    const siblings = blocks.map((b, i) => ({ b, i })).filter(({ b }) => b['ParentId']?.trim() === parent);
    const next = siblings.find(({ b }) => b['Id']!.trim() > id);
    const at = next ? next.i : siblings.length > 0 ? siblings.at(-1)!.i + 1 : blocks.length;
    blocks.splice(at, 0, mark(row));
  }
  const rubricIds = new Set(official.fields.map(rubricKey));
  const typeIds = new Set(official.datatypes.map((d) => d['Id']?.trim()));
  return {
    blocks,
    fields: [
      ...official.fields,
      ...supplement.fields
        .filter((f) => blockIds.has(f['Block Id']?.trim()) && !rubricIds.has(rubricKey(f)))
        .map(mark),
    ],
    datatypes: [...official.datatypes, ...supplement.datatypes.filter((d) => !typeIds.has(d['Id']?.trim()))],
  };
}

const pasrauSupplement = 'pasrau-supplement';

/**
 * Every official PASRAU table vendored as `norm/sources/pasrau-<version>/` becomes a catalogue
 * `PASRAU-<version>`; the newest one gets the non-official supplement layered on top (see
 * `norm/sources/pasrau-supplement/README.md`).
 */
function pasrauTables(): Tables[] {
  const dirs = readdirSync(sources)
    .filter((d) => /^pasrau-\d/.test(d))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  return dirs.map((dir, i) => {
    const { prefix, file } = sheetsIn(dir);
    const name = dir.slice('pasrau-'.length);
    let sheets: Sheets = {
      blocks: readCsv(file('blocks')),
      fields: readCsv(file('fields')),
      datatypes: readCsv(file('datatypes')),
    };
    const newest = i === dirs.length - 1;
    const supplemented = newest && existsSync(join(sources, pasrauSupplement));
    if (supplemented) {
      const extra = sheetsIn(pasrauSupplement).file;
      sheets = layer(sheets, {
        blocks: readCsv(extra('blocks')),
        fields: readCsv(extra('fields')),
        datatypes: readCsv(extra('datatypes')),
      });
    }
    // The Coog extracts renamed the datatypes' Nature column to Name (fatizch/tryton, claim_pasrau).
    const natureColumn = Object.hasOwn(sheets.datatypes[0] ?? {}, 'Nature') ? 'Nature' : 'Name';
    return {
      version: `PASRAU-${name}`,
      family: 'PASRAU' as const,
      revision: '',
      label: supplemented ? `${name} + complément non officiel` : name,
      source:
        `net-entreprises, ${prefix}.xlsx, extraits CSV de fatizch/tryton (Coog, GPL-3)` +
        (supplemented ? ` ; blocs récents : complément non officiel norm/sources/${pasrauSupplement}` : ''),
      headers: readCsv(file('headers')),
      ...sheets,
      natureColumn,
      messages: [],
      withUsages: false,
    };
  });
}

/** Values of S10.G00.00.006 that name a catalogue: the codes its own norm-version datatype lists. */
function declaredAs(c: NormCatalogue): string[] {
  const rubric = c.rubrics.find((r) => r.id === `${c.root}.006`);
  const type = c.datatypes.find((d) => d.id === rubric?.datatype);
  return type?.values?.map(([code]) => code) ?? [c.version];
}

/** The organisms' lot envelope (S05/S06/S95/S96), from the open-neodes V01R02 definition. */
function lotEnvelope(): NormCatalogue {
  interface Field {
    label: string;
    type: string;
    length: number;
  }
  const yaml = parseYaml(readFileSync(join(sources, 'lot', 'norm-V01R02.yaml'), 'utf8')) as {
    version: string;
    segments: Record<string, { name: string; fields: Record<string, Field> }>;
  };
  const parents: Record<string, string | null> = {
    'S05.G51.00': null,
    'S06.G51.00': 'S05.G51.00',
    'S96.G51.00': 'S06.G51.00',
    'S95.G51.00': 'S05.G51.00',
  };
  const blocks: BlockDef[] = Object.entries(yaml.segments).map(([id, s]) => ({
    id,
    name: s.name,
    parent: parents[id] ?? null,
    min: 1,
    max: id === 'S06.G51.00' ? null : 1,
  }));
  const rubrics: RubricDef[] = [];
  const datatypes = new Map<string, DataTypeDef>();
  for (const [block, s] of Object.entries(yaml.segments)) {
    for (const [id, f] of Object.entries(s.fields)) {
      const dt = `Lot_${f.type}_${f.length}`;
      if (!datatypes.has(dt)) {
        datatypes.set(dt, {
          id: dt,
          name: dt,
          nature: f.type === 'N' ? 'Numeric' : f.type === 'D' ? 'Date' : 'Alphanumeric',
          ...(f.type === 'N' ? { regexp: '[0-9]+' } : {}),
          ...(f.type === 'D' ? { regexp: '[0-9]{8}' } : {}),
          minLength: 1,
          maxLength: f.length,
        });
      }
      rubrics.push({ id, block, name: f.label, datatype: dt });
    }
  }
  return {
    family: 'DSN',
    version: yaml.version,
    revision: '',
    label: 'Enveloppe de lot des organismes (S05/S06/S95/S96)',
    source: 'Jikenlabs/open-neodes norm-V01R02.yaml (Apache-2.0), converti de la documentation officielle',
    root: 'S05.G51.00',
    declaration: 'S06.G51.00',
    footer: 'S95.G51.00',
    usages: null,
    blocks,
    rubrics,
    datatypes: [...datatypes.values()],
    messages: [],
  };
}

function render(value: unknown): string {
  return JSON.stringify(value, null, 1) + '\n';
}

function build(): Map<string, string> {
  const files = new Map<string, string>();
  const all: Tables[] = [
    ...['P24V01', 'P25V01', 'P26V01', 'P27V01'].map(officialDsn),
    extract(
      'DSN',
      'P19V01',
      'P19V01',
      'dsn-datatypes-CT2019-1',
      'Nature',
      'CT2019.1',
      'net-entreprises CT2019.1, extraits CSV de fatizch/tryton (Coog, GPL-3)',
    ),
    ...pasrauTables(),
  ];
  const index: { version: string; family: string; label: string; revision: string; declaredAs: string[] }[] =
    [];
  for (const t of all) {
    const { catalogue: c, docs } = catalogue(t);
    files.set(`${t.version}.json`, render(c));
    files.set(`${t.version}.docs.json`, render(docs));
    index.push({
      version: c.version,
      family: c.family,
      label: c.label,
      revision: c.revision,
      declaredAs: declaredAs(c),
    });
  }
  files.set('lot-V01R02.json', render(lotEnvelope()));
  index.sort((a, b) => a.version.localeCompare(b.version));
  files.set('index.json', render(index));
  return files;
}

function main(): void {
  const check = process.argv.includes('--check');
  const files = build();
  let stale = 0;
  if (!check) mkdirSync(out, { recursive: true });
  for (const [name, content] of files) {
    const path = join(out, name);
    if (check) {
      if (!existsSync(path) || readFileSync(path, 'utf8') !== content) {
        console.error(`catalogue périmé : ${name} (relancez npm run norm:build)`);
        stale++;
      }
    } else {
      writeFileSync(path, content);
    }
  }
  if (check && stale > 0) process.exit(1);
  console.error(check ? 'catalogue de la norme à jour' : `${files.size} fichiers écrits dans src/core/norm/data`);
}

// Imported by tests for `layer`: generate only when run as a script.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
