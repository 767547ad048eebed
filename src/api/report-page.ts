import type { DepositOutcome } from '../intake/views.ts';

/**
 * The conformity report as a page a payroll clerk can read and print: verdict, acknowledgement,
 * the declarations and their lifecycle, then the anomalies grouped by control. Self-contained (no
 * external asset), in French.
 */

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

const n = (value: number) => value.toLocaleString('fr-FR');

const dateTime = (iso: string) =>
  new Date(iso).toLocaleString('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'long', timeStyle: 'medium' });

const style = `
body{font-family:Marianne,Arial,sans-serif;margin:0;color:#161616;background:#f6f6f6}
header{background:#000091;color:#fff;padding:1rem 2rem}header p{margin:.2rem 0 0;opacity:.85}
main{max-width:72rem;margin:0 auto;padding:1.5rem 2rem}
section{background:#fff;border:1px solid #ddd;padding:1rem 1.5rem;margin-bottom:1.5rem}
h1{font-size:1.5rem;margin:0}h2{font-size:1.2rem;margin-top:0}h3{font-size:1rem;margin:1rem 0 .3rem}
.verdict{font-size:1.3rem;font-weight:bold;padding:.8rem 1rem;border-left:6px solid}
.ok{border-color:#18753c;background:#b8fec9}.partial{border-color:#b34000;background:#ffe9e6}.ko{border-color:#ce0500;background:#ffe9e9}
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border-bottom:1px solid #ddd;text-align:left;padding:.35rem .5rem;vertical-align:top}
th{background:#eee}code{font-family:monospace;font-size:.85rem}dl{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem}dt{font-weight:bold}
.hint{color:#3a3a3a;font-size:.9rem}.tag{display:inline-block;padding:0 .4rem;border-radius:.2rem;font-size:.8rem;background:#eee}
.conform{background:#b8fec9}.rejected{background:#ffe9e9}.superseded,.cancelled{background:#fee7fc}
`;

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
  <td>${escapeHtml(d.typeLabel ?? d.type ?? '—')}${d.replacesId ? `<br><span class="hint">remplace ${d.replaces ? escapeHtml(d.replaces) : 'la version alors en vigueur'}</span>` : ''}</td>
  <td><code>${escapeHtml(d.identifier ?? '—')}</code></td><td>${n(d.individuals)}</td>
  <td><span class="tag ${d.status}">${escapeHtml(d.statusLabel)}</span>${d.blocking > 0 ? `<br><span class="hint">${n(d.blocking)} anomalie(s) bloquante(s)</span>` : ''}</td>
  <td>${d.deadline ? `${dateTime(d.deadline)}${d.late ? ' <strong>(hors délai)</strong>' : ''}` : '—'}</td>
</tr>`,
    )
    .join('\n');
  const listed = new Map<string, typeof report.diagnostics>();
  for (const d of report.diagnostics) listed.set(d.code, [...(listed.get(d.code) ?? []), d]);
  const groups = report.groups
    .map((g) => {
      const items = listed.get(g.code) ?? [];
      const rows = items
        .map(
          (d) =>
            `<tr><td>${d.line !== undefined ? n(d.line) : '—'}</td><td><code>${escapeHtml(d.rubric ?? d.block ?? '')}${d.value !== undefined ? `,'${escapeHtml(d.value)}'` : ''}</code></td><td>${escapeHtml(d.message)}</td></tr>`,
        )
        .join('');
      const more =
        g.count > items.length
          ? `<p class="hint">… et ${n(g.count - items.length)} autre(s) occurrence(s).</p>`
          : '';
      const hint = items[0]?.hint ? `<p class="hint">${escapeHtml(items[0].hint)}</p>` : '';
      return `<h3><code>${escapeHtml(g.code)}</code> — ${g.severity === 'blocking' ? 'bloquante' : 'non bloquante'}, ${n(g.count)} occurrence(s)</h3>
${rows ? `<table><thead><tr><th>Ligne</th><th>Rubrique</th><th>Message</th></tr></thead><tbody>${rows}</tbody></table>` : `<p>${escapeHtml(g.message)}</p>`}${more}${hint}`;
    })
    .join('\n');
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
      ? `<table><thead><tr><th>Rang</th><th>SIRET</th><th>Mois</th><th>Type</th><th>Identifiant</th><th>Individus</th><th>Statut</th><th>Échéance</th></tr></thead><tbody>${declarations}</tbody></table>`
      : '<p>Aucune déclaration lisible dans ce fichier.</p>'
  }</section>
<section><h2>Anomalies</h2>${groups || '<p>Aucune anomalie.</p>'}
${report.notes.map((note) => `<p class="hint">Note : ${escapeHtml(note)}</p>`).join('\n')}</section>
</main></body></html>
`;
}
