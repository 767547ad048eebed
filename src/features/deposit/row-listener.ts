import type { DsnListener } from '../../core/check/pipeline.ts';
import { deriveLines, personOf, writeLines, type LineContext } from '../drm/lines.ts';
import type { Declaration } from '../../core/parse/context.ts';
import type { Block } from '../../core/parse/tree.ts';
import { uuidv7 } from '../../platform/store/ids.ts';
import type { DeclarationKeys } from './declaration-keys.ts';
import type { DiagnosticRows } from './diagnostic-rows.ts';
import { identityOf } from './declaration-identity.ts';
import type { IngestedDeclaration } from './lifecycle.ts';
import { appendContextRows, appendUnitRows } from './row-builder.ts';
import { rowTables } from './row-mapping.ts';
import type { RowWriter } from './row-writer.ts';
import type { DeclarationTally } from './tally.ts';

const nirLines = rowTables.findIndex((t) => t.table === 'resource_line');
const nttLines = rowTables.findIndex((t) => t.table === 'resource_line_ntt');

/**
 * Pay is the monthly DSN's (signalements — arrêt, fin de contrat… — repeat part of it); other
 * incomes are the PASRAU's (nature 11).
 */
const resourcesByNature: Readonly<Record<string, Pick<LineContext, 'source' | 'kind'>>> = {
  '01': { source: 'DSN', kind: 'SALAIRE' },
  '11': { source: 'PASRAU', kind: 'REVENU_AUTRE' },
};

/** Whether declarations of this nature give resource lines (given an establishment). */
export const givesResourceLines = (nature: string | null) =>
  nature !== null && Object.hasOwn(resourcesByNature, nature);

function resourcesOf(nature: string | null, siret: string | null, key: string): LineContext | null {
  if (siret === null || !givesResourceLines(nature)) return null;
  return { key, payerSiret: siret, ...resourcesByNature[nature!]! };
}

/**
 * Turns the pipeline's events into rows as the file is read. Only the declarations' identities
 * are kept (one small object each); individuals are written out and forgotten. A declaration
 * already known to be rejected gets no more rows: they would be removed anyway.
 */
export class IngestListener implements DsnListener {
  readonly declarations: IngestedDeclaration[] = [];
  private readonly byIndex = new Map<
    number,
    IngestedDeclaration & { keyText: string; resources: LineContext | null }
  >();

  constructor(
    private readonly tally: DeclarationTally,
    private readonly writer: RowWriter,
    private readonly keys: DeclarationKeys,
    private readonly diagnostics: DiagnosticRows,
  ) {}

  declaration(declaration: Declaration): void {
    const key = this.keys.take();
    const identity = identityOf(declaration);
    const keyText = String(key);
    const ingested = {
      id: uuidv7(),
      key,
      keyText,
      identity,
      individuals: 0,
      lastLine: declaration.node.lastLine(),
      resourceLines: 0,
      resources: resourcesOf(identity.nature, identity.siret, keyText),
    };
    this.declarations.push(ingested);
    this.byIndex.set(declaration.index, ingested);
    this.diagnostics.declaration(declaration.index, keyText, identity.siret);
    if (!this.tally.rejects(declaration.index))
      appendContextRows(declaration.node, ingested.keyText, this.writer.current);
  }

  unit(unit: Block, declaration: Declaration): void {
    const ingested = this.byIndex.get(declaration.index)!;
    const last = unit.lastLine();
    if (last > ingested.lastLine) ingested.lastLine = last;
    if (unit.id !== 'S21.G00.30') return;
    this.diagnostics.individual(unit.line, last);
    if (this.tally.rejects(declaration.index)) return;
    const batch = this.writer.current;
    appendUnitRows(unit, ingested.keyText, batch);
    if (ingested.resources === null) return;
    const person = personOf(unit);
    if (person === null) return;
    const lines = deriveLines(unit);
    writeLines(person, lines, ingested.resources, batch.tables[nirLines]!, batch.tables[nttLines]!);
    ingested.resourceLines += lines.length;
  }

  declarationEnd(declaration: Declaration): void {
    const ingested = this.byIndex.get(declaration.index)!;
    ingested.individuals = declaration.individuals;
    const last = declaration.node.lastLine();
    if (last > ingested.lastLine) ingested.lastLine = last;
    this.diagnostics.declarationEnd(ingested.lastLine);
  }
}
