import { createHash } from 'node:crypto';
import { createReadStream, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../platform/errors.ts';
import { BlobStore } from '../features/deposit/blob-store.ts';
import { depositDsn } from '../features/deposit/deposit.ts';
import { depositJobs } from '../features/deposit/deposit-jobs.ts';
import { JobRunner } from '../platform/jobs/runner.ts';
import type { DepositOutcome } from '../features/deposit/views.ts';
import type { CheckReport } from '../core/check/check.ts';
import { operatorDepositFor } from '../features/deposit/operator-deposit.ts';
import { operator } from '../platform/auth/operator.ts';
import type { Config } from '../platform/config.ts';
import type { Logger } from '../platform/log.ts';
import type { Store } from '../platform/store/database.ts';
import { exitCodes, UsageError } from './errors.ts';
import { openInput } from './files.ts';
import { progressBar } from './progress.ts';
import { ServerClient, ServerUnreachableError } from './server-client.ts';
import { cliConfig, cliDatabase, cliLogger, cliStoreWithoutServer } from './store-access.ts';

export interface IngestCommandOptions {
  declarant?: string;
  format: string;
  api?: string;
  tokenFile?: string;
}

/** Files to deposit: the files named, and the `.dsn` files of the folders named (recursively). */
export function collectFiles(paths: string[]): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      if (entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && /\.dsn$/i.test(entry.name)) files.push(path);
    }
  };
  for (const path of paths) {
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      throw new UsageError(`Fichier ou dossier introuvable : ${path}`, 'RELAIS-CLI-UNREADABLE');
    }
    if (isDir) walk(path);
    else files.push(path);
  }
  if (files.length === 0) throw new UsageError(`Aucun fichier .dsn dans ${paths.join(', ')}.`);
  return files;
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

const n = (value: number) => value.toLocaleString('fr-FR');

/** Most reasons printed for one refused declaration; the report (--format json) has them all. */
const reasonsShown = 3;

/**
 * Why a declaration (by its rank in the file), or the envoi when `position` is undefined, was
 * refused: its distinct blocking codes with their French message, as the report lists them.
 * Envoi-level anomalies refuse every declaration. The report keeps only a sample of each code:
 * when a declaration's own reasons were not sampled, the blocking codes of the whole file are
 * given rather than nothing.
 */
export function blockingReasons(report: CheckReport, position?: number): string[] {
  const byCode = new Map<string, { message: string; count: number }>();
  for (const d of report.diagnostics) {
    if (d.severity !== 'blocking') continue;
    if (d.declaration !== undefined && d.declaration !== position) continue;
    const known = byCode.get(d.code);
    if (known) known.count++;
    else byCode.set(d.code, { message: d.message, count: 1 });
  }
  if (byCode.size === 0) {
    for (const g of report.groups)
      if (g.severity === 'blocking') byCode.set(g.code, { message: g.message, count: g.count });
  }
  const reasons = [...byCode].map(
    ([code, { message, count }]) => `${code}${count > 1 ? ` (${n(count)} fois)` : ''} — ${message}`,
  );
  if (reasons.length <= reasonsShown) return reasons;
  return [
    ...reasons.slice(0, reasonsShown),
    `et ${n(reasons.length - reasonsShown)} autre(s) motif(s) : voir le bilan (--format json)`,
  ];
}

