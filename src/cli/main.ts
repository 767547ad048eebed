import { Command, CommanderError, Option } from 'commander';
import { useJsonLoader } from '../core/referentials/source.ts';
import { nodeJsonLoader } from '../platform/node-json-loader.ts';
import { frenchError, frenchHelp } from './commander-french.ts';
import { exitCodes, UsageError } from './errors.ts';

// Each command's module is imported when the command runs: the server's (PGlite, Fastify) alone
// costs more than a second to load, which `relais check` on a small file should not pay.

// Package JSON files are parsed with `require`, far cheaper than modules under the TypeScript loader.
useJsonLoader(nodeJsonLoader);

// `relais … | head` closes the pipe early: that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const program = new Command();
program
  .name('relais')
  .description('Relais : auto-contrôle, dépôt et exploitation des déclarations DSN et PASRAU.')
  .version('0.1.0', '-v, --version', 'affiche la version')
  .helpOption('-h, --help', "affiche l'aide")
  .helpCommand('help [commande]', "affiche l'aide d'une commande")
  .exitOverride()
  .configureHelp(frenchHelp)
  .configureOutput({
    writeErr: (text) => process.stderr.write(text),
    outputError: (text, write) => write(frenchError(text)),
  })
  .showHelpAfterError('(« relais --help » ou « relais COMMANDE --help » : l’aide)');

program
  .command('check')
  .description(
    'Contrôle un ou plusieurs fichiers DSN/PASRAU selon la norme (code retour 0 conforme, 1 anomalie bloquante, 2 fichier illisible ou commande mal employée).',
  )
  .argument('<fichiers...>', 'fichiers à contrôler ; « - » pour l’entrée standard')
  .addOption(
    new Option('-f, --format <format>', 'format du rapport').choices(['text', 'json']).default('text'),
  )
  .option('-n, --norm <version>', 'version de norme à appliquer (par défaut celle de S10.G00.00.006)')
  .option('-l, --limit <n>', "nombre maximal d'anomalies détaillées", '200')
  .option('--no-controls', 'ne fait que les contrôles techniques (sans les contrôles officiels)')
  .option(
    '--tables <dossier>',
    'tables de référence fournies : un fichier <ID>.csv par table, un code par ligne',
  )
  .action(async (files: string[], options) => {
    process.exitCode = await (await import('./check-command.ts')).checkCommand(files, options);
  });

program
  .command('generate')
  .description(
    'Écrit une DSN synthétique réaliste (mensuelle, ou des signalements avec --nature) ou une PASRAU (--pasrau), conforme à la norme, éventuellement avec des anomalies connues.',
  )
  .option('-m, --month <AAAA-MM>', 'mois principal déclaré, par exemple 2025-06')
  .option('-e, --establishments <n>', "nombre d'établissements", '1')
  .option('-s, --employees <n>', 'nombre total de salariés, répartis entre les établissements')
  .option('--seed <n>', 'graine du tirage aléatoire (même graine, même fichier)', '1')
  .option(
    '--faults <taux>',
    'proportion de salariés recevant une anomalie connue, de 0 à 1 (clé dans FICHIER.faults.json)',
  )
  .option(
    '--faults-only <ids>',
    'contrôles officiels à déclencher, séparés par des virgules (S21.G00.30.001/CCH-14,…) : chacun à une ligne donnée dans FICHIER.faults.json ; seuls, ou avec --faults ; refus si l’un ne peut pas l’être',
  )
  .option(
    '--nature <code>',
    'nature de la déclaration : 01 DSN mensuelle (par défaut) ; signalements, une déclaration par salarié : 04 arrêt de travail, 05 reprise, 07 fin du contrat de travail unique, 08 amorçage, 10 déclaration préalable à l’embauche (à partir de 2026)',
  )
  .option('-n, --norm <version>', 'version de norme (par défaut celle de l’année du mois : P24V01 à P27V01)')
  .option('-o, --out <fichier>', 'fichier à écrire')
  .option(
    '--pasrau',
    'écrit une PASRAU (nature 11 : pensions, allocations chômage, indemnités journalières, invalidité) au lieu d’une DSN',
  )
  .option('--payers <n>', 'avec --pasrau : nombre de payeurs (caisses de retraite, France Travail, CPAM…)')
  .option('--beneficiaries <n>', 'avec --pasrau : nombre total de bénéficiaires, répartis entre les payeurs')
  .option(
    '--siren <siren>',
    'SIREN de l’entreprise déclarée (9 chiffres, clé de Luhn) : tous les établissements (ou payeurs) en font partie, pour déposer le fichier sous un déclarant de ce SIREN',
  )
  .option(
    '--siret <siret>',
    'SIRET du premier établissement (ou payeur) : SIREN + NIC, 14 chiffres, clé de Luhn ; les NIC des suivants en sont déduits',
  )
  .option(
    '--personnes <fichier>',
    'écrit aussi l’identité de chaque personne déclarée, une par ligne (NDJSON : nir, nom, prenoms, dateNaissance, dossier), prête pour une lecture en lot (POST /v1/drm/lots) ou un suivi (PUT /v1/suivis)',
  )
  .action(async (options) => {
    process.exitCode = await (await import('./generate-command.ts')).generateCommand(options);
  });

