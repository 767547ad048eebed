import { reportOnRubric } from './rubric-report.ts';
import { relaisCodes, type RelaisCode } from '../diagnostics/codes.ts';
import { shown, type Diagnostic, type DiagnosticSink } from '../diagnostics/diagnostic.ts';
import type { CompiledBlock, CompiledRubric } from '../norm/compile.ts';
import type { ControlMessage } from '../norm/types.ts';
import { severityOf } from '../controls/control.ts';
import { checkValue, ValueFault } from '../norm/validators.ts';
import type { Declaration, Envoi } from '../parse/context.ts';
import type { Block, Rubric } from '../parse/tree.ts';

/** Nature used for the blocks outside any declaration (S10, S90): their usages are the same for all. */
const envoiNature = '01';

/**
 * The checks every rubric and block gets from the norm's tables alone: datatypes (length, pattern,
 * enumeration, calendar dates), empty values, usages per nature, block cardinalities and the S90
 * totals.
 */
export class TechnicalChecks {
  constructor(private readonly diags: DiagnosticSink) {}

  rubric(rubric: Rubric, declaration: Declaration | null, bytes?: Uint8Array, start = 0): void {
    const def = rubric.def;
    if (def === null) return;
    const value = rubric.value;
    if (value.length === 0) {
      this.report('RELAIS-VALUE-EMPTY', rubric, declaration, `La rubrique ${label(def)} est vide.`);
      return;
    }
    const fault = checkValue(def.type, value, bytes, start);
    if (fault !== ValueFault.None) {
      this.valueFault(fault, rubric, def, declaration);
    } else if (
      // A coded value with blanks already fails its pattern or list; only free text can have them.
      def.type.freeText &&
      (value.charCodeAt(0) === 32 || value.charCodeAt(value.length - 1) === 32)
    ) {
      this.report(
        'RELAIS-VALUE-BLANKS',
        rubric,
        declaration,
        `La valeur de la rubrique ${label(def)} commence ou se termine par un espace.`,
      );
    }
  }

  blockClosed(block: Block, declaration: Declaration | null): void {
    const nature = declaration === null ? envoiNature : declaration.nature;
    if (nature === undefined) return;
    const def = block.def;
    const rules = def.rules(nature);
    const usage = rules.usage;
    if (usage !== null) {
      if (!usage.used) {
        this.blockReport(
          'RELAIS-BLOCK-NATURE',
          block,
          declaration,
          `Le bloc ${def.id} (${def.def.name}) n'est pas prévu dans une déclaration de nature ${nature}.`,
        );
        return;
      }
      if (usage.mandatory.length > 0) this.mandatory(block, usage.mandatory, nature, declaration);
      if (usage.refused.size > 0) {
        for (const rubric of block.rubrics) {
          const u = usage.refused.get(rubric.number);
          if (u === undefined) continue;
          const why = u === 'I' ? 'interdite' : 'non utilisée';
          this.report(
            'RELAIS-RUBRIC-FORBIDDEN',
            rubric,
            declaration,
            `La rubrique ${label(rubric.def!)} est ${why} pour une déclaration de nature ${nature}.`,
          );
        }
      }
    }
    const required = rules.required;
    for (let i = 0; i < required.length; i++) {
      const child = required[i]!;
      if (block.countOf(child) >= child.def.min) continue;
      // A missing footer is reported once, as an incomplete envoi.
      if (block.parent === null && child === lastChild(def)) continue;
      this.blockReport(
        'RELAIS-BLOCK-MISSING',
        block,
        declaration,
        `Le bloc ${block.id} (${def.def.name}) commencé ligne ${block.line} doit contenir au moins ${child.def.min} bloc ${child.id} (${child.def.name}).`,
        undefined,
        child.id,
      );
    }
  }

  /**
   * Mandatory rubrics absent from the block. Rubrics and the mandatory list are both in rubric
   * order in a well-formed file: one merged walk; a block out of order is looked up rubric by rubric.
   */
  private mandatory(
    block: Block,
    mandatory: CompiledRubric[],
    nature: string,
    declaration: Declaration | null,
  ): void {
    const rubrics = block.rubrics;
    let r = 0;
    for (let m = 0; m < mandatory.length; m++) {
      const wanted = mandatory[m]!.number;
      while (r < rubrics.length && rubrics[r]!.number < wanted) r++;
      if (r < rubrics.length && rubrics[r]!.number === wanted) continue;
      if (block.has(wanted)) continue;
      const missing = mandatory[m]!;
      this.blockReport(
        'RELAIS-RUBRIC-MANDATORY',
        block,
        declaration,
        `La rubrique ${label(missing)} est obligatoire dans le bloc ${block.id} (nature ${nature}).`,
        missing.id,
      );
    }
  }

