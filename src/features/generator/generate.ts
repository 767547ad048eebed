import { luhnCheckDigit } from '../../core/identifiers/check-digits.ts';
import { compiledNorm } from '../../core/norm/provider.ts';
import type { JsonLoader } from '../../core/referentials/source.ts';
import {
  writeDeclarationContext,
  writeEnvoiFooter,
  writeEnvoiHeader,
  writeIndividual,
  type Organisms,
  defaultSoftware,
} from './blocks.ts';
import { newCompanies, newSiren } from './company.ts';
import { daysInMonth, dsnDate } from '../../core/values/calendar.ts';
import { dateOfDayNumber, dayNumberOf } from '../../core/values/day-numbers.ts';
import { addMonths, lastWorkingDay, parseMonth, type Month } from './months.ts';
import { newEmployee, salaryGrid, type Employee, type EmployeeContext } from './employee.ts';
import {
  defaultNormFor,
  natureProblem,
  optionProblem,
  type GeneratedNature,
  type GenerateOptions,
} from './options.ts';
import { FaultPlan } from './faults.ts';
import { newContractEnd, writeContractEnd } from './contract-end.ts';
import { newStoppage, writeStoppage } from './stoppage.ts';
import { payModel } from './pay.ts';
import { generatorReferentials } from './referentials.ts';
import { Random } from './rng.ts';
import { EstablishmentTotals } from './totals.ts';
import { DsnWriter, type BlockEditor, type DsnSink, type FaultRecord, type UnitHandler } from './writer.ts';

/**
 * Synthetic monthly DSN (nature 01, type 01): one envoi holding one declaration per establishment,
 * realistic identities, contracts and pay computed with modele-social. Streams to a sink: memory
 * does not grow with the number of employees, except the NIRs of the declaration being written
 * (kept so that none repeats). With another `nature`, event reports instead: one declaration per
 * employee, with the rubrics the nature uses, and the month's work stoppage (04, 05:
 * `stoppage.ts`) or the contract's end (07: `contract-end.ts`).
 *
 * Left out on purpose: supplementary health and provident cover (blocks 15, 70, base 31, payments
 * to insurers), work stoppages in the monthly DSN and other suspensions, contract ends and hires
 * within the month, bonuses and benefits in kind, Alsace-Moselle and overseas rules, work-place
 * blocks 85, S89.
 */

