import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkDsn, type CheckOptions, type CheckReport } from '../src/core/check/check.ts';
import { applyEdits, type Edit } from '../src/core/examples/edit.ts';
import { latin1Bytes } from '../src/core/parse/latin1.ts';
import { compiledNorm } from '../src/core/norm/provider.ts';

const bases = join(import.meta.dirname, '..', 'src', 'core', 'examples', 'bases');

/** A reference declaration as text (read as Latin-1, like the reader does). */
export function base(name: string): string {
  return readFileSync(join(bases, `${name}.dsn`), 'latin1');
}

/** The smallest conform monthly declaration (P26V01, one employee). */
export const minimal = () => base('minimal');

/** Splits bytes into chunks of `size`, to exercise every chunk boundary. */
export function chunks(bytes: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
}

export interface TestCheckOptions extends CheckOptions {
  chunk?: number;
}

/**
 * Checks a declaration held in memory. The official controls are off unless asked for: the tests of
 * the reader and of the technical checks must not depend on the control catalogue, which has its
 * own examples.
 */
export async function check(text: string | Uint8Array, options: TestCheckOptions = {}): Promise<CheckReport> {
  const bytes = typeof text === 'string' ? latin1Bytes(text) : text;
  const { chunk = 1 << 20, ...rest } = options;
  return checkDsn(chunks(bytes, chunk), { controls: false, ...rest });
}

export async function edited(edits: Edit[], base = minimal()): Promise<string> {
  return applyEdits(base, edits, { norm: await compiledNorm('P26V01') });
}

export function codes(report: CheckReport): string[] {
  return report.groups.map((g) => g.code).sort();
}

export function find(report: CheckReport, code: string) {
  return report.diagnostics.filter((d) => d.code === code);
}
