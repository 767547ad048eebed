import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readmeSteps, type ReadmeStep } from './readme-commands.ts';
import {
  freePort,
  newcomerCheckout,
  normalise,
  removeCheckout,
  runLine,
  showsAsReadme,
  startInBackground,
  stop,
} from './readme-replay.ts';

/**
 * The README replayed as a newcomer follows it: a fresh checkout and data directory, every command
 * of its ```sh blocks in order, each ending as the README says (exit code, what it prints), and
 * every output block it shows equal to what its command prints at that point.
 *
 * What each command should do is written below, keyed by the command as the README spells it: a
 * command the README gains or changes without an entry here fails the test, so the two cannot
 * drift apart.
 */
interface Expectation {
  /** Exit code (0 when not said). */
  exit?: number;
  /** What its output (standard output and error together) must show. */
  shows?: RegExp[];
  /** A command that keeps running (the server): the replay goes on once this shows. */
  runsUntil?: RegExp;
  /** Not replayed, and why. */
  skip?: string;
  /** What the replay runs in its place, and why (`npm install`: the dependencies are linked). */
  instead?: { command: string; why: string };
}

const ready = /Relais (écoute sur |est prêt : )http:\/\/127\.0\.0\.1:\d+/;
const written = (file: string) => new RegExp(`Fichier ${file.replace('.', '\\.')} écrit`);

