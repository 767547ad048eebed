import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Control } from '../../core/controls/control.ts';
import type { Edit, TaggedLine } from '../../core/examples/edit.ts';
import type { ControlExample } from '../../core/examples/example.ts';
import type { CompiledNorm } from '../../core/norm/compile.ts';
import { dateKey, daysInMonth, partsOf } from '../../core/values/calendar.ts';
import { packageRoot } from '../../platform/build-paths.ts';
import { parseMonth } from './months.ts';

/**
 * The controls' failing examples, as `--faults-only` carries them over to a generated file: which
 * units of a declaration their edits touch, and their values read on the generated declaration
 * (translated from the reference declaration, or with dates moved to the generated month).
 */

/** Where an edit falls: envoi header, declaration context, individual, after the individuals, footer. */
export type Kind = 'H' | 'C' | 'I' | 'T' | 'F';

/** A failing example usable on a generated file, and where its edits fall. */
export interface Candidate {
  example: ControlExample;
  kinds: ReadonlySet<Kind>;
}

/** Where a rubric's lines sit in a declaration. */
export function kindOf(rubric: string, norm: CompiledNorm): Kind {
  if (rubric.startsWith('S10.')) return 'H';
  if (rubric.startsWith('S90.')) return 'F';
  if (rubric.startsWith('S89.') || rubric.startsWith('S21.G00.85')) return 'T';
  let block = norm.blockById.get(rubric.slice(0, 10)) ?? null;
  while (block !== null && block.id !== 'S21.G00.30') block = block.parent;
  return block !== null ? 'I' : 'C';
}

function kindsOf(edits: readonly Edit[], norm: CompiledNorm): Set<Kind> {
  const kinds = new Set<Kind>();
  for (const edit of edits) {
    if ('set' in edit) kinds.add(kindOf(edit.set, norm));
    else if ('remove' in edit) kinds.add(kindOf(edit.remove, norm));
    // Without one of its individuals, a declaration is judged as a whole (one without individual…).
    else if ('removeBlock' in edit)
      kinds.add(edit.removeBlock === 'S21.G00.30' ? 'C' : kindOf(`${edit.removeBlock}.001`, norm));
    else for (const line of edit.lines) kinds.add(kindOf(line.slice(0, 14), norm));
  }
  return kinds;
}

/** The least invasive first: an individual, what follows them, a context, the envoi's header. */
export function invasiveness(kinds: ReadonlySet<Kind>): number {
  if (kinds.has('H')) return 3;
  if (kinds.has('C')) return 2;
  return kinds.has('T') ? 1 : 0;
}

/**
 * The failing examples usable on a generated file of this norm and nature: not those written for
 * another nature, nor those that need supplied tables.
 */
export function candidatesOf(
  control: Control,
  norm: CompiledNorm,
  nature: string,
): { candidates: Candidate[]; natures: Set<string>; asIs: boolean } {
  const candidates: Candidate[] = [];
  const natures = new Set<string>();
  let asIs = false;
  for (const example of control.examples?.() ?? []) {
    if (!example.fails || example.tables) continue;
    if (example.versions && !example.versions.includes(norm.version)) continue;
    if (example.edits.length === 0) {
      asIs = true;
      continue;
    }
    const other = example.edits.find((e) => 'set' in e && e.set === 'S20.G00.05.001' && e.value !== nature);
    if (other && 'set' in other) {
      natures.add(other.value);
      continue;
    }
    candidates.push({ example, kinds: kindsOf(example.edits, norm) });
  }
  // Stable: the examples' order within each level.
  candidates.sort((a, b) => invasiveness(a.kinds) - invasiveness(b.kinds));
  return { candidates, natures, asIs };
}

/** A reference declaration of `examples/bases/`: its values by rubric, and the month it declares. */
export interface Base {
  values: Map<string, string[]>;
  month: string;
}

const bases = new Map<string, Base>();

export function baseOf(name: string): Base {
  let base = bases.get(name);
  if (base === undefined) {
    const text = readFileSync(join(packageRoot, 'src', 'core', 'examples', 'bases', `${name}.dsn`), 'latin1');
    const lines = text.split('\n').filter((l) => l.length > 0);
    const start = /^S20\.G00\.05\.005,'\d{2}(\d{2})(\d{4})'/m.exec(text);
    base = { values: valuesByRubric(lines), month: start ? `${start[2]}-${start[1]}` : '2026-01' };
    bases.set(name, base);
  }
  return base;
}

function valuesByRubric(lines: Iterable<string>): Map<string, string[]> {
  const values = new Map<string, string[]>();
  for (const line of lines) {
    const rubric = line.slice(0, 14);
    let list = values.get(rubric);
    if (!list) values.set(rubric, (list = []));
    list.push(line.slice(16, -1));
  }
  return values;
}

function monthsBetween(from: string, to: string): number {
  const a = parseMonth(from)!;
  const b = parseMonth(to)!;
  return (b.year - a.year) * 12 + (b.month - a.month);
}

/** How an example's values are read on a window. */
export type Reading = 'translated' | 'shifted' | 'as-written';
export const readings: readonly Reading[] = ['translated', 'shifted', 'as-written'];

