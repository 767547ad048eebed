/**
 * The calendar of `JJMMAAAA` dates, the norm's date format, in one place: the datatype check, the
 * controls, the PASRAU checks, the DRM and the generator all ask which values are real days. Read
 * character by character, without a `Date`: the check reads every date of multi-GB files. Years
 * follow the proleptic Gregorian calendar, in which 0000 is a leap year.
 */

const monthLengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in a month (1–12) of a year. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2 && isLeapYear(year)) return 29;
  return monthLengths[month - 1]!;
}

/** Eight ASCII digits as one number (`31012026` → 31012026), or null. */
function eightDigits(value: string | undefined): number | null {
  if (value === undefined || value.length !== 8) return null;
  let n = 0;
  for (let i = 0; i < 8; i++) {
    const d = value.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return null;
    n = n * 10 + d;
  }
  return n;
}

/** `JJMMAAAA` → `AAAAMMJJ` as a number (20260131), comparable with < and >; null if not a real date. */
export function dateKey(value: string | undefined): number | null {
  const n = eightDigits(value);
  if (n === null) return null;
  const day = Math.floor(n / 1000000);
  const month = Math.floor(n / 10000) % 100;
  const year = n % 10000;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return year * 10000 + month * 100 + day;
}

/**
 * Eight digits that name a real day. `unknownParts` lets the birth-date datatype (N4DS_DDN) write
 * 00 or 99 for an unknown day or month, as the norm allows (see {@link earliestDayKey}).
 */
export function isCalendarDate(value: string, unknownParts = false): boolean {
  return (unknownParts ? earliestDayKey(value) : dateKey(value)) !== null;
}

/**
 * A birth date whose day or month may be unknown, written `00` or `99` as the N4DS_DDN datatype
 * allows: its earliest possible day as `AAAAMMJJ`, or null when it is no date even so.
 */
export function earliestDayKey(value: string | undefined): number | null {
  const n = eightDigits(value);
  if (n === null) return null;
  let day = Math.floor(n / 1000000);
  let month = Math.floor(n / 10000) % 100;
  const year = n % 10000;
  if (day === 0 || day === 99) day = 1;
  if (month === 0 || month === 99) month = 1;
  if (month > 12 || day > daysInMonth(year, month)) return null;
  return year * 10000 + month * 100 + day;
}

/**
 * `JJMMAAAA` → `AAAA-MM-JJ`, for a date a database stores; null otherwise. PostgreSQL's `date` has
 * no year 0000 (1 BC comes just before AD 1): see {@link isStorableDate}.
 */
export function isoDate(value: string | undefined): string | null {
  if (value === undefined || !isStorableDate(value)) return null;
  return `${value.slice(4)}-${value.slice(2, 4)}-${value.slice(0, 2)}`;
}

/** A calendar date of year 0001 or later: a value of year 0000 would abort a database write. */
export function isStorableDate(value: string): boolean {
  const key = dateKey(value);
  return key !== null && key >= 10101;
}

/** `AAAAMMJJ` key → parts. */
export function partsOf(key: number): { year: number; month: number; day: number } {
  return { year: Math.floor(key / 10000), month: Math.floor(key / 100) % 100, day: key % 100 };
}

/** First and last day of the month holding a date key. */
export function monthBounds(key: number): { first: number; last: number } {
  const { year, month } = partsOf(key);
  return {
    first: year * 10000 + month * 100 + 1,
    last: year * 10000 + month * 100 + daysInMonth(year, month),
  };
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** `JJMMAAAA` of a day (the year as it is: four digits from 1000 on). */
export function dsnDate(year: number, month: number, day: number): string {
  return `${pad2(day)}${pad2(month)}${year}`;
}
