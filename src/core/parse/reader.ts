import type { NormFamily } from '../norm/catalogue.ts';
import type { CompiledBlock, CompiledNorm } from '../norm/compile.ts';
import { blockIdOf, rubricIdOf, rubricKeyOf } from '../norm/rubric-keys.ts';
import { relaisCodes, type RelaisCode } from '../diagnostics/codes.ts';
import { shown, type Diagnostic, type DiagnosticSink } from '../diagnostics/diagnostic.ts';
import { Declaration, Envoi, type NormChoice } from './context.ts';
import type { LineSink } from './splitter.ts';
import { Block, Rubric } from './tree.ts';
import { checkValue, ValueFault } from '../norm/validators.ts';

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

export interface NormProvider {
  /** A compiled norm already loaded, or undefined. */
  get(version: string): CompiledNorm | undefined;
  /** The version a value of S10.G00.00.006 names (`P26V01`, `201710`), if known. */
  named(declared: string): string | undefined;
  familyOf(version: string): NormFamily | undefined;
  /** The known version of the family to read an unknown declared version with. */
  nearest(declared: string, family: NormFamily): string;
  latest(family: NormFamily): string;
}

export interface ReaderOptions {
  norms: NormProvider;
  /** The organisms' lot envelope (S05/S06/S95/S96). */
  lot: CompiledNorm;
  /** Version to read every envoi with, whatever S10.G00.00.006 says (`--norm`). */
  forcedVersion?: string;
  /** Version used when an envoi does not name one. */
  defaultVersion: string;
  diagnostics: DiagnosticSink;
  observer: ReaderObserver;
}

const ENVOI_BLOCK = 100000; // S10.G00.00
const NORM_VERSION_RUBRIC = 100000006; // S10.G00.00.006
const NATURE_RUBRIC = 1; // S20.G00.05.001
const NATURE_KEY = rubricKeyOf('S20.G00.05.001');
/** Nature of a PASRAU declaration: it is read with the PASRAU norm whatever S10.G00.00.006 says. */
const PASRAU_NATURE = '11';
const LOT_NUMBER = rubricKeyOf('S05.G51.00.002');
const LOT_GROUPS = rubricKeyOf('S05.G51.00.006');
const LOT_NUMBER_END = rubricKeyOf('S95.G51.00.001');
const LOT_GROUPS_END = rubricKeyOf('S95.G51.00.002');
/** Lines read without a single valid one before the file is declared not to be a declaration. */
const notDsnAfter = 50;

interface PendingLine {
  key: number;
  value: string;
  line: number;
}

interface LotGroup {
  code: string;
  line: number;
  envois: number;
}