const expectations: Record<string, Expectation> = {
  'npm install && npm start': {
    instead: {
      command: 'node scripts/build.mjs && npm start',
      why: 'les dépendances sont liées depuis ce dépôt ; la compilation est ce que npm install lance ensuite',
    },
    runsUntil: ready,
  },
  'npm test': { skip: 'la suite de tests, dont ce test fait partie' },
  'npx relais generate --month 2026-01 --establishments 2 --employees 40 --seed 2026 --faults 0.1 --out demo.dsn':
    { shows: [written('demo.dsn'), /7 anomalies décrites dans demo\.dsn\.faults\.json/] },
  'npx relais check demo.dsn': { exit: 1, shows: [/NON CONFORME — 7 anomalies bloquantes/] },
  'npx relais generate --month 2026-01 --employees 50 --establishments 3 --faults-only S21.G00.30.001/CCH-14,S21.G00.40.010/CCH-12 --out essai.dsn':
    { shows: [written('essai.dsn'), /2 anomalies décrites dans essai\.dsn\.faults\.json/] },
  'npx relais check essai.dsn': {
    exit: 1,
    shows: [/S21\.G00\.30\.001\/CCH-14/, /S21\.G00\.40\.010\/CCH-12/],
  },
  "curl -sS 'http://127.0.0.1:3000/v1/controles?status=needs-table&version=P27V01'": {
    shows: [/"status":"needs-table"/],
  },
  'curl -sS http://127.0.0.1:3000/v1/controles/S21.G00.30.001/CCH-14': {
    shows: [/"id":"S21\.G00\.30\.001\/CCH-14"/],
  },
  'npx relais generate --month 2026-03 --establishments 2 --employees 40 --siren 552100554 --out mars.dsn': {
    shows: [written('mars.dsn')],
  },
  // The server of `npm start` still runs: the deposit goes through it.
  'npx relais ingest mars.dsn': { shows: [/passe par son API/, /✔ mars\.dsn — accepté/] },
  'npx relais replace mars.dsn --out mars-corrige.dsn && npx relais ingest mars-corrige.dsn': {
    shows: [/✔ mars-corrige\.dsn — accepté/, /annule et remplace intégral : conforme/],
  },
  'npx relais declarants add --name "Boulangerie Martin" --scope 552100554 --format json > declarant.json': {
    shows: [/créé pour le périmètre 552100554/],
  },
  'npx relais declarants list': { shows: [/Boulangerie Martin/] },
  'npx relais db migrate': {},
  'npx relais generate --month 2026-04 --employees 10 --seed 2 --siret 55210055400013 --out avril.dsn': {
    shows: [written('avril.dsn')],
  },
  'TOKEN=$(node -p "require(\'./declarant.json\').token")': {},
  "curl -sS -X POST 'http://127.0.0.1:3000/v1/depots?fileName=avril.dsn' -H \"Authorization: Bearer $TOKEN\" -H 'Content-Type: application/octet-stream' --data-binary @avril.dsn -o depot.json":
    {},
  'DEPOT=$(node -p "require(\'./depot.json\').acknowledgement.depositId")': {},
  'curl -sS -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:3000/v1/depots/$DEPOT/bilan"': {
    shows: [/"conform(ant)?":true|"CONFORME"|"accepted"/],
  },
  'curl -sS -H "Authorization: Bearer $TOKEN" \'http://127.0.0.1:3000/v1/declarations?siret=55210055400013&month=2026-04\'':
    { shows: [/55210055400013/] },
  'node -p "require(\'./declarant.json\').token" > jeton.txt': {},
  'npx relais generate --month 2026-05 --employees 10 --seed 2 --siret 55210055400013 --out mai.dsn': {
    shows: [written('mai.dsn')],
  },
  'npx relais ingest mai.dsn --api http://127.0.0.1:3000 --token-file jeton.txt': {
    shows: [/✔ mai\.dsn — accepté/],
  },
  'curl -sS -H "Authorization: Bearer $TOKEN" \'http://127.0.0.1:3000/v1/retours?limite=10\'': {
    shows: [/"kind":"ACCUSE_RECEPTION"/, /"kind":"CERTIFICAT_CONFORMITE"/],
  },
  'curl -sS -H "Authorization: Bearer $TOKEN" \'http://127.0.0.1:3000/v1/retours/compteurs?apres=0\'': {
    shows: [/"unread":[1-9]/, /"CERTIFICAT_CONFORMITE":2/],
  },
  'curl -sS -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:3000/v1/depots/$DEPOT/certificat" -o certificat.pdf -w \'%{http_code} %{content_type}\\n\'':
    { shows: [/200 application\/pdf/] },
  'curl -sS -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:3000/v1/depots/$DEPOT/certificat?format=json" -o certificat.json':
    {},
  'VERIF=$(node -p "require(\'./certificat.json\').verification")': {},
  'curl -sS "http://127.0.0.1:3000$VERIF"': {
    shows: [/Certificat de conformité authentique/, /55210055400013/],
  },
  'npx relais generate --month 2026-03 --establishments 1 --employees 3 --out mars.dsn': {
    shows: [written('mars.dsn')],
  },
  'npx relais drm show 179127226906662 --nom MICHEL --prenoms "ARNAUD ALAIN" --naissance 1979-12-16 --du 2026-01 --au 2026-04 --finalite RSA_PPA --dossier DEMO-1':
    { shows: [/2026-03 {2}net social 1\u202f840,46 €/, /Mois sans donnée : 2026-01, 2026-02, 2026-04/] },
  'npx relais drm fenetres 179127226906662 --nom MICHEL --prenoms ARNAUD --naissance 1979-12-16 --mois 2026-06 --finalite RSA_PPA --dossier DEMO-1':
    { shows: [/M2_M4/, /2026-02 à 2026-04 : montant net social 1\u202f840,46 €/] },
  'npx relais trace verify': { shows: [/Trace des accès intacte : [1-9][0-9]* entrées/] },
  'npx relais trace purge': { shows: [/Aucune entrée de plus de 36 mois\./] },
  'OP=$(cat data/operator-token.txt)': {},
  'curl -sS -H "Authorization: Bearer $OP" -H \'Content-Type: application/json\' http://127.0.0.1:3000/v1/drm/ressources -d \'{"nir":"179127226906662","nom":"MICHEL","prenoms":"ARNAUD ALAIN","dateNaissance":"1979-12-16","du":"2026-01","au":"2026-04","finalite":"RSA_PPA","dossier":"DEMO-1"}\'':
    { shows: [/1840\.46/] },
  'curl -sS -H "Authorization: Bearer $OP" -H \'Content-Type: application/json\' http://127.0.0.1:3000/v1/drm/fenetres -d \'{"nir":"179127226906662","nom":"MICHEL","prenoms":"ARNAUD","dateNaissance":"1979-12-16","mois":"2026-06","finalite":"RSA_PPA","dossier":"DEMO-1"}\'':
    { shows: [/M2_M4/, /1840\.46/] },
  'npx relais organismes add --siret 53428700000010 --nom "MSA de démonstration"': {
    shows: [/Organisme MSA de démonstration \(53428700000010\) enregistré/],
  },
  'npx relais habilitations add --organisme 53428700000010 --finalite ASPA --base-legale "CSS L.815-1" --champs netSocial,netPaid --profondeur-mois 24 --format json > habilitation.json':
    {
      shows: [
        /Habilitation créée [0-9a-f-]{36} : organisme 53428700000010, finalité ASPA, champs netPaid, netSocial, 24 mois/,
      ],
    },
  'HAB=$(jq -r .id habilitation.json)': {},
  'npx relais habilitations list --organisme 53428700000010': {
    shows: [/53428700000010 {2}ASPA +active +rlc_[0-9a-f]{24} {2}netPaid,netSocial {2}24 mois/],
  },
  'npx relais habilitations rotate-secret $HAB --format json > habilitation.json': {
    shows: [/Nouveau secret pour l’habilitation/],
  },
  'npx relais habilitations revoke $HAB': { shows: [/révoquée : ses jetons sont refusés dès maintenant/] },
  'CLIENT_ID=$(jq -r .client_id data/demo-organisme.json)': {},
  'CLIENT_SECRET=$(jq -r .client_secret data/demo-organisme.json)': {},
  'curl -sS -u "$CLIENT_ID:$CLIENT_SECRET" -d grant_type=client_credentials http://127.0.0.1:3000/oauth/token':
    {
      shows: [/"token_type":"Bearer"/, /"expires_in":900/, /"scope":"RSA_PPA netSocial"/],
    },
  'curl -sS http://127.0.0.1:3000/.well-known/jwks.json': { shows: [/"kty":"EC"/, /"alg":"ES256"/] },
  'ACCESS=$(curl -sS -u "$CLIENT_ID:$CLIENT_SECRET" -d grant_type=client_credentials http://127.0.0.1:3000/oauth/token | jq -r .access_token)':
    {},
  'SIRET=$(jq -r .siret data/demo-organisme.json)': {},
  'curl -sS -H "Authorization: Bearer $ACCESS" -H \'Content-Type: application/json\' http://127.0.0.1:3000/v1/drm/ressources -d \'{"nir":"179127226906662","nom":"MICHEL","prenoms":"ARNAUD ALAIN","dateNaissance":"1979-12-16","du":"2026-03","au":"2026-03","destinataire":"\'"$SIRET"\'","finalite":"RSA_PPA","dossier":"CAF-0042"}\'':
    {
      // netSocial, and no other amount: the demo CAF's habilitation grants that field alone.
      shows: [
        /"totals":\{"netSocial":"1840\.46"\}/,
        /"lines":\[\{"paymentDate":"2026-03-31","amounts":\{"netSocial":"1840\.46"\}\}\]/,
      ],
    },
  'npx relais generate --month 2026-03 --employees 1000 --seed 12 --out lot.dsn --personnes lot.ndjson': {
    shows: [written('lot.dsn'), /1\u202f000 personnes déclarées écrites dans lot\.ndjson/],
  },
  'npx relais ingest lot.dsn': { shows: [/passe par son API/, /✔ lot\.dsn — accepté/] },
  'LOT=$(curl -sS -o /dev/null -w \'%header{location}\' -H "Authorization: Bearer $ACCESS" -H \'Content-Type: application/x-ndjson\' --data-binary @lot.ndjson "http://127.0.0.1:3000/v1/drm/lots?destinataire=$SIRET&finalite=RSA_PPA&du=2026-03&au=2026-03")':
    {},
  'until curl -sS -H "Authorization: Bearer $ACCESS" "http://127.0.0.1:3000$LOT" | grep -q \'"etat":"termine"\'; do sleep 1; done':
    {},
  'curl -sS -H "Authorization: Bearer $ACCESS" "http://127.0.0.1:3000$LOT/resultat" | grep -c \'"resultat"\'':
    {
      shows: [/^1000$/m],
    },
  'head -1 lot.ndjson > suivi.ndjson': {},
  'curl -sS -X PUT -H "Authorization: Bearer $ACCESS" -H \'Content-Type: application/x-ndjson\' --data-binary @suivi.ndjson http://127.0.0.1:3000/v1/suivis':
    { shows: [/"suivies":1/] },
  'npx relais generate --month 2026-04 --employees 1000 --seed 12 --out lot-avril.dsn': {
    shows: [written('lot-avril.dsn')],
  },
  'npx relais ingest lot-avril.dsn': { shows: [/✔ lot-avril\.dsn — accepté/] },
  'curl -sS -H "Authorization: Bearer $ACCESS" \'http://127.0.0.1:3000/v1/flux?apres=0\'': {
    shows: [/"mois":"2026-04","nature":"ajout"/],
  },
  'curl -sS -X PUT -H "Authorization: Bearer $ACCESS" -H \'Content-Type: application/json\' -d \'{"url":"http://127.0.0.1:8080/relais/flux"}\' http://127.0.0.1:3000/v1/flux/webhook':
    { shows: [/"etat":"actif"/, /"secret":"whsec_[A-Za-z0-9+/]{43}="/] },
  'npx relais generate --pasrau --month 2026-04 --payers 4 --beneficiaries 200 --seed 7 --out avril.pasrau': {
    shows: [/avril\.pasrau écrit : PASRAU/],
  },
  'npx relais check avril.pasrau': { shows: [/déclaration PASRAU · norme PASRAU-2017\.6/] },
  'npx relais ingest avril.pasrau': { shows: [/passe par son API/, /✔ avril\.pasrau — accepté/] },
};

