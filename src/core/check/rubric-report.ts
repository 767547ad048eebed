import { relaisCodes, type RelaisCode } from '../diagnostics/codes.ts';
import { shown, type Diagnostic, type DiagnosticSink } from '../diagnostics/diagnostic.ts';
import type { Declaration } from '../parse/context.ts';
import type { Rubric } from '../parse/tree.ts';

/** Reports a Relais-coded anomaly on one rubric, within the sink's cap for that code. */
export function reportOnRubric(
  diags: DiagnosticSink,
  code: RelaisCode,
  rubric: Rubric,
  declaration: Declaration | null,
  message: string,
): void {
  const info = relaisCodes[code];
  if (!diags.count(code, info.severity)) return;
  const d: Diagnostic = {
    code,
    severity: info.severity,
    hint: info.hint,
    line: rubric.line,
    rubric: rubric.id,
    value: shown(rubric.value),
    message,
  };
  if (declaration !== null) d.declaration = declaration.index;
  diags.add(d);
}