program
  .command('demo')
  .description('génère une DSN de démonstration avec quelques anomalies connues, puis la contrôle')
  .action(async () => {
    process.exitCode = await (await import('./demo-command.ts')).demoCommand();
  });

program
  .command('serve')
  .description(
    'démarre le service de dépôt (API HTTP, documentation sur /docs) : base embarquée dans ./data, ou PostgreSQL si DATABASE_URL est défini',
  )
  .option('--host <hôte>', 'adresse d’écoute (par défaut HOST ou 127.0.0.1)')
  .option('-p, --port <port>', 'port d’écoute (par défaut PORT ou 3000)')
  .option('--demo', 'charge des données de démonstration si la base est vide')
  .action(async (options) => {
    await (await import('./serve-command.ts')).serveCommand(options);
  });

const db = program.command('db').description('Administre la base de données.');
db.command('migrate')
  .description('met le schéma à jour (code retour 1 si une migration échoue)')
  .action(async () => {
    process.exitCode = await (await import('./db-command.ts')).dbMigrateCommand();
  });

program
  .command('ingest')
  .description(
    'dépose des fichiers DSN dans la base (contrôle, accusé de réception, intégration) ; un dossier : tous ses fichiers .dsn (code retour 0 tout accepté, 1 un rejet, 2 mauvais usage)',
  )
  .argument('<chemins...>', 'fichiers ou dossiers à déposer')
  .option('--declarant <id>', 'déposer au nom de ce déclarant (son périmètre est vérifié)')
  .addOption(
    new Option('-f, --format <format>', 'format du compte rendu').choices(['text', 'json']).default('text'),
  )
  .option('--api <url>', 'déposer par l’API d’un serveur en marche (par exemple http://127.0.0.1:3000)')
  .option('--token-file <fichier>', 'fichier contenant le jeton du déclarant, avec --api')
  .action(async (paths: string[], options) => {
    process.exitCode = await (await import('./ingest-command.ts')).ingestCommand(paths, options);
  });

const declarants = program
  .command('declarants')
  .description('Gère les déclarants et leurs jetons d’accès à l’API.');
declarants
  .command('add')
  .description(
    'crée un déclarant et affiche son jeton (une seule fois) ; serveur en marche sur la base embarquée : passe par son API',
  )
  .option('--name <nom>', 'nom du déclarant')
  .option('--scope <siren|siret>', 'SIREN (toute l’entreprise) ou SIRET (un établissement) couvert')
  .addOption(
    new Option('-f, --format <format>', 'text : le jeton seul ; json : {"id", "token", "scope"}')
      .choices(['text', 'json'])
      .default('text'),
  )
  .action(async (options) => {
    process.exitCode = await (await import('./declarants-command.ts')).declarantsAddCommand(options);
  });
declarants
  .command('list')
  .description('liste les déclarants (identifiant, périmètre, état, nom)')
  .addOption(new Option('-f, --format <format>', 'format').choices(['text', 'json']).default('text'))
  .action(async (options) => {
    process.exitCode = await (await import('./declarants-command.ts')).declarantsListCommand(options);
  });
declarants
  .command('revoke')
  .description('révoque le jeton d’un déclarant')
  .argument('<id>', 'identifiant du déclarant')
  .action(async (id: string) => {
    process.exitCode = await (await import('./declarants-command.ts')).declarantsRevokeCommand(id);
  });
