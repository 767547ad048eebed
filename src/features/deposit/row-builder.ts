import type { Block } from '../../core/parse/tree.ts';
import { CopyBuffer } from '../../platform/store/copy-buffer.ts';
import { rowTables, unitMappings, type Link, type RowMapping, type ValueKind } from './row-mapping.ts';

/**
 * Rows waiting to be written, in COPY text format, one buffer per table (in `rowTables` order),
 * and the deposit's diagnostics (`diagnostic-rows.ts`).
 */
export class RowBatch {
  readonly tables: CopyBuffer[] = rowTables.map(() => new CopyBuffer());
  readonly diagnostics = new CopyBuffer();

  /** Declared data rows (diagnostics apart). */
  get rows(): number {
    let rows = 0;
    for (const table of this.tables) rows += table.rows;
    return rows;
  }

  /** Bytes held: the flush threshold is on this. */
  get size(): number {
    let size = this.diagnostics.length;
    for (const table of this.tables) size += table.length;
    return size;
  }

  get empty(): boolean {
    return this.diagnostics.length === 0 && this.tables.every((t) => t.length === 0);
  }

  clear(): void {
    for (const table of this.tables) table.clear();
    this.diagnostics.clear();
  }
}

const kindCodes: Record<ValueKind, number> = { text: 0, date: 1, numeric: 2, integer: 3 };

/** A mapping made fast to apply: rubric number → column slot, value kinds in column order. */
interface Plan {
  mapping: RowMapping;
  tableIndex: number;
  slotOf: Int16Array;
  kinds: Uint8Array;
  /** Reused for every row: values by column slot. */
  values: (string | undefined)[];
}

const plans = new Map<string, Plan>(
  unitMappings.map((mapping) => {
    const slotOf = new Int16Array(1000).fill(-1);
    mapping.fields.forEach(([, rubric], i) => (slotOf[rubric] = i));
    const tableIndex = rowTables.findIndex((t) => t.table === mapping.table);
    const plan: Plan = {
      mapping,
      tableIndex,
      slotOf,
      kinds: Uint8Array.from(mapping.fields.map(([, , kind]) => kindCodes[kind])),
      values: new Array(mapping.fields.length).fill(undefined),
    };
    return [mapping.block, plan];
  }),
);

/** What each block id makes its children belong to. */
const linkOfBlock: Record<string, Link> = {
  'S21.G00.30': 'individual_line',
  'S21.G00.40': 'contract_line',
  'S21.G00.50': 'payment_line',
  'S21.G00.78': 'base_line',
};

type Links = Record<Link, number>;

/** Turns one individual (an S21.G00.30 unit and its subtree) into rows. */
/** `key` is the declaration's key as text, written at the head of every row. */
export function appendUnitRows(unit: Block, key: string, batch: RowBatch): void {
  const links: Links = { individual_line: 0, contract_line: 0, payment_line: 0, base_line: 0 };
  walk(unit, key, links, batch);
}

function walk(block: Block, key: string, links: Links, batch: RowBatch): void {
  const plan = plans.get(block.id);
  if (plan !== undefined) {
    const link = linkOfBlock[block.id];
    if (link !== undefined) links[link] = block.line;
    writeRow(block, plan, key, links, batch.tables[plan.tableIndex]!);
  }
  const children = block.children;
  for (let i = 0; i < children.length; i++) walk(children[i]!, key, links, batch);
}

function writeRow(block: Block, plan: Plan, key: string, links: Links, out: CopyBuffer): void {
  const { mapping, slotOf, kinds, values } = plan;
  values.fill(undefined);
  const rubrics = block.rubrics;
  for (let i = 0; i < rubrics.length; i++) {
    const rubric = rubrics[i]!;
    const slot = rubric.number < 1000 ? slotOf[rubric.number]! : -1;
    if (slot >= 0) values[slot] = rubric.value;
  }
  out.ascii(key);
  out.tab();
  out.int(block.line);
  if (mapping.lastLine) {
    out.tab();
    out.int(block.lastLine());
  }
  for (let i = 0; i < mapping.links.length; i++) {
    out.tab();
    out.int(links[mapping.links[i]!]);
  }
  for (let i = 0; i < kinds.length; i++) {
    out.tab();
    const value = values[i];
    // A switch on a small code keeps these calls monomorphic: this runs for every value of the file.
    switch (kinds[i]) {
      case 0:
        out.text(value);
        break;
      case 1:
        out.date(value);
        break;
      case 2:
        out.numeric(value);
        break;
      default:
        out.integer(value);
    }
  }
  out.endRow();
}

/** Company and establishment rows of a declaration's context. */
export function appendContextRows(node: Block, key: string, batch: RowBatch): void {
  const company = node.first('S21.G00.06');
  if (company === undefined) return;
  const siren = company.value(1);
  const out = batch.tables[0]!;
  out.ascii(key);
  out.tab();
  out.int(company.line);
  for (const number of [1, 2, 3, 5, 6, 10, 15]) {
    out.tab();
    out.text(company.value(number));
  }
  out.endRow();
  const establishment = company.first('S21.G00.11');
  if (establishment === undefined) return;
  const nic = establishment.value(1);
  const row = batch.tables[1]!;
  row.ascii(key);
  row.tab();
  row.int(establishment.line);
  row.tab();
  row.text(siren !== undefined && nic !== undefined ? siren + nic : undefined);
  for (const number of [1, 2, 4, 5, 15]) {
    row.tab();
    row.text(establishment.value(number));
  }
  row.tab();
  row.integer(establishment.value(8));
  row.tab();
  row.text(establishment.value(22));
  row.endRow();
}
