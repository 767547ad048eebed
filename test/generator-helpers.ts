import { expect } from 'vitest';
import { checkDsn, type CheckReport } from '../src/core/check/check.ts';
import { nodeJsonLoader } from '../src/platform/node-json-loader.ts';
import { planControlFaults } from '../src/features/generator/control-faults.ts';
import { generateDsn, type GenerateSummary } from '../src/features/generator/generate.ts';
import type { GenerateOptions } from '../src/features/generator/options.ts';
import type { FaultRecord } from '../src/features/generator/writer.ts';

export interface Generated {
  bytes: Buffer;
  summary: GenerateSummary;
  faults: FaultRecord[];
}

/**
 * Generates a small file in memory (tests only: the real command streams to disk). Chosen controls
 * (`faultsOnly`) are planned first when no plan is given, as the command does.
 */
export async function generateInMemory(options: GenerateOptions): Promise<Generated> {
  const chunks: Buffer[] = [];
  const faults: FaultRecord[] = [];
  const planned =
    options.faultsOnly !== undefined && options.faultsOnly.length > 0 && options.controlFaults === undefined
      ? { ...options, controlFaults: await planControlFaults(options, nodeJsonLoader) }
      : options;
  const summary = await generateDsn(
    planned,
    { write: (chunk) => void chunks.push(Buffer.from(chunk)) },
    { onFault: (f) => faults.push(f), loadJson: nodeJsonLoader },
  );
  return { bytes: Buffer.concat(chunks), summary, faults };
}

/** Every diagnostic, without the report's caps. */
export function checkAll(bytes: Buffer): Promise<CheckReport> {
  return checkDsn([bytes], { limit: 1_000_000, perCode: 1_000_000 });
}

/**
 * The answer key is exactly what the check finds: each fault at its line, and nothing else than the
 * consequences the key announces.
 */
export function expectKeyHolds(report: CheckReport, faults: readonly FaultRecord[]): void {
  for (const f of faults) {
    const found = report.diagnostics.find(
      (d) => d.line === f.line && d.code === f.code && (f.rubric === undefined || d.rubric === f.rubric),
    );
    expect(found, `${f.code} ligne ${f.line} (${f.kind})`).toBeDefined();
  }
  const announced = new Set(faults.flatMap((f) => f.consequences ?? []));
  const expected = new Set(faults.map((f) => `${f.line}:${f.code}`));
  const unexpected = report.diagnostics.filter(
    (d) => !expected.has(`${d.line}:${d.code}`) && !announced.has(d.code),
  );
  expect(unexpected.map((d) => `${d.code} ligne ${d.line}`)).toEqual([]);
}
