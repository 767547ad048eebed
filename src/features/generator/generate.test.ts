import { describe, expect, it } from 'vitest';
import { checkAll, generateInMemory } from '../../../test/generator-helpers.ts';

/** The acceptance matrix: one norm version per year, small and larger files. */
const matrix = [
  { month: '2024-03', norm: 'P24V01', establishments: 1, employees: 3, seeds: [1, 2] },
  { month: '2025-06', norm: 'P25V01', establishments: 2, employees: 60, seeds: [3] },
  { month: '2026-01', norm: 'P26V01', establishments: 3, employees: 200, seeds: [4] },
  { month: '2027-02', norm: 'P27V01', establishments: 3, employees: 120, seeds: [5, 6] },
];

describe('generateDsn: files the checks accept', () => {
  for (const m of matrix) {
    for (const seed of m.seeds) {
      it(`${m.month} (${m.norm}), ${m.establishments} × ${m.employees}, graine ${seed}: aucune anomalie`, async () => {
        const { bytes, summary } = await generateInMemory({ ...m, seed });
        expect(summary.norm).toBe(m.norm);
        const report = await checkAll(bytes);
        expect(report.diagnostics).toEqual([]);
        expect(report.summary.blocking + report.summary.nonBlocking).toBe(0);
        expect(report.declarations).toBe(m.establishments);
        expect(report.individuals).toBe(m.employees);
        expect(report.lines).toBe(summary.lines);
        expect(bytes.length).toBe(summary.bytes);
      });
    }
  }

  for (const [nature, m] of [
    ['04', matrix[0]!],
    ['05', matrix[1]!],
    ['07', matrix[2]!],
    ['04', matrix[3]!],
    ['07', matrix[0]!],
    ['08', matrix[1]!],
    ['10', matrix[2]!],
    ['10', matrix[3]!],
  ] as const) {
    it(`nature ${nature}, ${m.month} (${m.norm}): un signalement par salarié, aucune anomalie`, async () => {
      const { bytes, summary } = await generateInMemory({ ...m, seed: 7, nature });
      const report = await checkAll(bytes);
      expect(report.diagnostics).toEqual([]);
      expect(report.declarations).toBe(m.employees);
      expect(report.individuals).toBe(m.employees);
      const text = bytes.toString('latin1');
      const count = (line: string) => text.split('\n').filter((l) => l.startsWith(line)).length;
      expect(count(`S20.G00.05.001,'${nature}'`)).toBe(m.employees);
      // A stoppage in a 04 or 05 (its return to work in a 05 only); in a 07, the contract's end, its
      // notice and the month's pay.
      const stopped = nature === '04' || nature === '05' ? m.employees : 0;
      expect(count('S21.G00.60.001,')).toBe(stopped);
      expect(count('S21.G00.60.010,')).toBe(nature === '05' ? m.employees : 0);
      expect(count('S21.G00.62.001,')).toBe(nature === '07' ? m.employees : 0);
      expect(count('S21.G00.63.001,')).toBe(nature === '07' ? m.employees : 0);
      expect(count('S21.G00.50.001,')).toBe(nature === '07' ? m.employees : 0);
      // A priming report says what triggered it; a pre-hiring declaration, the hour of hiring.
      expect(count("S20.G00.05.011,'01'")).toBe(nature === '08' ? m.employees : 0);
      expect(count('S21.G00.40.083,')).toBe(nature === '10' ? m.employees : 0);
      // The hire: within the month for a priming report, after the file date for a pre-hiring one.
      const sortable = (d: string) => d.slice(4) + d.slice(2, 4) + d.slice(0, 2);
      const values = (rubric: string) =>
        text
          .split('\n')
          .filter((l) => l.startsWith(`${rubric},`))
          .map((l) => sortable(l.slice(16, -1)));
      const fileDate = values('S20.G00.05.007')[0]!;
      const starts = values('S21.G00.40.001');
      if (nature === '08') expect(starts.every((d) => d.startsWith(m.month.replace('-', '')))).toBe(true);
      if (nature === '10') expect(starts.every((d) => d > fileDate)).toBe(true);
      expect(report.lines).toBe(summary.lines);
    });
  }

  it('refuse les natures qu’il n’écrit pas, et les anomalies tirées au hasard hors DSN mensuelle', async () => {
    const options = { month: '2026-03', establishments: 1, employees: 2 };
    await expect(generateInMemory({ ...options, nature: '09' as never })).rejects.toThrow(/nature « 09 »/);
    // The pre-hiring declaration appears in P26V01.
    await expect(generateInMemory({ ...options, month: '2025-03', nature: '10' })).rejects.toThrow(
      /P25V01 .* ne connaît pas la nature 10/,
    );
    await expect(generateInMemory({ ...options, nature: '04', faults: 0.1 })).rejects.toThrow(/nature 01/);
  });

  it('écrit en ISO-8859-1 avec des fins de ligne LF et des totaux S90 exacts', async () => {
    const { bytes, summary } = await generateInMemory({
      month: '2025-06',
      establishments: 2,
      employees: 8,
      seed: 9,
    });
    expect(bytes.includes(0x0d)).toBe(false);
    expect(bytes.at(-1)).toBe(0x0a);
    const lines = bytes.toString('latin1').trimEnd().split('\n');
    expect(lines.at(-2)).toBe(`S90.G00.90.001,'${lines.length}'`);
    expect(lines.at(-1)).toBe(`S90.G00.90.002,'2'`);
    expect(summary.declarations).toBe(2);
  });

  it('utilise la norme demandée plutôt que celle du mois', async () => {
    const { bytes, summary } = await generateInMemory({
      month: '2025-06',
      establishments: 1,
      employees: 2,
      norm: 'P26V01',
    });
    expect(summary.norm).toBe('P26V01');
    expect(bytes.toString('latin1')).toContain("S10.G00.00.006,'P26V01'");
    expect((await checkAll(bytes)).diagnostics).toEqual([]);
  });

  it('refuse les options impossibles', async () => {
    await expect(generateInMemory({ month: '2025-13', establishments: 1, employees: 1 })).rejects.toThrow(
      /mois/,
    );
    await expect(generateInMemory({ month: '2023-06', establishments: 1, employees: 1 })).rejects.toThrow(
      /P23V01/,
    );
    await expect(generateInMemory({ month: '2025-06', establishments: 3, employees: 2 })).rejects.toThrow(
      /salariés/,
    );
  });
});

