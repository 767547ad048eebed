import { randomUUID } from 'node:crypto';
import type { Amounts, PersonQuery, ResourcesAnswer, WindowsAnswer } from '../features/drm/read.ts';
import type { MinimisedResources } from '../features/exchange/minimise.ts';
import type { ReadContext } from '../features/exchange/read-context.ts';
import {
  readResourcesTraced,
  readWindowsTraced,
  type ReadOutcome,
  type TraceStore,
} from '../features/exchange/traced-read.ts';
import { loadTraceKeys } from '../features/exchange/trace/keys.ts';
import { addMonths, monthOf } from '../features/drm/months.ts';
import { operator } from '../platform/auth/operator.ts';
import { AppError } from '../platform/errors.ts';
import { exitCodes, UsageError } from './errors.ts';
import type { ServerClient } from './server-client.ts';
import { cliConfig, cliDatabase, cliLogger } from './store-access.ts';

export interface DrmCommandOptions {
  nom?: string;
  prenoms?: string;
  naissance?: string;
  asOf?: string;
  du?: string;
  au?: string;
  mois?: string;
  finalite?: string;
  dossier?: string;
  destinataire?: string;
  format: string;
}

const month = /^[0-9]{4}-(0[1-9]|1[0-2])$/;

/**
 * The operator's read states its purpose and case like a body's, and is traced under them; the
 * recipient is optional (the operator may read for no body).
 */
function readContext(options: DrmCommandOptions): ReadContext & { caseReference: string } {
  if (!options.finalite || !options.dossier) {
    throw new UsageError(
      '--finalite (RSA_PPA, APL…) et --dossier (référence du dossier traité) sont obligatoires : toute lecture est tracée avec son motif.',
    );
  }
  return {
    recipient: options.destinataire ?? null,
    purpose: options.finalite,
    requestId: `cli-${randomUUID()}`,
    caseReference: options.dossier,
  };
}

function personQuery(nir: string, options: DrmCommandOptions): PersonQuery {
  const { nom, prenoms, naissance } = options;
  if (!nom || !prenoms || !naissance) {
    throw new UsageError(
      '--nom, --prenoms et --naissance (AAAA-MM-JJ) sont obligatoires : pas de lecture sans identité.',
    );
  }
  if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(naissance)) throw new UsageError('--naissance attend AAAA-MM-JJ.');
  let asOf: Date | undefined;
  if (options.asOf !== undefined) {
    asOf = new Date(options.asOf);
    if (Number.isNaN(asOf.getTime()))
      throw new UsageError(`--as-of illisible : « ${options.asOf} » (ISO 8601 attendu).`);
  }
  return {
    nir,
    identity: { lastName: nom, firstNames: prenoms, birthDate: naissance },
    ...(asOf ? { asOf } : {}),
  };
}

/** `1234567.80` → `1 234 567,80 €`, from the digits themselves: no float in between. */
function euros(value: string | null): string {
  if (value === null) return '—';
  const [units = '', cents] = value.replace(/^-/, '').split('.');
  const grouped = units.replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
  return `${value.startsWith('-') ? '-' : ''}${grouped}${cents !== undefined ? `,${cents}` : ''} €`;
}

const amountsText = (a: Amounts) =>
  `net social ${euros(a.netSocial)} · net versé ${euros(a.netPaid)} · net fiscal ${euros(a.netTaxable)} · ` +
  `brut ${euros(a.gross)} · PAS ${euros(a.pasWithheld)}`;

function resourcesText(answer: ResourcesAnswer): string {
  const out = [`Ressources du NIR ${answer.nir}, telles que connues le ${answer.asOf}`, ''];
  for (const m of answer.months) {
    out.push(`${m.month}  ${m.lines.length === 0 ? m.status.libelle : amountsText(m.totals)}`);
    for (const l of m.lines) {
      out.push(
        `    ${l.paymentDate}  ${l.source.code} ${l.kind.code}  SIRET ${l.payer.siret}  ${amountsText(l.amounts)}`,
        `      déclaration ${l.provenance.declarationId}, ligne ${l.provenance.paymentLine}, connue depuis ${l.provenance.knownFrom}`,
      );
    }
  }
  if (answer.missingMonths.length > 0) out.push('', `Mois sans donnée : ${answer.missingMonths.join(', ')}`);
  return out.join('\n');
}

