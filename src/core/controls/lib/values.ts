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

/**
 * Adds days to a date key (negative to go back). Day arithmetic rather than a `Date`: controls call
 * it on every remuneration. It gives what `Date.UTC(year, month - 1, day + days)` gives, years 0–99
 * read as 1900–1999 included.
 */
export function addDays(key: number, days: number): number {
  const { year, month, day } = partsOf(key);
  const shifted = year >= 0 && year <= 99 ? 1900 + year : year;
  const months = shifted * 12 + month - 1;
  const first = Math.floor(months / 12);
  return civilOf(dayNumber(first, months - first * 12 + 1, 1) + day - 1 + days);
}

/** Days since 1970-01-01 of a proleptic Gregorian date (month 1–12). */
function dayNumber(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** The date key (`AAAAMMJJ`) of a day number from {@link dayNumber}. */
function civilOf(days: number): number {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const m = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * m + 2) / 5) + 1;
  const month = m < 10 ? m + 3 : m - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return year * 10000 + month * 100 + day;
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
