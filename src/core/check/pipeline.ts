import { DiagnosticCollector, type CollectorOptions } from '../diagnostics/diagnostic.ts';
import { ControlEngine } from '../controls/engine.ts';
import { loadTables, type TableOptions } from '../controls/tables.ts';
import type { Control } from '../controls/control.ts';
import { compiledNorm, defaultVersion, ensureNorms, normProvider } from '../norm/provider.ts';
import type { Declaration, Envoi } from '../parse/context.ts';
import { DsnReader, type ReaderObserver } from '../parse/reader.ts';
import { LineSplitter, type LineSink } from '../parse/splitter.ts';
import type { Block, Rubric } from '../parse/tree.ts';
import { PasrauChecks } from './pasrau.ts';
import { DiagnosticPlaces } from './places.ts';
import { TechnicalChecks } from './technical.ts';

/** What a consumer of the structure (ingestion, DRM) receives, in file order. */
export interface DsnListener {
  /** A declaration's context (everything before its first unit) is complete. */
  declaration?(declaration: Declaration): void;
  unit?(unit: Block, declaration: Declaration): void;
  declarationEnd?(declaration: Declaration): void;
  envoiEnd?(envoi: Envoi): void;
}

export interface PipelineOptions extends CollectorOptions {
  /** Version to read every envoi with (`--norm`), whatever S10.G00.00.006 says. */
  norm?: string;
  /** Datatype, usage, cardinality and totals checks (default on). */
  technical?: boolean;
  /** Official controls to run (default: none; see `controls/registry.ts`). */
  controls?: readonly Control[];
  listener?: DsnListener;
  /** Called after each chunk with the bytes read so far. */
  onProgress?: (bytes: number) => void;
  /** Lets a caller stop a long read (a closed HTTP request…). */
  signal?: AbortSignal;
  /** Today as `AAAAMMJJ`, for the controls that compare with the current date (default: now). */
  today?: number;
  /** Where operator-supplied reference tables are read from (see `controls/tables.ts`). */
  tables?: TableOptions;
  /** Collector to report into (the intake's counts per declaration); default: a new one. */
  diagnostics?: DiagnosticCollector;
}

function todayKey(now = new Date()): number {
  return now.getFullYear() * 10000 + (now.getMonth() + 1) * 100 + now.getDate();
}

/** Dispatches the reader's callbacks to the checks, the controls and the listener. */
class Dispatcher implements ReaderObserver {
  constructor(
    private readonly technical: TechnicalChecks | null,
    private readonly pasrau: PasrauChecks | null,
    private readonly engine: ControlEngine | null,
    private readonly listener: DsnListener | null,
    private readonly places: DiagnosticPlaces,
  ) {}

  rubric(
    rubric: Rubric,
    _block: Block,
    declaration: Declaration | null,
    bytes: Uint8Array | undefined,
    start: number,
  ): void {
    this.technical?.rubric(rubric, declaration, bytes, start);
  }

  blockClosed(block: Block, declaration: Declaration | null): void {
    this.technical?.blockClosed(block, declaration);
  }

  unit(unit: Block, declaration: Declaration): void {
    if (unit.id === 'S21.G00.30') {
      this.places.declaration(declaration);
      this.places.individual(unit);
    }
    if (this.pasrau !== null && PasrauChecks.applies(declaration)) this.pasrau.unit(unit, declaration);
    this.engine?.unit(unit, declaration);
    const listener = this.listener;
    if (listener === null) return;
    this.announce(declaration);
    listener.unit?.(unit, declaration);
  }

  declarationEnd(declaration: Declaration): void {
    this.places.declaration(declaration);
    if (this.pasrau !== null && PasrauChecks.applies(declaration)) this.pasrau.declarationEnd(declaration);
    this.engine?.declarationEnd(declaration);
    if (this.listener === null) return;
    this.announce(declaration);
    this.listener.declarationEnd?.(declaration);
  }

  envoiEnd(envoi: Envoi): void {
    this.technical?.envoiEnd(envoi);
    if (this.pasrau !== null && PasrauChecks.applies(envoi)) this.pasrau.envoiEnd(envoi);
    this.engine?.envoiEnd(envoi);
    this.listener?.envoiEnd?.(envoi);
  }

  private announce(declaration: Declaration): void {
    if (declaration.announced) return;
    declaration.announced = true;
    this.listener!.declaration?.(declaration);
  }
}

