import type { CompiledBlock, CompiledNorm } from '../../core/norm/compile.ts';

/**
 * Where the generated file goes. `write` receives ISO-8859-1 bytes ending on a line boundary; the
 * array is the sink's to keep. It may return a promise to apply backpressure.
 */
export interface DsnSink {
  write(chunk: Uint8Array): void | Promise<void>;
}

/** A known anomaly written on purpose, and what `relais check` must report for it. */
export interface FaultRecord {
  /** Fault kind id (`date-impossible`…). */
  kind: string;
  line: number;
  rubric?: string;
  block?: string;
  code: string;
  description: string;
  /**
   * Official controls the same anomaly also triggers elsewhere in its unit (a shortened contract
   * number no longer matches the remunerations that refer to it…), when the norm version has them.
   */
  consequences?: string[];
}

/** How a fault kind marks where its diagnostic is expected: on a rubric, or at the block's start. */
export interface Expectation {
  entry?: number;
  record: Omit<FaultRecord, 'line'>;
}

/** What the norm allows in one block for the declaration nature, ready for the writer. */
export class BlockPlan {
  readonly id: string;
  /** `S21.G00.30.001,'` for each rubric number the block may carry, undefined otherwise. */
  private readonly prefixes: (string | undefined)[] = [];
  readonly mandatory: number[];
  /** Highest rubric number the norm defines in this block. */
  readonly maxNumber: number;

  constructor(
    readonly block: CompiledBlock,
    nature: string,
  ) {
    this.id = block.id;
    const usage = block.usage(nature);
    for (const rubric of block.rubrics) {
      const u = rubric.def.usage?.[nature];
      if (u === 'I' || u === 'N') continue;
      this.prefixes[rubric.number] = `${rubric.id},'`;
    }
    this.mandatory = usage ? usage.mandatory.map((m) => m.number) : [];
    this.maxNumber = block.rubrics.reduce((max, r) => Math.max(max, r.number), 0);
  }

  allows(number: number): boolean {
    return this.prefixes[number] !== undefined;
  }

  prefix(number: number): string {
    return this.prefixes[number] ?? `${this.id}.${String(number).padStart(3, '0')},'`;
  }
}

/** One block instance about to be written: parallel arrays, reused, so writing allocates little. */
export class PendingBlock {
  plan!: BlockPlan;
  numbers: number[] = [];
  values: string[] = [];
  dropped = false;
  expectations: Expectation[] = [];

  get id(): string {
    return this.plan.id;
  }

  index(number: number): number {
    return this.numbers.indexOf(number);
  }

  value(number: number): string | undefined {
    const i = this.numbers.indexOf(number);
    return i < 0 ? undefined : this.values[i];
  }

  set(number: number, value: string): void {
    const i = this.numbers.indexOf(number);
    if (i >= 0) this.values[i] = value;
  }

  remove(number: number): void {
    const i = this.numbers.indexOf(number);
    if (i < 0) return;
    this.numbers.splice(i, 1);
    this.values.splice(i, 1);
  }

  reset(plan: BlockPlan): void {
    this.plan = plan;
    this.numbers.length = 0;
    this.values.length = 0;
    this.dropped = false;
    this.expectations.length = 0;
  }
}

/** Edits the blocks of the unit it is attached to; see `faults.ts`. */
export interface BlockEditor {
  edit(block: PendingBlock): void;
}

/**
 * Where a unit of the file ends up: its lines as written by the generator, or other lines instead,
 * and the anomalies expected in it, each at a line of the unit counted from 0 (`--faults-only`,
 * see `control-faults.ts`).
 */
export interface UnitPlan {
  /** The unit's text, one string per line (without its end of line), in place of the generated one. */
  lines?: readonly string[];
  faults: readonly { offset: number; record: Omit<FaultRecord, 'line'> }[];
}

/**
 * Sees the units of the file as the generator writes them: the envoi's header (`H`) and footer
 * (`F`), each declaration's context (`C2`: declaration 2, from 0), individuals (`I2.17`) and what
 * follows its individuals (`T2`, empty in a generated file).
 */
export interface UnitHandler {
  /** What to do with a unit, or undefined to write it as generated. */
  plan?(key: string): UnitPlan | undefined;
  /** True to receive the unit's generated lines in `captured`. */
  captures?(key: string): boolean;
  captured?(key: string, lines: string[]): void;
}

/** A generator bug, not a problem of the data: the norm forbids what the generator produced. */
export class GeneratorError extends Error {}

/**
 * Writes blocks in the norm's syntax, keeping only the rubrics the norm defines for the nature,
 * checking that the mandatory ones are there and counting lines (S90 and fault lines need them).
 */
