import type { Diagnostic, DiagnosticSink } from '../diagnostics/diagnostic.ts';
import { shown } from '../diagnostics/diagnostic.ts';
import type { CompiledBlock, CompiledNorm } from '../norm/compile.ts';
import type { Declaration, Envoi } from '../parse/context.ts';
import { Block, INDEXED, presenceMask, Rubric } from '../parse/tree.ts';
import {
  blockOf,
  categoryOf,
  severityOf,
  type Control,
  type ControlContext,
  type Requirement,
} from './control.ts';
import type { ReferenceTable } from './tables.ts';

/** The controls of one norm version, arranged for the walk. */
interface Plan {
  /** Indexed by `CompiledBlock.index`. */
  byBlock: (Entry[] | undefined)[];
  /** Indexed by `CompiledBlock.index`: some control runs on the block or below it. */
  visits: boolean[];
  /** Controls with a state per declaration, then those with a state per envoi. */
  declarationStateful: Control[];
  envoiStateful: Control[];
}

interface Entry {
  control: Control;
  /** The control's `check`, read once: the controls' shapes differ, a load per call would be megamorphic. */
  check: NonNullable<Control['check']>;
  /** The rubrics `requires` needs present, as a presence mask: tested without reading the block. */
  mask0: number;
  mask1: number;
  mask2: number;
  /** What the mask cannot say: required values, rubric numbers beyond the mask. */
  requires: readonly Requirement[] | null;
  requiresAny: readonly Requirement[] | null;
  /** Where its state is: index in the declaration's or the envoi's states, or -1. */
  state: number;
  envoiScoped: boolean;
}

