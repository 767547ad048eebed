import type { BaseCode, Payslip } from './pay.ts';

/** One aggregated Urssaf contribution (S21.G00.23). */
export interface AggregatedContribution {
  ctp: string;
  qualifier: '920' | '921';
  base: number;
  amount: number;
}

const toCents = (x: number) => Math.round(x * 100);

/**
 * What an establishment owes, summed over its individuals in cents (exact): the Urssaf bordereau
 * by CTP, the Agirc-Arrco payment and the withholding tax.
 */
export class EstablishmentTotals {
  employees = 0;
  urssafCents = 0;
  pensionCents = 0;
  taxCents = 0;
  private readonly aggregates = new Map<
    string,
    { ctp: string; qualifier: '920' | '921'; base: number; amount: number }
  >();

  add(pay: Payslip, tax: number): void {
    this.employees++;
    this.taxCents += toCents(tax);
    // A base counts once per individual in a CTP, however many contributions share it.
    const counted = new Set<string>();
    for (const c of pay.contributions) {
      const amount = toCents(c.amount);
      if (c.collector === 'agirc-arrco') {
        this.pensionCents += amount;
        continue;
      }
      this.urssafCents += amount;
      const key = `${c.ctp}|${c.qualifier}`;
      let agg = this.aggregates.get(key);
      if (!agg)
        this.aggregates.set(key, (agg = { ctp: c.ctp!, qualifier: c.qualifier!, base: 0, amount: 0 }));
      agg.amount += amount;
      if (!counted.has(key)) {
        counted.add(key);
        agg.base += toCents(pay.bases[c.base as BaseCode]);
      }
    }
  }

  /** In CTP order, amounts in euros. */
  aggregated(): AggregatedContribution[] {
    return [...this.aggregates.values()]
      .sort((a, b) => a.ctp.localeCompare(b.ctp) || a.qualifier.localeCompare(b.qualifier))
      .map((a) => ({ ctp: a.ctp, qualifier: a.qualifier, base: a.base / 100, amount: a.amount / 100 }));
  }
}
