import { checkDsn, type CheckReport } from '../core/check/check.ts';
import { formatText } from '../core/check/format-text.ts';
import { isKnownVersion, normVersions } from '../core/norm/catalogue.ts';
import { exitCodes, UsageError } from './errors.ts';
import { openInput, openStdin } from './files.ts';
import { progressBar } from './progress.ts';
import { controls as registered } from '../core/controls/registry.ts';
import { suppliedTables } from './tables-dir.ts';

export interface CheckCommandOptions {
  format: string;
  norm?: string;
  limit?: string;
  controls: boolean;
  /** Directory of operator-supplied reference tables (`<ID>.csv`). */
  tables?: string;
}

/** JSON shape of one file (the contract of `relais check --format json`). */
function toJson(report: CheckReport) {
  return {
    file: report.file,
    norm: report.norm,
    family: report.family,
    envois: report.envois,
    declarations: report.declarations,
    individuals: report.individuals,
    lines: report.lines,
    bytes: report.bytes,
    diagnostics: report.diagnostics,
    groups: report.groups,
    summary: {
      blocking: report.summary.blocking,
      nonBlocking: report.summary.nonBlocking,
      notListed: report.summary.notListed,
    },
    notes: report.notes,
  };
}

/**
 * What the reader reports when a file is no declaration at all (empty, a PDF, a spreadsheet): the
 * report says so as for any file, and the exit code is the one of an unreadable file (2), which a
 * script tells apart from a declaration with blocking anomalies (1).
 */
const unreadableCodes = new Set<string>(['RELAIS-FILE-EMPTY', 'RELAIS-FILE-NOT-DSN']);

const unreadable = (report: CheckReport) => report.groups.some((g) => unreadableCodes.has(g.code));

export async function checkCommand(files: string[], options: CheckCommandOptions): Promise<number> {
  if (options.format !== 'text' && options.format !== 'json') {
    throw new UsageError(`Format inconnu « ${options.format} » : choisissez text ou json.`);
  }
  if (options.norm !== undefined && !isKnownVersion(options.norm)) {
    throw new UsageError(
      `Version de norme inconnue « ${options.norm} » : versions connues ${normVersions.map((v) => v.version).join(', ')}.`,
    );
  }
  let limit: number | undefined;
  if (options.limit !== undefined) {
    limit = Number(options.limit);
    if (!Number.isInteger(limit) || limit < 0)
      throw new UsageError(`--limit attend un nombre entier positif, pas « ${options.limit} ».`);
  }
  const tables =
    options.tables === undefined
      ? undefined
      : suppliedTables(options.tables, new Set(registered.flatMap((c) => c.tables ?? [])));
  if (files.filter((f) => f === '-').length > 1)
    throw new UsageError("« - » (l'entrée standard) ne peut être lu qu'une fois.");
  const inputs = files.map((file) => (file === '-' ? openStdin() : openInput(file)));
  const reports: CheckReport[] = [];
  for (const input of inputs) {
    const bar = progressBar(input.path, input.size);
    try {
      const report = await checkDsn(input.stream, {
        ...(options.norm ? { norm: options.norm } : {}),
        ...(limit !== undefined ? { limit } : {}),
        controls: options.controls,
        ...(tables ? { tables } : {}),
        onProgress: (bytes) => bar.update(bytes),
      });
      report.file = input.path;
      reports.push(report);
    } finally {
      bar.stop();
    }
    if (options.format === 'text')
      process.stdout.write(formatText(reports.at(-1)!) + (inputs.length > 1 ? '\n' : ''));
  }
  if (options.format === 'json') {
    const body = reports.length === 1 ? toJson(reports[0]!) : { files: reports.map(toJson) };
    process.stdout.write(JSON.stringify(body, null, 2) + '\n');
  }
  if (reports.some(unreadable)) return exitCodes.unreadable;
  return reports.some((r) => r.summary.blocking > 0) ? exitCodes.blocking : exitCodes.ok;
}
