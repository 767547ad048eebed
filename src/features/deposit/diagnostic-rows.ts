import { IndividualLines } from '../../core/check/places.ts';
import type { Diagnostic, Severity } from '../../core/diagnostics/diagnostic.ts';
import type { CopyBuffer } from '../../platform/store/copy-buffer.ts';

/** COPY column order of the `diagnostic` table. */
export const diagnosticColumns = [
  'deposit_id',
  'declaration_key',
  'code',
  'severity',
  'line',
  'rubric',
  'individual',
  'establishment',
] as const;

interface Waiting {
  code: string;
  severity: Severity;
  line: number | undefined;
  rubric: string | undefined;
  declaration: number | undefined;
}

/**
 * Every diagnostic of a deposit as a row of `diagnostic`, appended to the deposit's COPY batches
 * (the declared value and the message are left out: see the outbox migration).
 *
 * A diagnostic is often reported before what its row needs is known. The technical checks report
 * on a rubric as it is read, before its individual is complete; the declaration's key and SIRET
 * come when its context has been read. So a diagnostic waits here until its line is settled: once
 * an individual (S21.G00.30) or a declaration is complete, every unit that could hold a line up to
 * its last one is known. Only the individuals' line ranges are kept for the whole deposit (eight
 * bytes each, as the check report's `IndividualLines`): a check at the end of a declaration or
 * envoi may point back to any of them.
 */
export class DiagnosticRows {
  private waiting: Waiting[] = [];
  private settledTo = 0;
  private readonly individuals = new IndividualLines();
  private readonly declarations = new Map<number, { key: string; siret: string | null }>();

  constructor(
    private readonly depositId: string,
    /** Where rows go: the batch being filled, which changes as batches are handed to COPY. */
    private readonly out: () => CopyBuffer,
  ) {}

  add(diagnostic: Diagnostic): void {
    this.waiting.push({
      code: diagnostic.code,
      severity: diagnostic.severity,
      line: diagnostic.line,
      rubric: diagnostic.rubric,
      declaration: diagnostic.declaration,
    });
  }

  /** The declaration ranked `index` in the file has its key and establishment. */
  declaration(index: number, key: string, siret: string | null): void {
    this.declarations.set(index, { key, siret });
  }

  /** An individual (S21.G00.30 unit) is complete: lines up to its last one are settled. */
  individual(first: number, last: number): void {
    this.individuals.add(first, last);
    this.settle(last);
  }

  /** A declaration is complete, up to `last`. */
  declarationEnd(last: number): void {
    this.settle(last);
  }

  /** Writes every diagnostic still waiting: the file is read (or the lifecycle has decided). */
  flush(): void {
    this.settle(Number.POSITIVE_INFINITY);
  }

  private settle(upTo: number): void {
    if (upTo > this.settledTo) this.settledTo = upTo;
    if (this.waiting.length === 0) return;
    const kept: Waiting[] = [];
    for (const diagnostic of this.waiting) {
      if (diagnostic.line === undefined || diagnostic.line <= this.settledTo) this.write(diagnostic);
      else kept.push(diagnostic);
    }
    this.waiting = kept;
  }

  private write(d: Waiting): void {
    const declaration = d.declaration === undefined ? undefined : this.declarations.get(d.declaration);
    const out = this.out();
    out.ascii(this.depositId);
    out.tab();
    if (declaration === undefined) out.nul();
    else out.ascii(declaration.key);
    out.tab();
    out.text(d.code);
    out.tab();
    out.ascii(d.severity);
    out.tab();
    this.number(out, d.line);
    out.tab();
    out.text(d.rubric);
    out.tab();
    this.number(out, d.line === undefined ? undefined : this.individualAt(d.line));
    out.tab();
    out.text(declaration?.siret ?? undefined);
    out.endRow();
  }

  private number(out: CopyBuffer, value: number | undefined): void {
    if (value === undefined) out.nul();
    else out.int(value);
  }

  /** First line of the individual whose lines hold `line`. */
  private individualAt(line: number): number | undefined {
    const index = this.individuals.indexAt(line);
    return index >= 0 ? this.individuals.startOf(index) : undefined;
  }
}
