import { dsnDate, partsOf } from './calendar.ts';

/**
 * Day arithmetic on plain numbers: a day number counts the days since 1970-01-01. No `Date`: the
 * controls add days to the dates of every remuneration. The answers are those of `Date.UTC`, which
 * this code replaced: months and days out of range carry over, and years 0–99 read as 1900–1999.
 */

/** Day number of a day given by its parts (out-of-range months and days carry over). */
export function dayNumber(year: number, month: number, day: number): number {
  const shifted = year >= 0 && year <= 99 ? 1900 + year : year;
  const months = shifted * 12 + month - 1;
  const first = Math.floor(months / 12);
  return firstOfMonth(first, months - first * 12 + 1) + day - 1;
}

/** Day number of the first day of a month (1–12), proleptic Gregorian. */
function firstOfMonth(year: number, month: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5);
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** The date key (`AAAAMMJJ`) of a day number. */
export function dateKeyOfDay(days: number): number {
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

/** Adds days to a date key (negative to go back). */
export function addDays(key: number, days: number): number {
  const { year, month, day } = partsOf(key);
  return dateKeyOfDay(dayNumber(year, month, day) + days);
}

/** Adds calendar months to a date key; a day the month lacks carries over (31 January + 1 month → 3 March). */
export function addMonths(key: number, months: number): number {
  const { year, month, day } = partsOf(key);
  return dateKeyOfDay(dayNumber(year, month + months, day));
}

/** Day number of a `JJMMAAAA` date. */
export function dayNumberOf(date: string): number {
  return dayNumber(Number(date.slice(4)), Number(date.slice(2, 4)), Number(date.slice(0, 2)));
}

/** The `JJMMAAAA` date of a day number. */
export function dateOfDayNumber(days: number): string {
  const { year, month, day } = partsOf(dateKeyOfDay(days));
  return dsnDate(year, month, day);
}

/** Day of the week, 0 = Sunday (1970-01-01 was a Thursday). */
export function weekday(year: number, month: number, day: number): number {
  return (((dayNumber(year, month, day) + 4) % 7) + 7) % 7;
}
