/** Calendar helpers on plain numbers: the generator never needs time zones. */

export interface Month {
  year: number;
  /** 1–12. */
  month: number;
}

export function parseMonth(text: string): Month | null {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(text);
  return m ? { year: Number(m[1]), month: Number(m[2]) } : null;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function addMonths(m: Month, n: number): Month {
  const index = m.year * 12 + (m.month - 1) + n;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** `JJMMAAAA`, the norm's date format. */
export function dsnDate(year: number, month: number, day: number): string {
  return `${pad2(day)}${pad2(month)}${year}`;
}

/** A `JJMMAAAA` date as a day number (days since 1970-01-01), for date arithmetic. */
export function dayOf(date: string): number {
  return Date.UTC(Number(date.slice(4)), Number(date.slice(2, 4)) - 1, Number(date.slice(0, 2))) / 86_400_000;
}

/** The `JJMMAAAA` date of a day number. */
export function dateOfDay(day: number): string {
  const d = new Date(day * 86_400_000);
  return dsnDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** Day of the week, 0 = Sunday. */
export function weekday(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

/** Last Monday–Friday of a month: the usual pay day when salaries are paid within the month. */
export function lastWorkingDay(m: Month): number {
  let day = daysInMonth(m.year, m.month);
  while (weekday(m.year, m.month, day) === 0 || weekday(m.year, m.month, day) === 6) day--;
  return day;
}

/** Whole months from (y1, m1, d1) to (y2, m2, d2), for seniority. */
export function monthsBetween(
  y1: number,
  m1: number,
  d1: number,
  y2: number,
  m2: number,
  d2: number,
): number {
  let months = (y2 - y1) * 12 + (m2 - m1);
  if (d2 < d1) months--;
  return Math.max(0, months);
}