function line(file: string, outcome: DepositOutcome, seconds: number): string {
  const mark = outcome.status === 'accepted' ? '✔' : outcome.status === 'rejected' ? '✘' : '◐';
  const motives = (reasons: string[], indent: string) =>
    reasons.map((reason) => `\n${indent}motif : ${reason}`).join('');
  const declarations = outcome.declarations
    .map((d) => {
      const head = `${d.siret ?? '?'} ${d.month ?? `${d.natureLabel ?? '?'},`} ${d.typeLabel ?? d.type ?? '?'} : ${d.statusLabel}`;
      // A refused declaration says why; being late is never the reason, so it is not said there.
      if (d.status === 'rejected')
        return head + motives(blockingReasons(outcome.report, d.position), '      ');
      return head + (d.late ? ' (hors délai)' : '');
    })
    .join('\n    ');
  // No declaration read (not a declaration file, unreadable header): the envoi's own reasons.
  const envoi =
    outcome.declarations.length === 0 && outcome.status === 'rejected'
      ? motives(blockingReasons(outcome.report), '    ')
      : '';
  return (
    `${mark} ${file} — ${outcome.statusLabel}${outcome.duplicate ? ' (déjà déposé)' : ''} — ` +
    `${n(outcome.summary.individuals)} individus, ${n(outcome.summary.blocking)} anomalie(s) bloquante(s) — ` +
    `dépôt ${outcome.acknowledgement.depositId} (${seconds.toLocaleString('fr-FR', { maximumFractionDigits: 1 })} s)` +
    (declarations ? `\n    ${declarations}` : '') +
    envoi
  );
}

/** `relais ingest FILE|DIR…`: deposits on the database, through the server holding it, or with --api. */
export async function ingestCommand(paths: string[], options: IngestCommandOptions): Promise<number> {
  if (options.format !== 'text' && options.format !== 'json') {
    throw new UsageError(`Format inconnu « ${options.format} » : choisissez text ou json.`);
  }
  const files = collectFiles(paths);
  const outcomes = options.api ? await viaApi(files, options) : await asOperator(files, options);
  const text = options.format === 'text';
  if (!text)
    process.stdout.write(JSON.stringify(outcomes.length === 1 ? outcomes[0] : outcomes, null, 2) + '\n');
  const count = (status: DepositOutcome['status']) => outcomes.filter((o) => o.status === status).length;
  if (text && outcomes.length > 1) {
    process.stdout.write(
      `\n${n(outcomes.length)} fichiers : ${n(count('accepted'))} accepté(s), ${n(count('partially_accepted'))} accepté(s) en partie, ` +
        `${n(count('rejected'))} rejeté(s) ; ${n(outcomes.reduce((s, o) => s + o.summary.individuals, 0))} individus.\n`,
    );
  }
  return outcomes.every((o) => o.status === 'accepted') ? exitCodes.ok : exitCodes.blocking;
}

/** A refusal of the deposit, worded as the command words it on either side of the API. */
function refusal(error: AppError, file: string): UsageError {
  // Whom to deposit for is settled before any file: its refusal concerns none of them.
  const detail = error.code.startsWith('DECLARANT_') ? error.detail : `${file} : ${error.detail}`;
  return new UsageError(detail, `RELAIS-CLI-${error.code}`);
}

/**
 * The operator's deposits (`--declarant` names whom for): on the database itself, or, while a
 * server holds the embedded database, through its operator API, with the same outcome printed.
 * A server that stops answering leaves the remaining files to the database, once it is free.
 */
async function asOperator(files: string[], options: IngestCommandOptions): Promise<DepositOutcome[]> {
  const config = cliConfig();
  const log = cliLogger(config);
  const database = await cliDatabase(config, log);
  if (database.kind === 'store') return locally(config, log, database.store, files, options);
  const outcomes: DepositOutcome[] = [];
  try {
    for (const file of files) outcomes.push(await throughServer(database.server, file, options));
    return outcomes;
  } catch (error) {
    if (!(error instanceof ServerUnreachableError)) throw error;
    const store = await cliStoreWithoutServer(config, log, database.server);
    process.stderr.write(
      `Le serveur ${database.server.url} ne répond plus : la commande continue sur la base embarquée.\n`,
    );
    return [...outcomes, ...(await locally(config, log, store, files.slice(outcomes.length), options))];
  }
}

