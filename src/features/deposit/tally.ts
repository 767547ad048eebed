import { DiagnosticCollector, type Diagnostic, type Severity } from '../../core/diagnostics/diagnostic.ts';

/**
 * The report's collector, counting blocking anomalies per declaration as well: a declaration is
 * accepted or rejected on its own, and the ingestion stops writing a declaration's rows as soon as
 * it is known to be rejected. Every occurrence is also handed to `every` (the deposit's diagnostic
 * rows), so every diagnostic is built here, not only the sample the plain collector keeps of each
 * code; only that sample is passed on to the report, which stays as `relais check` gives it.
 */
export class DeclarationTally extends DiagnosticCollector {
  private readonly blockingByDeclaration = new Map<number, number>();
  /** Blocking anomalies outside any declaration (S10, S90, the file itself): they reject all. */
  envoiBlocking = 0;
  private sampled = false;

  constructor(private readonly every: { add(diagnostic: Diagnostic): void }) {
    super();
  }

  override count(code: string, severity: Severity): boolean {
    this.sampled = super.count(code, severity);
    return true;
  }

  override add(diagnostic: Diagnostic): void {
    if (diagnostic.severity === 'blocking') {
      const index = diagnostic.declaration;
      if (index === undefined) this.envoiBlocking++;
      else this.blockingByDeclaration.set(index, (this.blockingByDeclaration.get(index) ?? 0) + 1);
    }
    this.every.add(diagnostic);
    if (this.sampled) super.add(diagnostic);
    this.sampled = false;
  }

  /** Blocking anomalies of the declaration ranked `index` in the file (envoi-level ones excluded). */
  blockingIn(index: number): number {
    return this.blockingByDeclaration.get(index) ?? 0;
  }

  rejects(index: number): boolean {
    return this.envoiBlocking > 0 || this.blockingIn(index) > 0;
  }
}
