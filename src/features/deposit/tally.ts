import { DiagnosticCollector, type Diagnostic, type Severity } from '../../core/diagnostics/diagnostic.ts';

/**
 * The report's collector, counting blocking anomalies per declaration as well: a declaration is
 * accepted or rejected on its own, and the ingestion stops writing a declaration's rows as soon as
 * it is known to be rejected. The plain collector keeps only a sample of each code, so blocking
 * occurrences are always built here (they are rare in a file worth ingesting) and only the sample
 * is passed on.
 */
export class DeclarationTally extends DiagnosticCollector {
  private readonly blockingByDeclaration = new Map<number, number>();
  /** Blocking anomalies outside any declaration (S10, S90, the file itself): they reject all. */
  envoiBlocking = 0;
  private sampled = false;

  override count(code: string, severity: Severity): boolean {
    this.sampled = super.count(code, severity);
    return severity === 'blocking' || this.sampled;
  }

  override add(diagnostic: Diagnostic): void {
    if (diagnostic.severity === 'blocking') {
      const index = diagnostic.declaration;
      if (index === undefined) this.envoiBlocking++;
      else this.blockingByDeclaration.set(index, (this.blockingByDeclaration.get(index) ?? 0) + 1);
    }
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