/**
 * Rebuilds the block tree of DSN and PASRAU files line by line, with the norm's nesting rule: a
 * new block instance starts when the block changes or its rubric number does not increase, and
 * its parent is the nearest open instance of its parent block. Streams: units are handed to the
 * observer as soon as they are complete, then dropped.
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

  private readonly diags: DiagnosticSink;
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
  private lotStarted = false;
  private lotValues = new Map<number, string>();
  private lotGroups = 0;
  private group: LotGroup | null = null;
  private lotEnded = false;
  private sawBom = false;

  constructor(private readonly options: ReaderOptions) {
    this.diags = options.diagnostics;
    this.observer = options.observer;
  }

  // ---- LineSink -------------------------------------------------------------------------------

  bom(): void {
    this.sawBom = true;
    this.report('RELAIS-ENCODING-BOM', 1, {
      message:
        'Le fichier commence par une marque UTF-8 (octets EF BB BF), alors que la norme impose ISO-8859-1.',
    });
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
    this.report('RELAIS-LINE-TOO-LONG', this.lineNo, {
      message: `Ligne de ${length.toLocaleString('fr-FR')} caractères${ended ? '' : ' sans fin de ligne'} : elle a été ignorée.`,
      value: shown(start),
    });
    if (this.validLines === 0) this.notDsn();
  }

  unterminated(text: string, bytes: Uint8Array): void {
    if (this.stopped) return;
    this.lineNo++;
    this.report('RELAIS-LINE-NO-EOL', this.lineNo, {
      message: 'La dernière ligne du fichier ne se termine pas par un saut de ligne.',
    });
    if (!this.line(text, bytes, 0, text.length)) this.malformed(text, 0, text.length);
  }

  /** Ends the file: closes what is open and checks the lot envelope. */
  finish(bytes: number): void {
    if (this.stopped) return;
    this.endEnvoi();
    if (this.lotStarted) this.endLot();
    if (this.validLines === 0) {
      if (bytes === 0 || (this.lineNo === 0 && !this.sawBom)) {
        this.report('RELAIS-FILE-EMPTY', undefined, { message: 'Le fichier est vide.' });
      } else {
        this.notDsn();
      }
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
      this.report('RELAIS-LINE-SYNTAX', this.lineNo, { message: 'Ligne vide.' });
      if (this.envoi !== null) this.envoi.lines++;
      return;
    }
    const trailing = /^(S\d{2}\.G\d{2}\.\d{2}\.\d{3}),'(.*)'[ \t]+$/s.exec(text);
    if (trailing) {
      this.report('RELAIS-LINE-TRAILING', this.lineNo, {
        message: "Des espaces suivent l'apostrophe qui termine la valeur.",
        rubric: trailing[1]!,
      });
      this.validLines++;
      const id = trailing[1]!;
      const key =
        Number(id.slice(1, 3)) * 10000000 +
        Number(id.slice(5, 7)) * 100000 +
        Number(id.slice(8, 10)) * 1000 +
        Number(id.slice(11, 14));
      this.rubricLine(key, trailing[2]!, this.lineNo);
      return;
    }
    if (this.envoi !== null) this.envoi.lines++;
    if (/[^\x20-\x7e]/.test(text)) this.inspect(text, 0, text.length);
    this.report('RELAIS-LINE-SYNTAX', this.lineNo, {
      message: syntaxProblem(text),
      value: shown(text),
    });
    if (this.validLines === 0 && this.lineNo >= notDsnAfter) this.notDsn();
  }

  /**
   * Characters outside printable ASCII: control characters, UTF-8, windows-1252. Only free-text
   * values are looked at (see `append`): in a coded value such a character already fails the
   * datatype check, and scanning every byte of the file would halve the reading speed.
   */
  private inspect(s: string, a: number, end: number): void {
    let control = -1;
    let utf8 = '';
    let cp1252 = -1;
    for (let i = a; i < end; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80) {
        if (c < 0x20 || c === 0x7f) if (control < 0) control = c;
        continue;
      }
      const seq = utf8Length(s, i, end);
      if (seq > 0) {
        if (utf8 === '') utf8 = decodeUtf8(s.slice(i, i + seq));
        i += seq - 1;
        continue;
      }
      if ((c >= 0x80 && c <= 0x9f) || c > 0xff) if (cp1252 < 0) cp1252 = c;
    }
    if (control >= 0) {
      this.report('RELAIS-LINE-CONTROL-CHAR', this.lineNo, {
        message: `Caractère de contrôle ${controlName(control)} dans la ligne.`,
        value: shown(s.slice(a, end).replace(/[\x00-\x1f\x7f]/g, '·')),
      });
    }
    if (utf8 !== '') {
      this.report('RELAIS-ENCODING-UTF8', this.lineNo, {
        message: `Le caractère « ${utf8} » est encodé en UTF-8 : il sera lu comme plusieurs caractères ISO-8859-1.`,
      });
    }
    if (cp1252 >= 0) {
      this.report('RELAIS-ENCODING-CP1252', this.lineNo, {
        message: `Le caractère « ${cp1252Char(cp1252)} » n'existe pas en ISO-8859-1.`,
      });
    }
  }

  private rubricLine(key: number, value: string, line: number): void {
    const structure = (key / 10000000) | 0;
    if (structure === 5 || structure === 6 || structure === 95 || structure === 96) {
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
      if (structure !== 10) this.resolveNorm();
      else if (key === NORM_VERSION_RUBRIC) this.prefetch();
      return;
    }
    this.envoi!.lines++;
    this.place(key, value, line);
  }

  // ---- envois and norms -----------------------------------------------------------------------

  private startEnvoi(line: number): void {
    this.endEnvoi();
    if (this.lotStarted && this.group === null && !this.lotEnded) {
      this.report('RELAIS-LOT-STRUCTURE', line, {
        message: 'Un envoi se trouve hors de tout groupe S06…S96 du lot.',
      });
    }
    this.pending = [];
  }

  /**
   * Loads ahead, once S10.G00.00.006 is read, every norm the envoi may be read with: an envoi cut
   * after its header is then still closed synchronously.
   */
  private prefetch(): void {
    const declared = this.pending?.find((p) => p.key === NORM_VERSION_RUBRIC)?.value;
    const { norms, forcedVersion } = this.options;
    if (declared === undefined || forcedVersion !== undefined) return;
    const candidates = [norms.named(declared) ?? norms.nearest(declared, 'DSN'), norms.latest('PASRAU')];
    this.needs = candidates.find((v) => norms.get(v) === undefined) ?? null;
  }

  /** Chooses the envoi's norm once its header is read; waits (see {@link needs}) if not loaded. */
  private resolveNorm(): void {
    const pending = this.pending!;
    const declaredLine = pending.find((p) => p.key === NORM_VERSION_RUBRIC);
    const declared = declaredLine?.value;
    const nature = pending.find((p) => p.key === NATURE_KEY)?.value;
    const { norms, forcedVersion, defaultVersion } = this.options;
    const named = declared === undefined ? undefined : norms.named(declared);
    const namedFamily = named === undefined ? undefined : norms.familyOf(named);
    const family: NormFamily = nature === PASRAU_NATURE ? 'PASRAU' : (namedFamily ?? 'DSN');
    let version: string;
    let choice: NormChoice;
    if (forcedVersion !== undefined) {
      version = forcedVersion;
      choice = 'forced';
    } else if (named !== undefined && namedFamily === family) {
      version = named;
      choice = 'declared';
    } else if (declared !== undefined) {
      version = norms.nearest(declared, family);
      choice = named === undefined ? 'nearest' : 'other-family';
    } else {
      version = family === 'DSN' ? defaultVersion : norms.latest(family);
      choice = 'default';
    }
    const norm = norms.get(version);
    if (!norm) {
      this.needs = version;
      return;
    }
    this.pending = null;
    const firstLine = pending[0]!.line;
    if (choice === 'other-family') {
      this.report('RELAIS-NORM-FAMILY', declaredLine!.line, {
        rubric: 'S10.G00.00.006',
        value: shown(declared!),
        message: `La version « ${shown(declared!, 20)} » est une norme ${namedFamily}, mais la déclaration est de nature ${nature} (${family}) : le fichier est contrôlé avec ${version}.`,
      });
    } else if (choice === 'nearest') {
      this.report('RELAIS-NORM-UNKNOWN', declaredLine!.line, {
        rubric: 'S10.G00.00.006',
        value: shown(declared!),
        message: `La version de norme « ${shown(declared!, 20)} » n'est pas connue de Relais ; le fichier est contrôlé avec ${version}.`,
      });
    } else if (choice === 'default') {
      this.report('RELAIS-NORM-MISSING', firstLine, {
        rubric: 'S10.G00.00.006',
        message: `La version de norme (S10.G00.00.006) n'est pas renseignée ; le fichier est contrôlé avec ${version}.`,
      });
    }
    this.norm = norm;
    this.norms.add(version);
    this.envois++;
    this.envoi = new Envoi(this.envois, firstLine, norm, choice, declared, this.group?.code);
    if (this.group) this.group.envois++;
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
        this.outOfOrder(top, number, line);
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
      this.unknownBlock(blockKey, number, line);
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
      this.misplaced(def, blockKey, number, line);
      return;
    }
    this.closeTo(depth + 1);
    const parent = stack[depth]!;
    if (def.order < parent.lastChildOrder) this.blockOrder(def, parent, line);
    else parent.lastChildOrder = def.order;
    const counts = (parent.counts ??= new Uint32Array(parent.def.children.length));
    const count = ++counts[def.order]!;
    if (def.def.max !== null && count === def.def.max + 1) this.tooMany(def, parent, line);
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
      this.report('RELAIS-BLOCK-MISPLACED', line, {
        rubric: rubricIdOf(def.key * 1000 + number),
        block: def.id,
        message: `Le bloc ${def.id} (${def.def.name}) ne peut apparaître qu'en tête d'envoi.`,
      });
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
      this.unknownRubric(node, rubric);
    }
    node.add(rubric);
    // An unknown rubric is reported, not trusted: it must not decide where the next instance starts.
    if (def !== undefined && number > node.last) node.last = number;
    const declaration = this.declaration;
    if (declaration !== null && node === declaration.node && number === NATURE_RUBRIC) {
      declaration.nature = value;
    }
    this.observer.rubric(rubric, node, declaration, this.valueBytes, this.valueStart);
  }

  /** A free-text value outside printable ASCII gets a closer look (read on bytes when we have them). */
  private freeText(value: string): void {
    const bytes = this.valueBytes;
    if (bytes !== undefined) {
      const start = this.valueStart;
      const end = start + value.length;
      for (let i = start; i < end; i++) {
        const c = bytes[i]!;
        if (c < 32 || c > 126) {
          this.inspect(value, 0, value.length);
          return;
        }
      }
      return;
    }
    if (/[^\x20-\x7e]/.test(value)) this.inspect(value, 0, value.length);
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

  // ---- the organisms' lot envelope ------------------------------------------------------------

  private lotLine(key: number, value: string, line: number): void {
    const lot = this.options.lot;
    const blockKey = (key / 1000) | 0;
    const structure = (key / 10000000) | 0;
    const rubric = lot.rubrics.get(key);
    if (rubric === undefined) {
      this.report('RELAIS-RUBRIC-UNKNOWN', line, {
        rubric: rubricIdOf(key),
        message: `La rubrique ${rubricIdOf(key)} n'existe pas dans l'enveloppe de lot ${lot.version}.`,
      });
      return;
    }
    if (checkValue(rubric.type, value) !== ValueFault.None) {
      this.report('RELAIS-VALUE-FORMAT', line, {
        rubric: rubric.id,
        value: shown(value),
        message: `La valeur de ${rubric.id} (${rubric.def.name}) ne respecte pas le format de l'enveloppe de lot.`,
      });
    }
    if (structure !== 5) this.endEnvoi();
    if (structure === 5) {
      if (this.lotStarted && this.lotValues.has(key)) {
        this.report('RELAIS-LOT-STRUCTURE', line, {
          message: 'Un second en-tête de lot S05 apparaît dans le fichier.',
        });
      }
      if (!this.lotStarted && this.validLines > 1 && this.lotValues.size === 0 && this.envois > 0) {
        this.report('RELAIS-LOT-STRUCTURE', line, {
          message: "L'en-tête de lot S05 doit être au début du fichier.",
        });
      }
      this.lotStarted = true;
      this.lotValues.set(key, value);
      return;
    }
    if (!this.lotStarted) {
      this.lotStarted = true;
      this.report('RELAIS-LOT-STRUCTURE', line, {
        message: "Le lot ne commence pas par l'en-tête S05.G51.00.",
      });
    }
    if (structure === 6) {
      if (this.group !== null) {
        this.report('RELAIS-LOT-STRUCTURE', this.group.line, {
          message: `Le groupe « ${this.group.code} » n'est pas fermé par S96.G51.00.`,
        });
      }
      this.lotGroups++;
      this.group = { code: value, line, envois: 0 };
      return;
    }
    if (structure === 96) {
      if (key === blockKey * 1000 + 2) {
        if (this.group === null) {
          this.report('RELAIS-LOT-STRUCTURE', line, { message: 'Fin de groupe S96 sans groupe ouvert S06.' });
        } else if (Number(value) !== this.group.envois) {
          this.report('RELAIS-LOT-STRUCTURE', line, {
            rubric: rubric.id,
            value,
            message: `Le groupe « ${this.group.code} » annonce ${Number(value)} DSN mais en contient ${this.group.envois}.`,
          });
        }
        this.group = null;
      }
      return;
    }
    // S95: end of lot.
    this.lotValues.set(key, value);
    if (key === blockKey * 1000 + 2) this.lotEnded = true;
  }

  private endLot(): void {
    const groupsDeclared = this.lotValues.get(LOT_GROUPS_END) ?? this.lotValues.get(LOT_GROUPS);
    if (this.group !== null) {
      this.report('RELAIS-LOT-STRUCTURE', this.group.line, {
        message: `Le groupe « ${this.group.code} » n'est pas fermé par S96.G51.00.`,
      });
    }
    if (!this.lotEnded) {
      this.report('RELAIS-LOT-STRUCTURE', this.lineNo, {
        message: 'Le lot ne se termine pas par S95.G51.00.',
      });
    } else if (groupsDeclared !== undefined && Number(groupsDeclared) !== this.lotGroups) {
      this.report('RELAIS-LOT-STRUCTURE', this.lineNo, {
        message: `Le lot annonce ${Number(groupsDeclared)} groupes mais en contient ${this.lotGroups}.`,
      });
    }
    const number = this.lotValues.get(LOT_NUMBER);
    const repeated = this.lotValues.get(LOT_NUMBER_END);
    if (number !== undefined && repeated !== undefined && number !== repeated) {
      this.report('RELAIS-LOT-STRUCTURE', this.lineNo, {
        message: `Le numéro de lot de fin (${repeated}) diffère de celui de l'en-tête (${number}).`,
      });
    }
  }

  // ---- structural diagnostics ------------------------------------------------------------------

  private report(
    code: RelaisCode,
    line: number | undefined,
    details: Omit<Diagnostic, 'code' | 'severity' | 'line' | 'hint'> & { hint?: string },
  ): void {
    const info = relaisCodes[code];
    if (!this.diags.count(code, info.severity)) return;
    const d: Diagnostic = { code, severity: info.severity, hint: info.hint, ...details };
    if (line !== undefined) d.line = line;
    if (this.declaration !== null && d.declaration === undefined) d.declaration = this.declaration.index;
    this.diags.add(d);
  }

  private notDsn(): void {
    this.report('RELAIS-FILE-NOT-DSN', undefined, {
      message: `Aucune des ${this.lineNo} premières lignes n'a la forme d'une rubrique Sxx.Gyy.zz.nnn,'valeur' : la lecture est abandonnée.`,
    });
    this.stopped = true;
  }

  private unknownBlock(blockKey: number, number: number, line: number): void {
    const id = rubricIdOf(blockKey * 1000 + number);
    const inLot = this.lotStarted && (blockKey === 100095 || blockKey === 200096);
    if (inLot) return;
    this.report('RELAIS-BLOCK-UNKNOWN', line, {
      rubric: id,
      block: blockIdOf(blockKey),
      message: `Le bloc ${blockIdOf(blockKey)} n'existe pas dans la norme ${this.norm!.version}.`,
    });
  }

  private unknownRubric(node: Block, rubric: Rubric): void {
    // Concentrators add their own rubrics (numbers 900 and above) to the envois of a lot.
    if (this.lotStarted && rubric.number >= 900) return;
    this.report('RELAIS-RUBRIC-UNKNOWN', rubric.line, {
      rubric: rubric.id,
      block: node.id,
      value: shown(rubric.value),
      message: `La rubrique ${rubric.id} n'existe pas dans le bloc ${node.id} (${node.def.def.name}) de la norme ${this.norm!.version}.`,
    });
  }

  private outOfOrder(node: Block, number: number, line: number): void {
    const id = rubricIdOf(node.def.key * 1000 + number);
    const name = node.def.byNumber[number]?.def.name;
    const label = name ? `${id} (${name})` : id;
    if (node.has(number)) {
      this.report('RELAIS-RUBRIC-DUPLICATE', line, {
        rubric: id,
        block: node.id,
        message: `La rubrique ${label} apparaît deux fois dans le bloc ${node.id} commencé ligne ${node.line}.`,
      });
    } else {
      this.report('RELAIS-RUBRIC-ORDER', line, {
        rubric: id,
        block: node.id,
        message: `La rubrique ${label} vient après ${rubricIdOf(node.def.key * 1000 + node.last)} : les rubriques d'un bloc doivent suivre l'ordre croissant.`,
      });
    }
  }

  private misplaced(def: CompiledBlock, blockKey: number, number: number, line: number): void {
    this.skipBlock = blockKey;
    this.skipLast = number;
    const parent = def.parent!;
    this.report('RELAIS-BLOCK-MISPLACED', line, {
      rubric: rubricIdOf(blockKey * 1000 + number),
      block: def.id,
      message: `Le bloc ${def.id} (${def.def.name}) doit se trouver à l'intérieur d'un bloc ${parent.id} (${parent.def.name}) ; ses rubriques sont ignorées.`,
    });
  }

  private blockOrder(def: CompiledBlock, parent: Block, line: number): void {
    const after = parent.def.children[parent.lastChildOrder];
    this.report('RELAIS-BLOCK-ORDER', line, {
      block: def.id,
      message: `Le bloc ${def.id} (${def.def.name}) devrait précéder le bloc ${after?.id ?? '?'} dans ${parent.id}.`,
    });
  }

  private tooMany(def: CompiledBlock, parent: Block, line: number): void {
    this.report('RELAIS-BLOCK-TOO-MANY', line, {
      block: def.id,
      message: `Le bloc ${def.id} (${def.def.name}) apparaît plus de ${def.def.max} fois dans le bloc ${parent.id} commencé ligne ${parent.line}.`,
    });
  }
}

