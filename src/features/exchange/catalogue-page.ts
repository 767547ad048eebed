import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import { escapeHtml, reportStyle } from '../../core/check/report-html.ts';
import type { Database } from '../../platform/store/schema.ts';
import { fieldLabels } from './field-labels.ts';
import { grantableFields } from './fields.ts';
import { listPurposes, type PurposeRow } from './purposes-repository.ts';

/** The services a receiving body reads the DRM through. */
const services = [
  {
    name: 'Lecture unitaire des ressources',
    route: 'POST /v1/drm/ressources',
    what: 'Les ressources mensuelles d’une personne, mois par mois, pour un dossier : identité, période, destinataire et finalité dans le corps de la requête.',
  },
  {
    name: 'Fenêtres de référence',
    route: 'POST /v1/drm/fenetres',
    what: 'Les trimestres de référence M-4 à M-2 et M-3 à M-1 en montant net social, mois manquants nommés.',
  },
  {
    name: 'Lecture en masse',
    route: 'POST /v1/drm/lots',
    what: 'Jusqu’à 100 000 personnes par lot (NDJSON), traité en tâche de fond : avancement et résultat dans l’ordre des lignes.',
  },
  {
    name: 'Flux des changements',
    route: 'PUT /v1/suivis, GET /v1/flux',
    what: 'Les personnes suivies sous une habilitation, puis les mois nouveaux ou modifiés de ces personnes, dans l’ordre, reprenables.',
  },
];

function page(purposes: PurposeRow[]): string {
  const e = escapeHtml;
  const serviceRows = services
    .map(
      (s) =>
        `<tr><th scope="row">${e(s.name)}</th><td><code>${e(s.route)}</code></td><td>${e(s.what)}</td></tr>`,
    )
    .join('');
  const purposeRows = purposes
    .map(
      (p) =>
        `<tr><th scope="row"><code>${e(p.code)}</code></th><td>${e(p.label)}</td><td>${e(p.legal_reference)}</td></tr>`,
    )
    .join('');
  const fieldRows = grantableFields
    .map((f) => `<tr><th scope="row"><code>${f}</code></th><td>${e(fieldLabels[f])}</td></tr>`)
    .join('');
  return `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<link rel="icon" href="/favicon.ico"><title>Catalogue de l’API — Relais</title><style>${reportStyle}
a{color:#000091}table{border-collapse:collapse;margin:.5rem 0 1.5rem}th,td{text-align:left;vertical-align:top;padding:.3rem .6rem;border-bottom:1px solid #ddd}caption{text-align:left;font-weight:bold;padding:.3rem 0}pre{background:#f6f6f6;padding:.6rem;overflow-x:auto}</style></head>
<body><header><p><a href="/">Relais</a></p><h1>Catalogue de l’API des organismes destinataires</h1>
<p>Les ressources mensuelles (DRM) lues par les organismes de protection sociale, chacun pour les finalités que la loi lui ouvre et les seuls champs qu’elles demandent.</p></header>
<main>
<section aria-labelledby="services"><h2 id="services">Services</h2>
<table><caption>Services de lecture de la DRM</caption><thead><tr><th scope="col">Service</th><th scope="col">Adresse</th><th scope="col">Ce qu’il rend</th></tr></thead><tbody>${serviceRows}</tbody></table>
<p>Description complète : <a href="/docs">documentation interactive</a> et description OpenAPI 3.1 <a href="/openapi.json">/openapi.json</a>.</p></section>
<section aria-labelledby="finalites"><h2 id="finalites">Finalités</h2>
<p>Une habilitation ouvre une finalité à un organisme ; chaque lecture dit sa finalité, son destinataire et son dossier.</p>
<table><caption>Finalités enregistrées sur ce serveur</caption><thead><tr><th scope="col">Code</th><th scope="col">Libellé</th><th scope="col">Texte qui la fonde</th></tr></thead><tbody>${purposeRows}</tbody></table></section>
<section aria-labelledby="champs"><h2 id="champs">Champs accordables</h2>
<p>Une réponse ne porte que les champs de l’habilitation : les autres sont absents, pas nuls ; et seulement les mois de sa profondeur.</p>
<table><caption>Champs qu’une habilitation peut accorder</caption><thead><tr><th scope="col">Champ</th><th scope="col">Contenu</th></tr></thead><tbody>${fieldRows}</tbody></table></section>
<section aria-labelledby="jeton"><h2 id="jeton">Obtenir un jeton</h2>
<p>L’opérateur crée l’habilitation (<code>relais habilitations add</code>) et remet à l’organisme son <code>client_id</code> et son <code>client_secret</code>. L’organisme obtient un jeton d’accès de courte durée (OAuth2, <code>client_credentials</code>, RFC 6749 §4.4), signé et vérifiable avec <a href="/.well-known/jwks.json">/.well-known/jwks.json</a>, puis le présente à chaque requête :</p>
<pre><code>curl -u "$CLIENT_ID:$CLIENT_SECRET" -d grant_type=client_credentials https://…/oauth/token
curl -H "Authorization: Bearer $JETON" …</code></pre>
<p>Le nombre de requêtes par minute et par jeton est limité ; les réponses portent les en-têtes <code>RateLimit-Limit</code>, <code>RateLimit-Remaining</code>, <code>RateLimit-Reset</code>, et <code>Retry-After</code> en cas de dépassement (429).</p></section>
</main></body></html>
`;
}

/** `/api/`: what a receiving body may read here, for whom, and how to get in. */
export const cataloguePage: FastifyPluginAsync<{ db: Kysely<Database> }> = async (app, { db }) => {
  app.get('/api/', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/html; charset=utf-8').send(page(await listPurposes(db))),
  );
};
