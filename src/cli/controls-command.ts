import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildReferential, coverage, findControl, listItemOf } from '../core/controls/referential.ts';
import { UsageError } from './errors.ts';

const statusLabels: Record<string, string> = {
  implemented: 'implémenté',
  'needs-table': 'table requise',
  'not-applicable': 'non applicable',
  missing: 'à écrire',
};

export async function controlsListCommand(options: {
  format: string;
  status?: string;
  category?: string;
}): Promise<number> {
  let entries = await buildReferential();
  if (options.status) entries = entries.filter((e) => e.status === options.status);
  if (options.category) entries = entries.filter((e) => e.category === options.category!.toUpperCase());
  if (options.format === 'json') {
    process.stdout.write(JSON.stringify(entries.map(listItemOf), null, 2) + '\n');
    return 0;
  }
  for (const e of entries) {
    const versions = e.versions.map((v) => v.version.slice(0, 3)).join(',');
    process.stdout.write(
      `${e.id.padEnd(24)} ${statusLabels[e.status]!.padEnd(15)} ${versions.padEnd(16)} ${oneLine(e.message, 90)}\n`,
    );
  }
  return 0;
}

export async function controlsShowCommand(id: string, options: { format: string }): Promise<number> {
  const entry = findControl(await buildReferential(), id);
  if (!entry)
    throw new UsageError(
      `Contrôle inconnu « ${id} » : voyez relais controls list.`,
      'RELAIS-CLI-UNKNOWN-CONTROL',
    );
  if (options.format === 'json') {
    process.stdout.write(JSON.stringify(entry, null, 2) + '\n');
    return 0;
  }
  const out = [
    `${entry.id} — ${entry.category}, ${entry.severity === 'blocking' ? 'bloquant' : 'non bloquant'}, ${statusLabels[entry.status]}`,
    `Rubrique : ${entry.rubric}`,
  ];
  if (entry.reason) out.push(`Statut : ${entry.reason}`);
  let previous = '';
  for (const v of entry.versions) {
    const text = `Règle : ${v.description}\nMessage : ${v.message}`;
    out.push('', `${v.version}${text === previous ? ' : inchangé' : ''}`);
    if (text !== previous) out.push(text);
    previous = text;
  }
  if (entry.examples.length > 0) {
    out.push('', 'Exemples :');
    for (const ex of entry.examples) out.push(`  ${ex.fails ? '✗ signalé' : '✓ accepté'} — ${ex.title}`);
  }
  process.stdout.write(out.join('\n') + '\n');
  return 0;
}

export async function controlsCoverageCommand(options: { format: string }): Promise<number> {
  const rows = await coverage();
  if (options.format === 'json') {
    process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
    return 0;
  }
  process.stdout.write('Version  Cat.  Total  Implémentés  Table requise  Non applicables  À écrire\n');
  for (const r of rows) {
    process.stdout.write(
      `${r.version}   ${r.category}  ${String(r.total).padStart(5)}  ${String(r.implemented).padStart(11)}  ${String(r.needsTable).padStart(13)}  ${String(r.notApplicable).padStart(15)}  ${String(r.missing).padStart(8)}\n`,
    );
  }
  return 0;
}

function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Writes the published referential: `DIR/index.html`, `DIR/controls.json` and the DSFR styles. */
export async function controlsExportCommand(options: { html?: string }): Promise<number> {
  if (!options.html)
    throw new UsageError('Indiquez le dossier de sortie : relais controls export --html DOSSIER.');
  const { dsfrDirectory, referentialSite } = await import('../features/referential/site.ts');
  const site = await referentialSite();
  const dir = options.html;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'index.html'), site.html);
  writeFileSync(join(dir, 'controls.json'), site.json);
  cpSync(dsfrDirectory(), join(dir, 'dsfr'), { recursive: true });
  const implemented = site.entries.filter((e) => e.status === 'implemented').length;
  process.stderr.write(
    `Référentiel écrit dans ${dir} : ${site.entries.length} contrôles, dont ${implemented} implémentés.\n`,
  );
  return 0;
}
