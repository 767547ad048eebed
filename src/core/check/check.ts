import type { Diagnostic, DiagnosticGroup, DiagnosticSummary } from '../diagnostics/diagnostic.ts';
import type { Control } from '../controls/control.ts';
import { controls as allControls } from '../controls/registry.ts';
import { familyOf } from '../norm/catalogue.ts';
import { normProvider } from '../norm/provider.ts';
import { runPipeline, type PipelineOptions, type PipelineResult } from './pipeline.ts';

export interface CheckReport {
  file?: string;
  /** Norm version the file was read with (several, comma separated, for a multi-norm lot). */
  norm: string | null;
  /** Kind of declaration read: `DSN` or `PASRAU` (both, comma separated, for a mixed lot). */
  family: string | null;
  envois: number;
  declarations: number;
  individuals: number;
  lines: number;
  bytes: number;
  diagnostics: Diagnostic[];
  /** Every code met, with its exact count, even when its occurrences are not all listed. */
  groups: DiagnosticGroup[];
  summary: DiagnosticSummary;
  /** What the reader of the report should know about how the file was checked. */
  notes: string[];
}

export interface CheckOptions extends Omit<PipelineOptions, 'controls' | 'listener'> {
  /** Run the official controls (default true); false keeps the technical checks only. */
  controls?: boolean;
  /** Run only these controls (examples, `--faults-only`). */
  only?: readonly Control[];
}

/** Self-check of one declaration file, streamed. */
export async function checkDsn(
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  options: CheckOptions = {},
): Promise<CheckReport> {
  const result = await runPipeline(source, {
    ...options,
    controls: options.controls === false ? [] : (options.only ?? allControls),
  });
  return reportOf(result, options);
}

/** The report of a finished pipeline (the intake builds its conformity report with it too). */
export function reportOf(
  { reader, diagnostics, bytes, places }: PipelineResult,
  options: Pick<CheckOptions, 'norm' | 'controls'> = {},
): CheckReport {
  const versions = [...reader.norms];
  return {
    norm: versions.length > 0 ? versions.join(', ') : null,
    family: versions.length > 0 ? [...new Set(versions.map((v) => familyOf(v) ?? 'DSN'))].join(', ') : null,
    envois: reader.envois,
    declarations: reader.declarations,
    individuals: reader.individuals,
    lines: reader.lineNo,
    bytes,
    diagnostics: places.place(diagnostics.diagnostics()),
    groups: diagnostics.grouped(),
    summary: diagnostics.summary(),
    notes: notesFor(versions, options),
  };
}

function notesFor(versions: string[], options: Pick<CheckOptions, 'norm' | 'controls'>): string[] {
  const notes: string[] = [];
  if (options.norm) notes.push(`Norme imposée par --norm : ${options.norm}.`);
  for (const version of versions) {
    const catalogue = normProvider.get(version)?.catalogue;
    const usages = catalogue?.usages;
    const supplemented = catalogue?.blocks.filter((b) => b.supplement).map((b) => b.id) ?? [];
    if (supplemented.length > 0) {
      notes.push(
        `${version} : les blocs ${supplemented.join(', ')} et les rubriques de classe de revenu viennent d'un complément non officiel de la norme (voir docs/pasrau.md).`,
      );
    }
    if (!usages) {
      notes.push(
        `Aucun tableau des usages pour ${version} : les rubriques obligatoires ou interdites par nature ne sont pas contrôlées.`,
      );
    } else if (!usages.exact) {
      notes.push(
        `Aucun tableau des usages publié pour ${version} : le tableau ${usages.table}, le plus proche, est utilisé.`,
      );
    }
  }
  if (options.controls === false)
    notes.push(
      'Contrôles officiels désactivés (--no-controls) : seuls les contrôles techniques ont été faits.',
    );
  return notes;
}
