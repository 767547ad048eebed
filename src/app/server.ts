import closeWithGrace from 'close-with-grace';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './http-app.ts';
import { demoOperatorToken } from './demo-operator-token.ts';
import type { Config } from '../platform/config.ts';
import { BlobStore } from '../features/deposit/blob-store.ts';
import type { IntakeContext } from '../features/deposit/deposit.ts';
import { depositJobs } from '../features/deposit/deposit-jobs.ts';
import { JobRunner } from '../platform/jobs/runner.ts';
import { createLogger } from '../platform/log.ts';
import { openStore, type Store } from '../platform/store/database.ts';
import { prepareStore, storeTarget } from '../platform/store/prepare.ts';

export interface RunningServer {
  app: FastifyInstance;
  store: Store;
  url: string;
  close(): Promise<void>;
}

/**
 * Opens the store, loads demo data if asked on a fresh database, runs the job queue in this
 * process, listens, and closes gracefully (requests first, then the job in hand, then the store).
 */
export async function startServer(
  config: Config,
  log = createLogger({ level: config.logLevel }),
  /** For tests only: the official controls to run (all by default). */
  overrides: Pick<IntakeContext, 'controls'> = {},
): Promise<RunningServer> {
  const store = await openStore(storeTarget(config));
  try {
    await prepareStore(store, log);
    const blobs = new BlobStore(config.blobDir);
    const removed = await blobs.cleanTemporary();
    if (removed > 0) log.info({ removed }, 'fichiers temporaires abandonnés supprimés');
    const intake = { store, blobs, log, maxDepositBytes: config.maxDepositBytes, ...overrides };
    if (config.demo) {
      const started = Date.now();
      // Imported here only: the seed computes pay with publicodes and modele-social, which a
      // server that is not a demonstration has no use for (about 2 s and 80 MB to import).
      const { loadDemoData } = await import('../features/generator/demo-seed.ts');
      const demo = await loadDemoData(intake, config.dataDir);
      if (demo) {
        log.info(
          { deposits: demo.deposits.length, scope: demo.scope, ms: Date.now() - started },
          `données de démonstration chargées ; jeton du déclarant de démonstration dans ${demo.tokenFile}`,
        );
      }
    }
    let operatorToken = config.operatorToken;
    if (operatorToken === null && config.demo) {
      const demo = await demoOperatorToken(config.dataDir);
      operatorToken = demo.token;
      log.info(`lecture des ressources (DRM) : jeton opérateur de démonstration dans ${demo.file}`);
    }
    const app = await buildApp({ ...intake, operatorToken });
    const address = await app.listen({ host: config.host, port: config.port });
    const jobs = new JobRunner(store.db, depositJobs, log);
    jobs.start();
    let closing: Promise<void> | null = null;
    const close = () =>
      (closing ??= (async () => {
        await app.close();
        await jobs.stop();
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
    return { app, store, url: address, close };
  } catch (error) {
    await store.close();
    throw error;
  }
}