const root = join(import.meta.dirname, '..');
const steps = readmeSteps(readFileSync(join(root, 'README.md'), 'utf8'));
const commands = steps.filter((step) => step.kind === 'command').map((step) => step.command);

describe('README', () => {
  it('has what each of its commands should do written in this test, and nothing more', () => {
    expect(commands.filter((command) => !(command in expectations))).toEqual([]);
    expect(Object.keys(expectations).filter((command) => !commands.includes(command))).toEqual([]);
  });
});

describe('README, replayed from a fresh checkout in its order', () => {
  let checkout: string;
  let port: number;
  let env: NodeJS.ProcessEnv;
  let server: ChildProcess | null = null;
  /**
   * The variables set by earlier lines (`OP=$(cat …)`), as `NAME='value'` lines run before each later
   * line: a shell keeps the value, it does not run the command again (`LOT=$(curl -X POST …)` submits
   * one lot, not one per later line).
   */
  const variables: string[] = [];
  const valueMark = /@@RELAIS-VALEUR@@(.*)@@RELAIS-FIN@@\n?/s;

  beforeAll(async () => {
    checkout = newcomerCheckout(root);
    port = await freePort();
    // The README's address is http://127.0.0.1:3000; the replay's server takes a free port.
    env = { ...process.env, PORT: String(port) };
    // A newcomer's machine: the embedded database in ./data, whatever the developer's settings.
    for (const name of ['RELAIS_DATA_DIR', 'DATABASE_URL', 'RELAIS_OPERATOR_TOKEN', 'LOG_LEVEL'])
      delete env[name];
  }, 120_000);

  afterAll(async () => {
    if (server) await stop(server);
    if (checkout) removeCheckout(checkout);
  }, 60_000);

  const at = (step: ReadmeStep) => `README.md:${step.line}`;
  const onPort = (line: string) => line.replaceAll('127.0.0.1:3000', `127.0.0.1:${port}`);

  for (const step of steps) {
    if (step.kind === 'output') {
      it(`${at(step)} shows what « ${step.command} » prints`, () => {
        const run = runLine(onPort(step.command), checkout, env, 600_000);
        const shown = showsAsReadme(step.expected, run.output);
        expect(shown, `${at(step)} :\n${normalise(run.output)}`).toBe(true);
      }, 600_000);
      continue;
    }
    const expectation = expectations[step.command] ?? {};
    const test = expectation.skip ? it.skip : it;
    test(`${at(step)} ${step.command}`, async () => {
      const command = onPort(expectation.instead?.command ?? step.command);
      if (expectation.runsUntil) {
        const started = await startInBackground(
          command.replace(/\s*&$/, ''),
          checkout,
          env,
          expectation.runsUntil,
          300_000,
        );
        server = started.process;
        for (const pattern of expectation.shows ?? []) expect(started.output()).toMatch(pattern);
        return;
      }
      const name = /^([A-Z_]+)=/.exec(step.command)?.[1];
      const keep =
        name === undefined
          ? []
          : ['status=$?', `printf '@@RELAIS-VALEUR@@%s@@RELAIS-FIN@@\\n' "$${name}"`, 'exit $status'];
      const run = runLine([...variables, command, ...keep].join('\n'), checkout, env, 600_000);
      expect(run.code, `${at(step)} : ${run.output}`).toBe(expectation.exit ?? 0);
      const value = valueMark.exec(run.output)?.[1];
      const output = run.output.replace(valueMark, '');
      for (const pattern of expectation.shows ?? []) expect(output, at(step)).toMatch(pattern);
      if (name !== undefined) {
        expect(value, `${at(step)} : ${name} vide`).toBeTruthy();
        variables.push(`${name}='${value!.replaceAll("'", "'\\''")}'`);
      }
    }, 600_000);
  }
});
