/**
 * Reading rubric values for comparisons. Every function accepts `undefined` (an absent rubric) and
 * returns null for what cannot be read: a value of the wrong shape is the datatype check's business,
 * controls only judge values they can read.
 */

/**
 * `JJMMAAAA` → `AAAAMMJJ` as a number (20260131), comparable with < and >; null if not a real date.
 * Read character by character: controls call it on dates of every block of multi-GB files.
 */
export function dateKey(value: string | undefined): number | null {
  if (value === undefined || value.length !== 8) return null;
  let n = 0;
  for (let i = 0; i < 8; i++) {
    const d = value.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return null;
    n = n * 10 + d;
  }
  const day = Math.floor(n / 1000000);
  const month = Math.floor(n / 10000) % 100;
  const year = n % 10000;
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return null;
  return year * 10000 + month * 100 + day;
}

const monthLengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Called on every date a control reads: a table, not a Date object. */
export function daysIn(year: number, month: number): number {
  if (month === 2 && ((year % 4 === 0 && year % 100 !== 0) || year % 400 === 0)) return 29;
  return monthLengths[month - 1]!;
}

/** `AAAAMMJJ` key → parts. */
export function partsOf(key: number): { year: number; month: number; day: number } {
  return { year: Math.floor(key / 10000), month: Math.floor(key / 100) % 100, day: key % 100 };
}

/** First and last day of the month holding a date key. */
export function monthBounds(key: number): { first: number; last: number } {
  const { year, month } = partsOf(key);
  return { first: year * 10000 + month * 100 + 1, last: year * 10000 + month * 100 + daysIn(year, month) };
}

/** Adds days to a date key (negative to go back). */
export function addDays(key: number, days: number): number {
  const { year, month, day } = partsOf(key);
  const d = new Date(Date.UTC(year, month - 1, day + days));
  return d.getUTCFullYear() * 10000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate();
}

/** `MMAAAA` → `AAAAMM` as a number; null if not a month. */
export function monthKey(value: string | undefined): number | null {
  if (value === undefined || !/^\d{6}$/.test(value)) return null;
  const month = Number(value.slice(0, 2));
  if (month < 1 || month > 12) return null;
  return Number(value.slice(2, 6)) * 100 + month;
}

/** An amount `-1523.40` in cents (-152340), exact; null if it is not an amount. */
export function cents(value: string | undefined): number | null {
  if (value === undefined) return null;
  const n = value.length;
  if (n < 4 || value.charCodeAt(n - 3) !== 46) return null;
  const negative = value.charCodeAt(0) === 45;
  let total = 0;
  for (let i = negative ? 1 : 0; i < n; i++) {
    if (i === n - 3) continue;
    const d = value.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return null;
    total = total * 10 + d;
  }
  if (negative && n === 4) return null;
  return negative ? -total : total;
}

/** Any decimal number (`151.67`, `35`, `0.5`); null otherwise. */
export function decimal(value: string | undefined): number | null {
  if (value === undefined || value.length === 0) return null;
  let i = value.charCodeAt(0) === 45 ? 1 : 0;
  const start = i;
  let point = -1;
  for (; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 46 && point < 0 && i > start) point = i;
    else if (c < 48 || c > 57) return null;
  }
  if (i === start || point === value.length - 1) return null;
  return Number(value);
}

/** True when the rubric is present and its value is one of `codes`. */
export function isOneOf(value: string | undefined, codes: readonly string[]): boolean {
  return value !== undefined && codes.includes(value);
}
