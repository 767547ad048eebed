import { daysInMonth, dsnDate } from '../../core/values/calendar.ts';
import { dateOfDayNumber, dayNumberOf } from '../../core/values/day-numbers.ts';
import { type Month } from './months.ts';
import type { Employee } from './employee.ts';
import type { DsnWriter } from './writer.ts';

/**
 * The end of a contract (S21.G00.62) and its notice (S21.G00.63), for the signalement de fin du
 * contrat de travail unique (nature 07): a fixed-term contract reaches its term (031, no notice
 * clause), a permanent one ends by resignation (059) notified two days before the month, notice
 * worked and paid until the last day of the month.
 */
export interface ContractEnd {
  /** S21.G00.62.001 and .006 (last day worked and paid as usual). */
  date: string;
  reason: '031' | '059';
  /** S21.G00.62.003, for a resignation; not before the contract's first day. */
  notified: string | null;
  /** S21.G00.62.020: the monthly DSN carrying the last elements, the declared month's. */
  lastMonthly: string;
}

export function newContractEnd(e: Employee, month: Month): ContractEnd {
  const date = dsnDate(month.year, month.month, daysInMonth(month.year, month.month));
  const twoDaysBefore = dateOfDayNumber(dayNumberOf(dsnDate(month.year, month.month, 1)) - 2);
  const fixedTerm = e.contract.nature === '02';
  return {
    date,
    reason: fixedTerm ? '031' : '059',
    notified: fixedTerm
      ? null
      : dayNumberOf(twoDaysBefore) >= dayNumberOf(e.contract.start)
        ? twoDaysBefore
        : e.contract.start,
    lastMonthly: dsnDate(month.year, month.month, 1),
  };
}

/** S21.G00.62 and S21.G00.63, inside the contract; the writer keeps the rubrics nature 07 uses. */
export function writeContractEnd(w: DsnWriter, end: ContractEnd): void {
  const resignation = end.notified !== null;
  w.begin('S21.G00.62')
    .put(1, end.date)
    .put(2, end.reason)
    .put(3, end.notified ?? undefined)
    .put(6, end.date)
    // No transaction in progress; a fixed-term contract ends under the common rules (not the
    // derogatory circuit, S21.G00.62.017).
    .put(8, '02')
    .put(17, resignation ? undefined : '02')
    .put(20, end.lastMonthly)
    .end();
  w.begin('S21.G00.63')
    .put(1, resignation ? '01' : '90')
    .put(2, end.notified ?? undefined)
    .put(3, resignation ? end.date : undefined)
    .end();
}
