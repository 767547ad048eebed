import type { AccountView, DeclarationView } from './api.ts';

export type PortfolioEntry = AccountView['portfolio'][number];

/** One establishment's one month: all the versions declared for it, the one in force last. */
export interface Period {
  declarant: PortfolioEntry;
  siret: string;
  month: string;
  versions: DeclarationView[];
  current: DeclarationView;
}

export type PeriodState = 'conform' | 'rejected' | 'cancelled';

/**
 * The establishment-months of the declarations read, latest month first. The version in force is
 * the last conform one not replaced; without one, the last received (a rejection, a cancellation).
 */
export function periodsOf(declarant: PortfolioEntry, declarations: DeclarationView[]): Period[] {
  const byKey = new Map<string, DeclarationView[]>();
  for (const d of declarations) {
    if (d.siret === null || d.month === null) continue;
    const key = `${d.siret}|${d.month}`;
    byKey.set(key, [...(byKey.get(key) ?? []), d]);
  }
  return [...byKey.values()].map((versions) => {
    const ordered = versions.toSorted((a, b) => a.receivedAt.localeCompare(b.receivedAt));
    const inForce = ordered.findLast((d) => d.status === 'conform' || d.status === 'cancelled');
    const current = inForce ?? ordered.at(-1)!;
    return { declarant, siret: current.siret!, month: current.month!, versions: ordered, current };
  });
}

export const stateOf = (period: Period): PeriodState =>
  period.current.status === 'conform'
    ? 'conform'
    : period.current.status === 'cancelled'
      ? 'cancelled'
      : 'rejected';

export const stateLabels: Record<PeriodState, string> = {
  conform: 'Conforme',
  rejected: 'Rejetée',
  cancelled: 'Annulée',
};

/** Late: the version in force came after the deadline; a rejection leaves the month undeclared. */
export const isLate = (period: Period) => period.current.late === true;

export function byMonthThenSiret(a: Period, b: Period): number {
  return b.month.localeCompare(a.month) || a.siret.localeCompare(b.siret);
}
