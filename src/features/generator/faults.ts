import { luhnCheckDigit } from '../../core/identifiers/check-digits.ts';
import type { CompiledNorm, CompiledRubric } from '../../core/norm/compile.ts';
import { checkValue, ValueFault } from '../../core/norm/validators.ts';
import { daysInMonth } from '../../core/values/calendar.ts';
import type { Random } from './rng.ts';
import type { BlockEditor, Expectation, PendingBlock } from './writer.ts';

/**
 * Known anomalies the generator can inject, with the diagnostic `relais check` reports for each.
 * A fault kind is a small function that edits the blocks of one unit (an individual, the context
 * of a declaration, or the envoi) before they are written; add one to `faultKinds` to extend.
 */

export type FaultScope = 'individual' | 'declaration' | 'envoi';

export interface FaultKind {
  id: string;
  scope: FaultScope;
  description: string;
  /** False when the norm version cannot carry this fault (the rubric does not exist there…). */
  available(norm: CompiledNorm, nature: string): boolean;
  /**
   * Sees each block of its unit in file order, before it is written; `state` is fresh for each
   * application. Returns true once the fault is in place.
   */
  edit(block: PendingBlock, ctx: FaultContext, state: Record<string, string>): boolean;
}

export interface FaultContext {
  norm: CompiledNorm;
  expect(block: PendingBlock, expectation: Expectation): void;
}

/** The code the technical checks report for a value (mirrors `check/technical.ts`). */
export function codeForValue(rubric: CompiledRubric, value: string): string | null {
  if (value.length === 0) return 'RELAIS-VALUE-EMPTY';
  const fault = checkValue(rubric.type, value);
  switch (fault) {
    case ValueFault.None:
      return value.startsWith(' ') || value.endsWith(' ') ? 'RELAIS-VALUE-BLANKS' : null;
    case ValueFault.NotInList:
      return 'RELAIS-VALUE-LIST';
    case ValueFault.TooShort:
    case ValueFault.TooLong:
      return 'RELAIS-VALUE-LENGTH';
    case ValueFault.NotADate:
      return rubric.calendarControl?.id ?? 'RELAIS-VALUE-DATE';
    default:
      if (rubric.type.isDate && rubric.calendarControl) return rubric.calendarControl.id;
      return rubric.type.isAmount ? 'RELAIS-VALUE-AMOUNT' : 'RELAIS-VALUE-FORMAT';
  }
}

function usage(norm: CompiledNorm, rubricId: string, nature: string) {
  return norm.rubricById.get(rubricId)?.def.usage?.[nature];
}

function writable(norm: CompiledNorm, rubricId: string, nature: string): boolean {
  const u = usage(norm, rubricId, nature);
  return norm.rubricById.has(rubricId) && u !== 'I' && u !== 'N';
}

/** A wrong value in one rubric; the expected code is what the rubric's datatype makes of it. */
/** The controls of `ids` the norm version has: what a fault also triggers there. */
function listed(norm: CompiledNorm, ids: readonly string[]): { consequences?: string[] } {
  const present = ids.filter((id) => norm.messages.has(id));
  return present.length > 0 ? { consequences: present } : {};
}

function valueFault(
  id: string,
  scope: FaultScope,
  rubricId: string,
  description: string,
  mutate: (value: string) => string,
  consequences: readonly string[] = [],
): FaultKind {
  const blockId = rubricId.slice(0, 10);
  const number = Number(rubricId.slice(11));
  return {
    id,
    scope,
    description,
    available: (norm, nature) => writable(norm, rubricId, nature),
    edit(block, ctx) {
      if (block.id !== blockId) return false;
      const i = block.index(number);
      if (i < 0) return false;
      const value = mutate(block.values[i]!);
      const code = codeForValue(ctx.norm.rubricById.get(rubricId)!, value);
      if (code === null) return false;
      block.values[i] = value;
      ctx.expect(block, {
        entry: i,
        record: { kind: id, rubric: rubricId, code, description, ...listed(ctx.norm, consequences) },
      });
      return true;
    },
  };
}

