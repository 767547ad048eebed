import { printable, printableMessage } from '../../core/check/places.ts';
import { toCsv } from '../../platform/csv.ts';
import type { DepositOutcome } from './views.ts';

/**
 * The conformity report as CSV, for a spreadsheet: one line per occurrence listed in the report,
 * and one line for a control whose occurrences were only counted. The NIR is never in clear: the
 * value of a NIR rubric, and a message quoting it, are masked as in the JSON report.
 */

const header = [
  'Code du contrôle',
  'Gravité',
  'Occurrences du contrôle',
  'Ligne',
  'Rubrique',
  'Valeur',
  'Message',
  'Pour corriger',
  'Déclaration (rang)',
  'SIRET',
  'Salarié',
  'NIR (masqué)',
  'Matricule',
  'Page du contrôle',
];

const gravity = (severity: string) => (severity === 'blocking' ? 'bloquante' : 'non bloquante');

export function renderReportCsv(outcome: DepositOutcome): string {
  const { report } = outcome;
  const counts = new Map(report.groups.map((g) => [g.code, g.count]));
  const listed = new Set(report.diagnostics.map((d) => d.code));
  const rows = report.diagnostics.map((d) => [
    d.code,
    gravity(d.severity),
    counts.get(d.code) ?? 1,
    d.line,
    d.rubric ?? d.block,
    d.value === undefined ? undefined : printable(d.rubric, d.value),
    printableMessage(d),
    d.hint,
    d.declaration,
    d.siret,
    d.individual?.name,
    d.individual?.nir,
    d.individual?.number,
    d.controlPage,
  ]);
  const counted = report.groups
    .filter((g) => !listed.has(g.code))
    .map((g) => [g.code, gravity(g.severity), g.count, null, null, null, g.message]);
  return toCsv(header, [...rows, ...counted]);
}
