import { compiledNorm } from '../../core/norm/provider.ts';
import { countsProblem, faultRateProblem, monthProblem, type Software } from './blocks.ts';
import { identityProblem, type ImposedIdentity } from './imposed-identity.ts';
import type { ControlFaultPlan } from './control-fault-plan.ts';
import type { FaultKind } from './faults.ts';
import { parseMonth, type Month } from './months.ts';

/** The options of a generated DSN (`generate.ts`), and why they cannot be used, in French. */

export interface GenerateOptions extends ImposedIdentity {
  /** `YYYY-MM`. */
  month: string;
  establishments: number;
  /** Total number of employees, spread over the establishments. */
  employees: number;
  seed?: number;
  /** Share (0–1) of employees, declarations and envois that get one known anomaly. */
  faults?: number;
  /** Norm version; by default the one of the month's year (P24V01 for 2024…). */
  norm?: string;
  software?: Software;
  /** Fault kinds to draw from (all by default). */
  faultKinds?: readonly FaultKind[];
  /**
   * Official controls to trigger, by id (`--faults-only`): each fires at a known line of the file,
   * with the random faults of `faults` or alone. See `control-faults.ts`.
   */
  faultsOnly?: readonly string[];
  /** The plan `planControlFaults` made for `faultsOnly`, which `generateDsn` follows: required with it. */
  controlFaults?: ControlFaultPlan;
  /**
   * Declaration nature (S20.G00.05.001): `01` monthly DSN (default), or an event report, one
   * declaration per employee: `04` work stoppage, `05` return to work (with the month's stoppage),
   * `07` contract end (FCTU: the month's pay and the contract's end), `08` priming on a hire, `10`
   * pre-hiring declaration (DPAE, from P26V01).
   */
  nature?: GeneratedNature;
}

/** Natures the generator writes. */
export const generatedNatures = ['01', '04', '05', '07', '08', '10'] as const;
export type GeneratedNature = (typeof generatedNatures)[number];

export const supportedNorms = ['P24V01', 'P25V01', 'P26V01', 'P27V01'] as const;

export function defaultNormFor(month: Month): string {
  return `P${String(month.year % 100).padStart(2, '0')}V01`;
}

/** Why the options cannot be used, in French, or null. */
export function optionProblem(options: GenerateOptions): string | null {
  const month = parseMonth(options.month);
  if (!month) return monthProblem(options.month);
  const norm = options.norm ?? defaultNormFor(month);
  if (!(supportedNorms as readonly string[]).includes(norm)) {
    return `norme ${norm} non prise en charge par le générateur : choisissez parmi ${supportedNorms.join(', ')}${options.norm ? '' : ' (avec --norm, ou un mois de 2024 à 2027)'}.`;
  }
  const nature = options.nature ?? '01';
  if (!(generatedNatures as readonly string[]).includes(nature))
    return `nature « ${nature} » non prise en charge par le générateur : choisissez 01 (DSN mensuelle), 04 (signalement d'arrêt de travail), 05 (de reprise), 07 (de fin du contrat de travail unique), 08 (d'amorçage) ou 10 (déclaration préalable à l'embauche).`;
  if (nature !== '01' && (options.faults ?? 0) > 0)
    return `les anomalies tirées au hasard (--faults) ne valent que pour les DSN mensuelles (nature 01), pas pour la nature ${nature}.`;
  return (
    countsProblem(options.establishments, options.employees, {
      groups: 'd’établissements',
      members: 'de salariés',
      each: 'chaque établissement déclare au moins un salarié',
    }) ??
    faultRateProblem(options.faults) ??
    identityProblem(options)
  );
}

/** Why the norm of the file does not know the nature (a DPAE before P26V01), in French, or null. */
export async function natureProblem(options: GenerateOptions): Promise<string | null> {
  const nature = options.nature ?? '01';
  const month = parseMonth(options.month);
  if (!month) return null;
  const norm = await compiledNorm(options.norm ?? defaultNormFor(month));
  if (norm.rubricById.get('S20.G00.05.001')?.type.labels?.has(nature) !== false) return null;
  return `la norme ${norm.version} (mois ${options.month}) ne connaît pas la nature ${nature} : choisissez un mois plus récent, ou --norm.`;
}
