import { once } from 'node:events';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { DeclaredIdentities } from '../features/drm/declared-identities.ts';
import cliProgress from 'cli-progress';
import { ControlFaultError, planControlFaults } from '../features/generator/control-faults.ts';
import { generateDsn } from '../features/generator/generate.ts';
import {
  natureProblem,
  optionProblem,
  supportedNorms,
  type GeneratedNature,
  type GenerateOptions,
} from '../features/generator/options.ts';
import { generatePasrau, pasrauOptionProblem, type PasrauOptions } from '../features/generator/pasrau.ts';
import type { FaultRecord } from '../features/generator/writer.ts';
import { identityProblem, type ImposedIdentity } from '../features/generator/imposed-identity.ts';
import { UsageError, exitCodes } from './errors.ts';
import { writeFailure } from './files.ts';
import { nodeJsonLoader } from '../platform/node-json-loader.ts';

export interface GenerateCommandOptions {
  month?: string;
  establishments?: string;
  employees?: string;
  seed?: string;
  faults?: string;
  /** Official controls to trigger, comma separated (`--faults-only`). */
  faultsOnly?: string;
  /** Declaration nature: 01 (default), 04 or 05. */
  nature?: string;
  norm?: string;
  out?: string;
  /** Writes a PASRAU (nature 11) instead of a DSN. */
  pasrau?: boolean;
  payers?: string;
  beneficiaries?: string;
  /** Imposed identity (`--siren`, `--siret`): the file can be deposited under its declarant. */
  siren?: string;
  siret?: string;
  /** Also writes who the file declares, as NDJSON person lines (`--personnes`). */
  personnes?: string;
}

/** `--siren`/`--siret` as given, checked (key, length, consistency) with the option named. */
function parseIdentity(options: GenerateCommandOptions): ImposedIdentity {
  const identity: ImposedIdentity = {
    ...(options.siren !== undefined ? { siren: options.siren.replace(/\s/g, '') } : {}),
    ...(options.siret !== undefined ? { siret: options.siret.replace(/\s/g, '') } : {}),
  };
  fail(identityProblem(identity));
  return identity;
}

function integer(text: string | undefined, option: string, fallback?: number): number {
  if (text === undefined) {
    if (fallback !== undefined) return fallback;
    throw new UsageError(`l'option ${option} est obligatoire.`);
  }
  if (!/^\d+$/.test(text))
    throw new UsageError(`${option} attend un nombre entier positif, pas « ${text} ».`);
  return Number(text);
}

interface Common {
  month: string;
  out: string;
  seed: number;
  faults: number;
}

/** The options both generators take: month, output, seed and fault rate. */
function parseCommon(options: GenerateCommandOptions): Common {
  if (options.month === undefined)
    throw new UsageError("l'option --month est obligatoire (par exemple --month 2025-06).");
  if (options.out === undefined) throw new UsageError("l'option --out est obligatoire (fichier à écrire).");
  const seed = options.seed === undefined ? 1 : Number(options.seed);
  if (!/^-?\d+$/.test(options.seed ?? '1') || !Number.isSafeInteger(seed) || Math.abs(seed) > 0x7fffffff) {
    throw new UsageError(
      `--seed attend un nombre entier (de -2147483648 à 2147483647), pas « ${options.seed} ».`,
    );
  }
  const faults = options.faults === undefined ? 0 : Number(options.faults.replace(',', '.'));
  if (
    options.faults !== undefined &&
    (!/^\d*[.,]?\d+$/.test(options.faults) || !(faults >= 0 && faults <= 1))
  ) {
    throw new UsageError(
      `--faults attend une proportion entre 0 et 1 (par exemple 0.05), pas « ${options.faults} ».`,
    );
  }
  return { month: options.month, out: options.out, seed, faults };
}

function fail(problem: string | null): void {
  if (problem) throw new UsageError(problem.charAt(0).toUpperCase() + problem.slice(1));
}

/** `--faults-only S21.G00.30.001/CCH-14,S21.G00.40.010/CCH-12` → the ids, as typed. */
function controlIds(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  const ids = text
    .split(/[,;]/)
    .map((id) => id.trim())
    .filter((id) => id.length > 0);
  if (ids.length === 0)
    throw new UsageError(
      '--faults-only attend des identifiants de contrôles séparés par des virgules (par exemple S21.G00.30.001/CCH-14,S21.G00.40.010/CCH-12).',
    );
  return ids;
}

