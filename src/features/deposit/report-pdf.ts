import { controlPage, printable, printableMessage } from '../../core/check/places.ts';
import type { Diagnostic } from '../../core/diagnostics/diagnostic.ts';
import { frenchNumber as n } from '../../core/values/french-number.ts';
import { renderPdf } from '../../platform/pdf.ts';
import type { DepositOutcome } from './views.ts';

/**
 * The conformity report as a PDF to file or send (A4, the PDF standard fonts, as the certificate):
 * verdict, acknowledgement, declarations, then the anomalies grouped by control with the
 * occurrences listed, their fix and where the control is described. The NIR is never in clear
 * (masked as in the JSON report).
 */
export function renderReportPdf(outcome: DepositOutcome): Promise<Buffer> {
  return renderPdf(
    {
      margin: 50,
      bufferPages: true,
      info: {
        Title: `Bilan de conformité — dépôt ${outcome.acknowledgement.depositId}`,
        Author: 'Relais',
        Subject: 'Bilan de conformité d’un dépôt de déclarations sociales',
        CreationDate: new Date(outcome.decidedAt),
      },
    },
    (doc) => draw(doc, outcome),
  );
}

/** Characters the standard fonts lack, replaced by the nearest they have. */
const fit = (text: string) => text.replace(/[\u202f\u2009]/g, '\u00a0');

const blue = '#000091';
const grey = '#3a3a3a';

const dateTime = (iso: string) =>
  new Date(iso).toLocaleString('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'long', timeStyle: 'short' });

function verdict(outcome: DepositOutcome): string {
  const { summary } = outcome.report;
  if (outcome.status === 'accepted')
    return summary.nonBlocking > 0
      ? `Dépôt accepté, avec ${n(summary.nonBlocking)} anomalie(s) non bloquante(s)`
      : 'Dépôt accepté — aucune anomalie';
  if (outcome.status === 'rejected') return `Dépôt rejeté — ${n(summary.blocking)} anomalie(s) bloquante(s)`;
  return 'Dépôt accepté en partie : certaines déclarations sont rejetées';
}

function occurrence(d: Diagnostic): string {
  const where = [
    d.line !== undefined ? `ligne ${n(d.line)}` : null,
    d.rubric ? `rubrique ${d.rubric}` : null,
    d.value !== undefined ? `valeur « ${printable(d.rubric, d.value)} »` : null,
    d.individual?.name ? `salarié ${d.individual.name}` : null,
    d.individual?.nir ? `NIR ${d.individual.nir}` : null,
    d.siret ? `SIRET ${d.siret}` : null,
  ].filter((part) => part !== null);
  return `${where.join(', ')}${where.length > 0 ? ' : ' : ''}${printableMessage(d)}`;
}

function draw(doc: PDFKit.PDFDocument, outcome: DepositOutcome): void {
  const left = 50;
  const width = doc.page.width - 2 * left;
  const text = (value: string, options: PDFKit.Mixins.TextOptions = {}) =>
    doc.text(fit(value), { width, ...options });
  const heading = (title: string) => {
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(13).fillColor(blue);
    text(title);
    doc.moveDown(0.3).font('Helvetica').fontSize(10).fillColor('black');
  };
  const { acknowledgement: ack, report } = outcome;

  doc.fillColor(blue).font('Helvetica-Bold').fontSize(10);
  text('RELAIS — plate-forme de dépôt des déclarations sociales (DSN, PASRAU)');
  doc.moveDown(0.8).fontSize(20);
  text('Bilan de conformité');
  doc
    .moveDown(0.4)
    .fontSize(12)
    .fillColor(outcome.status === 'rejected' ? '#ce0500' : '#18753c');
  text(verdict(outcome));

  heading('Accusé de réception');
  const facts: [string, string][] = [
    ['Dépôt', ack.depositId],
    ['Reçu le', dateTime(ack.receivedAt)],
    ['Fichier', `${ack.fileName ?? '(sans nom)'} (${n(ack.size)} octets)`],
    ['Empreinte SHA-256', ack.sha256],
    ['Norme', report.norm ?? 'non déterminée'],
    [
      'Contenu',
      `${n(report.declarations)} déclaration(s), ${n(report.individuals)} individu(s), ${n(report.lines)} ligne(s)`,
    ],
  ];
  for (const [label, value] of facts) {
    doc.font('Helvetica-Bold').fontSize(10).fillColor(grey);
    text(`${label} : `, { continued: true });
    doc.font(label === 'Empreinte SHA-256' || label === 'Dépôt' ? 'Courier' : 'Helvetica').fillColor('black');
    text(value);
  }

  heading('Déclarations');
  if (outcome.declarations.length === 0) text('Aucune déclaration lisible dans ce fichier.');
  for (const d of outcome.declarations) {
    const deadline = d.deadline
      ? `, échéance le ${dateTime(d.deadline)}${d.late ? ' (hors délai)' : ''}`
      : '';
    text(
      `${d.position}. SIRET ${d.siret ?? 'illisible'}, mois ${d.month ?? 'illisible'}, ${n(d.individuals)} individu(s) : ${d.statusLabel}${deadline}`,
    );
  }

  heading('Anomalies');
  if (report.groups.length === 0) text('Aucune anomalie.');
  for (const group of report.groups) {
    const listed = report.diagnostics.filter((d) => d.code === group.code);
    doc.moveDown(0.4).font('Helvetica-Bold').fontSize(10.5).fillColor('black');
    text(
      `${group.code} — ${group.severity === 'blocking' ? 'bloquante' : 'non bloquante'}, ${n(group.count)} occurrence(s)`,
    );
    doc.font('Helvetica').fontSize(9.5);
    if (listed.length === 0) text(group.message);
    for (const d of listed) text(`• ${occurrence(d)}`, { indent: 10 });
    if (group.count > listed.length)
      text(`… et ${n(group.count - listed.length)} autre(s) occurrence(s).`, { indent: 10 });
    const hint = listed[0]?.hint;
    doc.fillColor(grey);
    if (hint) text(`Pour corriger : ${hint}`);
    const page = controlPage(group.code);
    if (page) text(`Le contrôle dans le référentiel : ${page}`);
  }
  for (const note of report.notes) {
    doc.moveDown(0.3).fontSize(9).fillColor(grey);
    text(`Note : ${note}`);
  }

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Written in the bottom margin, which would otherwise start a new page.
    doc.page.margins.bottom = 0;
    doc.font('Helvetica').fontSize(8).fillColor(grey);
    doc.text(fit(`Dépôt ${ack.depositId} — page ${i + 1} sur ${range.count}`), left, doc.page.height - 35, {
      width,
      align: 'center',
      lineBreak: false,
    });
  }
}