const individualFaults: FaultKind[] = [
  valueFault(
    'sexe-hors-liste',
    'individual',
    'S21.G00.30.005',
    'Code sexe « 03 » absent de la liste de la norme.',
    () => '03',
  ),
  valueFault(
    'date-impossible',
    'individual',
    'S21.G00.40.001',
    'Date de début de contrat au 30 février.',
    (v) => `3002${v.slice(4)}`,
  ),
  valueFault(
    'montant-virgule',
    'individual',
    'S21.G00.51.013',
    'Montant de rémunération écrit avec une virgule décimale.',
    (v) => v.replace('.', ','),
  ),
  valueFault(
    'numero-contrat-court',
    'individual',
    'S21.G00.40.009',
    'Numéro de contrat de moins de 5 caractères.',
    (v) => v.slice(-3),
    // The remunerations and seniority still carry the full number: they no longer match a contract.
    ['S21.G00.40.009/CCH-13', 'S21.G00.51.010/CCH-11', 'S21.G00.86.005/CCH-11'],
  ),
  valueFault(
    'nir-mois-invalide',
    'individual',
    'S21.G00.30.001',
    'NIR avec un mois de naissance « 13 ».',
    (v) => `${v.slice(0, 3)}13${v.slice(5)}`,
  ),
  valueFault('matricule-vide', 'individual', 'S21.G00.30.019', 'Matricule écrit sans valeur.', () => ''),
  valueFault(
    'nom-espace-final',
    'individual',
    'S21.G00.30.002',
    'Nom de famille suivi d’un espace.',
    (v) => `${v} `,
  ),
  {
    id: 'prenoms-absents',
    scope: 'individual',
    description: 'Rubrique obligatoire Prénoms (S21.G00.30.004) omise.',
    available: (norm, nature) => usage(norm, 'S21.G00.30.004', nature) === 'O',
    edit(block, ctx) {
      if (block.id !== 'S21.G00.30' || block.index(4) < 0) return false;
      block.remove(4);
      ctx.expect(block, {
        record: {
          kind: 'prenoms-absents',
          rubric: 'S21.G00.30.004',
          block: 'S21.G00.30',
          code: 'RELAIS-RUBRIC-MANDATORY',
          description: this.description,
        },
      });
      return true;
    },
  },
  {
    id: 'rubrique-inconnue',
    scope: 'individual',
    description: 'Rubrique inexistante ajoutée en fin de bloc Individu.',
    available: (norm) => norm.blockById.has('S21.G00.30'),
    edit(block, ctx) {
      if (block.id !== 'S21.G00.30') return false;
      const number = block.plan.maxNumber + 1;
      block.numbers.push(number);
      block.values.push('X');
      const rubric = `S21.G00.30.${String(number).padStart(3, '0')}`;
      ctx.expect(block, {
        entry: block.numbers.length - 1,
        record: {
          kind: 'rubrique-inconnue',
          rubric,
          code: 'RELAIS-RUBRIC-UNKNOWN',
          description: this.description,
        },
      });
      return true;
    },
  },
  {
    id: 'retraite-complementaire-absente',
    scope: 'individual',
    description: 'Contrat sans bloc Retraite complémentaire (S21.G00.71), obligatoire.',
    available: (norm) => (norm.blockById.get('S21.G00.71')?.def.min ?? 0) >= 1,
    edit(block, ctx, state) {
      if (block.id === 'S21.G00.40' && state['contract'] === undefined) {
        state['contract'] = 'seen';
        ctx.expect(block, {
          record: {
            kind: 'retraite-complementaire-absente',
            block: 'S21.G00.71',
            code: 'RELAIS-BLOCK-MISSING',
            description: this.description,
            // The contract's statut catégoriel is then checked against a missing regime: the
            // executives' rule (cadre, 01 or 02) or the others'.
            ...listed(ctx.norm, [
              block.value(3) === '01' || block.value(3) === '02'
                ? 'S21.G00.40.003/CCH-16'
                : 'S21.G00.40.003/CCH-17',
            ]),
          },
        });
        return false;
      }
      if (block.id !== 'S21.G00.71' || state['contract'] !== 'seen') return false;
      block.dropped = true;
      return true;
    },
  },
];

const isPasrau = (norm: CompiledNorm) => norm.catalogue.family === 'PASRAU';

