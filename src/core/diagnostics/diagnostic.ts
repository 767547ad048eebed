/**
 * A problem found in a declaration. Problems in a user's file are data, never exceptions: the
 * parser, the technical checks and the controls all report through a {@link DiagnosticSink}.
 */

export type Severity = 'blocking' | 'non-blocking';

export interface Diagnostic {
  /** Official control id (`S21.G00.06.001/CSL-11`) or a stable Relais code (`RELAIS-VALUE-LIST`). */
  code: string;
  severity: Severity;
  /** 1-based line in the file, as users count. */
  line?: number;
  rubric?: string;
  block?: string;
  /** The value found, when there is one (truncated). */
  value?: string;
  /** French message: the official user message when the norm has one. */
  message: string;
  /** How to fix it, in French. */
  hint?: string;
  /** 1-based index of the declaration (S20) in the file, when the problem is inside one. */
  declaration?: number;
  /*
   * Added once the file is read (`check/places.ts`), after the fields above: the JSON report keeps
   * its fields and their order, and only gains these.
   */
  /** The individual (S21.G00.30) whose lines hold `line`. */
  individual?: DiagnosticIndividual;
  /** SIRET of the declaration's establishment (S21.G00.06.001 + S21.G00.11.001), when well formed. */
  siret?: string;
  /** Page of the official control in the published referential (`/referentiel/#S21.G00.30.001/CCH-11`). */
  controlPage?: string;
}

/** Whom a diagnostic concerns: never a NIR in clear. */
export interface DiagnosticIndividual {
  /** Line of the individual's first rubric (S21.G00.30.001): where its block starts. */
  line: number;
  /** S21.G00.30.001 masked: only its last four characters are shown (`*********0123`). */
  nir?: string;
  /** Family name (S21.G00.30.002) and first names (S21.G00.30.004). */
  name?: string;
  /** Employee number in the company, S21.G00.30.019 (matricule). */
  number?: string;
}

export interface DiagnosticSink {
  /**
   * Counts one occurrence of `code` and says whether its details are still wanted (the sink
   * keeps only a sample of each code): build the diagnostic only when it returns true.
   */
  count(code: string, severity: Severity): boolean;
  add(diagnostic: Diagnostic): void;
}

export interface DiagnosticGroup {
  code: string;
  severity: Severity;
  count: number;
  /** The first occurrence's message and hint: a code past the caps is still explained. */
  message: string;
  hint?: string;
}

export interface DiagnosticSummary {
  blocking: number;
  nonBlocking: number;
  /** Occurrences counted but not listed because of the caps. */
  notListed: number;
}

export interface CollectorOptions {
  /** Most diagnostics listed in all (DSN-Val shows 200 by default). */
  limit?: number;
  /** Most occurrences listed for one code; the others are only counted. */
  perCode?: number;
}

/** Keeps a capped, grouped sample of the diagnostics and exact counts of all of them. */
export class DiagnosticCollector implements DiagnosticSink {
  readonly limit: number;
  readonly perCode: number;
  private readonly listed: Diagnostic[] = [];
  private readonly groups = new Map<string, DiagnosticGroup>();
  /** Codes whose first occurrence has given its message, listed or not. */
  private readonly described = new Set<string>();
  private blocking = 0;
  private nonBlocking = 0;

  constructor(options: CollectorOptions = {}) {
    this.limit = options.limit ?? 200;
    this.perCode = options.perCode ?? 20;
  }

  count(code: string, severity: Severity): boolean {
    if (severity === 'blocking') this.blocking++;
    else this.nonBlocking++;
    let group = this.groups.get(code);
    if (!group) {
      group = { code, severity, count: 0, message: '' };
      this.groups.set(code, group);
    }
    group.count++;
    // Past the caps the first occurrence of a code is still built, once, for its message and hint.
    return this.listable(group) || !this.described.has(code);
  }

  add(diagnostic: Diagnostic): void {
    const group = this.groups.get(diagnostic.code);
    if (group && !this.described.has(diagnostic.code)) {
      this.described.add(diagnostic.code);
      group.message = diagnostic.message;
      if (diagnostic.hint !== undefined) group.hint = diagnostic.hint;
    }
    if (group ? this.listable(group) : this.listed.length < this.limit) this.listed.push(diagnostic);
  }

  private listable(group: DiagnosticGroup): boolean {
    return group.count <= this.perCode && this.listed.length < this.limit;
  }

  /** Count and add in one call, for paths that are not hot. */
  report(diagnostic: Diagnostic): void {
    if (this.count(diagnostic.code, diagnostic.severity)) this.add(diagnostic);
  }

  get hasBlocking(): boolean {
    return this.blocking > 0;
  }

  diagnostics(): Diagnostic[] {
    return [...this.listed].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  }

  grouped(): DiagnosticGroup[] {
    return [...this.groups.values()].sort(
      (a, b) =>
        Number(b.severity === 'blocking') - Number(a.severity === 'blocking') ||
        b.count - a.count ||
        a.code.localeCompare(b.code),
    );
  }

  summary(): DiagnosticSummary {
    return {
      blocking: this.blocking,
      nonBlocking: this.nonBlocking,
      notListed: this.blocking + this.nonBlocking - this.listed.length,
    };
  }
}

/** Values are shown to help, not stored whole: a 2 MB value would drown the report. */
export function shown(value: string, max = 80): string {
  return value.length > max ? `${value.slice(0, max)}…` : value;
}
