import { describe, expect, it } from 'vitest';
import { generateInMemory } from '../../../test/generator-helpers.ts';

const cents = (v: string) => Math.round(Number(v) * 100);

/** Sums the individual contributions of each declaration and compares them with its payments. */
describe('montants cohérents', () => {
  it('cotisations individuelles → cotisations agrégées, bordereau et versements', async () => {
    const { bytes } = await generateInMemory({ month: '2025-06', establishments: 2, employees: 30, seed: 5 });
    const rows = bytes
      .toString('latin1')
      .trimEnd()
      .split('\n')
      .map((l) => ({ id: l.slice(0, 14), value: l.slice(16, -1) }));
    const declarations: (typeof rows)[] = [];
    for (const r of rows) {
      if (r.id === 'S20.G00.05.001') declarations.push([]);
      declarations.at(-1)?.push(r);
    }
    expect(declarations.length).toBe(2);
    for (const d of declarations) {
      const payments = d.filter((r) => r.id === 'S21.G00.20.005').map((r) => cents(r.value));
      const aggregated = d.filter((r) => r.id === 'S21.G00.23.005').reduce((s, r) => s + cents(r.value), 0);
      const bordereau = cents(d.find((r) => r.id === 'S21.G00.22.005')!.value);
      let urssaf = 0;
      let pension = 0;
      let code = '';
      let ops = false;
      for (const r of d) {
        if (r.id === 'S21.G00.81.001') {
          code = r.value;
          ops = false;
        }
        if (r.id === 'S21.G00.81.002') ops = true;
        if (r.id === 'S21.G00.81.004') {
          if (ops) urssaf += cents(r.value);
          else if (['131', '132', '106'].includes(code)) pension += cents(r.value);
        }
      }
      const tax = d.filter((r) => r.id === 'S21.G00.50.009').reduce((s, r) => s + cents(r.value), 0);
      expect(aggregated).toBe(urssaf);
      expect(bordereau).toBe(Math.round(urssaf / 100) * 100);
      expect(payments).toEqual([bordereau, pension, Math.round(tax / 100) * 100]);
      // Net pay is gross minus the employee's contributions: lower than gross, above half of it.
      const gross = d.filter((r) => r.id === 'S21.G00.51.013').map((r) => cents(r.value));
      const net = d.filter((r) => r.id === 'S21.G00.50.004').map((r) => cents(r.value));
      net.forEach((n, i) => {
        expect(n).toBeLessThan(gross[i * 4]!);
        expect(n).toBeGreaterThan(gross[i * 4]! / 2);
      });
    }
  });
});
