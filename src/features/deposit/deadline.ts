import getJoursFeries from '@socialgouv/jours-feries';
import { weekday } from '../../core/values/day-numbers.ts';

/**
 * Filing deadline of a monthly DSN (nature 01) for month M: the 5th of M+1 at noon (Paris time)
 * for employers of 50 employees or more, the 15th otherwise, postponed to the next working day
 * when it falls on a Saturday, a Sunday or a national public holiday.
 *
 * The headcount is S21.G00.06.009 (average headcount at 31 December) up to P25V01. P26V01 dropped
 * that rubric: the number of individuals declared stands in for it, which may differ from the
 * legal headcount (part-time, leavers, several establishments).
 */

export const largeEmployerThreshold = 50;

const holidayCache = new Map<number, Set<string>>();

function holidays(year: number): Set<string> {
  let set = holidayCache.get(year);
  if (!set) {
    set = new Set(
      Object.values(getJoursFeries(year)).map((d) => key(d.getFullYear(), d.getMonth() + 1, d.getDate())),
    );
    holidayCache.set(year, set);
  }
  return set;
}

const key = (year: number, month: number, day: number) => `${year}-${month}-${day}`;

export function isWorkingDay(year: number, month: number, day: number): boolean {
  const dayOfWeek = weekday(year, month, day);
  return dayOfWeek !== 0 && dayOfWeek !== 6 && !holidays(year).has(key(year, month, day));
}

const parisClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Paris',
  hourCycle: 'h23',
  hour: '2-digit',
  minute: '2-digit',
});

/** The instant it is 12:00 in Paris on that day (UTC+1 in winter, UTC+2 in summer). */
export function parisNoon(year: number, month: number, day: number): Date {
  const utcNoon = Date.UTC(year, month - 1, day, 12);
  const [hours, minutes] = parisClock.format(new Date(utcNoon)).split(':').map(Number) as [number, number];
  const offsetMinutes = hours * 60 + minutes - 12 * 60;
  return new Date(utcNoon - offsetMinutes * 60_000);
}

export interface Deadline {
  deadline: Date;
  /** The day before postponement (5 or 15). */
  nominalDay: number;
}

/** `month` is `YYYY-MM-01` (the declared month); null for an unreadable month. */
export function monthlyDeadline(month: string, headcount: number | null): Deadline | null {
  const match = /^(\d{4})-(\d{2})-01$/.exec(month);
  if (!match) return null;
  let year = Number(match[1]);
  let next = Number(match[2]) + 1;
  if (next === 13) {
    next = 1;
    year++;
  }
  const nominalDay = headcount !== null && headcount >= largeEmployerThreshold ? 5 : 15;
  let day = nominalDay;
  // The 5th or the 15th plus a long weekend never leaves the month.
  while (!isWorkingDay(year, next, day)) day++;
  return { deadline: parisNoon(year, next, day), nominalDay };
}