/** Checks the command line and turns it into generator options, or explains in French. */
export function parseGenerateOptions(
  options: GenerateCommandOptions,
): GenerateOptions & { out: string; seed: number; faults: number } {
  const { month, out, seed, faults } = parseCommon(options);
  const faultsOnly = controlIds(options.faultsOnly);
  if (options.norm !== undefined && !(supportedNorms as readonly string[]).includes(options.norm)) {
    throw new UsageError(
      `--norm : version « ${options.norm} » non prise en charge ; choisissez parmi ${supportedNorms.join(', ')}.`,
    );
  }
  const parsed = {
    month,
    establishments: integer(options.establishments, '--establishments', 1),
    employees: integer(options.employees, '--employees'),
    seed,
    faults,
    ...(faultsOnly ? { faultsOnly } : {}),
    ...(options.norm ? { norm: options.norm } : {}),
    ...(options.nature ? { nature: options.nature as GeneratedNature } : {}),
    ...parseIdentity(options),
    out,
  };
  fail(optionProblem(parsed));
  return parsed;
}

/** The same for `--pasrau`: payers and beneficiaries (or establishments and employees). */
export function parsePasrauOptions(
  options: GenerateCommandOptions,
): PasrauOptions & { out: string; seed: number; faults: number } {
  const { month, out, seed, faults } = parseCommon(options);
  if (options.nature !== undefined && options.nature !== '11')
    throw new UsageError('--nature ne vaut que pour les DSN : une PASRAU est de nature 11.');
  if (options.faultsOnly !== undefined)
    throw new UsageError(
      '--faults-only ne vaut que pour les DSN : les contrôles officiels de la DSN ne s’appliquent pas aux PASRAU (voyez --faults pour leurs anomalies connues).',
    );
  const parsed = {
    month,
    payers: integer(options.payers ?? options.establishments, '--payers', 1),
    beneficiaries: integer(options.beneficiaries ?? options.employees, '--beneficiaries'),
    seed,
    faults,
    ...(options.norm ? { norm: options.norm } : {}),
    ...parseIdentity(options),
    out,
  };
  fail(pasrauOptionProblem(parsed));
  return parsed;
}

/** Writes to a file stream, waiting for it to drain when its buffer is full. */
function fileSink(stream: WriteStream) {
  return {
    async write(chunk: Uint8Array) {
      if (stream.errored) throw stream.errored;
      if (!stream.write(chunk)) await once(stream, 'drain');
    },
  };
}

async function close(stream: WriteStream): Promise<void> {
  if (stream.errored) throw stream.errored;
  stream.end();
  await once(stream, 'finish');
}

/** Opens a file for writing; a missing folder or a refusal is reported before anything is generated. */
async function openOutput(path: string): Promise<WriteStream> {
  const stream = createWriteStream(path);
  // Later errors are rethrown where the command waits (write, close); without a listener Node would crash.
  stream.on('error', () => {});
  try {
    await once(stream, 'open');
  } catch (error) {
    throw writeFailure(path, error);
  }
  return stream;
}

/** The answer key, streamed: `{ "file", "seed", "faults": [ … ] }`. */
class FaultKey {
  private count = 0;
  constructor(
    private readonly stream: WriteStream,
    file: string,
    seed: number,
  ) {
    stream.write(`{\n  "file": ${JSON.stringify(file)},\n  "seed": ${seed},\n  "faults": [`);
  }

  add(f: FaultRecord): void {
    const entry = {
      line: f.line,
      rubric: f.rubric ?? null,
      ...(f.block ? { block: f.block } : {}),
      code: f.code,
      kind: f.kind,
      description: f.description,
      ...(f.consequences ? { consequences: f.consequences } : {}),
    };
    this.stream.write(`${this.count++ === 0 ? '' : ','}\n    ${JSON.stringify(entry)}`);
  }

  async end(): Promise<void> {
    this.stream.write(`${this.count > 0 ? '\n  ' : ''}]\n}\n`);
    await close(this.stream);
  }
}

const frenchNumber = new Intl.NumberFormat('fr-FR');

