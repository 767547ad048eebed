import { favicon } from './favicon.ts';

/**
 * The API explorer (`/docs`) in French. Swagger UI has no translations (its words are literals of
 * its React components) and @fastify/swagger-ui offers only a theme: a title, stylesheets, scripts
 * and icons. The script below rewrites, in the page, every text and attribute that is exactly one
 * of Swagger UI's English labels, as the components render or re-render it; the stylesheet
 * replaces the one word Swagger UI writes from CSS (« required »). What stays English is what
 * Swagger UI builds from parts (a few validation messages with values inside) and the words of
 * the API's own document, which are French already.
 */

/** Swagger UI's labels (swagger-ui-bundle.js, 5.x) and their French. */
export const swaggerUiLabels: Record<string, string> = {
  'Try it out': 'Essayer',
  Cancel: 'Annuler',
  Execute: 'Exécuter',
  Clear: 'Effacer',
  Authorize: 'S’authentifier',
  Authorized: 'Authentifié',
  Logout: 'Se déconnecter',
  Close: 'Fermer',
  'Available authorizations': 'Authentifications disponibles',
  Parameters: 'Paramètres',
  'No parameters': 'Aucun paramètre',
  Name: 'Nom',
  Responses: 'Réponses',
  Response: 'Réponse',
  'Response body': 'Corps de la réponse',
  'Response headers': 'En-têtes de la réponse',
  'Request body': 'Corps de la requête',
  'Request URL': 'URL de la requête',
  'Server response': 'Réponse du serveur',
  Details: 'Détails',
  Links: 'Liens',
  'No links': 'Aucun lien',
  'Media type': 'Type de média',
  'Parameter content type': 'Type de contenu du paramètre',
  'Response content type': 'Type de contenu de la réponse',
  'Example Value': 'Exemple',
  Example: 'Exemple',
  'Examples:': 'Exemples :',
  'Example Description': 'Description de l’exemple',
  'Edit Value': 'Modifier',
  Schema: 'Schéma',
  Schemas: 'Schémas',
  Download: 'Télécharger',
  Servers: 'Serveurs',
  'Value:': 'Valeur :',
  'Headers:': 'En-têtes :',
  'Username:': 'Utilisateur :',
  'Password:': 'Mot de passe :',
  'Scopes:': 'Portées :',
  'Send empty value': 'Envoyer une valeur vide',
  'Default value': 'Valeur par défaut',
  'Available values': 'Valeurs possibles',
  Undocumented: 'Non documenté',
  Errors: 'Erreurs',
  Hide: 'Masquer',
  'Expand all': 'Tout déplier',
  'Collapse all': 'Tout replier',
  'Loading...': 'Chargement…',
  'Failed to fetch.': 'Échec de la requête.',
  'Possible Reasons:': 'Causes possibles :',
  'Network Failure': 'Panne du réseau',
  'Please correct the following validation errors and try again.':
    'Corrigez les erreurs suivantes, puis réessayez.',
  'Required field is not provided': 'Champ obligatoire absent',
  'Value must be a string': 'La valeur doit être un texte',
  'Value must be a number': 'La valeur doit être un nombre',
  'Value must be an integer': 'La valeur doit être un nombre entier',
  'Value must be a boolean': 'La valeur doit être true ou false',
  'Value must be a DateTime': 'La valeur doit être une date et heure',
  'Value must be a Guid': 'La valeur doit être un identifiant UUID',
  'Unable to render this definition': 'Impossible d’afficher cette définition',
  'Copy to clipboard': 'Copier',
  'select all': 'tout choisir',
  'select none': 'ne rien choisir',
  Explore: 'Explorer',
  'Skip to operations': 'Aller aux opérations',
  // @fastify/swagger's description of a response that has none of its own.
  'Default Response': 'Réponse',
  Model: 'Modèle',
  Reset: 'Réinitialiser',
  'Request duration': 'Durée de la requête',
  'Server variables': 'Variables du serveur',
  'Enum:': 'Valeurs possibles :',
  'Media Type': 'Type de média',
  Default: 'Par défaut',
  Examples: 'Exemples',
  Value: 'Valeur',
  Error: 'Erreur',
  'Filter by tag': 'Filtrer par rubrique',
  'No operations defined in spec!': 'Aucune opération n’est décrite.',
  // The schema types, which Swagger UI writes alone in their element; composed ones
  // (`array[string]`, `string($uuid)`) stay as written.
  string: 'texte',
  integer: 'entier',
  number: 'nombre',
  boolean: 'booléen',
  object: 'objet',
  array: 'liste',
};

/**
 * Labels Swagger UI writes in several pieces (`(`, `query`, `)`; `Controls `, `<code>Accept</code>`,
 * ` header.`): the element whose whole text is one of them gets the French text whole.
 */
export const swaggerUiPhrases: Record<string, string> = {
  '(query)': '(requête)',
  '(path)': '(chemin)',
  '(header)': '(en-tête)',
  'Controls Accept header.': 'Détermine l’en-tête Accept.',
};

/**
 * Runs in the browser after Swagger UI: translates the page once, then whatever React adds or
 * changes. A text is replaced only when its trimmed content is a label, so names and values of the
 * API never are; a French text is no label, so its own mutation ends there. A string, not a
 * function's source: the bundler may rename or wrap a function's inner names (`keepNames`).
 */
const script = `(function (labels, phrases) {
  document.documentElement.lang = 'fr';
  var attributes = ['title', 'aria-label', 'placeholder', 'value'];
  function french(text) {
    if (text === null) return null;
    var key = text.trim();
    if (!Object.prototype.hasOwnProperty.call(labels, key) || labels[key] === key) return null;
    return text.replace(key, labels[key]);
  }
  function translate(node) {
    if (node.nodeType === Node.TEXT_NODE) {
      var text = french(node.nodeValue);
      if (text !== null) node.nodeValue = text;
      return;
    }
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    var whole = node.childNodes.length > 1 ? node.textContent.trim() : '';
    if (Object.prototype.hasOwnProperty.call(phrases, whole)) {
      node.textContent = phrases[whole];
      return;
    }
    attributes.forEach(function (name) {
      // An input's value is what the user types: only buttons' values are labels.
      if (name === 'value' && !(node.tagName === 'INPUT' && node.type === 'button')) return;
      var value = french(node.getAttribute(name));
      if (value !== null) node.setAttribute(name, value);
    });
    Array.prototype.forEach.call(node.childNodes, translate);
  }
  new MutationObserver(function (records) {
    records.forEach(function (record) {
      if (record.type !== 'childList') translate(record.target);
      Array.prototype.forEach.call(record.addedNodes, translate);
    });
  }).observe(document.body, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
    attributeFilter: attributes,
  });
  translate(document.body);
})(${JSON.stringify(swaggerUiLabels)}, ${JSON.stringify(swaggerUiPhrases)});
`;

/** « required » is written by Swagger UI's stylesheet after a mandatory parameter's name. */
const style = '.swagger-ui .parameter__name.required:after{content:"obligatoire"}\n';

/** The `theme` option of @fastify/swagger-ui. */
export function docsTheme() {
  return {
    title: 'Relais — API : documentation et essais',
    js: [{ filename: 'relais-fr.js', content: script }],
    css: [{ filename: 'relais-fr.css', content: style }],
    favicon: [
      { filename: 'favicon.ico', rel: 'icon', type: 'image/x-icon', sizes: '32x32', content: favicon() },
    ],
  };
}
