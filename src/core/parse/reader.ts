import type { DiagnosticSink } from '../diagnostics/diagnostic.ts';
import type { CompiledBlock, CompiledNorm } from '../norm/compile.ts';
import { rubricIdOf, rubricKeyOf } from '../norm/rubric-keys.ts';
import { Declaration, Envoi } from './context.ts';
import { inspectCharacters, outsidePrintableAscii, printableAscii, reportBom } from './encoding.ts';
import { isLotKey, LotEnvelope } from './lot-envelope.ts';
import { chooseNorm, reportNormChoice, type NormOptions } from './norm-choice.ts';
import type { LineSink } from './splitter.ts';
import { StructureDiagnostics } from './structure-diagnostics.ts';
import { Block, Rubric } from './tree.ts';

/** Receives the structure as it is read. Every call is synchronous and in file order. */
export interface ReaderObserver {
  /** `bytes[start…]` holds the value as Latin-1 bytes, when the reader still has them. */
  rubric(
    rubric: Rubric,
    block: Block,
    declaration: Declaration | null,
    bytes: Uint8Array | undefined,
    start: number,
  ): void;
  blockClosed(block: Block, declaration: Declaration | null): void;
  /** A streamed unit (an individual…) is complete; it is forgotten when this returns. */
  unit(unit: Block, declaration: Declaration): void;
  declarationEnd(declaration: Declaration): void;
  envoiEnd(envoi: Envoi): void;
}

export interface ReaderOptions extends NormOptions {
  /** The organisms' lot envelope (S05/S06/S95/S96). */
  lot: CompiledNorm;
  diagnostics: DiagnosticSink;
  observer: ReaderObserver;
}

const ENVOI_BLOCK = 100000; // S10.G00.00
const NORM_VERSION_RUBRIC = 100000006; // S10.G00.00.006
const NATURE_RUBRIC = 1; // S20.G00.05.001
const NATURE_KEY = rubricKeyOf('S20.G00.05.001');
/** Lines read without a single valid one before the file is declared not to be a declaration. */
const notDsnAfter = 50;

interface PendingLine {
  key: number;
  value: string;
  line: number;
}

/**
 * Rebuilds the block tree of DSN and PASRAU files line by line, with the norm's nesting rule: a
 * new block instance starts when the block changes or its rubric number does not increase, and
 * its parent is the nearest open instance of its parent block. Streams: units are handed to the
 * observer as soon as they are complete, then dropped. Each envoi is read with its norm
 * (`norm-choice.ts`), inside the lot envelope when there is one (`lot-envelope.ts`); what is wrong
 * with the file's shape is reported by `structure-diagnostics.ts` and `encoding.ts`.
 */
export class DsnReader implements LineSink {
  lineNo = 0;
  validLines = 0;
  envois = 0;
  declarations = 0;
  individuals = 0;
  /** Set when reading further is pointless (not a declaration at all). */
  stopped = false;
  /**
   * A norm version to load before reading on: the reader stops at the line naming it and
   * {@link resume} goes on once the caller has loaded it (norms load asynchronously, lines not).
   */
  needs: string | null = null;
  private resumeText: string | null = null;
  private resumeBytes: Uint8Array | null = null;
  /** Bytes of the line being read and where its value starts, for checks that read bytes. */
  private valueBytes: Uint8Array | undefined = undefined;
  private valueStart = 0;
  private resumeAt = 0;
  readonly norms = new Set<string>();

  private readonly structure: StructureDiagnostics;
  private readonly lot: LotEnvelope;
  private readonly observer: ReaderObserver;
  private norm: CompiledNorm | null = null;
  private envoi: Envoi | null = null;
  private declaration: Declaration | null = null;
  private readonly stack: Block[] = [];
  private top: Block | null = null;
  private pending: PendingLine[] | null = null;
  /** Block key and last rubric number of a misplaced block instance whose lines are skipped. */
  private skipBlock = -1;
  private skipLast = 0;
  private sawBom = false;

  constructor(private readonly options: ReaderOptions) {
    this.structure = new StructureDiagnostics(options.diagnostics, () => this.declaration);
    this.lot = new LotEnvelope(options.lot, this.structure.report);
    this.observer = options.observer;
  }

  // ---- LineSink -------------------------------------------------------------------------------

  bom(): void {
    this.sawBom = true;
    reportBom(this.structure.report);
  }

