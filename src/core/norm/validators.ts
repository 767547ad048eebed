import { isCalendarDate } from '../values/calendar.ts';
import type { DataTypeDef } from './types.ts';

/** What is wrong with a value, as a small integer so the hot path allocates nothing. */
export const ValueFault = {
  None: 0,
  TooShort: 1,
  TooLong: 2,
  Format: 3,
  NotInList: 4,
  NotADate: 5,
} as const;
export type ValueFault = (typeof ValueFault)[keyof typeof ValueFault];

/** How a datatype checks its values; one shape for all, so the checking call stays monomorphic. */
const Kind = { Free: 0, List: 1, Amount: 2, Pattern: 3, Date: 4 } as const;
type Kind = (typeof Kind)[keyof typeof Kind];

export interface CompiledType {
  def: DataTypeDef;
  kind: Kind;
  min: number;
  max: number;
  /** Enumerated codes and their labels, when the datatype is an enumeration. */
  labels: Map<string, string> | null;
  /** The same codes packed into numbers (see {@link packCode}), looked up without building a string. */
  packed: Set<number> | null;
  pattern: RegExp | null;
  /** Amounts: whether a leading minus sign is allowed. */
  signed: boolean;
  /**
   * Dates: accepted values of each two-digit part (day, month, century, year), indexed 0–99; null
   * when the pattern cannot be tabulated. Undefined until the type has checked
   * {@link tabulateAfter} values with its pattern: tabulating costs some twenty thousand pattern
   * tests, which a large file repays and a small one, checked in a blink, would pay at start-up.
   */
  parts: Uint8Array[] | null | undefined;
  /** Values checked with the pattern while `parts` is undefined. */
  untabulated: number;
  /** The birth-date type accepts 00 or 99 for an unknown day or month. */
  unknownParts: boolean;
  isDate: boolean;
  isAmount: boolean;
  /** No pattern nor list: any character passes, so the reader looks at the characters itself. */
  freeText: boolean;
}

/**
 * The norm's patterns are XSD-style: they must match the whole value. Groups are made
 * non-capturing (the norm uses no back-reference), which the engine runs faster.
 */
export function compilePattern(pattern: string): RegExp {
  return new RegExp(`^(?:${pattern.replace(/\((?!\?)/g, '(?:')})$`);
}

const amountShapes = new Set(['-?[0]*(0|[1-9][0-9]*)\\.[0-9]{2}', '[0]*(0|[1-9][0-9]*)\\.[0-9]{2}']);

/**
 * `-?[0]*(0|[1-9][0-9]*)\.[0-9]{2}`, the most frequent pattern of a DSN (every amount), written by
 * hand: optional sign, at least one digit, a point, exactly two digits.
 */
function isAmount(b: Uint8Array, start: number, end: number, signed: boolean): boolean {
  let i = start;
  if (signed && end > start && b[start] === 45) i++;
  const point = end - 3;
  if (point <= i || b[point] !== 46) return false;
  for (let k = i; k < point; k++) {
    const c = b[k]!;
    if (c < 48 || c > 57) return false;
  }
  const d1 = b[end - 2]!;
  const d2 = b[end - 1]!;
  return d1 >= 48 && d1 <= 57 && d2 >= 48 && d2 <= 57;
}

/** Codes of up to 6 characters as one number, so a list lookup needs no string. */
export function packCode(b: Uint8Array, start: number, end: number): number {
  if (end - start > 6) return -1;
  let n = 0;
  for (let i = start; i < end; i++) n = n * 256 + b[i]!;
  return n + (end - start) * 281474976710656;
}

function packString(code: string): number {
  if (code.length > 6 || /[^\x00-\xff]/.test(code)) return -1;
  const bytes = new Uint8Array(code.length);
  for (let i = 0; i < code.length; i++) bytes[i] = code.charCodeAt(i);
  return packCode(bytes, 0, bytes.length);
}

/** `00` to `99`: the values of a two-digit part of a date. */
const twoDigits = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'));

/**
 * A `JJMMAAAA` pattern is a sequence of independent two-digit parts: tabulate which values each
 * part accepts, and keep the tables only if they give the same answers as the pattern (checked
 * over every day × month and a spread of years). Null when the pattern is not of that kind.
 */
function dateParts(pattern: RegExp): Uint8Array[] | null {
  const seeds = ['01012000', '01012024', '01011990', '01011899', '00001990', '01012099'];
  const seed = seeds.find((s) => pattern.test(s));
  if (!seed) return null;
  const parts = [0, 2, 4, 6].map((at) => {
    const ok = new Uint8Array(100);
    for (let n = 0; n < 100; n++)
      ok[n] = pattern.test(seed.slice(0, at) + twoDigits[n] + seed.slice(at + 2)) ? 1 : 0;
    return ok;
  });
  const [day, month, century, year] = parts as [Uint8Array, Uint8Array, Uint8Array, Uint8Array];
  // Tens of thousands of dates per pattern: compared by their parts' numbers, not sliced again.
  const agrees = (d: number, m: number, c: number, y: number) =>
    (day[d] === 1 && month[m] === 1 && century[c] === 1 && year[y] === 1) ===
    pattern.test(twoDigits[d]! + twoDigits[m] + twoDigits[c] + twoDigits[y]);
  const [d0, m0, c0, y0] = [0, 2, 4, 6].map((at) => Number(seed.slice(at, at + 2))) as [
    number,
    number,
    number,
    number,
  ];
  for (const [c, y] of [[c0, y0], seed.slice(4) === '2000' ? [19, 99] : [20, 0]] as const) {
    for (let d = 0; d < 100; d++) for (let m = 0; m < 100; m++) if (!agrees(d, m, c, y)) return null;
  }
  for (let c = 0; c < 100; c++) for (let y = 0; y < 100; y += 7) if (!agrees(d0, m0, c, y)) return null;
  return parts;
}

