import { escapeHtml as h } from '../../core/check/report-html.ts';
import type { CertificateContent } from './certificate.ts';
import { frenchInstant, frenchMonth, natureLine, depositFacts } from './wording.ts';

/**
 * The public page at `/verifier/{code}`: what the certificate with this code states, for whoever
 * was handed it (a client, an auditor) to compare with the PDF; or, for an unknown code, a page
 * saying so. The State design system's stylesheet is served beside it (`dsfr/`).
 */

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="fr" data-fr-scheme="system">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${h(title)} — Relais</title>
<link rel="stylesheet" href="dsfr/dsfr.min.css">
</head>
<body>
<header role="banner" class="fr-header"><div class="fr-header__body"><div class="fr-container"><div class="fr-header__body-row">
  <div class="fr-header__brand fr-enlarge-link"><div class="fr-header__brand-top"><div class="fr-header__logo"><p class="fr-logo">République<br>Française</p></div></div>
  <div class="fr-header__service"><a href="/" title="Accueil — Relais"><p class="fr-header__service-title">Relais</p></a><p class="fr-header__service-tagline">Vérification des certificats de conformité</p></div></div>
</div></div></div></header>
<main id="contenu" class="fr-container fr-my-4w" role="main">
${body}
</main>
</body>
</html>
`;
}

export function renderVerifiedPage(content: CertificateContent): string {
  const facts: [string, string][] = [
    ...depositFacts(content),
    ['Certificat émis le', frenchInstant(content.issuedAt)],
  ];
  const rows = content.declarations
    .map(
      (d) =>
        `<tr><td>${h(d.siret ?? 'illisible')}</td><td>${h(frenchMonth(d.month))}</td><td>${h(natureLine(d))}</td><td>${d.accepted ? 'conforme' : 'rejetée'}</td></tr>`,
    )
    .join('\n');
  return page(
    `Certificat ${content.code}`,
    `<h1>Certificat de conformité authentique</h1>
<div class="fr-alert fr-alert--success fr-mb-4w">
  <h2 class="fr-alert__title">Le code ${h(content.code)} est celui d’un certificat émis par Relais</h2>
  <p>Ce que le certificat atteste est repris ci-dessous : comparez-le au document que vous avez reçu.</p>
</div>
<h2>Le dépôt</h2>
<dl>
${facts.map(([label, value]) => `  <dt class="fr-text--bold">${h(label)}</dt><dd${label === 'Empreinte SHA-256' ? ' style="font-family:monospace;overflow-wrap:anywhere"' : ''}>${h(value)}</dd>`).join('\n')}
</dl>
<div class="fr-table"><table>
<caption>Déclarations du fichier</caption>
<thead><tr><th scope="col">SIRET</th><th scope="col">Mois</th><th scope="col">Nature et type</th><th scope="col">Résultat</th></tr></thead>
<tbody>
${rows}
</tbody>
</table></div>`,
  );
}

export function renderUnknownCodePage(typed: string): string {
  return page(
    'Certificat introuvable',
    `<h1>Certificat introuvable</h1>
<div class="fr-alert fr-alert--error">
  <h2 class="fr-alert__title">Aucun certificat de conformité ne porte le code « ${h(typed)} »</h2>
  <p>Vérifiez le code recopié depuis le certificat : vingt caractères, en groupes de quatre séparés par des tirets (par exemple 7KQ2-M9XD-…). Un certificat dont le code n’est pas reconnu ici n’a pas été émis par cette plate-forme.</p>
</div>`,
  );
}