describe('generateDsn: determinism', () => {
  const options = { month: '2025-06', establishments: 2, employees: 25 };

  it('même graine, mêmes octets', async () => {
    const a = await generateInMemory({ ...options, seed: 42 });
    const b = await generateInMemory({ ...options, seed: 42 });
    expect(a.bytes.equals(b.bytes)).toBe(true);
  });

  it('graine différente, fichier différent', async () => {
    const a = await generateInMemory({ ...options, seed: 42 });
    const b = await generateInMemory({ ...options, seed: 43 });
    expect(a.bytes.equals(b.bytes)).toBe(false);
  });

  it('les anomalies ne changent que leurs lignes : le reste du fichier est celui sans anomalie', async () => {
    const clean = await generateInMemory({ ...options, seed: 42 });
    const faulty = await generateInMemory({ ...options, seed: 42, faults: 0.2 });
    expect(faulty.faults.length).toBeGreaterThan(0);
    const remaining = new Map<string, number>();
    for (const line of clean.bytes.toString('latin1').split('\n'))
      remaining.set(line, (remaining.get(line) ?? 0) + 1);
    let changed = 0;
    for (const line of faulty.bytes.toString('latin1').split('\n')) {
      const n = remaining.get(line) ?? 0;
      if (n > 0) remaining.set(line, n - 1);
      else changed++;
    }
    // A fault rewrites one line, or two (a SIREN and the NIC that goes with it), and S90 follows.
    expect(changed).toBeLessThanOrEqual(faulty.faults.length * 2 + 1);
  });
});
