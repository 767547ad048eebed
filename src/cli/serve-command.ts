import { AppError } from '../platform/errors.ts';
import { createLogger } from '../platform/log.ts';
import { startServer } from '../app/server.ts';
import { UsageError } from './errors.ts';
import { cliConfig } from './store-access.ts';

export interface ServeCommandOptions {
  host?: string;
  port?: string;
  demo?: boolean;
}

/** `relais serve`: runs until stopped (SIGINT, SIGTERM), closing connections and the database. */
export async function serveCommand(options: ServeCommandOptions): Promise<void> {
  const config = cliConfig({
    HOST: options.host,
    PORT: options.port,
    ...(options.demo ? { RELAIS_DEMO: 'true' } : {}),
  });
  const log = createLogger({ level: config.logLevel });
  try {
    // Plain lines on stderr for the person at the terminal; the JSON logs on stdout stay as they are.
    await startServer(config, log, { progress: (line) => process.stderr.write(`${line}\n`) });
  } catch (error) {
    if (error instanceof AppError) throw new UsageError(error.detail, `RELAIS-CLI-${error.code}`);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      throw new UsageError(
        `Le port ${config.port} est déjà utilisé : choisissez-en un autre (--port ou PORT).`,
      );
    }
    if (error instanceof Error && error.name === 'DatabaseLockedError') {
      const { dataDir, pid } = error as Error & { dataDir: string; pid: number };
      throw new UsageError(
        `La base embarquée ${dataDir} est déjà ouverte par le processus ${pid} : un autre « relais serve » ou « relais ingest » l’utilise.`,
        'RELAIS-CLI-DATABASE-LOCKED',
      );
    }
    throw error;
  }
}
