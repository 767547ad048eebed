import { daysInMonth } from '../../core/values/calendar.ts';
import { weekday } from '../../core/values/day-numbers.ts';

/** Months of the generated files, on plain numbers: the generator never needs time zones. */

export interface Month {
  year: number;
  /** 1–12. */
  month: number;
}

export function parseMonth(text: string): Month | null {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(text);
  return m ? { year: Number(m[1]), month: Number(m[2]) } : null;
}

export function addMonths(m: Month, n: number): Month {
  const index = m.year * 12 + (m.month - 1) + n;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
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
