import { describe, expect, it } from 'vitest';
import { faultKinds } from './faults.ts';
import { checkAll, expectKeyHolds, generateInMemory } from '../../../test/generator-helpers.ts';
import type { FaultRecord } from './writer.ts';

async function expectReported(bytes: Buffer, faults: FaultRecord[]): Promise<void> {
  expectKeyHolds(await checkAll(bytes), faults);
}

describe('anomalies injectées', () => {
  for (const kind of faultKinds) {
    it(`${kind.id} (${kind.scope}) est signalée à sa ligne avec son code`, async () => {
      const { bytes, faults } = await generateInMemory({
        month: '2025-06',
        establishments: 2,
        employees: 6,
        seed: 11,
        faults: 1,
        faultKinds: [kind],
      });
      expect(faults.length).toBeGreaterThan(0);
      expect(new Set(faults.map((f) => f.kind))).toEqual(new Set([kind.id]));
      await expectReported(bytes, faults);
    });
  }

  for (const [month, norm] of [
    ['2024-03', 'P24V01'],
    ['2026-01', 'P26V01'],
    ['2027-02', 'P27V01'],
  ] as const) {
    it(`${norm} : toutes les sortes mêlées, chacune retrouvée par le contrôle`, async () => {
      const { bytes, faults, summary } = await generateInMemory({
        month,
        establishments: 3,
        employees: 40,
        seed: 21,
        faults: 0.6,
      });
      expect(summary.faults).toBe(faults.length);
      expect(faults.length).toBeGreaterThan(10);
      await expectReported(bytes, faults);
    });
  }
});