async function locally(
  config: Config,
  log: Logger,
  store: Store,
  files: string[],
  options: IngestCommandOptions,
): Promise<DepositOutcome[]> {
  const outcomes: DepositOutcome[] = [];
  try {
    let declarant;
    try {
      declarant = await operatorDepositFor(store.db, operator, options.declarant);
    } catch (error) {
      if (error instanceof AppError) throw new UsageError(error.detail, `RELAIS-CLI-${error.code}`);
      throw error;
    }
    const intake = {
      store,
      blobs: new BlobStore(config.blobDir),
      log,
      maxDepositBytes: config.maxDepositBytes,
    };
    for (const file of files) {
      const started = Date.now();
      const input = openInput(file);
      const sha256 = await sha256Of(file);
      const bar = progressBar(file, input.size);
      let outcome: DepositOutcome;
      try {
        outcome = await depositDsn(intake, {
          source: input.stream,
          declarant,
          fileName: file,
          sha256,
          onProgress: (bytes) => bar.update(bytes),
        });
      } catch (error) {
        if (error instanceof AppError) throw refusal(error, file);
        throw error;
      } finally {
        bar.stop();
      }
      outcomes.push(outcome);
      report(file, outcome, started, options);
    }
  } finally {
    // There may be no server to leave them to: the deposits' jobs (the BRIN summary) run here,
    // also after a failed file, for the deposits made before it.
    await new JobRunner(store.db, depositJobs, log)
      .runUntilIdle()
      .catch((error: unknown) => log.warn({ err: error }, 'tâches des dépôts laissées en file'));
    await store.close();
  }
  return outcomes;
}

function report(file: string, outcome: DepositOutcome, started: number, options: IngestCommandOptions): void {
  if (options.format === 'text')
    process.stdout.write(line(file, outcome, (Date.now() - started) / 1000) + '\n');
}

/**
 * Sends one file as the request's body, the bytes counted as they go: the server checks them as
 * they arrive, so the bar shows its progress too.
 */
async function upload(server: ServerClient, path: string, file: string): Promise<DepositOutcome> {
  const input = openInput(file);
  const bar = progressBar(`Envoi au serveur en cours… ${file}`, input.size);
  let sent = 0;
  const counted = (async function* () {
    for await (const chunk of input.stream) {
      sent += chunk.length;
      bar.update(sent);
      yield chunk;
    }
  })();
  try {
    return await server.upload<DepositOutcome>(path, counted, input.size);
  } finally {
    bar.stop();
  }
}

async function throughServer(
  server: ServerClient,
  file: string,
  options: IngestCommandOptions,
): Promise<DepositOutcome> {
  const started = Date.now();
  const query = new URLSearchParams({
    ...(options.declarant === undefined ? {} : { declarant: options.declarant }),
    fileName: file,
  });
  let outcome: DepositOutcome;
  try {
    outcome = await upload(server, `/v1/admin/depots?${query}`, file);
  } catch (error) {
    if (error instanceof AppError) throw refusal(error, file);
    throw error;
  }
  report(file, outcome, started, options);
  return outcome;
}

/** `--api URL --token-file FILE`: a declarant's deposits, through the API of any server. */
async function viaApi(files: string[], options: IngestCommandOptions): Promise<DepositOutcome[]> {
  if (!options.tokenFile)
    throw new UsageError('--api demande --token-file (fichier contenant le jeton du déclarant).');
  let token: string;
  try {
    token = readFileSync(options.tokenFile, 'utf8').trim();
  } catch {
    throw new UsageError(`Impossible de lire le jeton ${options.tokenFile}.`);
  }
  const server = new ServerClient(options.api!.replace(/\/+$/, ''), token);
  const outcomes: DepositOutcome[] = [];
  for (const file of files) {
    const started = Date.now();
    let outcome: DepositOutcome;
    try {
      outcome = await upload(server, `/v1/depots?${new URLSearchParams({ fileName: file })}`, file);
    } catch (error) {
      if (error instanceof AppError)
        throw new UsageError(`${file} : ${error.detail}`, `RELAIS-CLI-${error.code}`);
      throw error;
    }
    outcomes.push(outcome);
    report(file, outcome, started, options);
  }
  return outcomes;
}
