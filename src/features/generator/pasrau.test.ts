import { describe, expect, it } from 'vitest';
import { checkDsn } from '../../core/check/check.ts';
import { nodeJsonLoader } from '../../platform/node-json-loader.ts';
import { pasrauFaultKinds } from './faults.ts';
import { generatePasrau, type PasrauOptions } from './pasrau.ts';
import { compiledNorm } from '../../core/norm/provider.ts';

const norm = await compiledNorm('PASRAU-2017.6');
import type { FaultRecord } from './writer.ts';

async function generate(options: PasrauOptions) {
  const chunks: Buffer[] = [];
  const faults: FaultRecord[] = [];
  const summary = await generatePasrau(
    options,
    { write: (chunk) => void chunks.push(Buffer.from(chunk)) },
    { onFault: (f) => faults.push(f), loadJson: nodeJsonLoader },
  );
  return { bytes: Buffer.concat(chunks), summary, faults };
}

const checkAll = (bytes: Buffer) => checkDsn([bytes], { limit: 1_000_000, perCode: 1_000_000 });

describe('generatePasrau', () => {
  for (const [month, payers, beneficiaries, seed] of [
    ['2024-01', 1, 3, 1],
    ['2025-06', 4, 120, 2],
    ['2026-12', 6, 300, 3],
  ] as const) {
    it(`${month}, ${payers} payeurs × ${beneficiaries} bénéficiaires : aucune anomalie, contrôles officiels compris`, async () => {
      const { bytes, summary } = await generate({ month, payers, beneficiaries, seed });
      const report = await checkAll(bytes);
      expect(report.diagnostics).toEqual([]);
      expect(report.family).toBe('PASRAU');
      expect(report.norm).toBe('PASRAU-2017.6');
      expect(report.declarations).toBe(payers);
      expect(report.individuals).toBe(beneficiaries);
      expect(report.lines).toBe(summary.lines);
    });
  }

  it('écrit les revenus de remplacement : nature 11, classe de revenu, PAS, montant net social, CSG et CRDS', async () => {
    const text = (await generate({ month: '2025-06', payers: 4, beneficiaries: 40, seed: 5 })).bytes.toString(
      'latin1',
    );
    expect(text).toContain("S10.G00.00.006,'201710'");
    expect(text).toContain("S20.G00.05.001,'11'");
    expect(text).toContain("S21.G00.20.001,'DGFiP'");
    for (const incomeClass of ['RETRAITE', 'CHOMAGE', 'IJ-MALADIE', 'INVALIDITE'])
      expect(text).toContain(`S21.G00.50.014,'${incomeClass}'`);
    expect(text).toContain("S21.G00.58.003,'03'");
    expect(text).toMatch(
      /S21\.G00\.81\.001,'072'\nS21\.G00\.81\.003,'[0-9.]+'\nS21\.G00\.81\.004,'[0-9.]+'\nS21\.G00\.81\.007,'6\.20'/,
    );
    expect(text).not.toMatch(/S21\.G00\.40/);
  });

  it('le versement à la DGFiP est la somme des PAS arrondie à l’euro', async () => {
    const text = (await generate({ month: '2025-06', payers: 1, beneficiaries: 30, seed: 8 })).bytes.toString(
      'latin1',
    );
    const sum = [...text.matchAll(/S21\.G00\.50\.009,'([0-9.]+)'/g)].reduce(
      (s, m) => s + Math.round(Number(m[1]) * 100),
      0,
    );
    expect(text).toContain(`S21.G00.20.005,'${Math.round(sum / 100)}.00'`);
  });

  it('même graine, mêmes octets ; autre graine, autre fichier', async () => {
    const options = { month: '2025-06', payers: 3, beneficiaries: 50 };
    const a = await generate({ ...options, seed: 42 });
    const b = await generate({ ...options, seed: 42 });
    const c = await generate({ ...options, seed: 43 });
    expect(a.bytes.equals(b.bytes)).toBe(true);
    expect(a.bytes.equals(c.bytes)).toBe(false);
  });

  it('les anomalies injectées sont exactement celles que relais check trouve', async () => {
    const { bytes, faults } = await generate({
      month: '2025-06',
      payers: 4,
      beneficiaries: 300,
      seed: 11,
      faults: 0.1,
    });
    expect(faults.length).toBeGreaterThan(10);
    const kinds = new Set(faults.map((f) => f.kind));
    expect(kinds).toContain('versement-hors-mois');
    const report = await checkAll(bytes);
    const found = report.diagnostics.map((d) => `${d.line} ${d.code}`).sort();
    expect(found).toEqual(faults.map((f) => `${f.line} ${f.code}`).sort());
  });

  for (const kind of pasrauFaultKinds.filter((k) => k.available(norm, '11'))) {
    it(`anomalie ${kind.id} (${kind.scope}) : signalée à sa ligne avec son code`, async () => {
      const { bytes, faults } = await generate({
        month: '2025-06',
        payers: 2,
        beneficiaries: 8,
        seed: 4,
        faults: 1,
        faultKinds: [kind],
      });
      expect(faults.length).toBeGreaterThan(0);
      const report = await checkAll(bytes);
      expect(report.diagnostics.map((d) => `${d.line} ${d.code}`).sort()).toEqual(
        faults.map((f) => `${f.line} ${f.code}`).sort(),
      );
    });
  }

  it('refuse les options impossibles', async () => {
    await expect(generate({ month: '2025-13', payers: 1, beneficiaries: 1 })).rejects.toThrow(/mois/);
    await expect(generate({ month: '2025-06', payers: 3, beneficiaries: 2 })).rejects.toThrow(
      /bénéficiaires/,
    );
    await expect(generate({ month: '2025-06', payers: 1, beneficiaries: 1, norm: 'P26V01' })).rejects.toThrow(
      /PASRAU-2017\.6/,
    );
  });
});
