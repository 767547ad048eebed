import { blockKeyOf, rubricKeyOf } from './rubric-keys.ts';
import type { BlockDef, ControlMessage, NormCatalogue, RubricDef, Usage } from './types.ts';
import { compileType, type CompiledType } from './validators.ts';

export interface CompiledRubric {
  def: RubricDef;
  /** Interned id, reused by every parsed occurrence. */
  id: string;
  key: number;
  number: number;
  block: CompiledBlock;
  type: CompiledType;
  /**
   * The official calendar check of this rubric (`S21.G00.30.006/CSL-11`), when the norm has one:
   * an impossible date is reported under its id rather than a Relais code.
   */
  calendarControl?: ControlMessage;
}

/** What the tableau des usages says of one block for one declaration nature. */
export interface BlockUsage {
  /** False when every rubric the table covers is `N` or `I` for this nature. */
  used: boolean;
  mandatory: CompiledRubric[];
  /** Rubric number → `I` or `N`. */
  refused: Map<number, Usage>;
}

/** Everything the checks need of a block for one nature, computed once. */
export interface BlockRules {
  usage: BlockUsage | null;
  /** Child blocks that must appear (lower bound above 0) and that this nature uses. */
  required: CompiledBlock[];
}

/** A block of the norm, with what the reader and the checks need of it precomputed. */
export class CompiledBlock {
  readonly id: string;
  readonly key: number;
  parent: CompiledBlock | null = null;
  /** Child blocks in the order of the norm's Blocks sheet. */
  readonly children: CompiledBlock[] = [];
  /** Position among its parent's children: siblings must appear in this order. */
  order = 0;
  readonly rubrics: CompiledRubric[] = [];
  /** Rubrics indexed by their number (0–999), for the parser's hot path. */
  readonly byNumber: (CompiledRubric | undefined)[] = new Array<CompiledRubric | undefined>(1000).fill(
    undefined,
  );
  /**
   * A repeatable subtree that can be large (an individual, a non-salaried person…): the reader
   * hands each one over when it is complete and then forgets it, so memory does not grow with
   * the file.
   */
  unit = false;
  /** Position in the norm's list of blocks: lets per-block tables be arrays rather than maps. */
  index = 0;
  private readonly usages = new Map<string, BlockUsage | null>();
  private readonly rulesByNature = new Map<string, BlockRules>();
  // Most files hold one nature: the last answer is kept at hand, without a map lookup.
  private lastNature = '';
  private lastRules: BlockRules | null = null;

  constructor(
    readonly def: BlockDef,
    private readonly usageNatures: ReadonlySet<string>,
  ) {
    this.id = def.id;
    this.key = blockKeyOf(def.id);
  }

  /** What the tableau des usages says of this block for a nature; null when it says nothing. */
  usage(nature: string): BlockUsage | null {
    if (!this.usageNatures.has(nature)) return null;
    let u = this.usages.get(nature);
    if (u === undefined) {
      u = blockUsage(this, nature);
      this.usages.set(nature, u);
    }
    return u;
  }

  rules(nature: string): BlockRules {
    if (nature === this.lastNature && this.lastRules !== null) return this.lastRules;
    let r = this.rulesByNature.get(nature);
    if (r === undefined) {
      r = {
        usage: this.usage(nature),
        required: this.children.filter((c) => c.def.min > 0 && (c.usage(nature)?.used ?? true)),
      };
      this.rulesByNature.set(nature, r);
    }
    this.lastNature = nature;
    this.lastRules = r;
    return r;
  }
}

export interface CompiledNorm {
  catalogue: NormCatalogue;
  version: string;
  root: CompiledBlock;
  declaration: CompiledBlock;
  footer: CompiledBlock;
  blocks: Map<number, CompiledBlock>;
  rubrics: Map<number, CompiledRubric>;
  blockById: Map<string, CompiledBlock>;
  rubricById: Map<string, CompiledRubric>;
  messages: Map<string, ControlMessage>;
  /** Natures the tableau des usages covers for this version. */
  usageNatures: ReadonlySet<string>;
}

/** Controls whose whole rule is the calendar validity of a date ("respect des contraintes calendaires"). */
export function isCalendarControl(message: ControlMessage): boolean {
  return message.category === 'CSL' && /contraintes calendaires/i.test(message.description);
}

const individualBlock = 'S21.G00.30';

export function compileNorm(catalogue: NormCatalogue): CompiledNorm {
  const types = new Map(catalogue.datatypes.map((d) => [d.id, compileType(d)]));
  const fallbackType = compileType({ id: 'inconnu', name: 'inconnu', nature: 'Alphanumeric' });
  const blocks = new Map<number, CompiledBlock>();
  const blockById = new Map<string, CompiledBlock>();
  const usageNatures = new Set(catalogue.usages?.natures ?? []);

  for (const def of catalogue.blocks) {
    const block = new CompiledBlock(def, usageNatures);
    block.index = blocks.size;
    blocks.set(block.key, block);
    blockById.set(def.id, block);
  }
  for (const block of blocks.values()) {
    if (block.def.parent === null) continue;
    const parent = blockById.get(block.def.parent);
    if (!parent) throw new Error(`${catalogue.version}: bloc parent inconnu ${block.def.parent}`);
    block.parent = parent;
    block.order = parent.children.length;
    parent.children.push(block);
  }

  const rubrics = new Map<number, CompiledRubric>();
  const rubricById = new Map<string, CompiledRubric>();
  for (const def of catalogue.rubrics) {
    const block = blockById.get(def.block);
    if (!block) throw new Error(`${catalogue.version}: rubrique ${def.id} dans un bloc inconnu`);
    const rubric: CompiledRubric = {
      def,
      id: def.id,
      key: rubricKeyOf(def.id),
      number: Number(def.id.slice(11, 14)),
      block,
      type: types.get(def.datatype) ?? fallbackType,
    };
    block.rubrics.push(rubric);
    block.byNumber[rubric.number] = rubric;
    rubrics.set(rubric.key, rubric);
    rubricById.set(def.id, rubric);
  }
  for (const block of blocks.values()) block.rubrics.sort((a, b) => a.number - b.number);
  for (const message of catalogue.messages) {
    const rubric = rubricById.get(message.rubric);
    if (rubric && isCalendarControl(message)) rubric.calendarControl = message;
  }

  const declaration = blockById.get(catalogue.declaration)!;
  const company = declaration.children.find((c) => c.id === 'S21.G00.06');
  for (const block of blocks.values()) {
    const afterCompany = block.parent === declaration && company !== undefined && block.order > company.order;
    block.unit = block.id === individualBlock || (afterCompany && block.def.max === null);
  }

  return {
    catalogue,
    version: catalogue.version,
    root: blockById.get(catalogue.root)!,
    declaration,
    footer: blockById.get(catalogue.footer)!,
    blocks,
    rubrics,
    blockById,
    rubricById,
    messages: new Map(catalogue.messages.map((m) => [m.id, m])),
    usageNatures,
  };
}

function blockUsage(block: CompiledBlock, nature: string): BlockUsage | null {
  const mandatory: CompiledRubric[] = [];
  const refused = new Map<number, Usage>();
  let covered = 0;
  let used = false;
  for (const rubric of block.rubrics) {
    const u = rubric.def.usage?.[nature];
    if (u === undefined) continue;
    covered++;
    if (u === 'O') mandatory.push(rubric);
    if (u === 'O' || u === 'C') used = true;
    else refused.set(rubric.number, u);
  }
  if (covered === 0) return null;
  return { used, mandatory, refused };
}
