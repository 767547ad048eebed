import { monthlyDeadline } from '../../src/features/deposit/deadline.ts';
import type { Period, PortfolioEntry } from './portfolio.ts';

/**
 * The months an establishment of the portfolio has not declared: each month from its first
 * declaration known here to the current one with no declaration at all is expected (its deadline,
 * the 5th or the 15th of the next month, is still ahead) or missing (the deadline has passed).
 * The deadline follows the headcount of the establishment's latest declaration, as Relais computes
 * it for a declaration received (`src/features/deposit/deadline.ts`).
 */
export interface Gap {
  declarant: PortfolioEntry;
  siret: string;
  /** `YYYY-MM`. */
  month: string;
  deadline: string;
  state: 'expected' | 'missing';
}

const parisMonth = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
});

function nextMonth(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
}

export function gapsOf(periods: readonly Period[], now: Date): Gap[] {
  const current = parisMonth.format(now);
  const byEstablishment = new Map<string, Period[]>();
  for (const p of periods) {
    const key = `${p.declarant.declarantId}|${p.siret}`;
    byEstablishment.set(key, [...(byEstablishment.get(key) ?? []), p]);
  }
  const gaps: Gap[] = [];
  for (const declared of byEstablishment.values()) {
    const months = new Set(declared.map((p) => p.month));
    const ordered = declared.toSorted((a, b) => a.month.localeCompare(b.month));
    const latest = ordered.at(-1)!;
    for (let month = ordered[0]!.month; month <= current; month = nextMonth(month)) {
      if (months.has(month)) continue;
      const deadline = monthlyDeadline(`${month}-01`, latest.current.headcount)!.deadline;
      gaps.push({
        declarant: latest.declarant,
        siret: latest.siret,
        month,
        deadline: deadline.toISOString(),
        state: now < deadline ? 'expected' : 'missing',
      });
    }
  }
  return gaps;
}
