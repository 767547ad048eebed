import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkDsn } from '../check/check.ts';
import type { Control } from '../controls/control.ts';
import { buildReferential, findControl, type ReferentialEntry } from '../controls/referential.ts';
import { controls as implemented } from '../controls/registry.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { applyEditsTo, type Edit, type TaggedLine } from '../examples/edit.ts';
import type { ControlExample } from '../examples/example.ts';
import type { CompiledNorm } from '../norm/compile.ts';
import { compiledNorm } from '../norm/provider.ts';
import { latin1Bytes } from '../parse/latin1.ts';
import type { JsonLoader } from '../referentials/source.ts';
import { daysInMonth, parseMonth } from './dates.ts';
import { defaultNormFor, generateDsn, optionProblem, type GenerateOptions } from './generate.ts';
import type { FaultRecord, UnitHandler, UnitPlan } from './writer.ts';

/**
 * `relais generate --faults-only ID,…`: official controls chosen by id, each triggered at a known
 * line of the generated file.
 *
 * Every implemented control has failing examples (`examples/example.ts`): edits, addressed by
 * rubric and occurrence, of a small reference declaration. Before anything is written, the
 * generator writes the beginning of the file in memory (the envoi's header, the context of the
 * first declarations and their first individuals); a control's example is applied to a *window*
 * cut from it (header, one declaration's context, one individual or the declaration's first ones,
 * footer), shaped like the reference declaration. The window is then checked with the whole
 * catalogue: when the control fires, the edited units (header, context, individual, or what follows
 * the individuals) replace the generated ones in the file, and the answer key gets the line where
 * it fired and, as consequences, every other code the check reported. Otherwise the next example,
 * or another individual, is tried. The rest of the file is the one of the same seed without
 * faults; random faults (`--faults`) are left out of the units a chosen control uses and of the
 * contexts of the declarations that carry one.
 *
 * Units are named as the writer names them (`writer.ts` `UnitHandler`): `H` (envoi header), `C2`
 * (context of declaration 2, from 0), `I2.17` (its individual 17), `T2` (after its individuals),
 * `F` (footer). A unit belongs to one chosen control, which keeps the units its window read as
 * they are too. One whose example edits a declaration's context is checked with the declaration's
 * first individuals (up to 100: beyond, the key rests on them) and keeps them; one that edits the
 * envoi's header or judges the envoi as a whole is checked with another declaration of the file
 * as well. Controls are placed header first, so that the later windows read the header edited.
 */

/** The answer key's `kind` for a chosen control. */
export const controlFaultKind = 'controle';

/**
 * Why an id cannot be triggered: `unknown` id; `status`: not implemented, `needs-table` or
 * `not-applicable`; `version`: not in the norm of the generated file; `nature`: only for other
 * declaration natures; `examples`: its failing examples do not make it fire on a generated file;
 * `room`: the file has too few declarations or employees for it; `header`: it edits the envoi's
 * header, which another chosen control edits already.
 */
export type ControlFaultCause = 'unknown' | 'status' | 'version' | 'nature' | 'examples' | 'room' | 'header';

/** An id that cannot be triggered, and why, in French. */
export interface ControlFaultProblem {
  /** The normalised id, or the text typed when it names no control. */
  id: string;
  cause: ControlFaultCause;
  reason: string;
}

/** What `generateDsn` needs of the plan: the units it replaces, and where not to put random faults. */
export interface ControlFaultPlan extends UnitHandler {
  /** The controls placed, normalised ids, in the order asked. */
  readonly ids: readonly string[];
  /** With `partial`: the ids left out. */
  readonly problems: readonly ControlFaultProblem[];
  /** True when the envoi's header is edited (the random envoi fault is then left out). */
  readonly changesHeader: boolean;
  /** True when declaration `d` (from 0) carries a chosen control. */
  touches(d: number): boolean;
  /** True when a chosen control edits the unit, or read it as it must stay (`I2.17`…). */
  owns(unit: string): boolean;
}

/** Ids that cannot be triggered, each with its reason in French: nothing must be written. */
export class ControlFaultError extends Error {
  constructor(readonly problems: readonly ControlFaultProblem[]) {
    const lines = problems.map((p) => `${p.id} : ${p.reason}`);
    super(
      lines.length === 1
        ? `--faults-only : ${lines[0]}`
        : `--faults-only : ${lines.length} contrôles ne peuvent pas être déclenchés :\n${lines.map((l) => `  - ${l}`).join('\n')}`,
    );
    this.name = 'ControlFaultError';
  }
}

