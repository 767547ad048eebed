import { shown } from '../diagnostics/diagnostic.ts';
import type { Report } from './structure-diagnostics.ts';

/**
 * The norm imposes ISO-8859-1: what the reader reports of characters that say otherwise (a UTF-8
 * byte order mark or sequence, a windows-1252 character, a control character). Only free-text values
 * and malformed lines are looked at (see `reader.ts`): in a coded value such a character already
 * fails the datatype check, and scanning every byte of the file would halve the reading speed.
 */

export function reportBom(report: Report): void {
  report('RELAIS-ENCODING-BOM', 1, {
    message:
      'Le fichier commence par une marque UTF-8 (octets EF BB BF), alors que la norme impose ISO-8859-1.',
  });
}

/** Characters outside printable ASCII, read as text: worth a closer look with {@link inspectCharacters}. */
export const outsidePrintableAscii = /[^\x20-\x7e]/;

/** True when the bytes `[start, end)` are all printable ASCII. */
export function printableAscii(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = bytes[i]!;
    if (c < 32 || c > 126) return false;
  }
  return true;
}

/**
 * Reports, at `line`, the first control character, UTF-8 sequence and character outside ISO-8859-1
 * of `s[a, end)`.
 */
export function inspectCharacters(report: Report, line: number, s: string, a: number, end: number): void {
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
    report('RELAIS-LINE-CONTROL-CHAR', line, {
      message: `Caractère de contrôle ${controlName(control)} dans la ligne.`,
      value: shown(s.slice(a, end).replace(/[\x00-\x1f\x7f]/g, '·')),
    });
  }
  if (utf8 !== '') {
    report('RELAIS-ENCODING-UTF8', line, {
      message: `Le caractère « ${utf8} » est encodé en UTF-8 : il sera lu comme plusieurs caractères ISO-8859-1.`,
    });
  }
  if (cp1252 >= 0) {
    report('RELAIS-ENCODING-CP1252', line, {
      message: `Le caractère « ${cp1252Char(cp1252)} » n'existe pas en ISO-8859-1.`,
    });
  }
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