/** PASRAU only: the rules Relais states for that norm (see `check/pasrau.ts`). */
const pasrauFaults: FaultKind[] = [
  {
    id: 'versement-hors-mois',
    scope: 'individual',
    description: 'Date de versement au dernier jour du mois précédant le mois principal déclaré.',
    available: isPasrau,
    edit(block, ctx) {
      if (block.id !== 'S21.G00.50') return false;
      const i = block.index(1);
      if (i < 0) return false;
      const date = block.values[i]!;
      const month = Number(date.slice(2, 4));
      const year = Number(date.slice(4));
      const previous = month === 1 ? { y: year - 1, m: 12 } : { y: year, m: month - 1 };
      const day = daysInMonth(previous.y, previous.m);
      block.values[i] = `${day}${String(previous.m).padStart(2, '0')}${previous.y}`;
      ctx.expect(block, {
        entry: i,
        record: {
          kind: 'versement-hors-mois',
          rubric: 'S21.G00.50.001',
          code: 'RELAIS-PASRAU-PAYMENT-MONTH',
          description: this.description,
        },
      });
      return true;
    },
  },
  {
    id: 'cle-siren-pasrau',
    scope: 'declaration',
    description: 'SIREN du payeur dont la clé de Luhn est fausse (le NIC reste cohérent avec lui).',
    available: isPasrau,
    edit(block, ctx, state) {
      if (block.id === 'S21.G00.06') {
        const i = block.index(1);
        const siren = block.values[i]!;
        const wrong = siren.slice(0, 8) + ((Number(siren[8]) + 1) % 10);
        block.values[i] = wrong;
        const nic = block.index(2);
        if (nic >= 0) block.values[nic] = nicOf(wrong, block.values[nic]!);
        state['siren'] = wrong;
        ctx.expect(block, {
          entry: i,
          record: {
            kind: 'cle-siren-pasrau',
            rubric: 'S21.G00.06.001',
            code: 'RELAIS-KEY-SIREN',
            description: this.description,
          },
        });
        return false;
      }
      if (block.id !== 'S21.G00.11' || state['siren'] === undefined) return false;
      block.set(1, nicOf(state['siren'], block.value(1)!));
      return true;
    },
  },
];

/** The NIC whose first four digits are those of `nic` and that forms a valid SIRET with `siren`. */
function nicOf(siren: string, nic: string): string {
  return nic.slice(0, 4) + luhnCheckDigit(siren + nic.slice(0, 4));
}

const declarationFaults: FaultKind[] = [
  {
    id: 'cle-siren',
    scope: 'declaration',
    description:
      'SIREN de l’entreprise dont la clé de Luhn est fausse (le NIC de l’établissement reste cohérent).',
    available: (norm) => norm.messages.has('S21.G00.06.001/CSL-11'),
    edit(block, ctx, state) {
      if (block.id === 'S21.G00.06') {
        const i = block.index(1);
        const siren = block.values[i]!;
        const key = Number(siren[8]);
        const wrong = siren.slice(0, 8) + ((key + 1) % 10);
        block.values[i] = wrong;
        // The head-office NIC would be checked against the wrong SIREN too: leave it out.
        block.remove(2);
        state['siren'] = wrong;
        ctx.expect(block, {
          entry: i,
          record: {
            kind: 'cle-siren',
            rubric: 'S21.G00.06.001',
            code: 'S21.G00.06.001/CSL-11',
            description: this.description,
            // Contracts name the establishment's former SIRET as their work place.
            ...listed(ctx.norm, ['S21.G00.40.019/CCH-11']),
          },
        });
        return false;
      }
      if (block.id !== 'S21.G00.11' || state['siren'] === undefined) return false;
      const nic = block.value(1)!;
      block.set(1, nic.slice(0, 4) + luhnCheckDigit(state['siren'] + nic.slice(0, 4)));
      return true;
    },
  },
  {
    id: 'ordre-rubriques',
    scope: 'declaration',
    description: 'Code postal de l’établissement écrit après la localité.',
    // In a block that may repeat (PASRAU tables give no bounds), a lower number opens a new instance.
    available: (norm, nature) =>
      norm.blockById.get('S21.G00.11')?.def.max === 1 &&
      writable(norm, 'S21.G00.11.004', nature) &&
      writable(norm, 'S21.G00.11.005', nature),
    edit(block, ctx) {
      if (block.id !== 'S21.G00.11') return false;
      const i = block.index(4);
      if (i < 0 || block.numbers[i + 1] !== 5) return false;
      [block.numbers[i], block.numbers[i + 1]] = [block.numbers[i + 1]!, block.numbers[i]!];
      [block.values[i], block.values[i + 1]] = [block.values[i + 1]!, block.values[i]!];
      ctx.expect(block, {
        entry: i + 1,
        record: {
          kind: 'ordre-rubriques',
          rubric: 'S21.G00.11.004',
          code: 'RELAIS-RUBRIC-ORDER',
          description: this.description,
        },
      });
      return true;
    },
  },
];

