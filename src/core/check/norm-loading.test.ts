import { describe, expect, it } from 'vitest';
import { check, minimal } from '../../../test/helpers.ts';
import { generatePasrau } from '../../features/generator/pasrau.ts';
import { latestVersion } from '../norm/catalogue.ts';
import { normProvider } from '../norm/provider.ts';
import { nodeJsonLoader } from '../../platform/node-json-loader.ts';

// One file, one module state: what a check loads is what this process has loaded so far.
describe('the norms a check loads', () => {
  const pasrau = latestVersion('PASRAU');

  it('leaves the PASRAU catalogue unread for a DSN', async () => {
    const report = await check(minimal());
    expect(report.norm).toBe('P26V01');
    expect(normProvider.get('P26V01')).toBeDefined();
    expect(normProvider.get(pasrau)).toBeUndefined();
  });

  it('loads it when the nature on the line after the header says PASRAU, whatever S10.G00.00.006 names', async () => {
    const chunks: Buffer[] = [];
    await generatePasrau(
      { month: '2025-06', payers: 1, beneficiaries: 1, seed: 1 },
      { write: (chunk) => void chunks.push(Buffer.from(chunk)) },
      { loadJson: nodeJsonLoader },
    );
    const text = Buffer.concat(chunks)
      .toString('latin1')
      .replace(/^S10\.G00\.00\.006,'[^']*'/m, "S10.G00.00.006,'P26V01'");
    const report = await check(text);
    expect(report.norm).toBe(pasrau);
    expect(report.diagnostics.map((d) => d.code)).toContain('RELAIS-NORM-FAMILY');
  });
});