export class DsnWriter {
  lines = 0;
  /** Bytes produced so far (ISO-8859-1: one per character). */
  chars = 0;
  editor: BlockEditor | null = null;
  /**
   * Lines are encoded straight into byte buffers: building strings and encoding them later would
   * leave long-lived garbage (string ropes) that makes the heap grow with the file's throughput.
   */
  private buffer: Uint8Array;
  private at = 0;
  private readonly ready: Uint8Array[] = [];
  private readonly plans = new Map<string, BlockPlan>();
  private readonly pending = new PendingBlock();
  /** Set by `--faults-only`: who sees (and may replace) each unit. */
  units: UnitHandler | null = null;
  private unit: { key: string; start: number; plan: UnitPlan | undefined } | null = null;
  private capture: string[] | null = null;

  constructor(
    readonly norm: CompiledNorm,
    readonly nature: string,
    private readonly sink: DsnSink,
    private readonly onFault: (fault: FaultRecord) => void,
    private readonly chunkSize = 1 << 16,
  ) {
    this.buffer = new Uint8Array(chunkSize);
  }

  plan(blockId: string): BlockPlan {
    let plan = this.plans.get(blockId);
    if (plan === undefined) {
      const block = this.norm.blockById.get(blockId);
      if (!block) throw new GeneratorError(`bloc ${blockId} absent de la norme ${this.norm.version}`);
      plan = new BlockPlan(block, this.nature);
      this.plans.set(blockId, plan);
    }
    return plan;
  }

  /** Starts a block; `put` its rubrics in increasing order, then `end` it. */
  begin(blockId: string): this {
    this.pending.reset(this.plan(blockId));
    return this;
  }

  /** Adds a rubric if the norm has it for the nature and a value is given. */
  put(number: number, value: string | undefined): this {
    const p = this.pending;
    if (value === undefined || !p.plan.allows(number)) return this;
    p.numbers.push(number);
    p.values.push(value);
    return this;
  }

  end(): void {
    const p = this.pending;
    for (const m of p.plan.mandatory) {
      if (!p.numbers.includes(m)) {
        throw new GeneratorError(`rubrique obligatoire ${p.id}.${String(m).padStart(3, '0')} non produite`);
      }
    }
    this.editor?.edit(p);
    if (this.unit?.plan?.lines !== undefined) return;
    if (p.dropped) {
      // A dropped block's expectations point at its parent, already written: nothing to place.
      return;
    }
    if (this.capture !== null) {
      for (let i = 0; i < p.numbers.length; i++) {
        this.capture.push(p.plan.prefix(p.numbers[i]!) + p.values[i]! + "'");
      }
    }
    const first = this.lines + 1;
    for (let i = 0; i < p.numbers.length; i++) {
      this.text(p.plan.prefix(p.numbers[i]!));
      this.text(p.values[i]!);
      this.text("'\n");
    }
    this.lines += p.numbers.length;
    for (const e of p.expectations) {
      this.onFault({ ...e.record, line: e.entry === undefined ? first : first + e.entry });
    }
  }

  /**
   * Starts a unit of the file (see {@link UnitHandler}): `H`, `F`, or `C`, `T` of `declaration`,
   * `I` (`individual` of `declaration`); no-op without a handler.
   */
  beginUnit(kind: 'H' | 'F' | 'C' | 'T' | 'I', declaration = 0, individual = 0): void {
    const units = this.units;
    if (units === null) return;
    const key =
      kind === 'H' || kind === 'F'
        ? kind
        : kind === 'I'
          ? `I${declaration}.${individual}`
          : `${kind}${declaration}`;
    this.unit = { key, start: this.lines, plan: units.plan?.(key) };
    this.capture = units.captures?.(key) === true ? [] : null;
  }

  /** Ends the unit begun last: writes its planned lines and reports its planned anomalies. */
  endUnit(): void {
    const unit = this.unit;
    if (unit === null) return;
    this.unit = null;
    const lines = unit.plan?.lines;
    if (lines !== undefined) {
      for (const line of lines) {
        this.text(line);
        this.text('\n');
      }
      this.lines += lines.length;
    }
    for (const f of unit.plan?.faults ?? []) this.onFault({ ...f.record, line: unit.start + f.offset + 1 });
    if (this.capture !== null) {
      const captured = this.capture;
      this.capture = null;
      this.units!.captured?.(unit.key, captured);
    }
  }

  /** ISO-8859-1: each character is its own byte (the generator only produces such characters). */
  private text(s: string): void {
    const n = s.length;
    if (this.at + n > this.buffer.length) this.spill(n);
    const buffer = this.buffer;
    let at = this.at;
    for (let i = 0; i < n; i++) buffer[at++] = s.charCodeAt(i);
    this.at = at;
    this.chars += n;
  }

  /** The current buffer is full: set it aside for the sink and start another. */
  private spill(needed: number): void {
    if (this.at > 0) this.ready.push(this.buffer.subarray(0, this.at));
    this.buffer = new Uint8Array(Math.max(this.chunkSize, needed));
    this.at = 0;
  }

  /** Hands the full buffers over (all of them when `force`), waiting if the sink asks to. */
  async flush(force = false): Promise<void> {
    if (force && this.at > 0) this.spill(0);
    while (this.ready.length > 0) await this.sink.write(this.ready.shift()!);
  }
}
