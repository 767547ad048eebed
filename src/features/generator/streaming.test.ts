import { describe, expect, it } from 'vitest';
import { nodeJsonLoader } from '../../platform/node-json-loader.ts';
import { generateDsn } from './generate.ts';

describe('generateDsn: écriture en flux', () => {
  it('livre le texte par morceaux bornés au fil de la génération et attend le puits', async () => {
    const sizes: number[] = [];
    let employeesAtFirstWrite = -1;
    let written = 0;
    let pending = 0;
    let maxPending = 0;
    const summary = await generateDsn(
      { month: '2025-06', establishments: 2, employees: 600, seed: 3 },
      {
        // A slow sink: the generator must wait for each write before producing more.
        write: async (chunk) => {
          pending++;
          maxPending = Math.max(maxPending, pending);
          if (employeesAtFirstWrite < 0) employeesAtFirstWrite = written;
          sizes.push(chunk.length);
          await new Promise((resolve) => setTimeout(resolve, 1));
          pending--;
        },
      },
      { onProgress: (p) => void (written = p.employees), loadJson: nodeJsonLoader },
    );
    expect(summary.employees).toBe(600);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(summary.bytes);
    expect(sizes.length).toBeGreaterThan(20);
    // The first chunk leaves before the last employees are generated.
    expect(employeesAtFirstWrite).toBeLessThan(600);
    // Chunks are the writer's buffers (64 KiB) whatever the file size.
    expect(Math.max(...sizes)).toBeLessThanOrEqual(65_536);
    expect(maxPending).toBe(1);
    // A few hundred distinct payslips at most, whatever the number of employees.
    expect(summary.payslipClasses).toBeLessThan(300);
  });
});