  lines(text: string, bytes: Uint8Array, from = 0): void {
    if (this.stopped) return;
    const n = bytes.length;
    let a = from;
    while (a < n) {
      // A well-formed line has no line feed in its first 16 bytes (`Sxx.Gyy.zz.nnn,'`): look for
      // the end from there, and from the start only when the line turns out malformed.
      let e = a + 16;
      while (e < n && bytes[e] !== 10) e++;
      let end = e;
      if (bytes[end - 1] === 13 && end > a) end--;
      this.lineNo++;
      if (!this.line(text, bytes, a, end)) {
        e = bytes.indexOf(10, a);
        end = e > a && bytes[e - 1] === 13 ? e - 1 : e;
        this.malformed(text, a, end);
      }
      if (this.stopped) return;
      a = e + 1;
      if (this.needs !== null) {
        this.resumeText = text;
        this.resumeBytes = bytes;
        this.resumeAt = a;
        return;
      }
    }
  }

  /** Goes on once the norm named in {@link needs} has been loaded. */
  resume(): void {
    this.needs = null;
    const last = this.pending?.at(-1);
    if (last !== undefined && ((last.key / 10000000) | 0) !== 10) this.resolveNorm();
    else this.prefetch();
    const text = this.resumeText;
    if (text !== null && this.needs === null) {
      this.resumeText = null;
      this.lines(text, this.resumeBytes!, this.resumeAt);
    }
  }

  overlong(start: string, length: number, ended: boolean): void {
    if (this.stopped) return;
    this.lineNo++;
    if (this.envoi !== null) this.envoi.lines++;
    this.structure.tooLong(this.lineNo, start, length, ended);
    if (this.validLines === 0) this.notDsn();
  }

  unterminated(text: string, bytes: Uint8Array): void {
    if (this.stopped) return;
    this.lineNo++;
    this.structure.noEndOfLine(this.lineNo);
    if (!this.line(text, bytes, 0, text.length)) this.malformed(text, 0, text.length);
  }

  /** Ends the file: closes what is open and checks the lot envelope. */
  finish(bytes: number): void {
    if (this.stopped) return;
    this.endEnvoi();
    this.lot.end(this.lineNo);
    if (this.validLines === 0) {
      if (bytes === 0 || (this.lineNo === 0 && !this.sawBom)) this.structure.empty();
      else this.notDsn();
    }
  }

  // ---- one line -------------------------------------------------------------------------------

  /** Reads a well-formed line; false when it is not of the form `Sxx.Gyy.zz.nnn,'value'`. */
  private line(s: string, b: Uint8Array, a: number, end: number): boolean {
    const d1 = b[a + 1]! - 48;
    const d2 = b[a + 2]! - 48;
    const d5 = b[a + 5]! - 48;
    const d6 = b[a + 6]! - 48;
    const d8 = b[a + 8]! - 48;
    const d9 = b[a + 9]! - 48;
    const d11 = b[a + 11]! - 48;
    const d12 = b[a + 12]! - 48;
    const d13 = b[a + 13]! - 48;
    const ok =
      end - a >= 17 &&
      b[a] === 83 &&
      b[a + 3] === 46 &&
      b[a + 4] === 71 &&
      b[a + 7] === 46 &&
      b[a + 10] === 46 &&
      b[a + 14] === 44 &&
      b[a + 15] === 39 &&
      b[end - 1] === 39 &&
      d1 >>> 0 < 10 &&
      d2 >>> 0 < 10 &&
      d5 >>> 0 < 10 &&
      d6 >>> 0 < 10 &&
      d8 >>> 0 < 10 &&
      d9 >>> 0 < 10 &&
      d11 >>> 0 < 10 &&
      d12 >>> 0 < 10 &&
      d13 >>> 0 < 10;
    if (!ok) return false;
    const key =
      (d1 * 10 + d2) * 10000000 +
      (d5 * 10 + d6) * 100000 +
      (d8 * 10 + d9) * 1000 +
      d11 * 100 +
      d12 * 10 +
      d13;
    this.validLines++;
    this.valueBytes = b;
    this.valueStart = a + 16;
    // V8 makes a slice of 13 characters or more a view on the whole 64 KB chunk: a value kept by a
    // control's state or a declaration's context would pin its chunk. Such values get their own copy.
    const value = end - a > 29 ? (' ' + s.slice(a + 16, end - 1)).slice(1) : s.slice(a + 16, end - 1);
    this.rubricLine(key, value, this.lineNo);
    this.valueBytes = undefined;
    return true;
  }

  /** Explains why a line does not read as `Sxx.Gyy.zz.nnn,'value'`, and keeps what can be kept. */
  private malformed(s: string, a: number, end: number): void {
    const text = s.slice(a, end);
    if (text.length === 0) {
      this.structure.emptyLine(this.lineNo);
      if (this.envoi !== null) this.envoi.lines++;
      return;
    }
    const trailing = /^(S\d{2}\.G\d{2}\.\d{2}\.\d{3}),'(.*)'[ \t]+$/s.exec(text);
    if (trailing) {
      const id = trailing[1]!;
      this.structure.trailing(this.lineNo, id);
      this.validLines++;
      this.rubricLine(rubricKeyOf(id), trailing[2]!, this.lineNo);
      return;
    }
    if (this.envoi !== null) this.envoi.lines++;
    if (outsidePrintableAscii.test(text))
      inspectCharacters(this.structure.report, this.lineNo, text, 0, text.length);
    this.structure.syntax(this.lineNo, text);
    if (this.validLines === 0 && this.lineNo >= notDsnAfter) this.notDsn();
  }