/** The splitter's output for one chunk, held until the norms it names are loaded. */
type Piece =
  | { kind: 'lines'; text: string; bytes: Uint8Array }
  | { kind: 'overlong'; start: string; length: number; ended: boolean }
  | { kind: 'unterminated'; text: string; bytes: Uint8Array }
  | { kind: 'bom' };

class Pieces implements LineSink {
  items: Piece[] = [];
  lines(text: string, bytes: Uint8Array): void {
    this.items.push({ kind: 'lines', text, bytes });
  }
  overlong(start: string, length: number, ended: boolean): void {
    this.items.push({ kind: 'overlong', start, length, ended });
  }
  unterminated(text: string, bytes: Uint8Array): void {
    this.items.push({ kind: 'unterminated', text, bytes });
  }
  bom(): void {
    this.items.push({ kind: 'bom' });
  }
}

export interface PipelineResult {
  reader: DsnReader;
  diagnostics: DiagnosticCollector;
  bytes: number;
  /** Whom and where the diagnostics concern (see `reportOf`). */
  places: DiagnosticPlaces;
}

/**
 * Reads a declaration pushed chunk by chunk, with bounded memory: split into lines, rebuild the
 * block tree, run the checks and controls, and hand units to the listener as they complete.
 */
export class DsnPipeline {
  readonly diagnostics: DiagnosticCollector;
  private readonly places = new DiagnosticPlaces();
  private reader: DsnReader | null = null;
  private readonly pieces = new Pieces();
  private readonly splitter = new LineSplitter(this.pieces);

  private constructor(private readonly options: PipelineOptions) {
    this.diagnostics = options.diagnostics ?? new DiagnosticCollector(options);
  }

  static async create(options: PipelineOptions = {}): Promise<DsnPipeline> {
    const pipeline = new DsnPipeline(options);
    const fallback = defaultVersion();
    const forced = options.norm;
    await ensureNorms([fallback, ...(forced ? [forced] : [])]);
    const lot = await compiledNorm('lot-V01R02');
    const diagnostics = pipeline.diagnostics;
    const technical = options.technical === false ? null : new TechnicalChecks(diagnostics);
    const pasrau = options.technical === false ? null : new PasrauChecks(diagnostics);
    let engine: ControlEngine | null = null;
    if (options.controls && options.controls.length > 0) {
      const tables = await loadTables(
        options.controls.flatMap((c) => c.tables ?? []),
        options.tables,
      );
      engine = new ControlEngine(diagnostics, options.controls, options.today ?? todayKey(), tables);
    }
    pipeline.reader = new DsnReader({
      norms: normProvider,
      lot,
      ...(forced ? { forcedVersion: forced } : {}),
      defaultVersion: fallback,
      diagnostics,
      observer: new Dispatcher(technical, pasrau, engine, options.listener ?? null, pipeline.places),
    });
    return pipeline;
  }

  /** True once reading further is pointless (the input is not a declaration). */
  get stopped(): boolean {
    return this.reader!.stopped;
  }

  get bytes(): number {
    return this.splitter.bytes;
  }

  async push(chunk: Uint8Array): Promise<void> {
    if (this.stopped) return;
    this.splitter.push(chunk);
    await this.feed();
  }

  async end(): Promise<PipelineResult> {
    const reader = this.reader!;
    if (!reader.stopped) {
      this.splitter.end();
      await this.feed();
    }
    reader.finish(this.splitter.bytes);
    return { reader, diagnostics: this.diagnostics, bytes: this.splitter.bytes, places: this.places };
  }

  private async feed(): Promise<void> {
    const reader = this.reader!;
    for (const piece of this.pieces.items) {
      if (piece.kind === 'lines') reader.lines(piece.text, piece.bytes);
      else if (piece.kind === 'unterminated') reader.unterminated(piece.text, piece.bytes);
      else if (piece.kind === 'overlong') reader.overlong(piece.start, piece.length, piece.ended);
      else reader.bom();
      while (reader.needs !== null) {
        await ensureNorms([reader.needs]);
        reader.resume();
      }
      if (reader.stopped) break;
    }
    this.pieces.items = [];
  }
}

export async function runPipeline(
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  options: PipelineOptions = {},
): Promise<PipelineResult> {
  const pipeline = await DsnPipeline.create(options);
  for await (const chunk of source) {
    options.signal?.throwIfAborted();
    await pipeline.push(chunk);
    options.onProgress?.(pipeline.bytes);
    if (pipeline.stopped) break;
  }
  return pipeline.end();
}