/** Official texts that only say what kind of check it is, not what is wrong. */
const placeholder = /^\s*\[\(/;

/**
 * Runs the official controls on complete units (as the reader hands them over) and, at the end of
 * each declaration, on its context blocks. Controls that compare across units keep a small state
 * per declaration, so the whole file is never held.
 */
export class ControlEngine implements ControlContext {
  norm!: CompiledNorm;
  envoi!: Envoi;
  declaration: Declaration | null = null;
  nature: string | undefined = undefined;
  private control!: Control;
  private readonly plans = new Map<CompiledNorm, Plan>();
  private states: unknown[] = [];
  private statesOf: Declaration | null = null;
  private sharedStates = new Map<string, unknown>();
  private envoiStates: unknown[] = [];
  private envoiStatesOf: Envoi | null = null;

  constructor(
    private readonly diags: DiagnosticSink,
    private readonly controls: readonly Control[],
    readonly today: number,
    private readonly tables: ReadonlyMap<string, ReferenceTable> = new Map(),
  ) {}

  table(id: string): ReferenceTable | null {
    return this.tables.get(id) ?? null;
  }

  shared<T>(key: string, init: () => T): T {
    let value = this.sharedStates.get(key) as T | undefined;
    if (value === undefined) {
      value = init();
      this.sharedStates.set(key, value);
    }
    return value;
  }

  unit(unit: Block, declaration: Declaration): void {
    this.enter(declaration.envoi, declaration);
    this.walk(unit, this.plan());
  }

  declarationEnd(declaration: Declaration): void {
    this.enter(declaration.envoi, declaration);
    const plan = this.plan();
    this.walk(declaration.node, plan);
    this.ends(plan.declarationStateful, this.states);
    this.states = [];
    this.statesOf = null;
  }

  envoiEnd(envoi: Envoi): void {
    this.enter(envoi, null);
    const plan = this.plan();
    if (envoi.root !== null) this.walk(envoi.root, plan);
    this.ends(plan.envoiStateful, this.envoiStates);
    this.envoiStates = [];
    this.envoiStatesOf = null;
  }

  private ends(controls: Control[], states: unknown[]): void {
    for (let i = 0; i < controls.length; i++) {
      const control = controls[i]!;
      if (!control.end) continue;
      this.control = control;
      control.end(this, states[i]);
    }
  }

  fail(at: Rubric | Block, detail?: string): void {
    const control = this.control;
    const category = categoryOf(control.id);
    const severity = severityOf(category);
    if (!this.diags.count(control.id, severity)) return;
    const official = this.norm.messages.get(control.id);
    const usable = (text: string | undefined) => (text && !placeholder.test(text) ? text : undefined);
    const message = usable(official?.message) ?? control.message ?? official?.message ?? control.id;
    const d: Diagnostic = {
      code: control.id,
      severity,
      message: detail ? `${message} (${detail})` : message,
    };
    const rule = usable(official?.description);
    if (rule && rule !== message) d.hint = `Règle : ${rule}`;
    if (at instanceof Rubric) {
      d.line = at.line;
      d.rubric = at.id;
      d.value = shown(at.value);
    } else {
      d.line = at.line;
      d.block = at.id;
      d.rubric = control.id.slice(0, 14);
    }
    if (this.declaration !== null) d.declaration = this.declaration.index;
    this.diags.add(d);
  }

  private enter(envoi: Envoi, declaration: Declaration | null): void {
    this.envoi = envoi;
    this.norm = envoi.norm;
    this.declaration = declaration;
    this.nature = declaration?.nature;
    if (this.envoiStatesOf !== envoi) {
      this.envoiStatesOf = envoi;
      this.envoiStates = this.plan().envoiStateful.map((c) => c.state!());
    }
    if (declaration !== null && this.statesOf !== declaration) {
      this.statesOf = declaration;
      this.states = this.plan().declarationStateful.map((c) => c.state!());
      this.sharedStates = new Map();
    }
  }

  private walk(block: Block, plan: Plan): void {
    const index = block.def.index;
    if (!plan.visits[index]) return;
    const entries = plan.byBlock[index];
    if (entries !== undefined) {
      for (let i = 0; i < entries.length; i++) {
        const entry = entries[i]!;
        if (!block.hasAll(entry.mask0, entry.mask1, entry.mask2)) continue;
        if (entry.requires !== null && !meets(block, entry.requires)) continue;
        if (entry.requiresAny !== null && !meetsOne(block, entry.requiresAny)) continue;
        this.control = entry.control;
        const state =
          entry.state < 0
            ? undefined
            : entry.envoiScoped
              ? this.envoiStates[entry.state]
              : this.states[entry.state];
        entry.check.call(entry.control, block, this, state);
      }
    }
    const children = block.children;
    for (let i = 0; i < children.length; i++) this.walk(children[i]!, plan);
  }

  private plan(): Plan {
    let plan = this.plans.get(this.norm);
    if (plan === undefined) {
      plan = planFor(this.norm, this.controls, this.tables);
      this.plans.set(this.norm, plan);
    }
    return plan;
  }
}

function meets(block: Block, requires: readonly Requirement[]): boolean {
  for (let i = 0; i < requires.length; i++) {
    const requirement = requires[i]!;
    const rubric = block.rubric(requirement.rubric);
    if (rubric === undefined) return false;
    const values = requirement.values;
    if (values !== undefined && !isOneOf(rubric.value, values)) return false;
  }
  return true;
}

function meetsOne(block: Block, requires: readonly Requirement[]): boolean {
  for (let i = 0; i < requires.length; i++) {
    const requirement = requires[i]!;
    const rubric = block.rubric(requirement.rubric);
    if (rubric === undefined) continue;
    const values = requirement.values;
    if (values === undefined || isOneOf(rubric.value, values)) return true;
  }
  return false;
}

// A loop rather than `includes`: runs on most block instances, with lists of one to a few codes.
function isOneOf(value: string, values: readonly string[]): boolean {
  for (let i = 0; i < values.length; i++) if (values[i] === value) return true;
  return false;
}

/** The controls a norm version lists (or that name it), indexed by the blocks they run on. */
function planFor(
  norm: CompiledNorm,
  controls: readonly Control[],
  tables: ReadonlyMap<string, ReferenceTable>,
): Plan {
  const byBlock: (Entry[] | undefined)[] = new Array(norm.blocks.size).fill(undefined);
  const visits: boolean[] = new Array<boolean>(norm.blocks.size).fill(false);
  const declarationStateful: Control[] = [];
  const envoiStateful: Control[] = [];
  for (const control of controls) {
    if (control.technical || control.status === 'not-applicable') continue;
    const applies = control.versions
      ? control.versions.includes(norm.version)
      : norm.messages.has(control.id);
    if (!applies) continue;
    const envoiScoped = control.stateScope === 'envoi';
    let state = -1;
    if (control.state) state = (envoiScoped ? envoiStateful : declarationStateful).push(control) - 1;
    if (!control.check) continue;
    if (control.silentWithoutTables && control.tables?.some((id) => !tables.has(id))) continue;
    const requires = control.requires ?? [];
    const [mask0, mask1, mask2] = presenceMask(requires.map((r) => r.rubric));
    const rest = requires.filter((r) => r.values !== undefined || r.rubric >= INDEXED);
    const blocks =
      control.block === undefined
        ? [blockOf(control.id)]
        : typeof control.block === 'string'
          ? [control.block]
          : control.block;
    for (const id of blocks) {
      const block = norm.blockById.get(id);
      if (!block) continue;
      (byBlock[block.index] ??= []).push({
        control,
        check: control.check,
        mask0,
        mask1,
        mask2,
        requires: rest.length > 0 ? rest : null,
        requiresAny: control.requiresAny ?? null,
        state,
        envoiScoped,
      });
      for (let b: CompiledBlock | null = block; b !== null && !visits[b.index]; b = b.parent)
        visits[b.index] = true;
    }
  }
  return { byBlock, visits, declarationStateful, envoiStateful };
}
