import { latin1Decoder, type Latin1Decoder } from './latin1.ts';

/** Receives what the splitter cuts from the byte stream, in file order. */
export interface LineSink {
  /**
   * Complete lines, each ending with `\n` (a `\r` before it is left in place), as text and as the
   * Latin-1 bytes it was decoded from (same offsets: one byte, one character).
   */
  lines(text: string, bytes: Uint8Array): void;
  /** A line longer than the limit: only its start and its length are kept. */
  overlong(start: string, length: number, ended: boolean): void;
  /** The last line had no line ending. */
  unterminated(text: string, bytes: Uint8Array): void;
  /** The file began with a UTF-8 byte order mark, which has been skipped. */
  bom(): void;
}

/** No rubric of any norm is longer than a few hundred characters. */
export const maxLineLength = 64 * 1024;

const LF = 10;
const CR = 13;

/**
 * Cuts a byte stream into whole lines, whatever the line endings (LF, CRLF, or CR alone, decided
 * by the first line ending met), with bounded memory: a line without end is cut off at
 * {@link maxLineLength} and the rest of it skipped. Works on bytes and decodes each run of whole
 * lines once, so the reader gets flat strings and an incomplete line is never decoded twice.
 */
export class LineSplitter {
  private tail = new Uint8Array(0);
  private tailLength = 0;
  private started = false;
  /** Line terminator byte: LF (also for CRLF) or CR for old Mac files; unknown until met. */
  private terminator = -1;
  /** Bytes of an overlong line skipped so far, or -1. */
  private overlongLength = -1;
  private overlongStart = '';
  bytes = 0;

  constructor(
    private readonly sink: LineSink,
    private readonly decode: Latin1Decoder = latin1Decoder(),
  ) {}

  /**
   * Large reads are fast, large strings are not: a string over ~128 KB goes to V8's large-object
   * space, freed only by a full collection, and memory would grow with the file. Reads are cut
   * into windows of this size before decoding.
   */
  static readonly window = 64 * 1024;

  push(chunk: Uint8Array): void {
    // Node hands Buffers, a subclass: byte reads downstream stay monomorphic on plain Uint8Arrays.
    const input =
      chunk.constructor === Uint8Array
        ? chunk
        : new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    for (let at = 0; at < input.length; at += LineSplitter.window) {
      this.pushWindow(input.subarray(at, at + LineSplitter.window));
    }
  }

  private pushWindow(input: Uint8Array): void {
    if (input.length === 0) return;
    this.bytes += input.length;
    let chunk = input;
    if (!this.started) {
      if (this.tailLength + chunk.length < 3) {
        this.keep(chunk);
        return;
      }
      this.started = true;
      if (this.tailLength > 0) {
        chunk = this.joined(chunk, chunk.length);
        this.tailLength = 0;
      }
      if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) {
        this.sink.bom();
        chunk = chunk.subarray(3);
      }
    }
    if (this.terminator < 0) this.terminator = detectTerminator(chunk, this.tail, this.tailLength);
    const terminator = this.terminator < 0 ? LF : this.terminator;
    let start = 0;
    if (this.overlongLength >= 0) {
      const end = chunk.indexOf(terminator);
      if (end < 0) {
        this.overlongLength += chunk.length;
        return;
      }
      this.sink.overlong(this.overlongStart, this.overlongLength + end, true);
      this.overlongLength = -1;
      start = end + 1;
    }
    const last = chunk.lastIndexOf(terminator);
    if (last < start) {
      this.keep(chunk.subarray(start));
      return;
    }
    let whole: Uint8Array;
    if (this.tailLength > 0) {
      whole = this.joined(chunk.subarray(start), last + 1 - start);
      this.tailLength = 0;
    } else {
      whole = chunk.subarray(start, last + 1);
    }
    if (terminator === CR) whole = crToLf(whole);
    this.sink.lines(this.decode(whole), whole);
    this.keep(chunk.subarray(last + 1));
  }

  end(): void {
    if (!this.started && this.tailLength > 0) {
      this.started = true;
      // A copy: pushWindow keeps the rest of it in `tail`, over the lines it hands on.
      const head = this.tail.slice(0, this.tailLength);
      this.tailLength = 0;
      this.bytes -= head.length;
      this.pushWindow(head);
    }
    if (this.overlongLength >= 0) {
      this.sink.overlong(this.overlongStart, this.overlongLength, false);
      this.overlongLength = -1;
    } else if (this.tailLength > 0) {
      let length = this.tailLength;
      this.tailLength = 0;
      if (this.tail[length - 1] === CR) length--;
      const bytes = this.tail.subarray(0, length);
      this.sink.unterminated(this.decode(bytes), bytes);
    }
  }

  /** Keeps the start of an incomplete line (copied: the caller may reuse its buffer). */
  private keep(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    const needed = this.tailLength + bytes.length;
    if (needed > maxLineLength) {
      const start = this.tailLength > 0 ? this.joined(bytes, bytes.length) : bytes;
      this.overlongStart = this.decode(start.subarray(0, 120));
      this.overlongLength = needed;
      this.tailLength = 0;
      return;
    }
    if (needed > this.tail.length) {
      const grown = new Uint8Array(Math.max(needed, this.tail.length * 2, 256));
      grown.set(this.tail.subarray(0, this.tailLength));
      this.tail = grown;
    }
    this.tail.set(bytes, this.tailLength);
    this.tailLength = needed;
  }

  /** The kept bytes followed by the first `length` bytes of `bytes`, in a new array. */
  private joined(bytes: Uint8Array, length: number): Uint8Array {
    const out = new Uint8Array(this.tailLength + length);
    out.set(this.tail.subarray(0, this.tailLength));
    out.set(bytes.subarray(0, length), this.tailLength);
    return out;
  }
}

/** An old Mac file read as LF lines: each CR becomes a LF (a stray CRLF gives an empty line). */
function crToLf(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes);
  for (let i = out.indexOf(CR); i >= 0; i = out.indexOf(CR, i + 1)) out[i] = LF;
  return out;
}

/** LF for LF and CRLF files; CR when the first line ending is a CR not followed by LF. */
function detectTerminator(chunk: Uint8Array, tail: Uint8Array, tailLength: number): number {
  const all = tailLength > 0 ? [...tail.subarray(0, tailLength), ...chunk.subarray(0, 4096)] : chunk;
  const cr = all.indexOf(CR);
  const lf = all.indexOf(LF);
  if (cr < 0) return lf < 0 ? -1 : LF;
  if (lf >= 0 && lf < cr) return LF;
  if (cr === all.length - 1) return -1;
  return all[cr + 1] === LF ? LF : CR;
}