/** The generator writes monthly declarations only. */
const nature = '01';

/** Most individuals of a window whose example edits the declaration's context. */
const contextWindow = 100;
/** Individuals tried, of different kinds of contract, before the next example. */
const individualTries = 4;
/** Declarations tried, of different companies first, before the next example. */
const declarationTries = 3;

type Kind = 'H' | 'C' | 'I' | 'T' | 'F';

interface Candidate {
  example: ControlExample;
  kinds: ReadonlySet<Kind>;
}

interface Wanted {
  id: string;
  control: Control;
  candidates: Candidate[];
}

/** The beginning of the file, read by a first generation in memory. */
interface Sample {
  /** True when the whole file was read. */
  complete: boolean;
  header: string[];
  declarations: { context: string[]; individuals: string[][] }[];
}

interface Placement {
  d: number;
  individuals: number[];
  /** Another declaration of the envoi, read after `d`: for the rules across declarations. */
  other?: number;
  /** Units the example may edit. */
  allowed: Set<string>;
  /**
   * The example edits the declaration's context: the control keeps it, what follows its
   * individuals and the individuals of the window, read with it.
   */
  context: boolean;
}

interface Outcome {
  candidate: Candidate;
  placement: Placement;
  /** Edited units and their new lines. */
  changed: Map<string, string[]>;
  unit: string;
  offset: number;
  hit: Diagnostic;
  consequences: string[];
}

/**
 * Plans `options.faultsOnly`; throws {@link ControlFaultError} (or a RangeError for the options),
 * unless `partial`: the ids that cannot be triggered are then left out, listed in `problems`.
 */
export async function planControlFaults(
  options: GenerateOptions,
  loadJson?: JsonLoader,
  { partial = false, hints = true }: { partial?: boolean; hints?: boolean } = {},
): Promise<ControlFaultPlan> {
  const problem = optionProblem(options);
  if (problem) throw new RangeError(problem);
  const month = parseMonth(options.month)!;
  const version = options.norm ?? defaultNormFor(month);
  const norm = await compiledNorm(version);
  const { wanted, problems } = await resolve(options.faultsOnly ?? [], norm, options.month);
  if (problems.length > 0 && !partial) throw new ControlFaultError(problems);

  // The header first (every later window reads it as edited), then whole declarations, what
  // follows the individuals, and individuals.
  const rank = (w: Wanted) => {
    const kinds = w.candidates[0]!.kinds;
    return kinds.has('H') ? 0 : kinds.has('C') ? 1 : kinds.has('T') ? 2 : 3;
  };
  const order = [...wanted].sort((a, b) => rank(a) - rank(b));
  // A control that edits a context, or what follows the individuals, needs a declaration of its own;
  // one on the envoi as a whole is checked with another declaration of the file (see `search`).
  const acrossDeclarations = order.some(
    (w) => w.control.stateScope === 'envoi' || w.candidates.some((c) => c.kinds.has('H')),
  );
  let declarations = Math.max(
    acrossDeclarations ? 2 : 1,
    order.filter((w) => w.candidates.some((c) => c.kinds.has('C') || c.kinds.has('T'))).length,
  );
  let individuals = 2 * wanted.length + 3 * individualTries;
  for (;;) {
    const sample = await readSample(options, declarations, individuals, loadJson);
    const placer = new Placer(sample, norm, options.month);
    const left: ControlFaultProblem[] = [];
    const placed = new Set<string>();
    for (const w of order) {
      const why = await placer.place(w);
      if (why === null) placed.add(w.id);
      else left.push({ id: w.id, ...why });
    }
    // Short of room in the beginning of the file read: read further, and place them all again.
    if (left.some((p) => p.cause === 'room') && !sample.complete) {
      declarations *= 2;
      individuals *= 2;
      continue;
    }
    problems.push(...(hints ? await withMonthHints(left, placer.otherMonths, options, loadJson) : left));
    if (problems.length > 0 && !partial) throw new ControlFaultError(problems);
    return placer.plan(
      wanted.map((w) => w.id).filter((id) => placed.has(id)),
      problems,
    );
  }
}

