import { reportOnRubric } from './rubric-report.ts';
import type { RelaisCode } from '../diagnostics/codes.ts';
import type { DiagnosticSink } from '../diagnostics/diagnostic.ts';
import { isValidSiren, isValidSiret } from '../identifiers/check-digits.ts';
import type { Declaration, Envoi } from '../parse/context.ts';
import type { Block, Rubric } from '../parse/tree.ts';
import { dateKey, daysInMonth } from '../values/calendar.ts';

/**
 * The rules the PASRAU norm states in its tables and field descriptions, where DSN has official
 * controls (PASRAU 2017.6 has no Messages sheet): identifier keys, the month of payment, the
 * payment to the DGFiP, "néant" declarations, one NIR per declaration. Datatypes, the nature 11,
 * the types without 04, the fraction and the first day of the declared month are already checked
 * from the datatypes of the catalogue.
 */

/** What an identifier rubric holds, known from its datatype in the PASRAU tables. */
const identifierTypes: Readonly<Record<string, 'siren' | 'nic' | 'siret'>> = {
  Identifiant_Siren_strict: 'siren',
  Identifiant_Nic_strict: 'nic',
  DSN_SIRET_Payeur: 'siret',
};

/** Types of declaration without individuals (S20.G00.05.002): normale néant, annule et remplace néant. */
const neantTypes = new Set(['02', '05']);
const ENVOI_NEANT = '02';
const placeholderNir = /^[12]9{12}$/;
const digits = /^\d+$/;

/** `JJMMAAAA` → `AAAAMM`, or undefined when the value is not a calendar date. */
function monthOf(date: string | undefined): string | undefined {
  if (date === undefined || dateKey(date) === null) return undefined;
  return date.slice(4) + date.slice(2, 4);
}

function daysIn(month: string): number {
  return daysInMonth(Number(month.slice(0, 4)), Number(month.slice(4)));
}

interface EnvoiState {
  envoi: Envoi;
  declarations: number;
  neant: number;
}

export class PasrauChecks {
  private nirs = new Set<string>();
  private nirsOf: Declaration | null = null;
  private envoiState: EnvoiState | null = null;

  constructor(private readonly diags: DiagnosticSink) {}

  static applies(declaration: Declaration | Envoi): boolean {
    return declaration.norm.catalogue.family === 'PASRAU';
  }

  unit(unit: Block, declaration: Declaration): void {
    if (unit.id !== 'S21.G00.30') return;
    if (this.nirsOf !== declaration) {
      this.nirsOf = declaration;
      this.nirs = new Set();
    }
    const nir = unit.rubric(1);
    if (nir !== undefined && !placeholderNir.test(nir.value)) {
      if (this.nirs.has(nir.value)) {
        this.report(
          'RELAIS-NIR-DUPLICATE',
          nir,
          declaration,
          `Le NIR ${nir.value} figure déjà dans un autre bloc Individu de la déclaration.`,
        );
      }
      this.nirs.add(nir.value);
    }
    const declared = monthOf(declaration.node.value(5));
    if (declared === undefined) return;
    for (const payment of unit.all('S21.G00.50')) {
      const date = payment.rubric(1);
      const month = monthOf(date?.value);
      if (date === undefined || month === undefined || month === declared) continue;
      this.report(
        'RELAIS-PASRAU-PAYMENT-MONTH',
        date,
        declaration,
        `Le versement du ${date.value} n'est pas du mois principal déclaré (${declared.slice(4)}/${declared.slice(0, 4)}, S20.G00.05.005).`,
      );
    }
  }

  declarationEnd(declaration: Declaration): void {
    const node = declaration.node;
    this.identifiers(node, declaration);
    const month = monthOf(node.value(5));
    const company = node.first('S21.G00.06');
    for (const establishment of company?.all('S21.G00.11') ?? []) {
      for (const payment of establishment.all('S21.G00.20')) this.dgfipPayment(payment, month, declaration);
    }
    const type = node.rubric(2);
    const neant = type !== undefined && neantTypes.has(type.value);
    if (type !== undefined && neant !== (declaration.individuals === 0)) {
      this.report(
        'RELAIS-PASRAU-NEANT',
        type,
        declaration,
        neant
          ? `La déclaration de type ${type.value} (néant) contient ${declaration.individuals} individu(s).`
          : `La déclaration de type ${type.value} ne contient aucun individu : elle devrait être de type 02 ou 05 (néant).`,
      );
    }
    const state = this.stateOf(declaration.envoi);
    state.declarations++;
    if (neant) state.neant++;
  }

