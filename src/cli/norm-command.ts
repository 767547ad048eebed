import { isKnownVersion, loadCatalogue, normVersions } from '../core/norm/catalogue.ts';
import { diffNorms } from '../core/norm/diff.ts';
import { formatDiffText } from '../core/norm/format-diff.ts';
import { UsageError } from './errors.ts';

function known(version: string): string {
  if (!isKnownVersion(version)) {
    throw new UsageError(
      `Version de norme inconnue « ${version} » : versions connues ${normVersions.map((v) => v.version).join(', ')}.`,
    );
  }
  return version;
}

export async function normDiffCommand(
  from: string,
  to: string,
  options: { format: string },
): Promise<number> {
  const diff = diffNorms(await loadCatalogue(known(from)), await loadCatalogue(known(to)));
  process.stdout.write(
    options.format === 'json' ? JSON.stringify(diff, null, 2) + '\n' : formatDiffText(diff),
  );
  return 0;
}

export async function normListCommand(options: { format: string }): Promise<number> {
  const rows = await Promise.all(
    normVersions.map(async (v) => {
      const c = await loadCatalogue(v.version);
      return {
        version: v.version,
        family: v.family,
        label: v.label,
        revision: v.revision,
        blocks: c.blocks.length,
        rubrics: c.rubrics.length,
        controls: c.messages.length,
        usages: c.usages ? `${c.usages.table}${c.usages.exact ? '' : ' (le plus proche)'}` : 'aucun',
        source: c.source,
      };
    }),
  );
  if (options.format === 'json') {
    process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
  } else {
    for (const r of rows) {
      process.stdout.write(
        `${r.version.padEnd(13)} ${r.family.padEnd(6)} ${r.label.padEnd(32)} ${String(r.blocks).padStart(3)} blocs ${String(r.rubrics).padStart(4)} rubriques ${String(r.controls).padStart(4)} contrôles  usages : ${r.usages}\n`,
      );
    }
  }
  return 0;
}
