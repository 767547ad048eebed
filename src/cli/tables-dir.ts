import { readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TableOptions } from '../core/controls/tables.ts';
import { UsageError } from './errors.ts';

/**
 * Reference tables supplied by the operator (`--tables DIR`): one `<ID>.csv` per table, one code
 * per line (first `;` or `,` column), the id being the norm's table name (`OES.csv`,
 * `DSN_Code_Risque_ATMP.csv`). A supplied table replaces the shipped one of the same id.
 */
export function suppliedTables(
  dir: string,
  known: ReadonlySet<string>,
  warn: (message: string) => void = (message) => process.stderr.write(message + '\n'),
): TableOptions {
  let entries: string[];
  try {
    if (!statSync(dir).isDirectory())
      throw new UsageError(`--tables attend un dossier : ${dir} est un fichier.`);
    entries = readdirSync(dir);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === 'ENOENT'
        ? `Dossier des tables introuvable : ${dir}`
        : `Dossier des tables illisible (${code ?? 'erreur'}) : ${dir}`,
      'RELAIS-CLI-TABLES',
    );
  }
  const files = new Set(entries.filter((name) => name.endsWith('.csv')));
  for (const name of [...files].sort()) {
    const id = name.slice(0, -'.csv'.length);
    if (!known.has(id)) warn(`Table ignorée : ${name} (aucun contrôle ne lit une table « ${id} »).`);
  }
  return {
    readSupplied: async (id) => {
      const name = `${id}.csv`;
      if (!files.has(name)) return null;
      try {
        return await readFile(join(dir, name), 'utf8');
      } catch (error) {
        throw new UsageError(
          `Table illisible (${(error as NodeJS.ErrnoException).code ?? 'erreur'}) : ${join(dir, name)}`,
          'RELAIS-CLI-TABLES',
        );
      }
    },
  };
}
