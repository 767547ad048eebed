import type { Edit } from '../examples/edit.ts';
import { listItemOf, type ReferentialEntry } from './referential.ts';

/** One control as the published page shows it. */
interface PageEntry {
  id: string;
  category: string;
  rubric: string;
  severity: string;
  status: string;
  reason?: string;
  message: string;
  /** Runs of consecutive versions with the same text; `changed` when the text differs from the run before. */
  versions: { versions: string[]; description: string; message: string; changed: boolean }[];
  examples: { title: string; fails: boolean; edits: string[]; versions?: readonly string[] }[];
}

/** An edit in French, as a declarant reads it. */
export function describeEdit(edit: Edit): string {
  const nth = (o?: number | 'all') =>
    o === undefined || o === 1 ? '' : o === 'all' ? ' (toutes)' : ` (occurrence ${o})`;
  if ('set' in edit) return `${edit.set},'${edit.value}'${nth(edit.occurrence)}`;
  if ('remove' in edit) return `supprimer ${edit.remove}${nth(edit.occurrence)}`;
  if ('insertAfter' in edit)
    return `après ${edit.insertAfter}${nth(edit.occurrence)} : ${edit.lines.join(' ')}`;
  if ('insertBefore' in edit)
    return `avant ${edit.insertBefore}${nth(edit.occurrence)} : ${edit.lines.join(' ')}`;
  return `supprimer le bloc ${edit.removeBlock}${nth(edit.occurrence)}`;
}

function pageEntry(e: ReferentialEntry): PageEntry {
  const runs: PageEntry['versions'] = [];
  for (const v of e.versions) {
    const last = runs.at(-1);
    if (last && last.description === v.description && last.message === v.message)
      last.versions.push(v.version);
    else
      runs.push({
        versions: [v.version],
        description: v.description,
        message: v.message,
        changed: last !== undefined,
      });
  }
  return {
    ...listItemOf(e),
    versions: runs,
    examples: e.examples.map((x) => ({
      title: x.title,
      fails: x.fails,
      edits: x.edits.map(describeEdit),
      ...(x.versions ? { versions: x.versions } : {}),
    })),
  };
}

