import { frenchNumber } from '../values/french-number.ts';
import { relaisCodes, type RelaisCode } from '../diagnostics/codes.ts';
import { shown, type Diagnostic, type DiagnosticSink } from '../diagnostics/diagnostic.ts';
import type { CompiledBlock } from '../norm/compile.ts';
import { blockIdOf, rubricIdOf } from '../norm/rubric-keys.ts';
import type { Declaration } from './context.ts';
import type { Block, Rubric } from './tree.ts';

/**
 * What the reader finds wrong with the shape of a file, in French: lines that are not rubrics,
 * blocks and rubrics the norm does not know or that are out of place. Only reported here: the
 * reader decides what to keep (`reader.ts`). The encoding (`encoding.ts`), the lot envelope
 * (`lot-envelope.ts`) and the norm choice (`norm-choice.ts`) report through the same {@link Report}.
 */

export type ReportDetails = Omit<Diagnostic, 'code' | 'severity' | 'line' | 'hint'> & { hint?: string };

/** Reports one of the reader's diagnostics at a line, within the declaration being read. */
export type Report = (code: RelaisCode, line: number | undefined, details: ReportDetails) => void;

export class StructureDiagnostics {
  constructor(
    private readonly sink: DiagnosticSink,
    /** The declaration being read, whose index the diagnostics carry. */
    private readonly declaration: () => Declaration | null,
  ) {}

  readonly report: Report = (code, line, details) => {
    const info = relaisCodes[code];
    if (!this.sink.count(code, info.severity)) return;
    const d: Diagnostic = { code, severity: info.severity, hint: info.hint, ...details };
    if (line !== undefined) d.line = line;
    const declaration = this.declaration();
    if (declaration !== null && d.declaration === undefined) d.declaration = declaration.index;
    this.sink.add(d);
  };

  empty(): void {
    this.report('RELAIS-FILE-EMPTY', undefined, { message: 'Le fichier est vide.' });
  }

  notDsn(lines: number): void {
    this.report('RELAIS-FILE-NOT-DSN', undefined, {
      message: `Aucune des ${lines} premières lignes n'a la forme d'une rubrique Sxx.Gyy.zz.nnn,'valeur' : la lecture est abandonnée.`,
    });
  }

  tooLong(line: number, start: string, length: number, ended: boolean): void {
    this.report('RELAIS-LINE-TOO-LONG', line, {
      message: `Ligne de ${frenchNumber(length)} caractères${ended ? '' : ' sans fin de ligne'} : elle a été ignorée.`,
      value: shown(start),
    });
  }

  noEndOfLine(line: number): void {
    this.report('RELAIS-LINE-NO-EOL', line, {
      message: 'La dernière ligne du fichier ne se termine pas par un saut de ligne.',
    });
  }

  emptyLine(line: number): void {
    this.report('RELAIS-LINE-SYNTAX', line, { message: 'Ligne vide.' });
  }

  trailing(line: number, rubric: string): void {
    this.report('RELAIS-LINE-TRAILING', line, {
      message: "Des espaces suivent l'apostrophe qui termine la valeur.",
      rubric,
    });
  }

  syntax(line: number, text: string): void {
    this.report('RELAIS-LINE-SYNTAX', line, {
      message: syntaxProblem(text),
      value: shown(text),
    });
  }

  /** A root block (S10.G00.00) after the envoi's first lines. */
  rootMisplaced(def: CompiledBlock, number: number, line: number): void {
    this.report('RELAIS-BLOCK-MISPLACED', line, {
      rubric: rubricIdOf(def.key * 1000 + number),
      block: def.id,
      message: `Le bloc ${def.id} (${def.def.name}) ne peut apparaître qu'en tête d'envoi.`,
    });
  }

  unknownBlock(blockKey: number, number: number, line: number, version: string): void {
    this.report('RELAIS-BLOCK-UNKNOWN', line, {
      rubric: rubricIdOf(blockKey * 1000 + number),
      block: blockIdOf(blockKey),
      message: `Le bloc ${blockIdOf(blockKey)} n'existe pas dans la norme ${version}.`,
    });
  }

  unknownRubric(node: Block, rubric: Rubric, version: string): void {
    this.report('RELAIS-RUBRIC-UNKNOWN', rubric.line, {
      rubric: rubric.id,
      block: node.id,
      value: shown(rubric.value),
      message: `La rubrique ${rubric.id} n'existe pas dans le bloc ${node.id} (${node.def.def.name}) de la norme ${version}.`,
    });
  }

  /** A rubric number not above the last one of a block that occurs once: a duplicate, or out of order. */
  outOfOrder(node: Block, number: number, line: number): void {
    const id = rubricIdOf(node.def.key * 1000 + number);
    const name = node.def.byNumber[number]?.def.name;
    const label = name ? `${id} (${name})` : id;
    if (node.has(number)) {
      this.report('RELAIS-RUBRIC-DUPLICATE', line, {
        rubric: id,
        block: node.id,
        message: `La rubrique ${label} apparaît deux fois dans le bloc ${node.id} commencé ligne ${node.line}.`,
      });
    } else {
      this.report('RELAIS-RUBRIC-ORDER', line, {
        rubric: id,
        block: node.id,
        message: `La rubrique ${label} vient après ${rubricIdOf(node.def.key * 1000 + node.last)} : les rubriques d'un bloc doivent suivre l'ordre croissant.`,
      });
    }
  }

  /** A block outside any instance of its parent block: its rubrics are skipped. */
  misplaced(def: CompiledBlock, blockKey: number, number: number, line: number): void {
    const parent = def.parent!;
    this.report('RELAIS-BLOCK-MISPLACED', line, {
      rubric: rubricIdOf(blockKey * 1000 + number),
      block: def.id,
      message: `Le bloc ${def.id} (${def.def.name}) doit se trouver à l'intérieur d'un bloc ${parent.id} (${parent.def.name}) ; ses rubriques sont ignorées.`,
    });
  }

  blockOrder(def: CompiledBlock, parent: Block, line: number): void {
    const after = parent.def.children[parent.lastChildOrder];
    this.report('RELAIS-BLOCK-ORDER', line, {
      block: def.id,
      message: `Le bloc ${def.id} (${def.def.name}) devrait précéder le bloc ${after?.id ?? '?'} dans ${parent.id}.`,
    });
  }

  tooMany(def: CompiledBlock, parent: Block, line: number): void {
    this.report('RELAIS-BLOCK-TOO-MANY', line, {
      block: def.id,
      message: `Le bloc ${def.id} (${def.def.name}) apparaît plus de ${def.def.max} fois dans le bloc ${parent.id} commencé ligne ${parent.line}.`,
    });
  }
}

function syntaxProblem(text: string): string {
  if (!/^S\d{2}\.G\d{2}\.\d{2}\.\d{3}/.test(text)) {
    return 'La ligne ne commence pas par un identifiant de rubrique de la forme Sxx.Gyy.zz.nnn.';
  }
  const rest = text.slice(14);
  if (!rest.startsWith(',')) return "L'identifiant de rubrique doit être suivi d'une virgule, sans espace.";
  if (!rest.startsWith(",'")) return 'La valeur doit commencer par une apostrophe.';
  if (rest.length < 3 || !rest.endsWith("'")) {
    return 'La valeur doit se terminer par une apostrophe en fin de ligne (ligne tronquée ?).';
  }
  return "La ligne ne respecte pas la forme Sxx.Gyy.zz.nnn,'valeur'.";
}
