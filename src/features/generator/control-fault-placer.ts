import { checkDsn } from '../../core/check/check.ts';
import type { Control } from '../../core/controls/control.ts';
import type { Diagnostic } from '../../core/diagnostics/diagnostic.ts';
import { applyEditsTo, type TaggedLine } from '../../core/examples/edit.ts';
import type { CompiledNorm } from '../../core/norm/compile.ts';
import { latin1Bytes } from '../../core/parse/latin1.ts';
import type { JsonLoader } from '../../core/referentials/source.ts';
import {
  baseOf,
  invasiveness,
  kindOf,
  readEdits,
  readings,
  type Base,
  type Candidate,
  type Kind,
  type Reading,
} from './control-fault-examples.ts';
import type { ControlFaultPlan, ControlFaultProblem, Why } from './control-fault-plan.ts';
import { generateDsn } from './generate.ts';
import type { GenerateOptions } from './options.ts';
import type { FaultRecord, UnitHandler, UnitPlan } from './writer.ts';

/**
 * Where each chosen control goes in the generated file (see `control-faults.ts`): a sample of the
 * file's beginning, windows cut from it, and the control's examples tried on them one by one.
 */

/** The answer key's `kind` for a chosen control. */
export const controlFaultKind = 'controle';

/** Most individuals of a window whose example edits the declaration's context. */
const contextWindow = 100;
/** Individuals tried, of different kinds of contract, before the next example. */
export const individualTries = 4;
/** Declarations tried, of different companies first, before the next example. */
const declarationTries = 3;

/** A control asked for, and its usable examples. */
export interface Wanted {
  id: string;
  control: Control;
  candidates: Candidate[];
}

/** The beginning of the file, read by a first generation in memory. */
export interface Sample {
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
class StopReading extends Error {}

/**
 * The beginning of the file as the same options write it without faults: the header, and the
 * contexts and individuals of at least `declarations` declarations and `individuals` individuals
 * (each declaration's first ones: a window of a context, and individuals beyond it). Generation
 * stops there.
 */
export async function readSample(
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
export class Placer {
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
