import { renderPdf } from '../../platform/pdf.ts';
import type { CertificateContent } from './certificate.ts';
import { frenchInstant, frenchMonth, natureLine, depositFacts } from './wording.ts';

/**
 * The certificate of conformity as a PDF (A4, the PDF standard fonts: their WinAnsi encoding holds
 * every French letter, so nothing is embedded). The same content always gives the same words; the
 * document's date is the certificate's, not the download's.
 */
export function renderCertificatePdf(content: CertificateContent, verificationUrl: string): Promise<Buffer> {
  return renderPdf(
    {
      margin: 56,
      info: {
        Title: `Certificat de conformité — dépôt ${content.deposit.id}`,
        Author: 'Relais',
        Subject: 'Certificat de conformité d’un dépôt de déclarations sociales',
        CreationDate: content.issuedAt,
      },
    },
    (doc) => draw(doc, content, verificationUrl),
  );
}

/** Characters the standard fonts lack, replaced by the nearest they have. */
const printable = (text: string) => text.replace(/[\u202f\u2009]/g, '\u00a0');

const blue = '#000091';
const grey = '#3a3a3a';

function draw(doc: PDFKit.PDFDocument, content: CertificateContent, verificationUrl: string): void {
  const width = doc.page.width - 2 * 56;
  const left = 56;
  const text = (value: string, options: PDFKit.Mixins.TextOptions = {}) =>
    doc.text(printable(value), options);

  doc.fillColor(blue).font('Helvetica-Bold').fontSize(10);
  text('RELAIS — plate-forme de dépôt des déclarations sociales (DSN, PASRAU)');
  doc.moveDown(1.2).fontSize(22);
  text('Certificat de conformité');
  doc.moveDown(0.6).fillColor(grey).font('Helvetica').fontSize(10.5);
  text(
    `Relais certifie avoir reçu le fichier décrit ci-dessous, l’avoir contrôlé selon la norme ${content.deposit.norm ?? 'déclarée'} ` +
      'et avoir intégré chaque déclaration marquée « conforme ». Ce certificat se vérifie avec son code, ci-dessous.',
    { width, align: 'justify' },
  );
  doc.moveDown(1);

  const facts: [string, string][] = [...depositFacts(content), ['Dépôt', content.deposit.id]];
  const labelWidth = 120;
  for (const [label, value] of facts) {
    const y = doc.y;
    doc.font('Helvetica-Bold').fontSize(10).fillColor(grey);
    text(label, { width: labelWidth });
    const labelBottom = doc.y;
    const mono = label === 'Empreinte SHA-256' || label === 'Dépôt';
    doc
      .font(mono ? 'Courier' : 'Helvetica')
      .fontSize(mono ? 9 : 10)
      .fillColor('black');
    doc.text(printable(value), left + labelWidth, y, { width: width - labelWidth });
    doc.x = left;
    doc.y = Math.max(doc.y, labelBottom);
    doc.moveDown(0.35);
  }

  doc.moveDown(0.8).font('Helvetica-Bold').fontSize(13).fillColor(blue);
  text('Déclarations du fichier');
  doc.moveDown(0.4);
  const columns = [
    { title: 'SIRET', width: 105 },
    { title: 'Mois', width: 85 },
    { title: 'Nature et type', width: width - 105 - 85 - 80 },
    { title: 'Résultat', width: 80 },
  ];
  const row = (cells: string[], font: string) => {
    const y = doc.y;
    let x = left;
    let bottom = y;
    doc.font(font).fontSize(9.5).fillColor('black');
    cells.forEach((cell, i) => {
      doc.text(printable(cell), x, y, { width: columns[i]!.width - 6 });
      bottom = Math.max(bottom, doc.y);
      x += columns[i]!.width;
    });
    doc.x = left;
    doc.y = bottom + 4;
    doc
      .moveTo(left, doc.y - 2)
      .lineTo(left + width, doc.y - 2)
      .lineWidth(0.5)
      .strokeColor('#dddddd')
      .stroke();
  };
  row(
    columns.map((c) => c.title),
    'Helvetica-Bold',
  );
  for (const d of content.declarations) {
    row(
      [d.siret ?? 'illisible', frenchMonth(d.month), natureLine(d), d.accepted ? 'conforme' : 'rejetée'],
      'Helvetica',
    );
  }

  doc.moveDown(1.5);
  const boxTop = doc.y;
  doc.rect(left, boxTop, width, 78).lineWidth(1).strokeColor(blue).stroke();
  doc.x = left + 12;
  doc.y = boxTop + 10;
  doc.font('Helvetica-Bold').fontSize(10).fillColor(blue);
  text('Code de vérification', { width: width - 24 });
  doc.font('Courier-Bold').fontSize(16).fillColor('black');
  text(content.code, { width: width - 24 });
  doc.font('Helvetica').fontSize(9.5).fillColor(grey);
  text(`Vérifiable par tous, sans compte, sur ${verificationUrl}`, {
    width: width - 24,
    link: verificationUrl,
  });
  doc.x = left;
  doc.y = boxTop + 90;
  doc.font('Helvetica').fontSize(8.5).fillColor(grey);
  text(`Certificat émis le ${frenchInstant(content.issuedAt)}.`, { width });
}
