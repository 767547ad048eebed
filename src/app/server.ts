import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import closeWithGrace from 'close-with-grace';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './http-app.ts';
import { loadTraceKeys } from '../features/exchange/trace/keys.ts';
import { localOperatorToken } from './local-operator-token.ts';
import type { Config } from '../platform/config.ts';
import { BlobStore } from '../features/deposit/blob-store.ts';
import type { IntakeContext } from '../features/deposit/deposit.ts';
import { depositJobs } from '../features/deposit/deposit-jobs.ts';
import { scheduleRejectedPurge } from '../features/deposit/retention.ts';
import { bulkJobs } from '../features/exchange/bulk-jobs.ts';
import { tracedBulkRead } from '../features/exchange/bulk-read.ts';
import { linkDemoAccounts } from '../features/web/demo-accounts.ts';
import { JobRunner } from '../platform/jobs/runner.ts';
import { WebhookDispatcher } from '../features/webhooks/dispatcher.ts';
import { loadWebhookKey } from '../features/webhooks/secret.ts';
import { webhookSettingsFrom } from '../features/webhooks/settings.ts';
import { reachableUrl, writeLocalServer } from '../platform/local-server.ts';
import { createLogger } from '../platform/log.ts';
import { openStore, type Store } from '../platform/store/database.ts';
import { prepareStore, storeTarget, type Progress } from '../platform/store/prepare.ts';

export interface RunningServer {
  app: FastifyInstance;
  store: Store;
  url: string;
  close(): Promise<void>;
}

export interface ServerOptions {
  /** For tests only: the official controls to run (all by default). */
  controls?: IntakeContext['controls'];
  /**
   * Told in French of the slow steps of a start (a new embedded database, migrations, demo data)
   * and that the server is ready: `relais serve` prints it for the person waiting, apart from the
   * JSON logs, which stay as operators read them.
   */
  progress?: Progress;
}

/** `./data` rather than `/home/…/data` when the folder is under the working directory. */
function shown(path: string): string {
  const inside = relative(process.cwd(), path);
  return inside === '' ? '.' : inside.startsWith('..') || inside.startsWith('/') ? path : `./${inside}`;
}

/**
 * Opens the store, loads demo data if asked on a fresh database, runs the job queue in this
 * process, listens, and closes gracefully (requests first, then the job in hand, then the store).
 */
export async function startServer(
  config: Config,
  log = createLogger({ level: config.logLevel }),
  { progress = () => {}, ...overrides }: ServerOptions = {},
): Promise<RunningServer> {
  // PGlite writes PG_VERSION first thing: without it, the next seconds are spent creating the database.
  if (config.database.kind === 'pglite' && !existsSync(join(config.database.dataDir, 'PG_VERSION')))
    progress(`Création de la base embarquée dans ${shown(config.dataDir)}…`);
  const store = await openStore(storeTarget(config));
  try {
    await prepareStore(store, log, progress);
    const blobs = new BlobStore(config.blobDir);
    const removed = await blobs.cleanTemporary();
    if (removed > 0) log.info({ removed }, 'fichiers temporaires abandonnés supprimés');
    const intake = { store, blobs, log, maxDepositBytes: config.maxDepositBytes, ...overrides };
    if (config.demo) {
      const started = Date.now();
      // Imported here only: the seed computes pay with publicodes and modele-social, which a
      // server that is not a demonstration has no use for (about 2 s and 80 MB to import).
      const { loadDemoData } = await import('../features/generator/demo-seed.ts');
      const demo = await loadDemoData(intake, config.dataDir, new Date(), progress);
      if (demo) {
        await linkDemoAccounts(store.db, demo.scope);
        log.info(
          { deposits: demo.deposits.length, scope: demo.scope, ms: Date.now() - started },
          `données de démonstration chargées ; jeton du déclarant de démonstration dans ${demo.tokenFile}`,
        );
      }
    }
    if (config.demo) {
      const { ensureDemoBody } = await import('../features/exchange/demo-body.ts');
      const file = await ensureDemoBody(store.db, config.dataDir);
      log.info(`organisme de démonstration : client_id et client_secret dans ${file}`);
    }
    let operatorToken = config.operatorToken;
    let operatorTokenFile: string | null = null;
    // On the embedded database the CLI reaches a running server with this token (see local-server.ts).
    if (operatorToken === null && (config.demo || store.kind === 'pglite')) {
      const local = await localOperatorToken(config.dataDir);
      operatorToken = local.token;
      operatorTokenFile = local.file;
      log.info(`API opérateur (DRM, administration) : jeton opérateur dans ${local.file}`);
    }
    const traceKeys = loadTraceKeys(config.dataDir);
    const webhookKey = loadWebhookKey(config.dataDir);
    const webhookSettings = webhookSettingsFrom(process.env, config.demo);
    const app = await buildApp({
      ...intake,
      operatorToken,
      exchange: config.exchange,
      traceKeys,
      publicUrl: config.publicUrl,
      oidc: config.oidc,
      webhooks: { key: webhookKey, allowHttp: webhookSettings.allowHttp },
      timeouts: config.timeouts,
      depositQuotas: config.depositQuotas,
    });
    const address = await app.listen({ host: config.host, port: config.port });
    const jobs = new JobRunner(store.db, { ...depositJobs, ...bulkJobs(tracedBulkRead(traceKeys)) }, log);
    jobs.start();
    const webhooks = new WebhookDispatcher(store.db, webhookKey, webhookSettings, log);
    webhooks.start();
    const purge = scheduleRejectedPurge(store.db, blobs, log, {
      retentionDays: config.depositQuotas.rejectedRetentionDays,
    });
    const forget =
      store.kind === 'pglite'
        ? writeLocalServer(config.dataDir, {
            url: reachableUrl(address),
            pid: process.pid,
            operatorTokenFile,
          })
        : () => {};
    let closing: Promise<void> | null = null;
    const close = () =>
      (closing ??= (async () => {
        // First: a CLI started from now on opens the database itself once the lock is released.
        forget();
        await app.close();
        await purge.stop();
        await jobs.stop();
        await webhooks.stop();
        await store.close();
      })());
    closeWithGrace({ delay: 10_000, logger: false }, async ({ err, signal }) => {
      if (err) log.error({ err }, 'arrêt sur erreur');
      else log.info({ signal }, 'arrêt demandé');
      await close();
    });
    log.info(
      { url: address, database: store.kind },
      `Relais écoute sur ${address} — documentation : ${address}/docs, auto-contrôle : ${address}/auto-controle/`,
    );
    const url = reachableUrl(address);
    progress(`Relais est prêt : ${url}/ (documentation : ${url}/docs ; arrêt : Ctrl+C)`);
    return { app, store, url: address, close };
  } catch (error) {
    await store.close();
    throw error;
  }
}