function windowsText(answer: WindowsAnswer): string {
  const out = [
    `Fenêtres de référence du NIR ${answer.nir} (M = ${answer.referenceMonth}), connues le ${answer.asOf}`,
  ];
  for (const w of answer.windows) {
    out.push(
      '',
      `${w.code} — ${w.libelle}`,
      `  ${w.from} à ${w.to} : montant net social ${euros(w.netSocial)}`,
    );
    for (const m of w.months) out.push(`    ${m.month}  ${euros(m.netSocial)}  ${m.status.libelle}`);
    if (w.missingMonths.length > 0)
      out.push(`  Mois sans montant net social : ${w.missingMonths.join(', ')}`);
  }
  return out.join('\n');
}

function only<T>([outcome]: ReadOutcome<T>[]): T {
  if (!outcome!.ok) throw outcome!.error;
  return outcome!.answer;
}

/**
 * Runs a DRM read on the local database, as the operator: whoever can open the database holds its
 * rights. A refusal (fail closed) is printed with its code, exit 1.
 */
async function run<T>(
  options: DrmCommandOptions,
  read: (store: TraceStore) => Promise<ReadOutcome<T>[]>,
  /** The same read through the operator API of a server holding the embedded database. */
  remote: (server: ServerClient) => Promise<T>,
  text: (answer: T) => string,
): Promise<number> {
  if (options.format !== 'text' && options.format !== 'json') {
    throw new UsageError(`Format inconnu « ${options.format} » : choisissez text ou json.`);
  }
  const config = cliConfig();
  const database = await cliDatabase(config, cliLogger(config));
  try {
    const answer =
      database.kind === 'store'
        ? only(await read({ db: database.store.db, keys: loadTraceKeys(config.dataDir) }))
        : await remote(database.server);
    process.stdout.write(
      options.format === 'json' ? `${JSON.stringify(answer, null, 2)}\n` : `${text(answer)}\n`,
    );
    return exitCodes.ok;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.code === 'REQUEST_INVALID') throw new UsageError(error.detail);
    if (options.format === 'json') {
      process.stdout.write(
        `${JSON.stringify({ errors: [{ code: error.code, title: error.title, detail: error.detail }] }, null, 2)}\n`,
      );
    } else {
      process.stderr.write(`relais : ${error.code} — ${error.title} : ${error.detail}\n`);
    }
    return exitCodes.blocking;
  } finally {
    if (database.kind === 'store') await database.store.close();
  }
}

/** The JSON body of the same read over the operator API. */
function apiBody(
  nir: string,
  query: PersonQuery,
  context: ReturnType<typeof readContext>,
  more: Record<string, string | undefined>,
): Record<string, unknown> {
  return {
    nir,
    nom: query.identity.lastName,
    prenoms: query.identity.firstNames,
    dateNaissance: query.identity.birthDate,
    ...(query.asOf ? { asOf: query.asOf.toISOString() } : {}),
    ...(context.recipient !== null ? { destinataire: context.recipient } : {}),
    finalite: context.purpose,
    dossier: context.caseReference,
    ...more,
  };
}

/** `relais drm show NIR`: months `--du`..`--au` (default: the last twelve), as known `--as-of`. */
export async function drmShowCommand(nir: string, options: DrmCommandOptions): Promise<number> {
  const query = personQuery(nir, options);
  const context = readContext(options);
  const to = options.au ?? monthOf(query.asOf ?? new Date());
  const from = options.du ?? addMonths(to, -11);
  if (!month.test(from) || !month.test(to)) throw new UsageError('--du et --au attendent AAAA-MM.');
  return run(
    options,
    (store) => readResourcesTraced(store, operator, context, [{ ...query, ...context, from, to }]),
    (server) =>
      server.call<MinimisedResources>(
        'POST',
        '/v1/drm/ressources',
        apiBody(nir, query, context, { du: from, au: to }),
      ),
    (answer) => resourcesText(answer as ResourcesAnswer),
  );
}

/** `relais drm fenetres NIR`: the M-2..M-4 and M-1..M-3 windows counted back from `--mois`. */
export async function drmWindowsCommand(nir: string, options: DrmCommandOptions): Promise<number> {
  const query = personQuery(nir, options);
  const context = readContext(options);
  if (options.mois !== undefined && !month.test(options.mois)) throw new UsageError('--mois attend AAAA-MM.');
  return run(
    options,
    (store) =>
      readWindowsTraced(store, operator, context, [
        { ...query, ...context, ...(options.mois ? { month: options.mois } : {}) },
      ]),
    (server) =>
      server.call<WindowsAnswer>(
        'POST',
        '/v1/drm/fenetres',
        apiBody(nir, query, context, { mois: options.mois }),
      ),
    windowsText,
  );
}
