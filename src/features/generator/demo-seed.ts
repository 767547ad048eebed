import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { nodeJsonLoader } from '../../platform/node-json-loader.ts';
import { generateDsn } from './generate.ts';
import { countDeposits } from '../deposit/deposits-repository.ts';
import { createDeclarant } from '../declarant/declarants.ts';
import { depositDsn, type IntakeContext } from '../deposit/deposit.ts';
import { replacementOf } from '../deposit/replacement.ts';
import type { DepositOutcome } from '../deposit/views.ts';

/**
 * Demo data for a fresh database, so a newcomer sees a living platform: one company with two
 * establishments filing over the last three months, one annule-et-remplace, and a declarant
 * whose token is written to `<data>/demo-token.txt`.
 */

export interface DemoData {
  token: string;
  tokenFile: string;
  scope: string;
  deposits: DepositOutcome[];
}

export function demoMonths(today: Date, count = 3): string[] {
  const months: string[] = [];
  for (let back = count; back >= 1; back--) {
    const d = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - back, 1));
    months.push(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`);
  }
  return months;
}

const latin1 = (bytes: Uint8Array[]) => Buffer.concat(bytes).toString('latin1');

async function generated(month: string): Promise<string> {
  const chunks: Uint8Array[] = [];
  await generateDsn(
    { month, establishments: 2, employees: 24, seed: 2026 },
    { write: async (chunk: Uint8Array) => void chunks.push(chunk) },
    { loadJson: nodeJsonLoader },
  );
  return latin1(chunks);
}

const asSource = (text: string) => [Buffer.from(text, 'latin1')];

/**
 * Loads the demo data when the database holds no deposit yet; returns null otherwise. `progress`
 * hears of each file generated and each deposit, the slow steps of a first start.
 */
export async function loadDemoData(
  ctx: IntakeContext,
  dataDir: string,
  today = new Date(),
  progress: (line: string) => void = () => {},
): Promise<DemoData | null> {
  if ((await countDeposits(ctx.store.db)) > 0) return null;
  const months = demoMonths(today);
  // The months' files, then one deposit each and the annule-et-remplace of the last.
  const steps = months.length * 2 + 1;
  let step = 0;
  const files = [];
  for (const month of months) {
    progress(`Données de démonstration : génération de la DSN de ${month} (${++step}/${steps})…`);
    files.push({ month, text: await generated(month) });
  }
  const siren = /^S21\.G00\.06\.001,'(\d{9})'/m.exec(files[0]!.text)?.[1];
  if (!siren) throw new Error('demo file without S21.G00.06.001');
  const credential = await createDeclarant(ctx.store.db, 'Démonstration', siren);
  const declarant = { id: credential.declarant.id, scope: siren };
  const deposits: DepositOutcome[] = [];
  // Filed on the 10th of the following month, in time, as a diligent payroll department would.
  const filedOn = (month: string, day: number, hoursAgo: number) => {
    const [year, m] = month.split('-').map(Number) as [number, number];
    // Never in the future, whatever today's date.
    return new Date(Math.min(Date.UTC(year, m, day, 8), today.getTime() - hoursAgo * 3_600_000));
  };
  for (const { month, text } of files) {
    const at = filedOn(month, 10, 2);
    progress(`Données de démonstration : dépôt de la DSN de ${month} (${++step}/${steps})…`);
    deposits.push(
      await depositDsn(
        { ...ctx, now: () => at },
        { source: asSource(text), declarant, fileName: `demo-${month}.dsn` },
      ),
    );
  }
  const last = files.at(-1)!;
  const correctedOn = filedOn(last.month, 12, 1);
  const fileDate = `${String(correctedOn.getUTCDate()).padStart(2, '0')}${String(correctedOn.getUTCMonth() + 1).padStart(2, '0')}${correctedOn.getUTCFullYear()}`;
  const corrected = replacementOf(last.text, { fileDate, newAddress: '1 PLACE DE LA CORRECTION' });
  progress(
    `Données de démonstration : dépôt d’une annule et remplace de ${last.month} (${step + 1}/${steps})…`,
  );
  deposits.push(
    await depositDsn(
      { ...ctx, now: () => correctedOn },
      { source: asSource(corrected), declarant, fileName: `demo-${last.month}-annule-et-remplace.dsn` },
    ),
  );
  await mkdir(dataDir, { recursive: true });
  const tokenFile = join(dataDir, 'demo-token.txt');
  await writeFile(tokenFile, `${credential.token}\n`, { mode: 0o600 });
  await chmod(tokenFile, 0o600);
  return { token: credential.token, tokenFile, scope: siren, deposits };
}