/** JSON safe inside a <script> element. */
function embed(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/**
 * The published referential: a single page, usable offline (the data is embedded), searchable by id,
 * rubric or text, filterable by category, status and version, styled with the State design system.
 */
export function renderReferential(entries: ReferentialEntry[], generatedAt: string): string {
  const data = entries.map(pageEntry);
  return `<!doctype html>
<html lang="fr" data-fr-scheme="system">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Référentiel des contrôles DSN — Relais</title>
<link rel="stylesheet" href="dsfr/dsfr.min.css">
<style>
  .controle { border-bottom: 1px solid var(--border-default-grey); padding: .75rem 0; }
  .controle summary { cursor: pointer; }
  .controle pre { white-space: pre-wrap; font-size: .85rem; }
  .changed { border-left: 4px solid var(--border-plain-warning); padding-left: .5rem; }
  #compte { margin: 1rem 0; }
</style>
</head>
<body>
<header role="banner" class="fr-header"><div class="fr-header__body"><div class="fr-container"><div class="fr-header__body-row">
  <div class="fr-header__brand fr-enlarge-link"><div class="fr-header__brand-top"><div class="fr-header__logo"><p class="fr-logo">République<br>Française</p></div></div>
  <div class="fr-header__service"><p class="fr-header__service-title">Relais</p><p class="fr-header__service-tagline">Référentiel des contrôles de la norme DSN</p></div></div>
</div></div></div></header>
<main id="contenu" class="fr-container fr-my-4w" role="main">
  <h1>Contrôles de la norme DSN</h1>
  <p>Les contrôles officiels des versions P24V01 à P27V01 (feuilles « Messages » des cahiers techniques), leur statut dans Relais, leurs exemples exécutables et ce qui change d'une version à l'autre. Généré le ${generatedAt}.</p>
  <div class="fr-grid-row fr-grid-row--gutters">
    <div class="fr-col-12 fr-col-md-6"><div class="fr-input-group"><label class="fr-label" for="recherche">Rechercher (identifiant, rubrique, texte)</label><input class="fr-input" id="recherche" type="search" placeholder="S21.G00.40.007, montant net social…"></div></div>
    <div class="fr-col-4 fr-col-md-2"><div class="fr-select-group"><label class="fr-label" for="categorie">Catégorie</label><select class="fr-select" id="categorie"><option value="">Toutes</option><option>CCH</option><option>SIG</option><option>CRE</option><option>CSL</option><option>CST</option><option>CME</option><option>CID</option></select></div></div>
    <div class="fr-col-4 fr-col-md-2"><div class="fr-select-group"><label class="fr-label" for="statut">Statut</label><select class="fr-select" id="statut"><option value="">Tous</option><option value="implemented">implémenté</option><option value="needs-table">table requise</option><option value="not-applicable">non applicable</option><option value="missing">à écrire</option></select></div></div>
    <div class="fr-col-4 fr-col-md-2"><div class="fr-select-group"><label class="fr-label" for="version">Version</label><select class="fr-select" id="version"><option value="">Toutes</option><option>P24V01</option><option>P25V01</option><option>P26V01</option><option>P27V01</option></select></div></div>
  </div>
  <p id="compte" aria-live="polite"></p>
  <div id="liste"></div>
</main>
<script type="application/json" id="donnees">${embed(data)}</script>
<script>
const controles = JSON.parse(document.getElementById('donnees').textContent);
const statuts = { implemented: 'implémenté', 'needs-table': 'table requise', 'not-applicable': 'non applicable', missing: 'à écrire' };
const badge = { implemented: 'fr-badge--success', 'needs-table': 'fr-badge--warning', 'not-applicable': 'fr-badge--info', missing: 'fr-badge--error' };
const el = (tag, attrs = {}, ...children) => { const e = document.createElement(tag); for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v); for (const c of children) e.append(c); return e; };
function carte(c) {
  const d = el('details', { class: 'controle', id: c.id });
  d.append(el('summary', {}, el('strong', {}, c.id), ' ', el('span', { class: 'fr-badge fr-badge--sm ' + badge[c.status] }, statuts[c.status]), ' ', el('span', { class: 'fr-badge fr-badge--sm' }, c.severity === 'blocking' ? 'bloquant' : 'non bloquant'), ' — ', c.message));
  if (c.reason) d.append(el('p', { class: 'fr-text--sm' }, c.reason));
  for (const v of c.versions) {
    const titre = v.versions.length > 1 ? v.versions[0] + ' à ' + v.versions[v.versions.length - 1] : v.versions[0];
    const bloc = el('div', { class: v.changed ? 'changed' : '' }, el('h3', { class: 'fr-h6 fr-mt-2w' }, titre + (v.changed ? ' — texte modifié' : '')), el('p', {}, el('strong', {}, 'Règle : '), v.description), el('p', {}, el('strong', {}, 'Message : '), v.message));
    d.append(bloc);
  }
  if (c.examples.length) {
    d.append(el('h3', { class: 'fr-h6 fr-mt-2w' }, 'Exemples exécutables'));
    for (const x of c.examples) d.append(el('div', {}, el('p', {}, (x.fails ? '✗ signalé : ' : '✓ accepté : ') + x.title + (x.versions ? ' (' + x.versions.join(', ') + ')' : '')), el('pre', {}, x.edits.join('\\n'))));
  }
  return d;
}
function afficher() {
  const q = document.getElementById('recherche').value.trim().toLowerCase();
  const cat = document.getElementById('categorie').value;
  const st = document.getElementById('statut').value;
  const ver = document.getElementById('version').value;
  const liste = document.getElementById('liste');
  const retenus = controles.filter((c) => (!cat || c.category === cat) && (!st || c.status === st) && (!ver || c.versions.some((v) => v.versions.includes(ver))) && (!q || (c.id + ' ' + c.versions.map((v) => v.description + ' ' + v.message).join(' ')).toLowerCase().includes(q)));
  document.getElementById('compte').textContent = retenus.length + ' contrôle' + (retenus.length > 1 ? 's' : '') + ' sur ' + controles.length;
  liste.replaceChildren(...retenus.slice(0, 400).map(carte));
}
for (const id of ['recherche', 'categorie', 'statut', 'version']) document.getElementById(id).addEventListener('input', afficher);
afficher();
// A report links a control as /referentiel/#ID: only the first 400 cards are drawn, so the control
// is searched for when it is not among them, then opened.
function montrer() {
  if (!location.hash) return;
  const id = decodeURIComponent(location.hash.slice(1));
  if (!document.getElementById(id) && controles.some((c) => c.id === id)) {
    document.getElementById('recherche').value = id;
    afficher();
  }
  const carte = document.getElementById(id);
  if (carte) { carte.setAttribute('open', ''); carte.scrollIntoView(); }
}
window.addEventListener('hashchange', montrer);
montrer();
</script>
</body>
</html>
`;
}