declarants
  .command('link')
  .description(
    'rattache le compte d’une personne (son adresse) à un déclarant (SIREN ou SIRET) : elle agit pour lui dans l’espace déclarant',
  )
  .option('--compte <adresse>', 'adresse électronique de la personne, celle de son fournisseur d’identité')
  .option('--scope <siren|siret>', 'SIREN ou SIRET du déclarant')
  .option('--name <nom>', 'nom du déclarant, s’il faut le créer')
  .action(async (options) => {
    process.exitCode = await (await import('./declarants-command.ts')).declarantsLinkCommand(options);
  });
declarants
  .command('unlink')
  .description('retire un déclarant du portefeuille d’un compte')
  .option('--compte <adresse>', 'adresse électronique de la personne')
  .option('--scope <siren|siret>', 'SIREN ou SIRET du déclarant')
  .action(async (options) => {
    process.exitCode = await (await import('./declarants-command.ts')).declarantsUnlinkCommand(options);
  });
declarants
  .command('accounts')
  .description('liste les comptes de l’espace déclarant et leurs portefeuilles')
  .addOption(new Option('-f, --format <format>', 'format').choices(['text', 'json']).default('text'))
  .action(async (options) => {
    process.exitCode = await (await import('./declarants-command.ts')).declarantsAccountsCommand(options);
  });

const formatOption = () =>
  new Option('-f, --format <format>', 'format').choices(['text', 'json']).default('text');

const organismes = program
  .command('organismes')
  .description('Gère les organismes destinataires de la DRM (CAF, MSA, CPAM…).');
organismes
  .command('add')
  .description(
    'enregistre un organisme destinataire ; serveur en marche sur la base embarquée : passe par son API',
  )
  .option('--siret <siret>', 'SIRET de l’organisme (14 chiffres, clé de Luhn)')
  .option('--nom <nom>', 'nom de l’organisme')
  .action(async (options) => {
    process.exitCode = await (await import('./organismes-command.ts')).bodiesAddCommand(options);
  });
organismes
  .command('list')
  .description('liste les organismes (SIRET, état, nom)')
  .addOption(formatOption())
  .action(async (options) => {
    process.exitCode = await (await import('./organismes-command.ts')).bodiesListCommand(options);
  });
organismes
  .command('disable')
  .description(
    'désactive un organisme : ses habilitations ne délivrent plus de jeton, ses jetons sont refusés',
  )
  .argument('<siret>', 'SIRET de l’organisme')
  .action(async (siret: string) => {
    process.exitCode = await (await import('./organismes-command.ts')).bodiesDisableCommand(siret);
  });

const finalites = program
  .command('finalites')
  .description('Gère les finalités pour lesquelles un organisme lit les ressources (RSA_PPA, APL…).');
finalites
  .command('list')
  .description('liste les finalités (code, libellé, texte qui la fonde)')
  .addOption(formatOption())
  .action(async (options) => {
    process.exitCode = await (await import('./organismes-command.ts')).purposesListCommand(options);
  });
finalites
  .command('add')
  .description('ajoute une finalité')
  .option('--code <code>', 'code : majuscules, chiffres et « _ », par exemple RSA_PPA')
  .option('--libelle <libellé>', 'libellé')
  .option('--reference <texte>', 'référence juridique qui la fonde')
  .action(async (options) => {
    process.exitCode = await (await import('./organismes-command.ts')).purposesAddCommand(options);
  });

const habilitations = program
  .command('habilitations')
  .description(
    'Gère les habilitations des organismes (finalité, champs, profondeur) et leurs clients OAuth2.',
  );
habilitations
  .command('add')
  .description(
    'habilite un organisme pour une finalité et affiche, une seule fois, client_id et client_secret',
  )
  .option('--organisme <siret>', 'SIRET de l’organisme')
  .option('--finalite <code>', 'code de la finalité (relais finalites list)')
  .option('--base-legale <texte>', 'base légale de l’accès')
  .option(
    '--champs <champs>',
    'champs accordés, séparés par des virgules : netTaxable, netPaid, netSocial, gross, pasWithheld, payer, incomeClass, provenance, kind, source',
  )
  .option('--profondeur-mois <n>', 'nombre de mois lisibles, le mois courant compris (1 à 120)')
  .addOption(
    new Option(
      '-f, --format <format>',
      'text : client_id=… et client_secret=… ; json : {"id", "client_id", "client_secret", "siret", "finalite"}',
    )
      .choices(['text', 'json'])
      .default('text'),
  )
  .action(async (options) => {
    process.exitCode = await (await import('./habilitations-command.ts')).habilitationsAddCommand(options);
  });
