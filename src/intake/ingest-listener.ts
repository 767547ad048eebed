import type { DsnListener } from '../check/pipeline.ts';
import type { Declaration } from '../parse/context.ts';
import type { Block } from '../parse/tree.ts';
import { uuidv7 } from '../store/ids.ts';
import type { DeclarationKeys } from './declaration-keys.ts';
import { identityOf } from './identity.ts';
import type { IngestedDeclaration } from './lifecycle.ts';
import { appendContextRows, appendUnitRows } from './row-builder.ts';
import type { RowWriter } from './row-writer.ts';
import type { DeclarationTally } from './tally.ts';

/**
 * Turns the pipeline's events into rows as the file is read. Only the declarations' identities
 * are kept (one small object each); individuals are written out and forgotten. A declaration
 * already known to be rejected gets no more rows: they would be removed anyway.
 */
export class IngestListener implements DsnListener {
  readonly declarations: IngestedDeclaration[] = [];
  private readonly byIndex = new Map<number, IngestedDeclaration & { keyText: string }>();

  constructor(
    private readonly tally: DeclarationTally,
    private readonly writer: RowWriter,
    private readonly keys: DeclarationKeys,
  ) {}

  declaration(declaration: Declaration): void {
    const key = this.keys.take();
    const ingested = {
      id: uuidv7(),
      key,
      keyText: String(key),
      identity: identityOf(declaration),
      individuals: 0,
      lastLine: declaration.node.lastLine(),
    };
    this.declarations.push(ingested);
    this.byIndex.set(declaration.index, ingested);
    if (!this.tally.rejects(declaration.index))
      appendContextRows(declaration.node, ingested.keyText, this.writer.current);
  }

  unit(unit: Block, declaration: Declaration): void {
    const ingested = this.byIndex.get(declaration.index)!;
    const last = unit.lastLine();
    if (last > ingested.lastLine) ingested.lastLine = last;
    if (unit.id !== 'S21.G00.30' || this.tally.rejects(declaration.index)) return;
    appendUnitRows(unit, ingested.keyText, this.writer.current);
  }

  declarationEnd(declaration: Declaration): void {
    const ingested = this.byIndex.get(declaration.index)!;
    ingested.individuals = declaration.individuals;
    const last = declaration.node.lastLine();
    if (last > ingested.lastLine) ingested.lastLine = last;
  }
}
