import { luhnCheckDigit } from '../identifiers/keys.ts';
import { compiledNorm } from '../norm/provider.ts';
import type { JsonLoader } from '../referentials/source.ts';
import {
  writeDeclarationContext,
  writeEnvoiFooter,
  writeEnvoiHeader,
  writeIndividual,
  type Organisms,
  defaultSoftware,
  countsProblem,
  faultRateProblem,
  monthProblem,
  type Software,
} from './blocks.ts';
import { newCompanies, newSiren } from './company.ts';
import { daysInMonth, dsnDate, lastWorkingDay, addMonths, parseMonth, type Month } from './dates.ts';
import { newEmployee, salaryGrid, type EmployeeContext } from './employee.ts';
import { FaultPlan, type FaultKind } from './faults.ts';
import { payModel } from './pay.ts';
import { generatorReferentials } from './referentials.ts';
import { Random } from './rng.ts';
import { EstablishmentTotals } from './totals.ts';
import { DsnWriter, type DsnSink, type FaultRecord } from './writer.ts';

/**
 * Synthetic monthly DSN (nature 01, type 01): one envoi holding one declaration per establishment,
 * realistic identities, contracts and pay computed with modele-social. Streams to a sink: memory
 * does not grow with the number of employees, except the NIRs of the declaration being written
 * (kept so that none repeats).
 *
 * Left out on purpose: supplementary health and provident cover (blocks 15, 70, base 31, payments
 * to insurers), work stoppages and other suspensions, contract ends and hires within the month,
 * bonuses and benefits in kind, Alsace-Moselle and overseas rules, work-place blocks 85, S89.
 */

export interface GenerateOptions {
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
}

export interface GenerateHooks {
  /** Each injected anomaly, as soon as its line is known. */
  onFault?(fault: FaultRecord): void;
  /** After each batch of employees written. */
  onProgress?(progress: { employees: number; chars: number }): void;
  /** How to read the reference tables' JSON files (see `referentials/source.ts`). */
  loadJson?: JsonLoader;
}

export interface GenerateSummary {
  norm: string;
  month: string;
  seed: number;
  declarations: number;
  employees: number;
  lines: number;
  /** Bytes of the ISO-8859-1 output. */
  bytes: number;
  faults: number;
  /** Distinct payslips evaluated with publicodes in this process for the month. */
  payslipClasses: number;
}

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
  return (
    countsProblem(options.establishments, options.employees, {
      groups: 'd’établissements',
      members: 'de salariés',
      each: 'chaque établissement déclare au moins un salarié',
    }) ?? faultRateProblem(options.faults)
  );
}

/** A fictitious organism identity whose SIRET passes the key checks. */
function organismSiret(rng: Random): string {
  const siren = newSiren(rng);
  const body = `${siren}0001`;
  return body + luhnCheckDigit(body);
}

function payDateOf(month: Month, payDay: { next: boolean; day: number }): string {
  if (!payDay.next) return dsnDate(month.year, month.month, lastWorkingDay(month));
  const next = addMonths(month, 1);
  return dsnDate(next.year, next.month, Math.min(payDay.day, daysInMonth(next.year, next.month)));
}

/** Writes one synthetic DSN envoi to `sink`. Deterministic for a seed. */
export async function generateDsn(
  options: GenerateOptions,
  sink: DsnSink,
  hooks: GenerateHooks = {},
): Promise<GenerateSummary> {
  const problem = optionProblem(options);
  if (problem) throw new RangeError(problem);
  const month = parseMonth(options.month)!;
  const seed = options.seed ?? 1;
  const norm = await compiledNorm(options.norm ?? defaultNormFor(month));
  const refs = await generatorReferentials(hooks.loadJson);
  const pay = payModel(month);
  const grid = salaryGrid(pay.smic);

  const rng = new Random(seed);
  // Faults draw from their own stream: the file is the same with and without them elsewhere.
  const faults = new FaultPlan(
    options.faults ?? 0,
    new Random(seed ^ 0x5f3759df),
    norm,
    '01',
    options.faultKinds,
  );
  let faultCount = 0;
  const w = new DsnWriter(norm, '01', sink, (fault) => {
    faultCount++;
    hooks.onFault?.(fault);
  });
  const companies = newCompanies(
    rng,
    { addresses: refs.addresses, naf: refs.naf },
    options.establishments,
    options.employees,
  );
  const organisms: Organisms = { urssaf: organismSiret(rng), agircArrco: organismSiret(rng) };

  w.editor = faults.next('envoi');
  const envoiEditor = w.editor;
  const emitter = companies[0]!;
  writeEnvoiHeader(
    w,
    options.software ?? defaultSoftware,
    { ...emitter, nic: emitter.establishments[0]!.nic },
    { service: 'SERVICE PAIE', email: 'paie@example.fr' },
  );
  w.editor = null;

  let written = 0;
  let declarations = 0;
  for (const company of companies) {
    const companyEmployees = company.establishments.reduce((n, e) => n + e.employees, 0);
    for (const est of company.establishments) {
      const ctx: EmployeeContext = {
        month,
        establishment: est,
        department: est.address.communeCode.slice(0, 2),
        pay,
        grid,
        birthPlaces: refs.birthPlaces,
        addresses: refs.addresses,
        nirs: new Set(),
      };
      // First pass: the establishment's totals come before its individuals in the file.
      const totals = new EstablishmentTotals();
      let stream = new Random(est.seed);
      for (let i = 0; i < est.employees; i++) {
        const e = newEmployee(stream, ctx, i);
        totals.add(e.pay, e.tax);
      }
      const declaration = { month, company, establishment: est, totals, organisms, companyEmployees };
      w.editor = faults.next('declaration');
      writeDeclarationContext(w, declaration);
      w.editor = null;
      declarations++;
      // Second pass: the same stream again, written this time.
      stream = new Random(est.seed);
      ctx.nirs.clear();
      const payDate = payDateOf(month, est.payDay);
      for (let i = 0; i < est.employees; i++) {
        const e = newEmployee(stream, ctx, i);
        w.editor = faults.next('individual');
        writeIndividual(w, e, declaration, payDate);
        w.editor = null;
        written++;
        await w.flush();
        if ((written & 255) === 0) hooks.onProgress?.({ employees: written, chars: w.chars });
      }
    }
  }
  w.editor = envoiEditor;
  writeEnvoiFooter(w, declarations);
  w.editor = null;
  await w.flush(true);
  hooks.onProgress?.({ employees: written, chars: w.chars });
  return {
    norm: norm.version,
    month: options.month,
    seed,
    declarations,
    employees: written,
    lines: w.lines,
    bytes: w.chars,
    faults: faultCount,
    payslipClasses: pay.classes,
  };
}
