import type { Diagnostic, DiagnosticIndividual } from '../diagnostics/diagnostic.ts';
import type { Declaration } from '../parse/context.ts';
import type { Block } from '../parse/tree.ts';

/**
 * Whom and where a diagnostic concerns: the individual (S21.G00.30) whose lines hold it, the
 * declaration's establishment, and the official control's page in the referential. The reports
 * (text, JSON, HTML) show them; the deposit's diagnostic rows use the same line ranges.
 */

/**
 * Rubrics holding a NIR, in every version from P24V01 and in PASRAU: a report never prints their
 * value in clear (see {@link maskNir}).
 */
export const nirRubrics: ReadonlySet<string> = new Set([
  'S21.G00.30.001',
  'S21.G00.31.008',
  'S21.G00.73.007',
  'S21.G00.73.008',
  'S89.G00.67.001',
  'S89.G00.87.007',
  'S89.G00.88.008',
  'S89.G00.89.007',
  'S89.G00.91.001',
]);

/**
 * A NIR as reports show it: only its last four characters, the others replaced by `*`
 * (`*********0123`). The last digits (the end of the birth place's code and the birth
 * certificate's order number) tell a clerk which of the employees it is, with the name, without
 * revealing what the first ones would (sex, year and month of birth). A value too short to hide
 * anything with four characters shown is masked whole.
 */
export function maskNir(nir: string): string {
  const value = nir.length > 20 ? nir.slice(0, 20) : nir;
  return value.length > 8 ? '*'.repeat(value.length - 4) + value.slice(-4) : '*'.repeat(value.length);
}

/** A rubric's value as a report may print it: masked when the rubric holds a NIR. */
export function printable(rubric: string | undefined, value: string): string {
  return rubric !== undefined && nirRubrics.has(rubric) ? maskNir(value) : value;
}

/**
 * A diagnostic's message as a report may print it: a message on a NIR rubric that quotes the value
 * (`La valeur « … »`, `Le NIR … figure déjà…`) quotes it masked.
 */
export function printableMessage(d: Diagnostic): string {
  const { rubric, value, message } = d;
  if (rubric === undefined || value === undefined || !nirRubrics.has(rubric)) return message;
  const masked = message.replaceAll(`« ${value} »`, `« ${maskNir(value)} »`);
  return value.length >= 9 ? masked.replaceAll(value, maskNir(value)) : masked;
}

/** Page of an official control (`S21.G00.30.001/CCH-11`) in the referential; none for a Relais code. */
export function controlPage(code: string): string | undefined {
  return code.includes('/') ? `/referentiel/#${code}` : undefined;
}

const digits = (value: string | undefined, length: number) =>
  value !== undefined && value.length === length && /^\d+$/.test(value) ? value : null;

/** SIREN (S21.G00.06.001), NIC (S21.G00.11.001) and SIRET of a declaration, when well formed. */
export function establishmentOf(node: Block): {
  siren: string | null;
  nic: string | null;
  siret: string | null;
} {
  const company = node.first('S21.G00.06');
  const siren = digits(company?.value(1), 9);
  const nic = digits(company?.first('S21.G00.11')?.value(1), 5);
  return { siren, nic, siret: siren !== null && nic !== null ? siren + nic : null };
}

/**
 * Line ranges of the individuals, in file order, eight bytes each: a file of a million lines
 * keeps them all, and finds the one holding a line by bisection.
 */
export class IndividualLines {
  private starts = new Int32Array(1024);
  private ends = new Int32Array(1024);
  count = 0;

  add(first: number, last: number): void {
    if (this.count === this.starts.length) {
      this.starts = grown(this.starts);
      this.ends = grown(this.ends);
    }
    this.starts[this.count] = first;
    this.ends[this.count] = last;
    this.count++;
  }