/** The catalogues share a handful of date patterns: each is tabulated once per process. */
/** See {@link CompiledType.parts}. */
const tabulateAfter = 2000;

const datePartsBySource = new Map<string, Uint8Array[] | null>();

function datePartsOf(pattern: RegExp): Uint8Array[] | null {
  let parts = datePartsBySource.get(pattern.source);
  if (parts === undefined) datePartsBySource.set(pattern.source, (parts = dateParts(pattern)));
  return parts;
}

function eightDigits(b: Uint8Array, start: number, end: number): boolean {
  if (end - start !== 8) return false;
  for (let i = start; i < end; i++) {
    const c = b[i]!;
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function partsAccept(parts: Uint8Array[], b: Uint8Array, i: number): boolean {
  return (
    parts[0]![(b[i]! - 48) * 10 + b[i + 1]! - 48] === 1 &&
    parts[1]![(b[i + 2]! - 48) * 10 + b[i + 3]! - 48] === 1 &&
    parts[2]![(b[i + 4]! - 48) * 10 + b[i + 5]! - 48] === 1 &&
    parts[3]![(b[i + 6]! - 48) * 10 + b[i + 7]! - 48] === 1
  );
}

const numericWithoutPattern = /^-?[0-9]+(?:\.[0-9]+)?$/;

export function compileType(def: DataTypeDef): CompiledType {
  const isDate = def.nature === 'Date' || def.id === 'N4DS_DDN';
  const labels =
    def.nature === 'Enumeration' && def.values && def.values.length > 0 ? new Map(def.values) : null;
  const amount = def.regexp !== undefined && amountShapes.has(def.regexp);
  let pattern: RegExp | null = null;
  if (def.regexp) pattern = compilePattern(def.regexp);
  else if (def.nature === 'Numeric') pattern = numericWithoutPattern;
  let kind: Kind = Kind.Free;
  if (labels) kind = Kind.List;
  else if (amount) kind = Kind.Amount;
  else if (isDate) kind = Kind.Date;
  else if (pattern) kind = Kind.Pattern;
  const packed = labels ? new Set([...labels.keys()].map(packString)) : null;
  // A code that does not pack (longer than 6 characters) is looked up as a string.
  if (packed?.has(-1)) packed.delete(-1);
  // Every field set in the same order: one object shape for all types keeps checkValue monomorphic.
  return {
    def,
    kind,
    min: def.minLength ?? 0,
    max: def.maxLength ?? Number.MAX_SAFE_INTEGER,
    labels,
    packed,
    pattern,
    signed: amount && def.regexp!.startsWith('-'),
    parts: isDate && pattern ? undefined : null,
    untabulated: 0,
    unknownParts: def.id === 'N4DS_DDN',
    isDate,
    isAmount: amount,
    freeText: kind === Kind.Free,
  };
}

/**
 * Checks a value against its datatype (list, length, pattern, calendar), reading its bytes where
 * it can: `v` is the value, `b[start…start + v.length)` the same value as Latin-1 bytes.
 */
export function checkValue(type: CompiledType, v: string, b?: Uint8Array, start = 0): ValueFault {
  const n = v.length;
  if (type.kind === Kind.List) {
    if (b !== undefined && n <= 6) {
      return type.packed!.has(packCode(b, start, start + n)) ? ValueFault.None : ValueFault.NotInList;
    }
    return type.labels!.has(v) ? ValueFault.None : ValueFault.NotInList;
  }
  if (n < type.min) return ValueFault.TooShort;
  if (n > type.max) return ValueFault.TooLong;
  switch (type.kind) {
    case Kind.Amount:
      if (b === undefined)
        return isAmount(bytesOf(v), 0, n, type.signed) ? ValueFault.None : ValueFault.Format;
      return isAmount(b, start, start + n, type.signed) ? ValueFault.None : ValueFault.Format;
    case Kind.Date: {
      let parts = type.parts;
      if (parts === undefined && ++type.untabulated >= tabulateAfter)
        parts = type.parts = datePartsOf(type.pattern!);
      let matches: boolean;
      if (parts) {
        const bytes = b ?? bytesOf(v);
        const at = b === undefined ? 0 : start;
        matches = eightDigits(bytes, at, at + n) && partsAccept(parts, bytes, at);
      } else {
        matches = type.pattern!.test(v);
      }
      if (!matches) return ValueFault.Format;
      return isCalendarDate(v, type.unknownParts) ? ValueFault.None : ValueFault.NotADate;
    }
    case Kind.Pattern:
      return type.pattern!.test(v) ? ValueFault.None : ValueFault.Format;
    default:
      return ValueFault.None;
  }
}

function bytesOf(v: string): Uint8Array {
  const out = new Uint8Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = v.charCodeAt(i);
  return out;
}