habilitations
  .command('list')
  .description(
    'liste les habilitations (identifiant, organisme, finalité, état, client_id, champs, profondeur)',
  )
  .option('--organisme <siret>', 'celles de cet organisme seulement')
  .addOption(formatOption())
  .action(async (options) => {
    process.exitCode = await (await import('./habilitations-command.ts')).habilitationsListCommand(options);
  });
habilitations
  .command('show')
  .description('affiche une habilitation (sans son secret)')
  .argument('<id>', 'identifiant de l’habilitation')
  .addOption(formatOption())
  .action(async (id: string, options) => {
    process.exitCode = await (
      await import('./habilitations-command.ts')
    ).habilitationsShowCommand(id, options);
  });
habilitations
  .command('revoke')
  .description('révoque une habilitation : ses jetons sont refusés immédiatement')
  .argument('<id>', 'identifiant de l’habilitation')
  .action(async (id: string) => {
    process.exitCode = await (await import('./habilitations-command.ts')).habilitationsRevokeCommand(id);
  });
habilitations
  .command('rotate-secret')
  .description(
    'renouvelle le secret du client (affiché une seule fois) ; l’ancien et ses jetons sont refusés',
  )
  .argument('<id>', 'identifiant de l’habilitation')
  .addOption(formatOption())
  .action(async (id: string, options) => {
    process.exitCode = await (
      await import('./habilitations-command.ts')
    ).habilitationsRotateSecretCommand(id, options);
  });

const cles = program
  .command('cles')
  .description('Gère les clés qui signent les jetons d’accès des organismes.');
cles
  .command('rotate')
  .description(
    'crée une nouvelle clé de signature ; les précédentes vérifient encore leurs jetons jusqu’à expiration',
  )
  .action(async () => {
    process.exitCode = await (await import('./organismes-command.ts')).keysRotateCommand();
  });

program
  .command('replace')
  .description(
    "écrit la déclaration « annule et remplace » (type 03) d'un envoi mensuel déjà déposé, pour la déposer ensuite",
  )
  .argument('<fichier>', 'envoi déposé')
  .option('-o, --out <fichier>', 'fichier à écrire')
  .option('--date <JJMMAAAA>', 'date de constitution du nouveau fichier (par défaut aujourd’hui)')
  .action(async (file: string, options) => {
    process.exitCode = await (await import('./replace-command.ts')).replaceCommand(file, options);
  });

const drm = program
  .command('drm')
  .description(
    'Lit les ressources mensuelles d’une personne (DRM) dans la base locale ; refus explicite (code retour 1) si l’identité ne concorde pas.',
  );
const identityOptions = (command: Command) =>
  command
    .argument('<nir>', 'NIR à 15 caractères, clé comprise')
    .option('--nom <nom>', 'nom de naissance ou nom d’usage')
    .option('--prenoms <prénoms>', 'prénoms déclarés, ou le premier')
    .option('--naissance <AAAA-MM-JJ>', 'date de naissance')
    .option('--as-of <instant>', 'date de connaissance ISO 8601 (par défaut : maintenant)')
    .option('--finalite <code>', 'finalité de la lecture (RSA_PPA, APL…), inscrite dans la trace des accès')
    .option(
      '--dossier <référence>',
      'référence du dossier traité (1 à 64 caractères), inscrite dans la trace',
    )
    .option('--destinataire <siret>', 'SIRET de l’établissement qui utilisera les données (facultatif)')
    .addOption(new Option('-f, --format <format>', 'format').choices(['text', 'json']).default('text'));
identityOptions(
  drm
    .command('show')
    .description('ressources mois par mois, tous payeurs confondus, avec les lignes et leur provenance'),
)
  .option('--du <AAAA-MM>', 'premier mois (par défaut : onze mois avant --au)')
  .option('--au <AAAA-MM>', 'dernier mois (par défaut : le mois de --as-of)')
  .action(async (nir: string, options) => {
    process.exitCode = await (await import('./drm-command.ts')).drmShowCommand(nir, options);
  });
identityOptions(
  drm
    .command('fenetres')
    .description('fenêtres de référence M-2 à M-4 et M-1 à M-3 en montant net social, mois manquants nommés'),
)
  .option('--mois <AAAA-MM>', 'mois M (par défaut : le mois de --as-of)')
  .action(async (nir: string, options) => {
    process.exitCode = await (await import('./drm-command.ts')).drmWindowsCommand(nir, options);
  });

const trace = program
  .command('trace')
  .description('La trace des accès aux ressources : chaque lecture d’une personne, chaînée et signée.');