  private notDsn(): void {
    this.structure.notDsn(this.lineNo);
    this.stopped = true;
  }

  private rubricLine(key: number, value: string, line: number): void {
    if (isLotKey(key)) {
      this.lotLine(key, value, line);
      return;
    }
    const blockKey = (key / 1000) | 0;
    if (blockKey === ENVOI_BLOCK) {
      const top = this.top;
      const continues =
        this.pending !== null ||
        (top !== null && top.def.key === ENVOI_BLOCK && key - blockKey * 1000 > top.last);
      if (!continues) this.startEnvoi(line);
    } else if (this.envoi === null && this.pending === null) {
      // Lines before any S10: read them with the default norm so they are still checked.
      this.startEnvoi(line);
    }
    if (this.pending !== null) {
      this.pending.push({ key, value, line });
      // The norm is chosen at the first line after the S10 header: the declaration's nature, on that
      // line, tells a PASRAU from a DSN when S10.G00.00.006 does not.
      if (((key / 10000000) | 0) !== 10) this.resolveNorm();
      else if (key === NORM_VERSION_RUBRIC) this.prefetch();
      return;
    }
    this.envoi!.lines++;
    this.place(key, value, line);
  }

  /** A line of the lot envelope: a group opened or closed, or the lot's end, ends the envoi before it. */
  private lotLine(key: number, value: string, line: number): void {
    if (!this.lot.accepts(key, value, line)) return;
    if (this.lot.endsEnvoi(key)) this.endEnvoi();
    this.lot.line(key, value, line, this.validLines > 1 && this.envois > 0);
  }

  // ---- envois and norms -----------------------------------------------------------------------

  private startEnvoi(line: number): void {
    this.endEnvoi();
    this.lot.envoiStarts(line);
    this.pending = [];
  }

  /**
   * Loads ahead, once S10.G00.00.006 is read, the norm an envoi cut after its header is read with
   * (no nature yet): it is then still closed synchronously. The nature, on the line after the
   * header, may call for another norm (a PASRAU): {@link resolveNorm} waits for that one, so that
   * a DSN never loads the PASRAU catalogue.
   */
  private prefetch(): void {
    const declared = this.pending?.find((p) => p.key === NORM_VERSION_RUBRIC);
    if (declared === undefined || this.options.forcedVersion !== undefined) return;
    const header = { declared: declared.value, declaredLine: declared.line, nature: undefined };
    const { version } = chooseNorm(header, this.options);
    this.needs = this.options.norms.get(version) === undefined ? version : null;
  }

  /** Chooses the envoi's norm once its header is read; waits (see {@link needs}) if not loaded. */
  private resolveNorm(): void {
    const pending = this.pending!;
    const declaredLine = pending.find((p) => p.key === NORM_VERSION_RUBRIC);
    const header = {
      declared: declaredLine?.value,
      declaredLine: declaredLine?.line,
      nature: pending.find((p) => p.key === NATURE_KEY)?.value,
    };
    const chosen = chooseNorm(header, this.options);
    const norm = this.options.norms.get(chosen.version);
    if (!norm) {
      this.needs = chosen.version;
      return;
    }
    this.pending = null;
    const firstLine = pending[0]!.line;
    reportNormChoice(this.structure.report, chosen, header, firstLine);
    this.norm = norm;
    this.norms.add(chosen.version);
    this.envois++;
    const group = this.lot.addEnvoi();
    this.envoi = new Envoi(this.envois, firstLine, norm, chosen.choice, header.declared, group);
    const bytes = this.valueBytes;
    this.valueBytes = undefined;
    for (const p of pending) {
      this.envoi.lines++;
      this.place(p.key, p.value, p.line);
    }
    this.valueBytes = bytes;
  }

  private endEnvoi(): void {
    if (this.pending !== null && this.pending.length > 0) {
      // The forced or default norm is always loaded, and a declared one was fetched ahead.
      this.resolveNorm();
      if (this.needs !== null) throw new Error(`norme ${this.needs} non chargée`);
    }
    this.pending = null;
    const envoi = this.envoi;
    if (envoi === null) return;
    this.closeTo(0);
    envoi.endLine = this.lineNo;
    this.observer.envoiEnd(envoi);
    this.envoi = null;
    this.norm = null;
    this.skipBlock = -1;
  }

  // ---- the nesting rule ------------------------------------------------------------------------