  envoiEnd(envoi: Envoi): void {
    const root = envoi.root;
    if (root === null) return;
    this.identifiers(root, null);
    const state = this.stateOf(envoi);
    this.envoiState = null;
    const kind = root.rubric(8);
    if (kind === undefined || state.declarations === 0) return;
    const allNeant = state.neant === state.declarations;
    if ((kind.value === ENVOI_NEANT) === allNeant) return;
    this.report(
      'RELAIS-PASRAU-ENVOI-NEANT',
      kind,
      null,
      allNeant
        ? `Toutes les déclarations de l'envoi sont néant : l'envoi doit être de type 02 (envoi néant).`
        : `L'envoi est déclaré néant (02) mais ${state.declarations - state.neant} déclaration(s) ne le sont pas.`,
    );
  }

  private stateOf(envoi: Envoi): EnvoiState {
    if (this.envoiState?.envoi !== envoi) this.envoiState = { envoi, declarations: 0, neant: 0 };
    return this.envoiState;
  }

  /** Keys of every SIREN, NIC and SIRET of the context blocks under `block` (individuals aside). */
  private identifiers(block: Block, declaration: Declaration | null): void {
    for (const rubric of block.rubrics) {
      const kind = rubric.def ? identifierTypes[rubric.def.def.datatype] : undefined;
      if (kind === undefined || !digits.test(rubric.value)) continue;
      if (kind === 'siren' && rubric.value.length === 9 && !isValidSiren(rubric.value)) {
        this.report(
          'RELAIS-KEY-SIREN',
          rubric,
          declaration,
          `Le SIREN ${rubric.value} ne respecte pas la clé SIREN.`,
        );
      } else if (kind === 'nic' && rubric.value.length === 5) {
        const siren = sirenFor(block);
        if (siren !== undefined && !isValidSiret(siren + rubric.value)) {
          this.report(
            'RELAIS-KEY-SIRET',
            rubric,
            declaration,
            `Le NIC ${rubric.value}, associé au SIREN ${siren}, ne forme pas un SIRET valide.`,
          );
        }
      } else if (kind === 'siret' && rubric.value.length === 14 && !isValidSiret(rubric.value)) {
        this.report(
          'RELAIS-KEY-SIRET',
          rubric,
          declaration,
          `Le SIRET ${rubric.value} ne respecte pas la clé SIRET.`,
        );
      }
    }
    for (const child of block.children) if (!child.def.unit) this.identifiers(child, declaration);
  }

  private dgfipPayment(payment: Block, month: string | undefined, declaration: Declaration): void {
    const amount = payment.rubric(5);
    if (amount !== undefined && /^\d+\.\d{2}$/.test(amount.value) && !amount.value.endsWith('.00')) {
      this.report(
        'RELAIS-PASRAU-ROUNDING',
        amount,
        declaration,
        `Le versement à la DGFiP de ${amount.value} € doit être arrondi à l'euro (${Math.round(Number(amount.value))}.00).`,
      );
    }
    if (month !== undefined) {
      const bounds: [number, string][] = [
        [6, `01${month.slice(4)}${month.slice(0, 4)}`],
        [7, `${daysIn(month)}${month.slice(4)}${month.slice(0, 4)}`],
      ];
      for (const [number, expected] of bounds) {
        const date = payment.rubric(number);
        if (date === undefined || date.value === expected) continue;
        this.report(
          'RELAIS-PASRAU-PERIOD',
          date,
          declaration,
          `La période de rattachement du versement à la DGFiP doit ${number === 6 ? 'commencer' : 'finir'} le ${expected} (mois principal déclaré), pas le ${date.value}.`,
        );
      }
    }
    const payer = payment.rubric(12);
    const siren = payment.ancestor('S21.G00.06')?.value(1);
    if (payer !== undefined && siren !== undefined && !payer.value.startsWith(siren)) {
      this.report(
        'RELAIS-PASRAU-PAYER-SIREN',
        payer,
        declaration,
        `Le SIRET payeur ${payer.value} n'appartient pas à l'entreprise déclarée (SIREN ${siren}).`,
      );
    }
  }

  private report(code: RelaisCode, rubric: Rubric, declaration: Declaration | null, message: string): void {
    reportOnRubric(this.diags, code, rubric, declaration, message);
  }
}

/** The SIREN a NIC completes: the SIREN rubric of its own block, or of the nearest enclosing one. */
function sirenFor(block: Block): string | undefined {
  for (let b: Block | null = block; b !== null; b = b.parent) {
    const siren = b.rubrics.find((r) => r.def && identifierTypes[r.def.def.datatype] === 'siren');
    if (siren !== undefined) return siren.value;
  }
  return undefined;
}
