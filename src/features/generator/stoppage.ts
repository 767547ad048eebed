import type { BankAccount } from './company.ts';
import { daysInMonth, dsnDate } from '../../core/values/calendar.ts';
import { dateOfDayNumber as dateOf, dayNumberOf } from '../../core/values/day-numbers.ts';
import { type Month } from './months.ts';
import type { Employee } from './employee.ts';
import type { Random } from './rng.ts';
import type { DsnWriter } from './writer.ts';

/**
 * A work stoppage (S21.G00.60) for the event reports the generator writes: the signalement
 * d'arrêt de travail (nature 04) and the signalement de reprise (nature 05). Its dates fall in the
 * declared month, not before the contract starts, and never after the file date (the 5th of the
 * next month, §4.4.13 of the cahier technique).
 */
export interface Stoppage {
  /** S21.G00.60.001: 01 sickness, 02 maternity, 03 paternity, 04 commuting accident, 05 occupational disease, 06 work accident. */
  reason: '01' | '02' | '03' | '04' | '05' | '06';
  /** S21.G00.60.002, `JJMMAAAA`. */
  lastDayWorked: string;
  /** S21.G00.60.003. */
  expectedEnd: string;
  /** The employer keeps paying and receives the daily allowances (S21.G00.60.004 to .008). */
  subrogation: { from: string; to: string } | null;
  /** S21.G00.60.012, for accidents and occupational diseases only (S21.G00.60.012/CCH-11). */
  accidentDate: string | null;
  /** S21.G00.60.010 and .011 (nature 05): back to work, 01 normally or 03 part time for personal reasons. */
  resumption: { date: string; reason: '01' | '03' } | null;
}

/** The stoppage of an employee in `month`; for nature 05, with the day they came back. */
export function newStoppage(rng: Random, e: Employee, month: Month, resumed: boolean): Stoppage {
  const first = dayNumberOf(dsnDate(month.year, month.month, 1));
  const last = dayNumberOf(dsnDate(month.year, month.month, daysInMonth(month.year, month.month)));
  // The last day worked is in the month and not before the contract's first day; a reported
  // return to work comes after it, still in the month.
  const earliest = Math.max(first, dayNumberOf(e.contract.start));
  const lastDayWorked = rng.int(earliest, Math.max(earliest, last - (resumed ? 3 : 0)));
  const draw = rng.float();
  const reason: Stoppage['reason'] =
    draw < 0.08
      ? e.person.sex === '02'
        ? '02'
        : '03'
      : draw < 0.16
        ? '06'
        : draw < 0.2
          ? '04'
          : draw < 0.22
            ? '05'
            : '01';
  const length = reason === '02' ? 112 : reason === '03' ? 25 : rng.int(3, 45);
  const expectedEnd = lastDayWorked + length;
  const back = resumed ? rng.int(lastDayWorked + 1, Math.max(lastDayWorked + 1, last)) : null;
  return {
    reason,
    lastDayWorked: dateOf(lastDayWorked),
    expectedEnd: dateOf(back === null ? expectedEnd : Math.max(back - 1, lastDayWorked)),
    subrogation: e.contract.cadre ? { from: dateOf(lastDayWorked + 1), to: dateOf(expectedEnd) } : null,
    accidentDate: reason === '04' || reason === '05' || reason === '06' ? dateOf(lastDayWorked) : null,
    resumption: back === null ? null : { date: dateOf(back), reason: rng.chance(0.9) ? '01' : '03' },
  };
}

/** S21.G00.60; the writer keeps the rubrics the declaration's nature uses. */
export function writeStoppage(w: DsnWriter, s: Stoppage, account: BankAccount): void {
  w.begin('S21.G00.60')
    .put(1, s.reason)
    .put(2, s.lastDayWorked)
    .put(3, s.expectedEnd)
    .put(4, s.subrogation ? '01' : '02')
    .put(5, s.subrogation?.from)
    .put(6, s.subrogation?.to)
    .put(7, s.subrogation ? account.iban : undefined)
    .put(8, s.subrogation ? account.bic : undefined)
    .put(10, s.resumption?.date)
    .put(11, s.resumption?.reason)
    .put(12, s.accidentDate ?? undefined)
    .end();
}