  private place(key: number, value: string, line: number): void {
    const blockKey = (key / 1000) | 0;
    const number = key - blockKey * 1000;
    const top = this.top;
    if (top !== null && top.def.key === blockKey) {
      if (number > top.last) {
        this.append(top, number, value, line);
        return;
      }
      if (top.def.def.max === 1) {
        this.structure.outOfOrder(top, number, line);
        this.append(top, number, value, line);
        return;
      }
    }
    if (blockKey === this.skipBlock) {
      if (number > this.skipLast) {
        this.skipLast = number;
        return;
      }
    }
    this.skipBlock = -1;
    const norm = this.norm!;
    const def = norm.blocks.get(blockKey);
    if (def === undefined) {
      if (!this.lot.tolerates(blockKey)) this.structure.unknownBlock(blockKey, number, line, norm.version);
      return;
    }
    if (def.parent === null) {
      this.openRoot(def, number, value, line);
      return;
    }
    const stack = this.stack;
    let depth = stack.length - 1;
    while (depth >= 0 && stack[depth]!.def !== def.parent) depth--;
    if (depth < 0) {
      this.skipBlock = blockKey;
      this.skipLast = number;
      this.structure.misplaced(def, blockKey, number, line);
      return;
    }
    this.closeTo(depth + 1);
    const parent = stack[depth]!;
    if (def.order < parent.lastChildOrder) this.structure.blockOrder(def, parent, line);
    else parent.lastChildOrder = def.order;
    const counts = (parent.counts ??= new Uint32Array(parent.def.children.length));
    const count = ++counts[def.order]!;
    if (def.def.max !== null && count === def.def.max + 1) this.structure.tooMany(def, parent, line);
    const node = new Block(def.id, def, parent, line);
    if (def === norm.declaration) {
      this.declarations++;
      this.envoi!.declarations++;
      this.declaration = new Declaration(this.declarations, this.envoi!, node);
    } else if (!def.unit) {
      parent.addChild(node);
    }
    stack.push(node);
    this.top = node;
    this.append(node, number, value, line);
  }

  private openRoot(def: CompiledBlock, number: number, value: string, line: number): void {
    if (this.stack.length > 0) {
      this.structure.rootMisplaced(def, number, line);
      return;
    }
    const node = new Block(def.id, def, null, line);
    this.envoi!.root = node;
    this.stack.push(node);
    this.top = node;
    this.append(node, number, value, line);
  }

  private append(node: Block, number: number, value: string, line: number): void {
    const def = node.def.byNumber[number];
    let rubric: Rubric;
    if (def !== undefined) {
      rubric = new Rubric(def.id, number, value, line, def);
      if (def.type.freeText) this.freeText(value);
    } else {
      rubric = new Rubric(rubricIdOf(node.def.key * 1000 + number), number, value, line, null);
      if (!this.lot.toleratesRubric(number)) this.structure.unknownRubric(node, rubric, this.norm!.version);
    }
    node.add(rubric);
    // An unknown rubric is reported, not trusted: it must not decide where the next instance starts.
    if (def !== undefined && number > node.last) node.last = number;
    const declaration = this.declaration;
    if (declaration !== null && node === declaration.node && number === NATURE_RUBRIC) {
      declaration.nature = value;
    }
    // A version read with another one is not checked against that one's list of versions: the
    // norm choice has already said what it is.
    if (this.envoi?.normChoice === 'nearest' && node.def.key * 1000 + number === NORM_VERSION_RUBRIC) return;
    this.observer.rubric(rubric, node, declaration, this.valueBytes, this.valueStart);
  }

  /** A free-text value outside printable ASCII gets a closer look (read on bytes when we have them). */
  private freeText(value: string): void {
    const bytes = this.valueBytes;
    const outside =
      bytes !== undefined
        ? !printableAscii(bytes, this.valueStart, this.valueStart + value.length)
        : outsidePrintableAscii.test(value);
    if (outside) inspectCharacters(this.structure.report, this.lineNo, value, 0, value.length);
  }

  /** Closes the open blocks deeper than `depth`, innermost first. */
  private closeTo(depth: number): void {
    const stack = this.stack;
    while (stack.length > depth) {
      const node = stack.pop()!;
      this.close(node);
    }
    this.top = stack.length > 0 ? stack[stack.length - 1]! : null;
  }

  private close(node: Block): void {
    const declaration = this.declaration;
    this.observer.blockClosed(node, declaration);
    const def = node.def;
    if (def.unit && declaration !== null) {
      declaration.units++;
      if (def.id === 'S21.G00.30') {
        declaration.individuals++;
        this.envoi!.individuals++;
        this.individuals++;
      }
      this.observer.unit(node, declaration);
    } else if (declaration !== null && node === declaration.node) {
      this.observer.declarationEnd(declaration);
      this.declaration = null;
    } else if (def === this.norm?.footer) {
      this.envoi!.footer = node;
    }
  }
}