export interface GenerateHooks {
  /** Each injected anomaly, as soon as its line is known. */
  onFault?(fault: FaultRecord): void;
  /** After each batch of employees written. */
  onProgress?(progress: { employees: number; chars: number }): void;
  /** How to read the reference tables' JSON files (see `referentials/source.ts`). */
  loadJson?: JsonLoader;
  /** Sees each unit of the file as it is written (`--faults-only` reads a sample with it). */
  units?: UnitHandler;
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
  /** Distinct payslips this process gave out for the month (evaluated with publicodes or cached). */
  payslipClasses: number;
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

/**
 * A priming report (08) follows an effective hire: the contract starts in the declared month. A
 * pre-hiring declaration (10) comes before the hire: it starts on the 15th of the next month, after
 * the file date (the 5th). A fixed-term contract keeps its length.
 */
function hiredFor(nature: GeneratedNature, e: Employee, month: Month): Employee {
  if (nature !== '08' && nature !== '10') return e;
  const next = addMonths(month, 1);
  const start = nature === '08' ? dsnDate(month.year, month.month, 2) : dsnDate(next.year, next.month, 15);
  const c = e.contract;
  const end =
    c.end === undefined
      ? undefined
      : dateOfDayNumber(dayNumberOf(start) + dayNumberOf(c.end) - dayNumberOf(c.start));
  return { ...e, contract: { ...c, start, ...(end ? { end } : {}), seniorityMonths: 0 } };
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
  // Planned before anything is written (`planControlFaults`): an id that cannot be triggered is an
  // error, not a half file.
  const chosen = options.faultsOnly && options.faultsOnly.length > 0 ? options.controlFaults : null;
  if (chosen === undefined) throw new Error('generateDsn: faultsOnly without its plan (controlFaults)');
  const unknown = await natureProblem(options);
  if (unknown) throw new RangeError(unknown);
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
  const nature = options.nature ?? '01';
  const w = new DsnWriter(norm, nature, sink, (fault) => {
    faultCount++;
    hooks.onFault?.(fault);
  });
  w.units = hooks.units ?? chosen;
  // The random faults are drawn for every unit, so that they stay where they are with or without
  // chosen ones, but left out where a chosen control is triggered (the individuals it uses, the
  // context of its declaration, the header it edits): its key would no longer hold.
  const random = (editor: BlockEditor | null, chosenThere: boolean | undefined) =>
    chosenThere === true ? null : editor;
  const companies = newCompanies(
    rng,
    { addresses: refs.addresses, naf: refs.naf },
    options.establishments,
    options.employees,
    {
      ...(options.siren ? { siren: options.siren } : {}),
      ...(options.siret ? { siret: options.siret } : {}),
    },
  );
  const organisms: Organisms = { urssaf: organismSiret(rng), agircArrco: organismSiret(rng) };

  const envoiEditor = random(faults.next('envoi'), chosen?.changesHeader);
  w.editor = envoiEditor;
  const emitter = companies[0]!;
  w.beginUnit('H');
  writeEnvoiHeader(
    w,
    options.software ?? defaultSoftware,
    { ...emitter, nic: emitter.establishments[0]!.nic },
    { service: 'SERVICE PAIE', email: 'paie@example.fr' },
  );
  w.endUnit();
  w.editor = null;

  let written = 0;
  let declarations = 0;
  const employeeWritten = async () => {
    written++;
    await w.flush();
    if ((written & 255) === 0) hooks.onProgress?.({ employees: written, chars: w.chars });
  };
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
      // First pass: the establishment's totals come before its individuals in the file. Event
      // reports carry no payments to organisms, so no totals.
      const totals = new EstablishmentTotals();
      let stream = new Random(est.seed);
      if (nature === '01')
        for (let i = 0; i < est.employees; i++) {
          const e = newEmployee(stream, ctx, i);
          totals.add(e.pay, e.tax);
        }
      const declaration = { month, company, establishment: est, totals, organisms, companyEmployees };
      if (nature !== '01') {
        // Event reports: one declaration per employee, with the month's stoppage or contract end.
        const events = new Random(est.seed ^ 0x5f3759df);
        for (let i = 0; i < est.employees; i++) {
          const e = hiredFor(nature, newEmployee(stream, ctx, i), month);
          const d = declarations++;
          w.beginUnit('C', d);
          writeDeclarationContext(w, { ...declaration, order: declarations });
          w.endUnit();
          w.beginUnit('I', d, 0);
          writeIndividual(w, e, declaration, payDateOf(month, est.payDay), (w) => {
            if (nature === '07') writeContractEnd(w, newContractEnd(e, month));
            else if (nature === '04' || nature === '05')
              writeStoppage(w, newStoppage(events, e, month, nature === '05'), est.account);
          });
          w.endUnit();
          w.beginUnit('T', d);
          w.endUnit();
          await employeeWritten();
        }
        continue;
      }
      const d = declarations;
      w.editor = random(faults.next('declaration'), chosen?.touches(d));
      w.beginUnit('C', d);
      writeDeclarationContext(w, declaration);
      w.endUnit();
      w.editor = null;
      declarations++;
      // Second pass: the same stream again, written this time.
      stream = new Random(est.seed);
      ctx.nirs.clear();
      const payDate = payDateOf(month, est.payDay);
      for (let i = 0; i < est.employees; i++) {
        const e = newEmployee(stream, ctx, i);
        w.editor = random(faults.next('individual'), chosen?.owns(`I${d}.${i}`));
        w.beginUnit('I', d, i);
        writeIndividual(w, e, declaration, payDate);
        w.endUnit();
        w.editor = null;
        await employeeWritten();
      }
      // What follows the individuals (work places, non-salaried persons): nothing, unless chosen.
      w.beginUnit('T', d);
      w.endUnit();
    }
  }
  w.editor = envoiEditor;
  w.beginUnit('F');
  writeEnvoiFooter(w, declarations);
  w.endUnit();
  w.editor = null;
  await w.flush(true);
  pay.persist();
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