const envoiFaults: FaultKind[] = [
  {
    id: 'cle-siret-emetteur',
    scope: 'envoi',
    description: 'NIC de l’émetteur qui ne forme pas un SIRET valide avec son SIREN.',
    available: (norm) => norm.messages.has('S10.G00.01.002/CCH-11'),
    edit(block, ctx) {
      if (block.id !== 'S10.G00.01') return false;
      const i = block.index(2);
      const nic = block.values[i]!;
      block.values[i] = nic.slice(0, 4) + ((Number(nic[4]) + 1) % 10);
      ctx.expect(block, {
        entry: i,
        record: {
          kind: 'cle-siret-emetteur',
          rubric: 'S10.G00.01.002',
          code: 'S10.G00.01.002/CCH-11',
          description: this.description,
        },
      });
      return true;
    },
  },
  {
    id: 'total-rubriques',
    scope: 'envoi',
    description: 'Nombre total de rubriques (S90.G00.90.001) supérieur d’une unité au nombre réel.',
    available: (norm) => norm.rubricById.has('S90.G00.90.001'),
    edit(block, ctx) {
      if (block.id !== 'S90.G00.90') return false;
      const i = block.index(1);
      block.values[i] = String(Number(block.values[i]) + 1);
      ctx.expect(block, {
        entry: i,
        record: {
          kind: 'total-rubriques',
          rubric: 'S90.G00.90.001',
          code: 'RELAIS-TOTAL-RUBRICS',
          description: this.description,
        },
      });
      return true;
    },
  },
];

/** Every fault kind, by scope; extend here. */
export const faultKinds: readonly FaultKind[] = [...individualFaults, ...declarationFaults, ...envoiFaults];

/** The kinds a PASRAU can carry: the common ones its norm allows, and its own. */
export const pasrauFaultKinds: readonly FaultKind[] = [...faultKinds, ...pasrauFaults];

/** Applies one fault kind to the blocks of the unit it is attached to. */
class FaultApplication implements BlockEditor {
  private done = false;
  private readonly state: Record<string, string> = {};

  constructor(
    private readonly kind: FaultKind,
    private readonly ctx: FaultContext,
  ) {}

  edit(block: PendingBlock): void {
    if (!this.done) this.done = this.kind.edit(block, this.ctx, this.state);
  }
}

/**
 * Decides which units get a fault, with its own random stream so that the rest of the file is
 * the same with or without faults.
 */
export class FaultPlan {
  private readonly byScope = new Map<FaultScope, FaultKind[]>();
  private readonly ctx: FaultContext;

  constructor(
    readonly rate: number,
    private readonly rng: Random,
    norm: CompiledNorm,
    nature: string,
    kinds: readonly FaultKind[] = faultKinds,
  ) {
    for (const kind of kinds) {
      if (!kind.available(norm, nature)) continue;
      let list = this.byScope.get(kind.scope);
      if (!list) this.byScope.set(kind.scope, (list = []));
      list.push(kind);
    }
    this.ctx = {
      norm,
      expect: (block, expectation) => block.expectations.push(expectation),
    };
  }

  /** The editor for the next unit of this scope, or null when it gets no fault. */
  next(scope: FaultScope): BlockEditor | null {
    if (this.rate <= 0) return null;
    const kinds = this.byScope.get(scope);
    if (!kinds || kinds.length === 0 || !this.rng.chance(this.rate)) return null;
    return new FaultApplication(this.rng.pick(kinds), this.ctx);
  }
}
