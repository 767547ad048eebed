import { individualsPage } from './rows-repository.ts';
import type { Executor } from '../../platform/store/schema.ts';

type Cells = Record<string, string | number | null>;

/** A stored row for display: its declaration id and link columns are implied by the nesting. */
export function cells(row: object): Cells {
  const out: Cells = {};
  for (const [key, value] of Object.entries(row)) {
    if (key === 'declaration_key' || key.endsWith('_line') || key === 'last_line') continue;
    out[key] = value instanceof Date ? value.toISOString() : (value as string | number | null);
  }
  return out;
}

/** One page of a declaration's individuals, each with its contracts and payments nested. */
export async function readDeclarationPage(
  ex: Executor,
  declarationKey: number,
  after: number,
  limit: number,
) {
  const { individuals, rows } = await individualsPage(ex, declarationKey, after, limit);
  if (rows === null) return { individuals: [], next: null };
  const by = <T extends { individual_line: number }>(list: T[]) => {
    const map = new Map<number, T[]>();
    for (const row of list) map.set(row.individual_line, [...(map.get(row.individual_line) ?? []), row]);
    return map;
  };
  const byPayment = <T extends { payment_line: number }>(list: T[]) => {
    const map = new Map<number, T[]>();
    for (const row of list) map.set(row.payment_line, [...(map.get(row.payment_line) ?? []), row]);
    return map;
  };
  const contracts = by(rows.contract);
  const stoppages = by(rows.work_stoppage);
  const ends = by(rows.contract_end);
  const payments = by(rows.payment);
  const remunerations = byPayment(rows.remuneration);
  const bonuses = byPayment(rows.bonus);
  const others = byPayment(rows.other_income);
  const nets = byPayment(rows.net_income);
  const bases = byPayment(rows.base);
  const contributions = new Map<number, typeof rows.contribution>();
  for (const c of rows.contribution)
    contributions.set(c.base_line, [...(contributions.get(c.base_line) ?? []), c]);
  return {
    individuals: individuals.map((i) => ({
      line: i.line,
      nir: i.nir,
      ntt: i.ntt,
      lastName: i.last_name,
      usageName: i.usage_name,
      firstNames: i.first_names,
      birthDate: i.birth_date,
      contracts: (contracts.get(i.line) ?? []).map((c) => ({ line: c.line, ...cells(c) })),
      payments: (payments.get(i.line) ?? []).map((p) => ({
        payment: { line: p.line, ...cells(p) },
        remunerations: (remunerations.get(p.line) ?? []).map((r) => ({ line: r.line, ...cells(r) })),
        bonuses: (bonuses.get(p.line) ?? []).map((r) => ({ line: r.line, ...cells(r) })),
        otherIncomes: (others.get(p.line) ?? []).map((r) => ({ line: r.line, ...cells(r) })),
        netIncomes: (nets.get(p.line) ?? []).map((r) => ({ line: r.line, ...cells(r) })),
        bases: (bases.get(p.line) ?? []).map((b) => ({
          base: { line: b.line, ...cells(b) },
          contributions: (contributions.get(b.line) ?? []).map((c) => ({ line: c.line, ...cells(c) })),
        })),
      })),
      workStoppages: (stoppages.get(i.line) ?? []).map((s) => ({ line: s.line, ...cells(s) })),
      contractEnds: (ends.get(i.line) ?? []).map((e) => ({ line: e.line, ...cells(e) })),
    })),
    next: individuals.length === limit ? individuals.at(-1)!.line : null,
  };
}
