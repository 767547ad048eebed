import { anomaliesHtml, escapeHtml, reportStyle as style } from '../../core/check/report-html.ts';
import { frenchNumber as n } from '../../core/values/french-number.ts';
import type { DepositOutcome } from './views.ts';

/**
 * The conformity report as a page a payroll clerk can read and print: verdict, acknowledgement,
 * the declarations and their lifecycle, then the anomalies grouped by control. Self-contained (no
 * external asset), in French.
 */

const dateTime = (iso: string) =>
  new Date(iso).toLocaleString('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'long', timeStyle: 'medium' });

export function renderReportPage(outcome: DepositOutcome): string {
  const { acknowledgement: ack, report } = outcome;
  const verdictClass =
    outcome.status === 'accepted' ? 'ok' : outcome.status === 'rejected' ? 'ko' : 'partial';
  const verdict =
    outcome.status === 'accepted'
      ? report.summary.nonBlocking > 0
        ? `Dépôt accepté, avec ${n(report.summary.nonBlocking)} anomalie(s) non bloquante(s)`
        : 'Dépôt accepté — aucune anomalie'
      : outcome.status === 'rejected'
        ? `Dépôt rejeté — ${n(report.summary.blocking)} anomalie(s) bloquante(s)`
        : 'Dépôt accepté en partie : certaines déclarations sont rejetées';
  const declarations = outcome.declarations
    .map(
      (d) => `<tr>
  <td>${d.position}</td><td><code>${escapeHtml(d.siret ?? '—')}</code></td><td>${escapeHtml(d.month ?? '—')}</td>
  <td>${d.nature !== '01' && d.natureLabel ? `${escapeHtml(d.natureLabel)}, ` : ''}${escapeHtml(d.typeLabel ?? d.type ?? '—')}${d.replacesId ? `<br><span class="hint">remplace ${d.replaces ? escapeHtml(d.replaces) : 'la version alors en vigueur'}</span>` : ''}</td>
  <td><code>${escapeHtml(d.identifier ?? '—')}</code></td><td>${n(d.individuals)}</td>
  <td><span class="tag ${d.status}">${escapeHtml(d.statusLabel)}</span>${d.blocking > 0 ? `<br><span class="hint">${n(d.blocking)} anomalie(s) bloquante(s)</span>` : ''}</td>
  <td>${d.deadline ? `${dateTime(d.deadline)}${d.late ? ' <strong>(hors délai)</strong>' : ''}` : '—'}</td>
</tr>`,
    )
    .join('\n');
  const groups = anomaliesHtml(report);
  return `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Bilan du dépôt ${escapeHtml(ack.depositId)} — Relais</title><style>${style}</style></head>
<body><header><h1>Relais — bilan de conformité</h1><p>Dépôt ${escapeHtml(ack.depositId)}</p></header>
<main>
<section><p class="verdict ${verdictClass}">${escapeHtml(verdict)}</p></section>
<section><h2>Accusé de réception</h2><dl>
<dt>Identifiant du dépôt</dt><dd><code>${escapeHtml(ack.depositId)}</code></dd>
<dt>Reçu le</dt><dd>${dateTime(ack.receivedAt)}</dd>
<dt>Fichier</dt><dd>${escapeHtml(ack.fileName ?? '—')} (${n(ack.size)} octets)</dd>
<dt>Empreinte SHA-256</dt><dd><code>${escapeHtml(ack.sha256)}</code></dd>
<dt>Norme</dt><dd>${escapeHtml(report.norm ?? 'non déterminée')}</dd>
<dt>Contenu</dt><dd>${n(report.declarations)} déclaration(s), ${n(report.individuals)} individu(s), ${n(report.lines)} ligne(s)</dd>
</dl></section>
<section><h2>Déclarations</h2>${
    outcome.declarations.length > 0
      ? `<div class="defile" role="region" aria-label="Déclarations du dépôt" tabindex="0"><table><thead><tr><th>Rang</th><th>SIRET</th><th>Mois</th><th>Type</th><th>Identifiant</th><th>Individus</th><th>Statut</th><th>Échéance</th></tr></thead><tbody>${declarations}</tbody></table></div>`
      : '<p>Aucune déclaration lisible dans ce fichier.</p>'
  }</section>
<section><h2>Anomalies</h2>${groups || '<p>Aucune anomalie.</p>'}
${report.notes.map((note) => `<p class="hint">Note : ${escapeHtml(note)}</p>`).join('\n')}</section>
</main></body></html>
`;
}
