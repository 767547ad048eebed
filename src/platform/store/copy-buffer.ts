import { isStorableDate } from '../../core/values/calendar.ts';
import { isDecimal } from '../../core/values/decimal.ts';

/**
 * Rows of one table in PostgreSQL's COPY text format, written straight into bytes. A 100,000-
 * employee file makes close to three million rows: building them as JavaScript strings spent a
 * third of the time in garbage collection, so values are copied character by character into a
 * buffer that is reused from batch to batch.
 *
 * A malformed value must never reach the database as such (one bad date would abort the whole
 * transaction): it becomes NULL, and the datatype check has already made the declaration
 * non-conform, so its rows will not be kept anyway.
 */

const TAB = 9;
const NEWLINE = 10;
const BACKSLASH = 92;

export class CopyBuffer {
  private buffer = Buffer.allocUnsafe(1 << 16);
  length = 0;
  rows = 0;

  /** The bytes written, valid until the next `clear`. */
  get bytes(): Buffer {
    return this.buffer.subarray(0, this.length);
  }

  clear(): void {
    this.length = 0;
    this.rows = 0;
  }

  private reserve(bytes: number): void {
    if (this.length + bytes <= this.buffer.length) return;
    let size = this.buffer.length * 2;
    while (size < this.length + bytes) size *= 2;
    const bigger = Buffer.allocUnsafe(size);
    this.buffer.copy(bigger, 0, 0, this.length);
    this.buffer = bigger;
  }

  tab(): void {
    this.reserve(1);
    this.buffer[this.length++] = TAB;
  }

  endRow(): void {
    this.reserve(1);
    this.buffer[this.length++] = NEWLINE;
    this.rows++;
  }

  nul(): void {
    this.reserve(2);
    this.buffer[this.length++] = BACKSLASH;
    this.buffer[this.length++] = 78; // N
  }

  /** A non-negative integer. */
  int(value: number): void {
    if (value < 10) {
      this.reserve(1);
      this.buffer[this.length++] = 48 + value;
      return;
    }
    this.ascii(String(value));
  }

  /** Characters known to be plain ASCII without separators (ids, digits). */
  ascii(value: string): void {
    const n = value.length;
    this.reserve(n);
    const buffer = this.buffer;
    let at = this.length;
    for (let i = 0; i < n; i++) buffer[at++] = value.charCodeAt(i);
    this.length = at;
  }

  /** Any text, escaped for COPY; NUL, which PostgreSQL text cannot hold, becomes U+FFFD. */
  text(value: string | undefined): void {
    if (value === undefined) return this.nul();
    const n = value.length;
    this.reserve(n * 3);
    const buffer = this.buffer;
    let at = this.length;
    for (let i = 0; i < n; i++) {
      const c = value.charCodeAt(i);
      if (c >= 32 && c < 128 && c !== BACKSLASH) buffer[at++] = c;
      else if (c === BACKSLASH) {
        buffer[at++] = BACKSLASH;
        buffer[at++] = BACKSLASH;
      } else if (c === TAB || c === NEWLINE || c === 13) {
        buffer[at++] = BACKSLASH;
        buffer[at++] = c === TAB ? 116 : c === NEWLINE ? 110 : 114;
      } else if (c === 0) {
        at += buffer.write('\uFFFD', at, 'utf8');
      } else {
        // Other characters (accents, control characters) in UTF-8; the rest of the value too.
        this.length = at;
        this.reserve((n - i) * 3 + 3);
        at = this.length;
        at += this.buffer.write(value.slice(i).replace(/[\\\t\n\r\0]/g, escapeChar), at, 'utf8');
        this.length = at;
        return;
      }
    }
    this.length = at;
  }

  /** A decimal as written (`-12.50`), or NULL when it is not one. */
  numeric(value: string | undefined): void {
    if (value === undefined || !isDecimal(value)) return this.nul();
    this.ascii(value);
  }

  /** A small integer as written, or NULL. */
  integer(value: string | undefined): void {
    if (value === undefined || value.length === 0 || value.length > 9) return this.nul();
    for (let i = 0; i < value.length; i++) {
      const c = value.charCodeAt(i);
      if (c < 48 || c > 57) return this.nul();
    }
    this.int(Number(value));
  }

  /** `JJMMAAAA` → `AAAA-MM-JJ`, or NULL when it is not a date the database stores. */
  date(value: string | undefined): void {
    if (value === undefined || !isStorableDate(value)) return this.nul();
    this.reserve(10);
    const b = this.buffer;
    let at = this.length;
    b[at++] = value.charCodeAt(4);
    b[at++] = value.charCodeAt(5);
    b[at++] = value.charCodeAt(6);
    b[at++] = value.charCodeAt(7);
    b[at++] = 45;
    b[at++] = value.charCodeAt(2);
    b[at++] = value.charCodeAt(3);
    b[at++] = 45;
    b[at++] = value.charCodeAt(0);
    b[at++] = value.charCodeAt(1);
    this.length = at;
  }
}

function escapeChar(c: string): string {
  return c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\uFFFD';
}
