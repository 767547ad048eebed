/**
 * Writes `src/core/controls/data/tables.json`: the code lists of the public reference tables, built
 * from the maintained packages they come from (see `src/core/controls/table-sources.ts`), with each
 * package's version. `--check` fails when the committed file differs from what the packages give.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { nodeJsonLoader } from '../src/platform/node-json-loader.ts';
import { tableBuilders } from '../src/core/controls/table-sources.ts';

const out = join(import.meta.dirname, '..', 'src', 'core', 'controls', 'data', 'tables.json');
const tables: { id: string; title: string; source: string; codes?: string; sameCodesAs?: string }[] = [];
for (const [id, build] of Object.entries(tableBuilders).sort(([a], [b]) => a.localeCompare(b))) {
  const table = await build(nodeJsonLoader);
  const codes = [...table.codes()].sort().join(' ');
  // Two norm tables with the same content (communes, IDCC) are stored once.
  const twin = tables.find((t) => t.codes === codes);
  tables.push({
    id,
    title: table.title,
    source: table.source,
    ...(twin ? { sameCodesAs: twin.id } : { codes }),
  });
}
const content = JSON.stringify({ tables }, null, 1) + '\n';
if (process.argv.includes('--check')) {
  if (!existsSync(out) || readFileSync(out, 'utf8') !== content) {
    console.error('tables de référence périmées : relancez npm run tables:build');
    process.exit(1);
  }
  console.error('tables de référence à jour');
} else {
  writeFileSync(out, content);
  console.error(`${tables.length} tables écrites dans src/core/controls/data/tables.json`);
}