trace
  .command('verify')
  .description(
    'vérifie toute la trace (empreintes, chaîne, points de contrôle signés) ; code retour 1 en nommant la première entrée modifiée, supprimée, déplacée, ou une fin tronquée',
  )
  .action(async () => {
    process.exitCode = await (await import('./trace-command.ts')).traceVerifyCommand();
  });
trace
  .command('purge')
  .description(
    'supprime les entrées plus anciennes que la durée de conservation, derrière un point de contrôle signé qui garde la trace vérifiable',
  )
  .option('--conservation-mois <n>', 'durée de conservation en mois', '36')
  .action(async (options: { conservationMois: string }) => {
    process.exitCode = await (await import('./trace-command.ts')).tracePurgeCommand(options);
  });

const norm = program
  .command('norm')
  .description('Consulte le catalogue de la norme (DSN P19V01, P24V01 à P27V01 ; PASRAU).');
norm
  .command('list')
  .description('liste les versions de norme connues')
  .addOption(new Option('-f, --format <format>', 'format').choices(['text', 'json']).default('text'))
  .action(async (options) => {
    process.exitCode = await (await import('./norm-command.ts')).normListCommand(options);
  });
norm
  .command('diff')
  .description(
    'liste les blocs, rubriques, valeurs, usages et contrôles ajoutés, supprimés ou modifiés entre deux versions',
  )
  .argument('<de>', 'version de départ, par exemple P24V01')
  .argument('<a>', "version d'arrivée, par exemple P27V01")
  .addOption(new Option('-f, --format <format>', 'format').choices(['text', 'json']).default('text'))
  .action(async (from: string, to: string, options) => {
    process.exitCode = await (await import('./norm-command.ts')).normDiffCommand(from, to, options);
  });

const controls = program
  .command('controls')
  .description('Consulte le référentiel des contrôles officiels de la norme DSN.');
controls
  .command('list')
  .description(
    'liste les contrôles (identifiant, statut, versions, message ; --format json : toutes leurs propriétés)',
  )
  .addOption(new Option('-f, --format <format>', 'format').choices(['text', 'json']).default('text'))
  .addOption(
    new Option('--status <statut>', 'ne garde que ce statut').choices([
      'implemented',
      'needs-table',
      'not-applicable',
      'missing',
    ]),
  )
  .option('--category <catégorie>', 'ne garde que cette catégorie (CCH, SIG, CRE, CSL…)')
  .action(async (options) => {
    process.exitCode = await (await import('./controls-command.ts')).controlsListCommand(options);
  });
controls
  .command('show')
  .description('affiche un contrôle : règle et message de chaque version, statut, exemples')
  .argument('<id>', 'identifiant officiel, par exemple S21.G00.06.001/CSL-11')
  .addOption(new Option('-f, --format <format>', 'format').choices(['text', 'json']).default('text'))
  .action(async (id: string, options) => {
    process.exitCode = await (await import('./controls-command.ts')).controlsShowCommand(id, options);
  });
controls
  .command('coverage')
  .description('résume, par version et par catégorie, les contrôles couverts')
  .addOption(new Option('-f, --format <format>', 'format').choices(['text', 'json']).default('text'))
  .action(async (options) => {
    process.exitCode = await (await import('./controls-command.ts')).controlsCoverageCommand(options);
  });

controls
  .command('export')
  .description('écrit le référentiel publié (page HTML consultable hors ligne et JSON)')
  .option('--html <dossier>', 'dossier où écrire index.html, controls.json et les styles')
  .action(async (options) => {
    process.exitCode = await (await import('./controls-command.ts')).controlsExportCommand(options);
  });

// A function, not top-level await: the CLI also compiles as one CommonJS script (see scripts/build.mjs).
async function run(): Promise<void> {
  try {
    await program.parseAsync(process.argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? exitCodes.ok : exitCodes.usage;
    } else if (error instanceof UsageError) {
      process.stderr.write(`relais : ${error.message}\n`);
      process.exitCode = exitCodes.usage;
    } else {
      process.stderr.write(`relais : erreur inattendue : ${(error as Error).message}\n`);
      // Imported on this rare path only: `relais check` does not load the configuration.
      const { debugRequested } = await import('../platform/config.ts');
      if (debugRequested()) process.stderr.write(`${(error as Error).stack}\n`);
      process.exitCode = exitCodes.usage;
    }
  }
}

void run();
