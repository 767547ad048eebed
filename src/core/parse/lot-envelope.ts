import { shown } from '../diagnostics/diagnostic.ts';
import type { CompiledNorm } from '../norm/compile.ts';
import { rubricIdOf, rubricKeyOf } from '../norm/rubric-keys.ts';
import { checkValue, ValueFault } from '../norm/validators.ts';
import type { Report } from './structure-diagnostics.ts';

/**
 * The organisms' lot envelope around envois: a header S05, groups S06 … S96 of envois, an end S95.
 * Checks its lines against the lot norm and its structure (a header first, closed groups, the
 * counts its end announces); the envois inside are the reader's.
 */

const LOT_NUMBER = rubricKeyOf('S05.G51.00.002');
const LOT_GROUPS = rubricKeyOf('S05.G51.00.006');
const LOT_NUMBER_END = rubricKeyOf('S95.G51.00.001');
const LOT_GROUPS_END = rubricKeyOf('S95.G51.00.002');

/** The structure (`Sxx`) of a rubric key. */
const structureOf = (key: number) => (key / 10000000) | 0;

/** True for the rubric keys of the envelope (S05, S06, S95, S96). */
export function isLotKey(key: number): boolean {
  const structure = structureOf(key);
  return structure === 5 || structure === 6 || structure === 95 || structure === 96;
}

interface LotGroup {
  code: string;
  line: number;
  envois: number;
}

export class LotEnvelope {
  /** Set at the first line of the envelope. */
  started = false;
  private readonly values = new Map<number, string>();
  private groups = 0;
  private group: LotGroup | null = null;
  private ended = false;

  constructor(
    private readonly lot: CompiledNorm,
    private readonly report: Report,
  ) {}

  /**
   * Checks a line of the envelope against the lot norm; false when the rubric is unknown to it
   * (reported), and the line is then left out.
   */
  accepts(key: number, value: string, line: number): boolean {
    const lot = this.lot;
    const rubric = lot.rubrics.get(key);
    if (rubric === undefined) {
      this.report('RELAIS-RUBRIC-UNKNOWN', line, {
        rubric: rubricIdOf(key),
        message: `La rubrique ${rubricIdOf(key)} n'existe pas dans l'enveloppe de lot ${lot.version}.`,
      });
      return false;
    }
    if (checkValue(rubric.type, value) !== ValueFault.None) {
      this.report('RELAIS-VALUE-FORMAT', line, {
        rubric: rubric.id,
        value: shown(value),
        message: `La valeur de ${rubric.id} (${rubric.def.name}) ne respecte pas le format de l'enveloppe de lot.`,
      });
    }
    return true;
  }

  /** True when the line opens or closes a group, or ends the lot: the envoi before it is over. */
  endsEnvoi(key: number): boolean {
    return structureOf(key) !== 5;
  }

  /**
   * Reads an accepted line into the envelope's structure. `afterEnvois`: envois were read before it,
   * so that a header here comes too late.
   */
  line(key: number, value: string, line: number, afterEnvois: boolean): void {
    const blockKey = (key / 1000) | 0;
    const structure = structureOf(key);
    if (structure === 5) {
      if (this.started && this.values.has(key)) {
        this.report('RELAIS-LOT-STRUCTURE', line, {
          message: 'Un second en-tête de lot S05 apparaît dans le fichier.',
        });
      }
      if (!this.started && afterEnvois && this.values.size === 0) {
        this.report('RELAIS-LOT-STRUCTURE', line, {
          message: "L'en-tête de lot S05 doit être au début du fichier.",
        });
      }
      this.started = true;
      this.values.set(key, value);
      return;
    }
    if (!this.started) {
      this.started = true;
      this.report('RELAIS-LOT-STRUCTURE', line, {
        message: "Le lot ne commence pas par l'en-tête S05.G51.00.",
      });
    }
    if (structure === 6) {
      if (this.group !== null) this.unclosedGroup(this.group);
      this.groups++;
      this.group = { code: value, line, envois: 0 };
      return;
    }
    if (structure === 96) {
      if (key === blockKey * 1000 + 2) {
        if (this.group === null) {
          this.report('RELAIS-LOT-STRUCTURE', line, { message: 'Fin de groupe S96 sans groupe ouvert S06.' });
        } else if (Number(value) !== this.group.envois) {
          this.report('RELAIS-LOT-STRUCTURE', line, {
            rubric: rubricIdOf(key),
            value,
            message: `Le groupe « ${this.group.code} » annonce ${Number(value)} DSN mais en contient ${this.group.envois}.`,
          });
        }
        this.group = null;
      }
      return;
    }
    // S95: end of lot.
    this.values.set(key, value);
    if (key === blockKey * 1000 + 2) this.ended = true;
  }

  /** An envoi starts at `line`: within a group, once the lot has begun. */
  envoiStarts(line: number): void {
    if (this.started && this.group === null && !this.ended) {
      this.report('RELAIS-LOT-STRUCTURE', line, {
        message: 'Un envoi se trouve hors de tout groupe S06…S96 du lot.',
      });
    }
  }

  /** Counts an envoi in its group; the group's code (S06.G51.00.001), if any. */
  addEnvoi(): string | undefined {
    if (this.group === null) return undefined;
    this.group.envois++;
    return this.group.code;
  }

  /** Blocks concentrators add to the envois of a lot (S10.G00.95, S20.G00.96): not reported. */
  tolerates(blockKey: number): boolean {
    return this.started && (blockKey === 100095 || blockKey === 200096);
  }

  /** Concentrators add their own rubrics (numbers 900 and above) to the envois of a lot. */
  toleratesRubric(number: number): boolean {
    return this.started && number >= 900;
  }

  /** Checks the end of the lot, once the file is read (`lastLine`: its last line). */
  end(lastLine: number): void {
    if (!this.started) return;
    const groupsDeclared = this.values.get(LOT_GROUPS_END) ?? this.values.get(LOT_GROUPS);
    if (this.group !== null) this.unclosedGroup(this.group);
    if (!this.ended) {
      this.report('RELAIS-LOT-STRUCTURE', lastLine, {
        message: 'Le lot ne se termine pas par S95.G51.00.',
      });
    } else if (groupsDeclared !== undefined && Number(groupsDeclared) !== this.groups) {
      this.report('RELAIS-LOT-STRUCTURE', lastLine, {
        message: `Le lot annonce ${Number(groupsDeclared)} groupes mais en contient ${this.groups}.`,
      });
    }
    const number = this.values.get(LOT_NUMBER);
    const repeated = this.values.get(LOT_NUMBER_END);
    if (number !== undefined && repeated !== undefined && number !== repeated) {
      this.report('RELAIS-LOT-STRUCTURE', lastLine, {
        message: `Le numéro de lot de fin (${repeated}) diffère de celui de l'en-tête (${number}).`,
      });
    }
  }

  private unclosedGroup(group: LotGroup): void {
    this.report('RELAIS-LOT-STRUCTURE', group.line, {
      message: `Le groupe « ${group.code} » n'est pas fermé par S96.G51.00.`,
    });
  }
}