  /** Index of the individual whose lines hold `line` (the last one starting at or before it), or -1. */
  indexAt(line: number): number {
    let low = 0;
    let high = this.count - 1;
    let found = -1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      if (this.starts[middle]! <= line) {
        found = middle;
        low = middle + 1;
      } else high = middle - 1;
    }
    return found >= 0 && this.ends[found]! >= line ? found : -1;
  }

  /** First line of the individual ranked `index` (its S21.G00.30.001, in a well-formed file). */
  startOf(index: number): number {
    return this.starts[index]!;
  }
}

function grown<T extends Int32Array | Uint8Array>(from: T): T {
  const to = new (from.constructor as new (length: number) => T)(from.length * 2);
  to.set(from);
  return to;
}

/** Longest name or number kept: enough to recognise someone, bounded for a broken file. */
const FIELD = 60;
const SEPARATOR = 0;

/**
 * Follows the individuals and declarations as the pipeline reads them, and says at the end whom
 * and where each listed diagnostic concerns. A diagnostic may point back to an individual read
 * long before (a control that judges at the end of the declaration), so every individual's
 * identity is kept, compactly: masked NIR, name and number as Latin-1 bytes, about thirty bytes
 * each, in one buffer (no string per individual, none holding on to the chunk it was read from).
 */
export class DiagnosticPlaces {
  readonly individuals = new IndividualLines();
  private bytes = new Uint8Array(16 * 1024);
  private used = 0;
  private offsets = new Int32Array(1024);
  /** SIRET of each declaration, by its rank in the file (null: not readable). */
  private readonly sirets: (string | null)[] = [];

  /** An individual (S21.G00.30 unit) is complete. */
  individual(unit: Block): void {
    const index = this.individuals.count;
    this.individuals.add(unit.line, unit.lastLine());
    if (index === this.offsets.length) this.offsets = grown(this.offsets);
    this.offsets[index] = this.used;
    const nir = unit.value(1);
    this.write(nir === undefined ? '' : maskNir(nir));
    const family = unit.value(2);
    const first = unit.value(4);
    this.write(family !== undefined && first !== undefined ? `${family} ${first}` : (family ?? first ?? ''));
    this.write(unit.value(19) ?? '');
  }

  /** A declaration's context is read: its establishment is known. */
  declaration(declaration: Declaration): void {
    if (this.sirets[declaration.index] === undefined)
      this.sirets[declaration.index] = establishmentOf(declaration.node).siret;
  }

  /**
   * Adds to each diagnostic the individual, the establishment and the control's page it concerns
   * (fields appended after the others, so that the JSON report only gains fields). Returns them.
   */
  place(diagnostics: Diagnostic[]): Diagnostic[] {
    for (const d of diagnostics) {
      const index = d.line === undefined ? -1 : this.individuals.indexAt(d.line);
      if (index >= 0) d.individual = this.identity(index);
      const siret = d.declaration === undefined ? null : (this.sirets[d.declaration] ?? null);
      if (siret !== null) d.siret = siret;
      const page = controlPage(d.code);
      if (page !== undefined) d.controlPage = page;
    }
    return diagnostics;
  }

  private identity(index: number): DiagnosticIndividual {
    let at = this.offsets[index]!;
    const field = () => {
      let text = '';
      for (; this.bytes[at] !== SEPARATOR; at++) text += String.fromCharCode(this.bytes[at]!);
      at++;
      return text;
    };
    const nir = field();
    const name = field();
    const number = field();
    const individual: DiagnosticIndividual = { line: this.individuals.startOf(index) };
    if (nir !== '') individual.nir = nir;
    if (name !== '') individual.name = name;
    if (number !== '') individual.number = number;
    return individual;
  }

  private write(text: string): void {
    const length = Math.min(text.length, FIELD);
    while (this.used + length + 1 > this.bytes.length) this.bytes = grown(this.bytes);
    for (let i = 0; i < length; i++) {
      const code = text.charCodeAt(i);
      // Latin-1 as the file is read; anything else (and the separator) shown as a question mark.
      this.bytes[this.used++] = code === SEPARATOR || code > 0xff ? 0x3f : code;
    }
    this.bytes[this.used++] = SEPARATOR;
  }
}