/**
 * Controls whose examples, written for another month, did not fire: tried in a file of that month,
 * and when they fire there, their reason says so (`--month 2026-01`). Only a month that works is
 * suggested.
 */
async function withMonthHints(
  problems: ControlFaultProblem[],
  otherMonths: ReadonlyMap<string, string>,
  options: GenerateOptions,
  loadJson: JsonLoader | undefined,
): Promise<ControlFaultProblem[]> {
  const byMonth = new Map<string, string[]>();
  for (const p of problems) {
    const month = p.cause === 'examples' ? otherMonths.get(p.id) : undefined;
    if (month !== undefined) byMonth.set(month, [...(byMonth.get(month) ?? []), p.id]);
  }
  const works = new Map<string, string>();
  for (const [month, ids] of byMonth) {
    const { controlFaults: _, ...rest } = options;
    const there = await planControlFaults({ ...rest, month, faultsOnly: ids }, loadJson, {
      partial: true,
      hints: false,
    });
    for (const id of there.ids) works.set(id, month);
  }
  return problems.map((p) => {
    const month = works.get(p.id);
    return month === undefined
      ? p
      : {
          ...p,
          reason: `ses exemples ne le déclenchent pas dans une DSN de ${options.month}, mais dans une DSN de ${month} (la règle dépend du mois) : essayez --month ${month}.`,
        };
  });
}

/** The ids asked, checked against the referential and the generated file's norm and nature. */
async function resolve(
  typed: readonly string[],
  norm: CompiledNorm,
  month: string,
): Promise<{ wanted: Wanted[]; problems: ControlFaultProblem[] }> {
  const referential = await buildReferential();
  const wanted: Wanted[] = [];
  const problems: ControlFaultProblem[] = [];
  const seen = new Set<string>();
  for (const text of typed) {
    const entry = findControl(referential, text);
    if (!entry) {
      problems.push({
        id: `« ${text} »`,
        cause: 'unknown',
        reason: 'contrôle inconnu (voyez relais controls list).',
      });
      continue;
    }
    if (seen.has(entry.id)) continue;
    seen.add(entry.id);
    const why = statusProblem(entry, norm, month);
    if (why) {
      problems.push({ id: entry.id, ...why });
      continue;
    }
    const control = implemented.find(
      (c) => c.id === entry.id && (c.versions?.includes(norm.version) ?? norm.messages.has(c.id)),
    )!;
    const { candidates, natures, asIs } = candidatesOf(control, norm);
    if (candidates.length === 0) {
      problems.push({ id: entry.id, ...noCandidate(natures, asIs, norm) });
      continue;
    }
    wanted.push({ id: entry.id, control, candidates });
  }
  return { wanted, problems };
}

type Why = Omit<ControlFaultProblem, 'id'>;

function statusProblem(entry: ReferentialEntry, norm: CompiledNorm, month: string): Why | null {
  const reason = entry.reason ? ` (${entry.reason.replace(/\.$/, '')})` : '';
  const status = (text: string): Why => ({ cause: 'status', reason: text });
  switch (entry.status) {
    case 'missing':
      return status('contrôle de la norme que Relais ne fait pas encore : il ne peut pas être déclenché.');
    case 'needs-table':
      return status(
        `contrôle qui demande une table de référence que Relais ne fournit pas${reason} : il ne peut pas être déclenché dans un fichier généré.`,
      );
    case 'not-applicable':
      return status(`contrôle que l'auto-contrôle ne fait pas${reason} : il ne peut pas être déclenché.`);
    default:
      break;
  }
  const applies = implemented.some(
    (c) => c.id === entry.id && (c.versions?.includes(norm.version) ?? norm.messages.has(c.id)),
  );
  if (applies) return null;
  const versions = entry.versions.map((v) => v.version).join(', ');
  return {
    cause: 'version',
    reason: `contrôle absent de la norme ${norm.version} du fichier généré (mois ${month}) ; il existe en ${versions} : choisissez un mois de l'une de ces années ou --norm.`,
  };
}