  envoiEnd(envoi: Envoi): void {
    const footer = envoi.footer;
    if (footer === null) {
      if (this.diags.count('RELAIS-ENVOI-INCOMPLETE', 'blocking')) {
        this.diags.add({
          ...base('RELAIS-ENVOI-INCOMPLETE'),
          line: envoi.endLine,
          block: 'S90.G00.90',
          message: `L'envoi commencé ligne ${envoi.line} ne se termine pas par le bloc S90.G00.90 (total de l'envoi).`,
        });
      }
      return;
    }
    const rubrics = footer.rubric(1);
    if (rubrics !== undefined && /^\d+$/.test(rubrics.value) && Number(rubrics.value) !== envoi.lines) {
      this.totals(
        'RELAIS-TOTAL-RUBRICS',
        rubrics,
        `S90.G00.90.001 annonce ${Number(rubrics.value)} rubriques ; l'envoi en compte ${envoi.lines} (de S10.G00.00.001 à S90.G00.90.002).`,
      );
    }
    const declarations = footer.rubric(2);
    if (
      declarations !== undefined &&
      /^\d+$/.test(declarations.value) &&
      Number(declarations.value) !== envoi.declarations
    ) {
      this.totals(
        'RELAIS-TOTAL-DECLARATIONS',
        declarations,
        `S90.G00.90.002 annonce ${Number(declarations.value)} déclarations ; l'envoi en contient ${envoi.declarations}.`,
      );
    }
  }

  private totals(code: RelaisCode, rubric: Rubric, message: string): void {
    if (!this.diags.count(code, relaisCodes[code].severity)) return;
    this.diags.add({ ...base(code), line: rubric.line, rubric: rubric.id, value: rubric.value, message });
  }

  private valueFault(
    fault: ValueFault,
    rubric: Rubric,
    def: CompiledRubric,
    declaration: Declaration | null,
  ): void {
    const type = def.type;
    const value = `« ${shown(rubric.value, 40)} »`;
    switch (fault) {
      case ValueFault.NotInList: {
        const codes = [...(type.labels?.keys() ?? [])];
        const list = codes.length <= 12 ? codes.join(', ') : `${codes.slice(0, 12).join(', ')}…`;
        this.report(
          'RELAIS-VALUE-LIST',
          rubric,
          declaration,
          `La valeur ${value} de la rubrique ${label(def)} n'est pas dans la liste de la norme (${list}).`,
        );
        return;
      }
      case ValueFault.TooShort:
      case ValueFault.TooLong: {
        const { minLength: min, maxLength: max } = type.def;
        const bounds = min === max ? `exactement ${min}` : `de ${min} à ${max}`;
        this.report(
          'RELAIS-VALUE-LENGTH',
          rubric,
          declaration,
          `La valeur ${value} de la rubrique ${label(def)} a ${rubric.value.length} caractères ; le type ${type.def.id} en demande ${bounds}.`,
        );
        return;
      }
      case ValueFault.NotADate:
        if (def.calendarControl) this.official(def.calendarControl, rubric, declaration);
        else
          this.report(
            'RELAIS-VALUE-DATE',
            rubric,
            declaration,
            `La date ${value} de la rubrique ${label(def)} n'existe pas au calendrier.`,
          );
        return;
      default:
        if (type.isDate && def.calendarControl) {
          this.official(def.calendarControl, rubric, declaration);
        } else if (type.isAmount) {
          this.report(
            'RELAIS-VALUE-AMOUNT',
            rubric,
            declaration,
            `Le montant ${value} de la rubrique ${label(def)} doit s'écrire avec un point et deux décimales (ex. 1523.40).`,
          );
        } else {
          this.report(
            'RELAIS-VALUE-FORMAT',
            rubric,
            declaration,
            `La valeur ${value} de la rubrique ${label(def)} ne respecte pas le format du type ${type.def.id}${type.def.regexp && type.def.regexp.length <= 40 ? ` (${type.def.regexp})` : ''}.`,
          );
        }
    }
  }

  /** An anomaly the norm names: its official id, severity and user message. */
  private official(control: ControlMessage, rubric: Rubric, declaration: Declaration | null): void {
    const severity = severityOf(control.category);
    if (!this.diags.count(control.id, severity)) return;
    const d: Diagnostic = {
      code: control.id,
      severity,
      line: rubric.line,
      rubric: rubric.id,
      value: shown(rubric.value),
      message: control.message,
    };
    if (declaration !== null) d.declaration = declaration.index;
    this.diags.add(d);
  }

  private report(code: RelaisCode, rubric: Rubric, declaration: Declaration | null, message: string): void {
    reportOnRubric(this.diags, code, rubric, declaration, message);
  }

  private blockReport(
    code: RelaisCode,
    block: Block,
    declaration: Declaration | null,
    message: string,
    rubric?: string,
    blockId = block.id,
  ): void {
    if (!this.diags.count(code, relaisCodes[code].severity)) return;
    const d: Diagnostic = { ...base(code), line: block.line, block: blockId, message };
    if (rubric !== undefined) d.rubric = rubric;
    if (declaration !== null) d.declaration = declaration.index;
    this.diags.add(d);
  }
}

function base(code: RelaisCode): Pick<Diagnostic, 'code' | 'severity' | 'hint'> {
  const info = relaisCodes[code];
  return { code, severity: info.severity, hint: info.hint };
}

function label(def: CompiledRubric): string {
  return `${def.id} (${def.def.name})`;
}

function lastChild(block: CompiledBlock): CompiledBlock | undefined {
  return block.children[block.children.length - 1];
}
