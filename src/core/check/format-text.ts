import { frenchNumber } from '../values/french-number.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { CheckReport } from './check.ts';
import { printable, printableMessage } from './places.ts';

const n = frenchNumber;
const plural = (count: number, one: string, many: string) => `${n(count)} ${count > 1 ? many : one}`;

function lineOf(d: Diagnostic): string {
  const where = d.line !== undefined ? `ligne ${n(d.line)}` : '';
  const rubric =
    d.rubric !== undefined && d.value !== undefined
      ? `${d.rubric},'${printable(d.rubric, d.value)}'`
      : (d.rubric ?? d.block ?? '');
  return [where.padEnd(14), rubric].join(' ').trimEnd();
}

/** Whom the diagnostic concerns, as a clerk looks them up: name, employee number, masked NIR. */
export function individualText(d: Diagnostic): string | null {
  const who = d.individual;
  if (who === undefined) return null;
  const parts = [
    who.name ?? `individu de la ligne ${n(who.line)}`,
    ...(who.number !== undefined ? [`matricule ${who.number}`] : []),
    ...(who.nir !== undefined ? [`NIR ${who.nir}`] : []),
  ];
  return `${parts.join(', ')}${d.siret !== undefined ? ` (établissement ${d.siret})` : ''}`;
}

/**
 * The report a payroll clerk reads: the verdict first, then the anomalies grouped by control,
 * each with the offending lines and how to fix it.
 */
export function formatText(report: CheckReport): string {
  const out: string[] = [];
  const { summary } = report;
  // `-`: the standard input (`relais check -`).
  const source = report.file === '-' ? " de l'entrée standard" : report.file ? ` de ${report.file}` : '';
  out.push(`Relais — auto-contrôle${source}`);
  const figures = [
    ...(report.family?.includes('PASRAU') ? [`déclaration ${report.family}`] : []),
    report.norm ? `norme ${report.norm}` : 'norme non déterminée',
    plural(report.envois, 'envoi', 'envois'),
    plural(report.declarations, 'déclaration', 'déclarations'),
    plural(report.individuals, 'individu', 'individus'),
    plural(report.lines, 'ligne', 'lignes'),
  ];
  out.push(figures.join(' · '));
  for (const note of report.notes) out.push(`Note : ${note}`);
  out.push('');
  if (summary.blocking > 0) {
    out.push(
      `Résultat : NON CONFORME — ${plural(summary.blocking, 'anomalie bloquante', 'anomalies bloquantes')}` +
        (summary.nonBlocking > 0
          ? `, ${plural(summary.nonBlocking, 'non bloquante', 'non bloquantes')}`
          : ''),
    );
  } else if (summary.nonBlocking > 0) {
    out.push(
      `Résultat : CONFORME avec ${plural(summary.nonBlocking, 'anomalie non bloquante', 'anomalies non bloquantes')}`,
    );
  } else {
    out.push('Résultat : CONFORME — aucune anomalie');
  }
  const byCode = new Map<string, Diagnostic[]>();
  for (const d of report.diagnostics) {
    const list = byCode.get(d.code) ?? [];
    list.push(d);
    byCode.set(d.code, list);
  }
  for (const severity of ['blocking', 'non-blocking'] as const) {
    const groups = report.groups.filter((g) => g.severity === severity);
    if (groups.length === 0) continue;
    out.push('', severity === 'blocking' ? 'Anomalies bloquantes' : 'Anomalies non bloquantes');
    for (const group of groups) {
      const listed = byCode.get(group.code) ?? [];
      out.push('', `  ${group.code} — ${plural(group.count, 'occurrence', 'occurrences')}`);
      // A message repeated word for word (official controls) is written once, under its lines.
      const same = listed.length > 1 && listed.every((d) => d.message === listed[0]!.message);
      for (const d of listed) {
        out.push(`    ${lineOf(d)}`);
        const who = individualText(d);
        if (who !== null) out.push(`      Individu : ${who}`);
        if (!same) out.push(`      ${printableMessage(d)}`);
      }
      if (same) out.push(`    ${printableMessage(listed[0]!)}`);
      if (listed.length === 0) out.push(`    ${group.message}`);
      if (group.count > listed.length)
        out.push(`    … et ${plural(group.count - listed.length, 'autre', 'autres')}`);
      const hint = listed[0]?.hint ?? group.hint;
      if (hint) out.push(`    → ${hint}`);
    }
  }
  if (summary.notListed > 0) {
    out.push(
      '',
      `${plural(summary.notListed, 'occurrence n’est pas détaillée', 'occurrences ne sont pas détaillées')} (voir --limit).`,
    );
  }
  return out.join('\n') + '\n';
}
