import type { CertificateContent } from './certificate.ts';

/** How the certificate words its facts, the same on the PDF and on the verification page. */

const instant = new Intl.DateTimeFormat('fr-FR', {
  dateStyle: 'long',
  timeStyle: 'medium',
  timeZone: 'Europe/Paris',
});
const monthName = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' });

export const frenchInstant = (at: Date) => `${instant.format(at)} (heure de Paris)`;

/** `2026-04` → `avril 2026`. */
export const frenchMonth = (month: string | null) =>
  month === null ? 'mois illisible' : monthName.format(new Date(`${month}-01T00:00:00Z`));

export const frenchBytes = (size: number) => `${size.toLocaleString('fr-FR')} octets`;

export const declarantLine = (content: CertificateContent) =>
  content.declarant
    ? `${content.declarant.name} (périmètre ${content.declarant.scope})`
    : 'Dépôt fait sur la plate-forme par son opérateur';

export const natureLine = (d: CertificateContent['declarations'][number]) =>
  [d.natureLabel ?? `nature ${d.nature ?? 'illisible'}`, d.typeLabel].filter(Boolean).join(', ');

export const resultLine = (content: CertificateContent) => {
  const accepted = content.declarations.filter((d) => d.accepted).length;
  const total = content.declarations.length;
  return `${content.deposit.statusLabel} : ${accepted} déclaration${accepted > 1 ? 's' : ''} conforme${accepted > 1 ? 's' : ''} sur ${total}`;
};

export const anomaliesLine = (content: CertificateContent) =>
  content.deposit.nonBlocking === 0
    ? 'aucune anomalie non bloquante'
    : `${content.deposit.nonBlocking.toLocaleString('fr-FR')} anomalie${content.deposit.nonBlocking > 1 ? 's' : ''} non bloquante${content.deposit.nonBlocking > 1 ? 's' : ''} (voir le bilan)`;

/** What a certificate states of its deposit, label and value, as the PDF and the verification page show it. */
export const depositFacts = (content: CertificateContent): [string, string][] => [
  ['Déclarant', declarantLine(content)],
  ['Fichier', content.deposit.fileName ?? '(déposé sans nom)'],
  ['Empreinte SHA-256', content.deposit.sha256],
  ['Taille', frenchBytes(content.deposit.size)],
  ['Reçu le', frenchInstant(content.deposit.receivedAt)],
  ['Contrôlé le', frenchInstant(content.deposit.decidedAt)],
  ['Norme', content.deposit.norm ?? 'non reconnue'],
  ['Résultat', resultLine(content)],
  ['Anomalies', anomaliesLine(content)],
];
