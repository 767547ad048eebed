import { reportStyle } from '../core/check/report-html.ts';

/** What a person opening the server's address finds: the pages for people, and the API's. */
export const homePage = `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<link rel="icon" href="/favicon.ico"><title>Relais</title><style>${reportStyle}
li{margin:.6rem 0}a{color:#000091}</style></head>
<body><header><h1>Relais</h1><p>Auto-contrôle, dépôt et ressources mensuelles des déclarations DSN et PASRAU</p></header>
<main><section><ul>
<li><a href="/espace/"><strong>Espace déclarant</strong></a> : se connecter, suivre les dépôts de son entreprise ou de ses clients, déposer un fichier.</li>
<li><a href="/auto-controle/"><strong>Auto-contrôle</strong></a> : contrôler une DSN ou une PASRAU dans votre navigateur, sans l'envoyer.</li>
<li><a href="/referentiel/"><strong>Référentiel des contrôles</strong></a> : les contrôles officiels de la norme DSN, leurs messages, leurs exemples, ce qui change d'une version à l'autre.</li>
<li><a href="/api/"><strong>Catalogue de l'API des organismes</strong></a> : les services de lecture de la DRM, les finalités, les champs accordables et comment obtenir un jeton.</li>
<li><a href="/docs"><strong>API</strong></a> : dépôt des déclarations, bilans, déclarations, ressources mensuelles (DRM), contrôles (OpenAPI 3.1 : <a href="/openapi.json">/openapi.json</a>).</li>
</ul></section></main></body></html>
`;
