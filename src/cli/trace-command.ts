import { loadTraceKeys } from '../features/exchange/trace/keys.ts';
import { defaultRetentionMonths, purgeTrace, type PurgeOutcome } from '../features/exchange/trace/purge.ts';
import { verificationView, type TraceVerificationView } from '../features/exchange/trace/trace-views.ts';
import { verifyTrace } from '../features/exchange/trace/verify.ts';
import { administer } from './administer.ts';
import { exitCodes, UsageError } from './errors.ts';
import { cliConfig } from './store-access.ts';

const count = (n: number) => n.toLocaleString('fr-FR');

/**
 * `relais trace verify`: the whole trace, checked from the entries themselves and the checkpoints'
 * signatures (key in the data directory), here or by the running server that holds the embedded
 * database. Progress goes to stderr on a terminal.
 */
export async function traceVerifyCommand(): Promise<number> {
  const started = Date.now();
  const watched = process.stderr.isTTY === true;
  const report = await administer<TraceVerificationView>(
    async (db) => {
      const verified = await verifyTrace(db, loadTraceKeys(cliConfig().dataDir), (n) => {
        if (watched) process.stderr.write(`\r${count(n)} entrées vérifiées…`);
      });
      if (watched) process.stderr.write('\r\x1b[K');
      return verificationView(verified);
    },
    (server) => server.call('POST', '/v1/admin/trace/verification', {}),
  );
  if (report.problem) {
    process.stdout.write(
      `Trace des accès ALTÉRÉE à la position ${report.problem.position} : ${report.problem.detail}\n` +
        `(${count(report.entries)} entrées intactes avant elle.)\n`,
    );
    return exitCodes.blocking;
  }
  const seconds = (Date.now() - started) / 1000;
  const checkpoint = report.lastCheckpoint;
  process.stdout.write(
    `Trace des accès intacte : ${count(report.entries)} entrées` +
      (report.first !== null ? ` (positions ${report.first} à ${report.last})` : '') +
      `, vérifiées en ${seconds.toLocaleString('fr-FR', { maximumFractionDigits: 1 })} s.\n` +
      (checkpoint
        ? `Dernier point de contrôle signé : position ${checkpoint.position}, ${checkpoint.at}, ` +
          `empreinte ${checkpoint.chainSha256}.\n`
        : 'Aucun point de contrôle signé encore (un tous les 1 000 accès).\n'),
  );
  return exitCodes.ok;
}

/** `relais trace purge`: entries older than the retention go, the chain stays verifiable. */
export async function tracePurgeCommand(options: { conservationMois?: string }): Promise<number> {
  const months = Number(options.conservationMois ?? defaultRetentionMonths);
  if (!Number.isInteger(months) || months < 1 || months > 240) {
    throw new UsageError('--conservation-mois attend un nombre entier de mois, de 1 à 240.');
  }
  const outcome = await administer<PurgeOutcome>(
    (db) => purgeTrace(db, loadTraceKeys(cliConfig().dataDir), months),
    (server) => server.call('POST', '/v1/admin/trace/purge', { conservationMois: months }),
  );
  if (outcome.kind === 'refused') {
    process.stdout.write(
      `Purge refusée : la trace est altérée à la position ${outcome.position} (${outcome.detail}) ; ` +
        'rien n’a été supprimé.\n',
    );
    return exitCodes.blocking;
  }
  process.stdout.write(
    outcome.cutAt === null
      ? `Aucune entrée de plus de ${months} mois.\n`
      : `${count(outcome.removed)} entrées de plus de ${months} mois supprimées ; la trace reprend après la position ${outcome.cutAt} (point de contrôle signé).\n`,
  );
  return exitCodes.ok;
}
