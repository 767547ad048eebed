import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkCommand } from './check-command.ts';
import { generateCommand } from './generate-command.ts';

/**
 * A first look at Relais without a file of one's own: generate a realistic monthly declaration with
 * a few known anomalies, then self-check it.
 */
export async function demoCommand(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'relais-demo-'));
  const out = join(dir, 'demo.dsn');
  process.stdout.write('Relais — démonstration : une DSN mensuelle générée, puis son auto-contrôle.\n\n');
  await generateCommand({
    month: '2026-01',
    establishments: '2',
    employees: '40',
    seed: '2026',
    faults: '0.1',
    out,
  });
  process.stdout.write(`\nAnomalies injectées exprès : ${out}.faults.json\n\n`);
  await checkCommand([out], { format: 'text', controls: true });
  process.stdout.write(`\nPour contrôler vos fichiers : npx relais check FICHIER.dsn (voir README.md).\n`);
  return 0;
}
