import type { Diagnostic, DiagnosticSink } from '../diagnostics/diagnostic.ts';
import { shown } from '../diagnostics/diagnostic.ts';
import type { CompiledBlock, CompiledNorm } from '../norm/compile.ts';
import type { Declaration, Envoi } from '../parse/context.ts';
import { Block, Rubric } from '../parse/tree.ts';
import { blockOf, categoryOf, severityOf, type Control } from './control.ts';
import { BlockDispatch, entryOf, keyRubricOf, type RunContext } from './dispatch.ts';
import type { ReferenceTable } from './tables.ts';

/** The controls of one norm version, arranged for the walk. */
interface Plan {
  /** Indexed by `CompiledBlock.index`. */
  byBlock: (BlockDispatch | undefined)[];
  /** Indexed by `CompiledBlock.index`: some control runs on the block or below it. */
  visits: boolean[];
  /** Controls with a state per declaration, then those with a state per envoi. */
  declarationStateful: Control[];
  envoiStateful: Control[];
}

/** Official texts that only say what kind of check it is, not what is wrong. */
const placeholder = /^\s*\[\(/;

/**
 * Runs the official controls on complete units (as the reader hands them over) and, at the end of
 * each declaration, on its context blocks. Controls that compare across units keep a small state
 * per declaration, so the whole file is never held.
 */
export class ControlEngine implements RunContext {
  norm!: CompiledNorm;
  envoi!: Envoi;
  declaration: Declaration | null = null;
  nature: string | undefined = undefined;
  /** The control running, whose anomalies `fail` reports. */
  current!: Control;
  private readonly plans = new Map<CompiledNorm, Plan>();
  /** States of the declaration's controls, then of the envoi's (see `Plan`): runs read them. */
  states: unknown[] = [];
  private statesOf: Declaration | null = null;
  private sharedStates = new Map<string, unknown>();
  envoiStates: unknown[] = [];
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
      this.current = control;
      control.end(this, states[i]);
    }
  }

  fail(at: Rubric | Block, detail?: string): void {
    const control = this.current;
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
    const dispatch = plan.byBlock[index];
    if (dispatch !== undefined) dispatch.run(block, this);
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

/** The controls a norm version lists (or that name it), indexed by the blocks they run on. */
function planFor(
  norm: CompiledNorm,
  controls: readonly Control[],
  tables: ReadonlyMap<string, ReferenceTable>,
): Plan {
  const runs: { control: Control; state: number; envoiScoped: boolean }[][] = Array.from(
    { length: norm.blocks.size },
    () => [],
  );
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
    const blocks =
      control.block === undefined
        ? [blockOf(control.id)]
        : typeof control.block === 'string'
          ? [control.block]
          : control.block;
    for (const id of blocks) {
      const block = norm.blockById.get(id);
      if (!block) continue;
      runs[block.index]!.push({ control, state, envoiScoped });
      for (let b: CompiledBlock | null = block; b !== null && !visits[b.index]; b = b.parent)
        visits[b.index] = true;
    }
  }
  const byBlock = runs.map((run) => {
    if (run.length === 0) return undefined;
    const key = keyRubricOf(run.map((r) => r.control));
    return new BlockDispatch(
      run.map((r) => entryOf(r.control, key, r.state, r.envoiScoped)),
      key,
    );
  });
  return { byBlock, visits, declarationStateful, envoiStateful };
}