function syntaxProblem(text: string): string {
  if (!/^S\d{2}\.G\d{2}\.\d{2}\.\d{3}/.test(text)) {
    return 'La ligne ne commence pas par un identifiant de rubrique de la forme Sxx.Gyy.zz.nnn.';
  }
  const rest = text.slice(14);
  if (!rest.startsWith(',')) return "L'identifiant de rubrique doit être suivi d'une virgule, sans espace.";
  if (!rest.startsWith(",'")) return 'La valeur doit commencer par une apostrophe.';
  if (rest.length < 3 || !rest.endsWith("'")) {
    return 'La valeur doit se terminer par une apostrophe en fin de ligne (ligne tronquée ?).';
  }
  return "La ligne ne respecte pas la forme Sxx.Gyy.zz.nnn,'valeur'.";
}

/** Length of a well-formed UTF-8 multi-byte sequence read as Latin-1 characters at `i`, or 0. */
function utf8Length(s: string, i: number, end: number): number {
  const c = s.charCodeAt(i);
  let n: number;
  if (c >= 0xc2 && c <= 0xdf) n = 2;
  else if (c >= 0xe0 && c <= 0xef) n = 3;
  else if (c >= 0xf0 && c <= 0xf4) n = 4;
  else return 0;
  if (i + n > end) return 0;
  for (let k = 1; k < n; k++) {
    const d = s.charCodeAt(i + k);
    if (d < 0x80 || d > 0xbf) return 0;
  }
  return n;
}

function decodeUtf8(latin1: string): string {
  const bytes = new Uint8Array(latin1.length);
  for (let i = 0; i < latin1.length; i++) bytes[i] = latin1.charCodeAt(i);
  return new TextDecoder('utf-8').decode(bytes);
}

/**
 * The windows-1252 glyphs of bytes 0x80–0x9F (WHATWG encoding standard). Node's TextDecoder
 * decodes this label as ISO-8859-1, so the table is written out.
 */
const windows1252 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

function cp1252Char(code: number): string {
  if (code > 0xff) return String.fromCharCode(code);
  return code >= 0x80 && code <= 0x9f ? windows1252[code - 0x80]! : String.fromCharCode(code);
}

function controlName(code: number): string {
  if (code === 9) return 'tabulation';
  if (code === 13) return 'retour chariot';
  if (code === 0) return 'NUL (octet 00)';
  return `0x${code.toString(16).padStart(2, '0').toUpperCase()}`;
}
