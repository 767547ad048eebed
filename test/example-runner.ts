import { checkDsn } from '../src/core/check/check.ts';
import type { Control } from '../src/core/controls/control.ts';
import type { Diagnostic } from '../src/core/diagnostics/diagnostic.ts';
import { compiledNorm } from '../src/core/norm/provider.ts';
import { latin1Bytes } from '../src/core/parse/latin1.ts';
import { applyEdits } from '../src/core/examples/edit.ts';
import type { ControlExample } from '../src/core/examples/example.ts';

export interface ExampleOutcome {
  /** The declaration the example builds. */
  text: string;
  /** Diagnostics of this control only. */
  reported: Diagnostic[];
  /** True when the control behaved as the example says. */
  holds: boolean;
}

/**
 * Builds the example's declaration for a norm version and runs the control alone on it, with the
 * example's tables (`withoutTables` leaves them out: a `needs-table` control must then be silent).
 */
export async function runExample(
  control: Control,
  example: ControlExample,
  version: string,
  baseText: string,
  options: { withoutTables?: boolean } = {},
): Promise<ExampleOutcome> {
  const tables = options.withoutTables ? undefined : example.tables;
  const norm = await compiledNorm(version);
  const text = applyEdits(baseText, [{ set: 'S10.G00.00.006', value: version }, ...example.edits], { norm });
  const report = await checkDsn([latin1Bytes(text)], {
    controls: true,
    only: [control],
    technical: !control.check,
    limit: 1000,
    ...(example.today !== undefined ? { today: example.today } : {}),
    ...(tables ? { tables: { readSupplied: async (id: string) => tables[id]?.join('\n') ?? null } } : {}),
  });
  const reported = report.diagnostics.filter((d) => d.code === control.id);
  return { text, reported, holds: example.fails === reported.length > 0 };
}