function size(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toLocaleString('fr-FR', { maximumFractionDigits: 2 })} Go`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;
  return `${(bytes / 1e3).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} ko`;
}

export async function generateCommand(options: GenerateCommandOptions): Promise<number> {
  const pasrau = options.pasrau === true;
  const parsed = pasrau ? parsePasrauOptions(options) : parseGenerateOptions(options);
  const people = pasrau ? 'bénéficiaires' : 'salariés';
  const total = 'beneficiaries' in parsed ? parsed.beneficiaries : parsed.employees;
  const started = Date.now();
  // The chosen controls are placed before anything is written: an id that cannot be triggered
  // leaves no file behind.
  if ('faultsOnly' in parsed && parsed.faultsOnly !== undefined) {
    try {
      parsed.controlFaults = await planControlFaults(parsed, nodeJsonLoader);
    } catch (error) {
      if (error instanceof ControlFaultError || error instanceof RangeError)
        throw new UsageError(error.message);
      throw error;
    }
  }
  if ('nature' in parsed && parsed.nature !== undefined) fail(await natureProblem(parsed));
  const output = await openOutput(parsed.out);
  const key =
    parsed.faults > 0 || ('faultsOnly' in parsed && parsed.faultsOnly !== undefined)
      ? new FaultKey(await openOutput(`${parsed.out}.faults.json`), parsed.out, parsed.seed)
      : null;
  const bar =
    process.stderr.isTTY === true
      ? new cliProgress.SingleBar(
          {
            stream: process.stderr,
            format: `${parsed.out} [{bar}] {percentage} % · {value} / {total} ${people} · {size} · reste {eta_formatted}`,
            hideCursor: true,
            clearOnComplete: true,
          },
          cliProgress.Presets.shades_classic,
        )
      : null;
  bar?.start(total, 0, { size: '0 Mo' });
  let summary;
  try {
    const hooks = {
      loadJson: nodeJsonLoader,
      onFault: (f: FaultRecord) => key?.add(f),
      onProgress: (p: { employees: number; chars: number }) =>
        bar?.update(p.employees, { size: size(p.chars) }),
    };
    if ('beneficiaries' in parsed) {
      const s = await generatePasrau(parsed, fileSink(output), hooks);
      summary = { ...s, people: s.beneficiaries };
    } else {
      const s = await generateDsn(parsed, fileSink(output), hooks);
      summary = { ...s, people: s.employees };
    }
    await close(output);
    await key?.end();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== undefined) throw writeFailure(parsed.out, error);
    throw error;
  } finally {
    bar?.stop();
  }
  const persons =
    options.personnes === undefined ? null : await writePersonLines(parsed.out, options.personnes);
  const seconds = (Date.now() - started) / 1000;
  process.stdout.write(
    `Fichier ${parsed.out} écrit : ${pasrau ? 'PASRAU, ' : ''}${size(summary.bytes)}, ${frenchNumber.format(summary.people)} ${people}, ` +
      `${frenchNumber.format(summary.declarations)} déclaration${summary.declarations > 1 ? 's' : ''} (norme ${summary.norm}), ` +
      `${seconds.toLocaleString('fr-FR', { maximumFractionDigits: 1 })} s` +
      (key
        ? `, ${frenchNumber.format(summary.faults)} anomalie${summary.faults > 1 ? 's' : ''} décrite${summary.faults > 1 ? 's' : ''} dans ${parsed.out}.faults.json`
        : '') +
      '.\n' +
      (persons === null
        ? ''
        : `${frenchNumber.format(persons)} personnes déclarées écrites dans ${options.personnes} (NDJSON).\n`),
  );
  return exitCodes.ok;
}

/**
 * The persons `file` declares, one NDJSON line each with a case reference of its own, in the shape
 * of a bulk read's or a follow's lines. Read back from the file, as a stream: it is what was
 * declared, whatever the generator's options.
 */
async function writePersonLines(file: string, out: string): Promise<number> {
  const found = new DeclaredIdentities();
  const lines = createInterface({ input: createReadStream(file, 'latin1'), crlfDelay: Infinity });
  for await (const line of lines) found.add(line);
  const output = await openOutput(out);
  try {
    found.persons.forEach((p, i) => {
      const dossier = `DOSSIER-${String(i + 1).padStart(6, '0')}`;
      output.write(
        `${JSON.stringify({ nir: p.nir, nom: p.lastName, prenoms: p.firstNames, dateNaissance: p.birthDate, dossier })}\n`,
      );
    });
    await close(output);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== undefined) throw writeFailure(out, error);
    throw error;
  }
  return found.persons.length;
}