/**
 * The values of the reference declaration that name something of it (a NIR, a contract number, a
 * SIRET…), with the value found at the same place (rubric and occurrence) in the window: an example
 * that copies the first individual's NIR to make a duplicate must copy the window's. Values shorter
 * than 5 characters (codes) and values found at places that disagree are left as written.
 */
function translation(base: Base, window: readonly TaggedLine<string>[]): Map<string, string> {
  const here = valuesByRubric(window.map((l) => l.text));
  const map = new Map<string, string | null>();
  for (const [rubric, values] of base.values) {
    if (rubric.startsWith('S10.G00.00') || rubric.startsWith('S90')) continue;
    const mine = here.get(rubric);
    if (!mine) continue;
    for (let k = 0; k < Math.min(values.length, mine.length); k++) {
      const from = values[k]!;
      if (from.length < 5) continue;
      const known = map.get(from);
      if (known === undefined) map.set(from, mine[k]!);
      else if (known !== mine[k]) map.set(from, null);
    }
  }
  const sure = new Map<string, string>();
  for (const [from, to] of map) if (to !== null && to !== from) sure.set(from, to);
  return sure;
}

const monthYear = /^(0[1-9]|1[0-2])\d{4}$/;
const period = /^(20\d{2})([MTSAE])(\d{2})$/;

/**
 * A date of the reference declaration moved by `months` (`years` for a year), as its datatype
 * writes it: `JJMMAAAA`, `MMAAAA`, a year, or a period (`2026M01`; a quarter, a half or a year
 * moves by years).
 */
function shiftValue(
  norm: CompiledNorm,
  rubric: string,
  value: string,
  months: number,
  years: number,
): string {
  if (months === 0) return value;
  const r = norm.rubricById.get(rubric);
  if (r === undefined) return value;
  if (r.type.isDate) return shiftDate(value, months);
  const datatype = r.def.datatype;
  if (datatype.startsWith('Date_MMAAAA') && monthYear.test(value))
    return shiftDate(`01${value}`, months).slice(2);
  if (datatype.startsWith('Annee') && /^\d{4}$/.test(value)) return String(Number(value) + years);
  const p = period.exec(value);
  if (p === null) return value;
  if (p[2] !== 'M') return `${Number(p[1]) + years}${p[2]}${p[3]}`;
  const moved = shiftDate(`01${p[3]}${p[1]}`, months);
  return `${moved.slice(4)}M${moved.slice(2, 4)}`;
}

/**
 * The example's edits as they apply to a window: values of the reference declaration translated
 * into the window's, and dates moved by the months between the two declared months.
 */
export function readEdits(
  edits: readonly Edit[],
  reading: Reading,
  base: Base,
  month: string,
  window: readonly TaggedLine<string>[],
  norm: CompiledNorm,
): Edit[] {
  if (reading === 'as-written') return anchored(edits, window);
  const months = monthsBetween(base.month, month);
  const years = parseMonth(month)!.year - parseMonth(base.month)!.year;
  const translated = reading === 'translated' ? translation(base, window) : new Map<string, string>();
  const value = (rubric: string, v: string) =>
    translated.get(v) ?? shiftValue(norm, rubric, v, months, years);
  const line = (text: string) =>
    text.endsWith("'") && text[15] === "'"
      ? `${text.slice(0, 16)}${value(text.slice(0, 14), text.slice(16, -1))}'`
      : text;
  return anchored(
    edits.map((e) => {
      if ('set' in e) return { ...e, value: value(e.set, e.value) };
      if ('lines' in e) return { ...e, lines: e.lines.map(line) };
      return e;
    }),
    window,
  );
}

/**
 * An example that inserts a block next to a rubric the window does not have, when the window has
 * that block already (a monthly example adds a work stoppage after the contract's last block; an
 * event report generated with its stoppage has no such block but has the stoppage): the inserted
 * lines take the place of the window's first instance of the block.
 */
function anchored(edits: readonly Edit[], window: readonly TaggedLine<string>[]): Edit[] {
  const has = (rubric: string) => window.some((l) => l.text.startsWith(`${rubric},`));
  return edits.flatMap((e): Edit[] => {
    if (!('lines' in e) || e.lines.length === 0) return [e];
    const anchor = 'insertAfter' in e ? e.insertAfter : e.insertBefore;
    if (has(anchor)) return [e];
    const block = e.lines[0]!.slice(0, 10);
    const first = window.find((l) => l.text.startsWith(`${block}.`));
    if (first === undefined) return [e];
    return [
      { insertBefore: first.text.slice(0, 14), lines: e.lines },
      { removeBlock: block, occurrence: 2 },
    ];
  });
}

/**
 * Moves a `JJMMAAAA` date by whole months; the last day of a month stays the last day, so that the
 * example's periods still cover the declared month.
 */
export function shiftDate(value: string, months: number): string {
  const key = months === 0 ? null : dateKey(value);
  if (key === null) return value;
  const { year: y, month: m, day } = partsOf(key);
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = daysInMonth(year, month);
  const moved = day === daysInMonth(y, m) ? last : Math.min(day, last);
  return `${String(moved).padStart(2, '0')}${String(month).padStart(2, '0')}${year}`;
}