function noCandidate(natures: ReadonlySet<string>, asIs: boolean, norm: CompiledNorm): Why {
  if (natures.size > 0) {
    const labels = norm.rubricById.get('S20.G00.05.001')?.type.labels;
    const named = [...natures]
      .sort()
      .map((n) => (labels?.get(n) ? `${n} (${labels.get(n)})` : n))
      .join(', ');
    return {
      cause: 'nature',
      reason: `contrôle propre aux déclarations de nature ${named} : relais generate n'écrit que des DSN mensuelles (nature 01).`,
    };
  }
  return {
    cause: 'examples',
    reason: asIs
      ? "son exemple en échec est la déclaration de référence telle quelle, sans modification à reporter sur un fichier généré (qui n'a pas ce défaut) : il ne peut pas être déclenché."
      : "aucun de ses exemples en échec ne s'applique à un fichier généré : il ne peut pas être déclenché.",
  };
}

/** Where a rubric's lines sit in a declaration. */
function kindOf(rubric: string, norm: CompiledNorm): Kind {
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
function invasiveness(kinds: ReadonlySet<Kind>): number {
  if (kinds.has('H')) return 3;
  if (kinds.has('C')) return 2;
  return kinds.has('T') ? 1 : 0;
}

/** The failing examples usable on a generated file of this norm: not on another nature, without supplied tables. */
function candidatesOf(
  control: Control,
  norm: CompiledNorm,
): { candidates: Candidate[]; natures: Set<string>; asIs: boolean } {
  const candidates: Candidate[] = [];
  const natures = new Set<string>();
  let asIs = false;
  for (const example of control.examples ?? []) {
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
interface Base {
  values: Map<string, string[]>;
  month: string;
}

const bases = new Map<string, Base>();

function baseOf(name: string): Base {
  let base = bases.get(name);
  if (base === undefined) {
    const text = readFileSync(join(import.meta.dirname, '..', 'examples', 'bases', `${name}.dsn`), 'latin1');
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
type Reading = 'translated' | 'shifted' | 'as-written';
const readings: readonly Reading[] = ['translated', 'shifted', 'as-written'];

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
function readEdits(
  edits: readonly Edit[],
  reading: Reading,
  base: Base,
  month: string,
  window: readonly TaggedLine<string>[],
  norm: CompiledNorm,
): Edit[] {
  if (reading === 'as-written') return [...edits];
  const months = monthsBetween(base.month, month);
  const years = parseMonth(month)!.year - parseMonth(base.month)!.year;
  const translated = reading === 'translated' ? translation(base, window) : new Map<string, string>();
  const value = (rubric: string, v: string) =>
    translated.get(v) ?? shiftValue(norm, rubric, v, months, years);
  const line = (text: string) =>
    text.endsWith("'") && text[15] === "'"
      ? `${text.slice(0, 16)}${value(text.slice(0, 14), text.slice(16, -1))}'`
      : text;
  return edits.map((e) => {
    if ('set' in e) return { ...e, value: value(e.set, e.value) };
    if ('lines' in e) return { ...e, lines: e.lines.map(line) };
    return e;
  });
}

/**
 * Moves a `JJMMAAAA` date by whole months; the last day of a month stays the last day, so that the
 * example's periods still cover the declared month.
 */
export function shiftDate(value: string, months: number): string {
  if (months === 0 || !/^\d{8}$/.test(value)) return value;
  const day = Number(value.slice(0, 2));
  const m = Number(value.slice(2, 4));
  const y = Number(value.slice(4));
  if (m < 1 || m > 12 || day < 1 || day > daysInMonth(y, m)) return value;
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = daysInMonth(year, month);
  const moved = day === daysInMonth(y, m) ? last : Math.min(day, last);
  return `${String(moved).padStart(2, '0')}${String(month).padStart(2, '0')}${year}`;
}

class StopReading extends Error {}

/**
 * The beginning of the file as the same options write it without faults: the header, and the
 * contexts and individuals of at least `declarations` declarations and `individuals` individuals
 * (each declaration's first ones: a window of a context, and individuals beyond it). Generation
 * stops there.
 */
async function readSample(
  options: GenerateOptions,
  declarations: number,
  individuals: number,
  loadJson: JsonLoader | undefined,
): Promise<Sample> {
  const sample: Sample = { complete: false, header: [], declarations: [] };
  const perDeclaration = contextWindow + individuals;
  let total = 0;
  const indexes = (key: string) => key.slice(1).split('.').map(Number) as [number, number];
  const enough = (d: number) => d >= declarations && total >= individuals;
  const units: UnitHandler = {
    captures(key) {
      if (key === 'H') return true;
      if (key[0] === 'C') {
        if (enough(indexes(key)[0])) throw new StopReading();
        return true;
      }
      return key[0] === 'I' && indexes(key)[1] < perDeclaration;
    },
    captured(key, lines) {
      if (key === 'H') {
        sample.header = lines;
      } else if (key[0] === 'C') {
        sample.declarations.push({ context: lines, individuals: [] });
      } else {
        const [d] = indexes(key);
        const captured = sample.declarations[d]!.individuals;
        captured.push(lines);
        total++;
        // The rest of a large declaration is not needed: no need to write it.
        if (d + 1 >= declarations && captured.length >= perDeclaration) throw new StopReading();
      }
    },
  };
  const { faultsOnly: _, controlFaults: __, ...plain } = options;
  try {
    await generateDsn(
      { ...plain, faults: 0 },
      { write: () => {} },
      { units, ...(loadJson ? { loadJson } : {}) },
    );
    sample.complete = true;
  } catch (error) {
    if (!(error instanceof StopReading)) throw error;
  }
  return sample;
}

/** The kind of contract of an individual, to try different ones. */
function contractKind(lines: readonly string[]): string {
  const value = (rubric: string) => lines.find((l) => l.startsWith(rubric))?.slice(16, -1) ?? '';
  return `${value('S21.G00.40.007')}/${value('S21.G00.40.003')}/${value('S21.G00.40.014')}`;
}

/** Places the controls one after the other on units no other one uses, checking each. */
class Placer {
  /** Units used, by the control that edits them. */
  private readonly claimed = new Map<string, string>();
  private readonly units = new Map<string, { lines?: string[]; faults: UnitPlan['faults'][number][] }>();
  private readonly used = new Set<number>();

  private readonly originalHeader: string[];
  /** Controls left out whose examples are written for another month: that month, to try. */
  readonly otherMonths = new Map<string, string>();

  constructor(
    private readonly sample: Sample,
    private readonly norm: CompiledNorm,
    private readonly month: string,
  ) {
    this.originalHeader = sample.header;
  }

  /** Places a control; returns why it could not be, or null. */
  async place(w: Wanted): Promise<Why | null> {
    const { best, blocked, editFailure } = await this.search(w);
    if (best !== null) {
      this.keep(w.id, best);
      return null;
    }
    // With more room (or another file for the header), that example might trigger it.
    if (blocked !== null) return this.noRoom(blocked.kinds);
    const owner = this.claimed.get('H');
    if (owner !== undefined) {
      // Would it fire with the header as generated? Then the other control's header is in the way.
      const edited = this.sample.header;
      this.sample.header = this.originalHeader;
      const alone = await this.search(w);
      this.sample.header = edited;
      if (alone.best !== null)
        return {
          cause: 'header',
          reason: `l'en-tête de l'envoi, modifié pour ${owner}, l'empêche de se déclencher : demandez-le dans un autre fichier.`,
        };
    }
    // Dates are moved to the generated month, but a rule may hold in some months only (January…):
    // the month of its examples is tried afterwards (see `withMonthHints`).
    const months = [...new Set(w.candidates.map((c) => baseOf(c.example.base ?? 'minimal').month))];
    if (!months.includes(this.month)) this.otherMonths.set(w.id, months[0]!);
    return {
      cause: 'examples',
      reason:
        editFailure !== null
          ? `ses exemples modifient ce que les déclarations générées n'ont pas (${editFailure}) : il ne peut pas être déclenché dans ce fichier.`
          : `ses exemples restent sans effet sur une déclaration générée (ils reposent sur des données de la déclaration de référence que le générateur ne produit pas) : il ne peut pas être déclenché dans ce fichier.`,
    };
  }

  /**
   * Tries the candidates on their placements: the outcome with the fewest consequences among the
   * least invasive examples that trigger the control; else a candidate that found no room, and the
   * rubric an example's edits did not find.
   */
  private async search(
    w: Wanted,
  ): Promise<{ best: Outcome | null; blocked: Candidate | null; editFailure: string | null }> {
    let best: Outcome | null = null;
    let blocked: Candidate | null = null;
    let editFailure: string | null = null;
    for (const candidate of w.candidates) {
      if (best !== null && invasiveness(candidate.kinds) > invasiveness(best.candidate.kinds)) break;
      const base = baseOf(candidate.example.base ?? 'minimal');
      const individuals = base.values.get('S21.G00.30.001')?.length ?? 1;
      let placed = false;
      placements: for (const placement of this.placements(candidate.kinds, individuals)) {
        // A rule on the envoi as a whole, or an edit of its header, concerns the other declarations
        // of the file too: one of them goes in the window.
        if (w.control.stateScope === 'envoi' || candidate.kinds.has('H')) {
          const other = this.sample.declarations.findIndex((_, d) => d !== placement.d);
          if (other >= 0) placement.other = other;
        }
        const seen = new Set<string>();
        placed = true;
        for (const reading of readings) {
          const outcome = await this.attempt(w, candidate, placement, base, reading, seen);
          if (typeof outcome === 'string') {
            editFailure ??= outcome;
            continue;
          }
          if (outcome === null) continue;
          if (best === null || outcome.consequences.length < best.consequences.length) best = outcome;
          break placements;
        }
      }
      if (!placed) blocked ??= candidate;
      if (best !== null && best.consequences.length === 0) break;
    }
    return { best, blocked, editFailure };
  }

  private noRoom(kinds: ReadonlySet<Kind>): Why {
    const room = (reason: string): Why => ({ cause: 'room', reason });
    if (kinds.has('H') && this.claimed.has('H'))
      return {
        cause: 'header',
        reason: `il modifie l'en-tête de l'envoi, déjà modifié pour ${this.claimed.get('H')} (un seul par fichier) : demandez-le dans un autre fichier.`,
      };
    if (kinds.has('C') || kinds.has('T'))
      return room(
        "pas assez de déclarations pour le placer (un contrôle qui modifie le contexte d'une déclaration, ou ce qui suit ses individus, en demande une pour lui) : augmentez --establishments.",
      );
    return room(
      "pas assez de salariés pour le placer (il en faut un par contrôle, en plus des 100 premiers d'une déclaration dont un contrôle modifie le contexte) : augmentez --employees ou --establishments.",
    );
  }

  /**
   * Where a candidate may go, best first; `count` individuals (as many as the example's reference
   * declaration has) when it edits individuals without their declaration's context.
   */
  private *placements(kinds: ReadonlySet<Kind>, count: number): Generator<Placement> {
    if (kinds.has('H') && this.claimed.has('H')) return;
    const declarations = this.sample.declarations;
    const tried = new Set<string>();
    // Declarations of different companies (SIREN), then any: a key or a code may hold by chance.
    const company = (d: number) => declarations[d]!.context.find((l) => l.startsWith('S21.G00.06.001')) ?? '';
    const order = declarations.map((_, d) => d);
    const firsts = order.filter((d) => order.findIndex((e) => company(e) === company(d)) === d);
    for (const d of [...firsts, ...order.filter((e) => !firsts.includes(e))]) {
      const individuals = declarations[d]!.individuals;
      const allowed = new Set<string>();
      if (kinds.has('H')) allowed.add('H');
      if (kinds.has('C')) {
        if (this.used.has(d) || individuals.length === 0) continue;
        const all = individuals.slice(0, contextWindow).map((_, j) => j);
        allowed.add(`C${d}`).add(`T${d}`);
        for (const j of all) allowed.add(`I${d}.${j}`);
        yield { d, individuals: all, allowed, context: true };
        tried.add(`${d}`);
        if (tried.size >= declarationTries) return;
        continue;
      }
      if (kinds.has('T')) {
        if (this.claimed.has(`T${d}`)) continue;
        allowed.add(`T${d}`);
      }
      const free = individuals.map((_, j) => j).filter((j) => !this.claimed.has(`I${d}.${j}`));
      if (!kinds.has('I')) {
        // The header or what follows the individuals: one individual to go with, edited by none.
        if (free.length === 0) continue;
        yield { d, individuals: [free[0]!], allowed, context: false };
        tried.add(`${d}`);
        if (tried.size >= declarationTries) return;
        continue;
      }
      for (const [k, j] of free.entries()) {
        const kind = contractKind(individuals[j]!);
        if (tried.has(kind) || k + count > free.length) continue;
        tried.add(kind);
        const chosen = free.slice(k, k + count);
        const own = new Set([...allowed, ...chosen.map((i) => `I${d}.${i}`)]);
        yield { d, individuals: chosen, allowed: own, context: false };
        if (tried.size >= individualTries) return;
      }
    }
  }

  /**
   * Applies the candidate to its window and checks it: the outcome, null when the control stayed
   * silent or the edits went beyond the placement, or the rubric the edits did not find.
   */
  private async attempt(
    w: Wanted,
    candidate: Candidate,
    placement: Placement,
    base: Base,
    reading: Reading,
    seen: Set<string>,
  ): Promise<Outcome | string | null> {
    const window = this.window(placement);
    const original = groups(window);
    const tail = `T${placement.d}`;
    const edits = readEdits(candidate.example.edits, reading, base, this.month, window, this.norm);
    const key = JSON.stringify(edits);
    if (seen.has(key)) return null;
    seen.add(key);
    try {
      applyEditsTo(window, edits, {
        norm: this.norm,
        tagOf: (line, at, lines, anchor) =>
          tagOf(kindOf(line.slice(0, 14), this.norm), at, lines, anchor, tail),
      });
    } catch (error) {
      return /(S\d{2}\.G\d{2}\.\d{2}(\.\d{3})?) introuvable/.exec((error as Error).message)?.[1] ?? '?';
    }
    const edited = groups(window);
    const changed = new Map<string, string[]>();
    for (const [unit, lines] of edited)
      if (!sameUnit(unit, lines, original.get(unit))) changed.set(unit, lines);
    for (const unit of original.keys()) if (!edited.has(unit)) changed.set(unit, []);
    for (const unit of changed.keys())
      if (!placement.allowed.has(unit) || this.claimed.has(unit)) return null;
    if (changed.size === 0) return null;

    const text = window.map((l) => l.text).join('\n') + '\n';
    const report = await checkDsn([latin1Bytes(text)], { limit: 1_000_000, perCode: 1_000_000 });
    const hits = report.diagnostics.filter(
      (d) => d.code === w.id && d.line !== undefined && d.line <= window.length,
    );
    if (hits.length === 0) return null;
    const where = (d: Diagnostic) => window[d.line! - 1]!.tag;
    const hit = hits.find((d) => changed.has(where(d))) ?? hits[0]!;
    const unit = where(hit);
    let offset = 0;
    for (let i = 0; i < hit.line! - 1; i++) if (window[i]!.tag === unit) offset++;
    // What is found in the units another control edited is that control's.
    const others = (d: Diagnostic) => {
      const tag = d.line !== undefined && d.line <= window.length ? window[d.line - 1]!.tag : undefined;
      return tag !== undefined && !changed.has(tag) && this.units.get(tag)?.lines !== undefined;
    };
    const consequences = [
      ...new Set(report.diagnostics.filter((d) => d !== hit && !others(d)).map((d) => d.code)),
    ].sort();
    return { candidate, placement, changed, unit, offset, hit, consequences };
  }

  /** Header, context, the placement's individuals and footer, each line tagged with its unit. */
  private window(placement: Placement): TaggedLine<string>[] {
    const declaration = this.sample.declarations[placement.d]!;
    const lines: TaggedLine<string>[] = [];
    const add = (texts: readonly string[], tag: string) => {
      for (const text of texts) lines.push({ text, tag });
    };
    // Units as the file will have them, with the controls placed there already.
    const current = (unit: string, lines: string[]) => this.units.get(unit)?.lines ?? lines;
    add(this.sample.header, 'H');
    add(current(`C${placement.d}`, declaration.context), `C${placement.d}`);
    for (const j of placement.individuals) add(declaration.individuals[j]!, `I${placement.d}.${j}`);
    const o = placement.other;
    if (o !== undefined) {
      const other = this.sample.declarations[o]!;
      add(current(`C${o}`, other.context), `C${o}`);
      if (other.individuals.length > 0) add(current(`I${o}.0`, other.individuals[0]!), `I${o}.0`);
    }
    add([`S90.G00.90.001,'${lines.length + 2}'`, `S90.G00.90.002,'${o === undefined ? 1 : 2}'`], 'F');
    return lines;
  }

  private keep(id: string, outcome: Outcome): void {
    const { placement, changed, hit } = outcome;
    for (const [unit, lines] of changed) {
      this.claimed.set(unit, id);
      this.entry(unit).lines = lines;
      if (unit !== 'H') this.used.add(indexOf(unit));
    }
    // The units the window read are as the file must keep them (a NIR copied from one, the
    // individuals judged with an edited context…); only the header is everyone's.
    const d = placement.d;
    const read = placement.individuals.map((j) => `I${d}.${j}`);
    if (placement.context) read.push(`C${d}`, `T${d}`);
    if (placement.context || outcome.candidate.kinds.has('I') || outcome.candidate.kinds.has('T')) {
      for (const unit of read) if (!this.claimed.has(unit)) this.claimed.set(unit, id);
      this.used.add(d);
    }
    // The header is the envoi's: the next windows read it as the file will have it.
    const header = changed.get('H');
    if (header) this.sample.header = header;
    const record: Omit<FaultRecord, 'line'> = {
      kind: controlFaultKind,
      ...(hit.rubric ? { rubric: hit.rubric } : { block: hit.block ?? hit.code.slice(0, 10) }),
      code: id,
      description: outcome.candidate.example.title,
      ...(outcome.consequences.length > 0 ? { consequences: outcome.consequences } : {}),
    };
    this.entry(outcome.unit).faults.push({ offset: outcome.offset, record });
  }

  private entry(unit: string) {
    let entry = this.units.get(unit);
    if (!entry) this.units.set(unit, (entry = { faults: [] }));
    return entry;
  }

  plan(ids: string[], problems: readonly ControlFaultProblem[]): ControlFaultPlan {
    const units = this.units;
    const touched = new Set<number>();
    for (const unit of units.keys()) if (unit !== 'H' && unit !== 'F') touched.add(indexOf(unit));
    for (const unit of this.claimed.keys()) if (unit !== 'H') touched.add(indexOf(unit));
    const claimed = this.claimed;
    return {
      ids,
      problems,
      changesHeader: units.get('H')?.lines !== undefined,
      touches: (d) => touched.has(d),
      owns: (unit) => claimed.has(unit),
      plan: (key) => units.get(key),
    };
  }
}

/** Declaration index of a unit key (`C2`, `I2.17`, `T2` → 2). */
function indexOf(unit: string): number {
  return Number(unit.slice(1).split('.')[0]);
}

/** The lines of each unit, in order. */
function groups(lines: readonly TaggedLine<string>[]): Map<string, string[]> {
  const byUnit = new Map<string, string[]>();
  for (const { text, tag } of lines) {
    let group = byUnit.get(tag);
    if (!group) byUnit.set(tag, (group = []));
    group.push(text);
  }
  return byUnit;
}

/** The footer's line count follows the edits: it is the generator's to write, not a change. */
function sameUnit(unit: string, lines: readonly string[], before: readonly string[] | undefined): boolean {
  if (before === undefined) return lines.length === 0;
  const keep = (l: string) => unit !== 'F' || !l.startsWith('S90.G00.90.001');
  const a = lines.filter(keep);
  const b = before.filter(keep);
  return a.length === b.length && a.every((l, i) => l === b[i]);
}

/**
 * The unit of a line an edit inserts at `at`. Inside a unit, that unit; between two, the one of
 * its own kind. What follows the individuals (work places, non-salaried persons), written before
 * the footer, goes after the declaration's individuals (`tail`): in the file, other individuals or
 * declarations may come before the footer.
 */
function tagOf(
  kind: Kind,
  at: number,
  lines: readonly TaggedLine<string>[],
  anchor: TaggedLine<string>,
  tail: string,
): string {
  const before = lines[at - 1]?.tag;
  const after = lines[at]?.tag;
  if (before !== undefined && before === after) return before;
  if (kind === 'T' && (after === 'F' || after === tail)) return tail;
  const kindOfTag = (tag: string | undefined) => tag?.[0];
  if (before !== undefined && kindOfTag(before) === kind && kindOfTag(after) !== kind) return before;
  if (after !== undefined && kindOfTag(after) === kind && kindOfTag(before) !== kind) return after;
  if (anchor.tag === 'F') return kind === 'F' ? 'F' : tail;
  return anchor.tag;
}
