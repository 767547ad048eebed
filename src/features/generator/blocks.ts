import type { Address, Company, Establishment } from './company.ts';
import { daysInMonth, dsnDate } from '../../core/values/calendar.ts';
import { dayNumberOf } from '../../core/values/day-numbers.ts';
import { parseMonth, type Month } from './months.ts';
import type { Employee } from './employee.ts';
import type { Person } from './identity.ts';
import type { BaseCode, Payslip } from './pay.ts';
import type { EstablishmentTotals } from './totals.ts';
import type { DsnWriter } from './writer.ts';

/** Writers of each part of a monthly DSN, in the norm's block order. */

/** `1523.4` → `1523.40`; never `-0.00`. */
export function money(x: number): string {
  const s = (Math.round(x * 100) / 100).toFixed(2);
  return s === '-0.00' ? '0.00' : s;
}

/** Urssaf and DGFiP payments are rounded to the euro, with the decimals written as zeros. */
function euros(cents: number): string {
  return `${Math.round(cents / 100)}.00`;
}

/** Rate of the AT/MP contribution (code 045) on the uncapped base, as S21.G00.40.043 writes it. */
function atRate(pay: Payslip): string {
  const base = pay.bases['03'];
  const at = pay.contributions.find((k) => k.code === '045');
  return at === undefined || base <= 0 ? '0.00' : ((at.amount / base) * 100).toFixed(2);
}

/** Contribution rate in percent, as S21.G00.81.007 writes it (2 or 3 decimals). */
function rate(amount: number, base: number): string | undefined {
  if (base <= 0 || amount < 0) return undefined;
  const r = (amount / base) * 100;
  return r < 100 ? r.toFixed(3) : undefined;
}

export interface Software {
  name: string;
  publisher: string;
  version: string;
}

export const defaultSoftware: Software = { name: 'RELAIS GENERATE', publisher: 'RELAIS', version: '0.1.0' };

/** Identifiers of the organisms paid (fictitious, with valid SIRET keys: no public table lists them). */
export interface Organisms {
  urssaf: string;
  agircArrco: string;
}

/** Who files an envoi (S10.G00.01): a DSN's first company, a PASRAU's first payer. */
export interface EnvoiEmitter {
  siren: string;
  nic: string;
  name: string;
  address: Address;
}

/** The envoi's header, DSN or PASRAU: the writer leaves out what the norm does not have. */
export function writeEnvoiHeader(
  w: DsnWriter,
  software: Software,
  emitter: EnvoiEmitter,
  contact: { service: string; email: string },
  version: string = w.norm.version,
): void {
  w.begin('S10.G00.00')
    .put(1, software.name)
    .put(2, software.publisher)
    .put(3, software.version)
    // Synthetic data: always flagged as a test envoi.
    .put(5, '01')
    .put(6, version)
    .put(7, '01')
    .put(8, '01')
    .end();
  w.begin('S10.G00.01')
    .put(1, emitter.siren)
    .put(2, emitter.nic)
    .put(3, emitter.name)
    .put(4, emitter.address.street)
    .put(5, emitter.address.postalCode)
    .put(6, emitter.address.locality)
    .end();
  w.begin('S10.G00.02').put(1, '02').put(2, contact.service).put(4, contact.email).put(5, '0140000000').end();
}

/** Why the month or the fault rate of a generation cannot be used, in French, or null. */
export function monthProblem(month: string): string | null {
  return parseMonth(month) ? null : `mois « ${month} » invalide : attendu AAAA-MM (par exemple 2025-06).`;
}

/**
 * Why `members` cannot be spread over `groups` that each declare at least one (establishments and
 * employees, payers and beneficiaries), in French, or null. `groups`: the noun with its article
 * (`d’établissements`, `de payeurs`).
 */
export function countsProblem(
  groups: number,
  members: number,
  nouns: { groups: string; members: string; each: string },
): string | null {
  if (!Number.isInteger(groups) || groups < 1) {
    return `le nombre ${nouns.groups} doit être un entier supérieur ou égal à 1.`;
  }
  if (!Number.isInteger(members) || members < groups) {
    return `le nombre ${nouns.members} doit être un entier au moins égal au nombre ${nouns.groups} (${nouns.each}).`;
  }
  return null;
}

export function faultRateProblem(rate = 0): string | null {
  return rate >= 0 && rate <= 1 ? null : 'le taux d’anomalies doit être compris entre 0 et 1.';
}

export function writeEnvoiFooter(w: DsnWriter, declarations: number): void {
  // S90.G00.90.001 counts every line of the envoi, its own two included.
  w.begin('S90.G00.90')
    .put(1, String(w.lines + 2))
    .put(2, String(declarations))
    .end();
}

export interface DeclarationContext {
  month: Month;
  company: Company;
  establishment: Establishment;
  totals: EstablishmentTotals;
  organisms: Organisms;
  /** Number of employees of the company in this envoi. */
  companyEmployees: number;
  /** S20.G00.05.004 when it is not the establishment's rank (event reports: one per employee). */
  order?: number;
}

export function writeDeclarationContext(w: DsnWriter, ctx: DeclarationContext): void {
  const { month, company, establishment: est, totals, organisms } = ctx;
  const first = dsnDate(month.year, month.month, 1);
  const last = dsnDate(month.year, month.month, daysInMonth(month.year, month.month));
  const next =
    month.month === 12 ? { year: month.year + 1, month: 1 } : { year: month.year, month: month.month + 1 };
  w.begin('S20.G00.05')
    .put(1, w.nature)
    .put(2, '01')
    .put(3, '11')
    .put(4, String(ctx.order ?? est.index + 1))
    .put(5, `01${String(month.month).padStart(2, '0')}${month.year}`)
    .put(7, dsnDate(next.year, next.month, 5))
    .put(8, '01')
    .put(10, '01')
    // A priming report (08) is sent on an effective hire; the other natures leave the rubric out.
    .put(11, '01')
    .end();
  w.begin('S20.G00.07')
    .put(1, 'SERVICE PAIE')
    .put(2, '0140000000')
    .put(3, 'paie@example.fr')
    .put(4, '04')
    .end();
  const head = company.establishments[0]!;
  w.begin('S21.G00.06')
    .put(1, company.siren)
    .put(2, head.nic)
    .put(3, company.naf)
    .put(4, company.address.street)
    .put(5, company.address.postalCode)
    .put(6, company.address.locality)
    .put(9, String(ctx.companyEmployees))
    .end();
  w.begin('S21.G00.11')
    .put(1, est.nic)
    .put(2, est.naf)
    .put(3, est.address.street)
    .put(4, est.address.postalCode)
    .put(5, est.address.locality)
    .put(8, String(est.employees))
    .put(22, est.idcc)
    .end();
  const payment = (organism: string, assignment: string | undefined, amount: string) =>
    w
      .begin('S21.G00.20')
      .put(1, organism)
      .put(2, assignment)
      .put(3, est.account.bic)
      .put(4, est.account.iban)
      .put(5, amount)
      .put(6, first)
      .put(7, last)
      .put(10, '05')
      .end();
  // The establishment pays for itself: no payer SIRET (S21.G00.20.012), which names another payer
  // and is forbidden for a DGFIP direct debit (S21.G00.20.012/CCH-13).
  payment(organisms.urssaf, undefined, euros(totals.urssafCents));
  payment(organisms.agircArrco, est.siret, money(totals.pensionCents / 100));
  payment('DGFIP', 'DGFIP_PAS', euros(totals.taxCents));
  w.begin('S21.G00.22')
    .put(1, organisms.urssaf)
    .put(3, first)
    .put(4, last)
    .put(5, euros(totals.urssafCents))
    .end();
  for (const agg of totals.aggregated()) {
    w.begin('S21.G00.23')
      .put(1, agg.ctp)
      .put(2, agg.qualifier)
      .put(4, money(agg.base))
      .put(5, money(agg.amount))
      .end();
  }
}

const baseOrder: readonly BaseCode[] = ['02', '03', '04', '07'];

/** Days from a `JJMMAAAA` date to the end of `month`, both included. */
function daysFrom(start: string, month: Month): number {
  return (
    dayNumberOf(dsnDate(month.year, month.month, daysInMonth(month.year, month.month))) -
    dayNumberOf(start) +
    1
  );
}

/**
 * The individual's identity (S21.G00.30), shared by DSN and PASRAU: the writer leaves out what the
 * norm does not have (PASRAU has no S21.G00.30.013).
 */
/**
 * The occupational health service (SPST) a pre-hiring declaration (10) names: a fictitious SIRET,
 * the norm having no table of them. Monthly declarations, where the rubric is optional, leave it out.
 */
const occupationalHealthService = '44306184100047';

export function writePersonBlock(w: DsnWriter, person: Person, address: Address, number: string): void {
  w.begin('S21.G00.30')
    .put(1, person.nir)
    .put(2, person.surname)
    .put(3, person.usageName)
    .put(4, person.firstNames)
    .put(5, person.sex)
    .put(6, person.birthDate)
    .put(7, person.birthPlace)
    .put(8, address.street)
    .put(9, address.postalCode)
    .put(10, address.locality)
    .put(13, person.ueCode)
    .put(14, person.birthDepartment)
    .put(15, person.birthCountry)
    .put(19, number)
    .put(30, w.nature === '10' ? occupationalHealthService : undefined)
    .end();
}

/** `contractEvents` writes the contract's stoppage or end (event reports), before its S21.G00.71. */
export function writeIndividual(
  w: DsnWriter,
  e: Employee,
  ctx: DeclarationContext,
  payDate: string,
  contractEvents?: (w: DsnWriter) => void,
): void {
  const { month, establishment: est, organisms } = ctx;
  const first = dsnDate(month.year, month.month, 1);
  const last = dsnDate(month.year, month.month, daysInMonth(month.year, month.month));
  const c = e.contract;
  writePersonBlock(w, e.person, e.address, e.registration);
  const partTime = c.weeklyHours < 35;
  const monthlyHours = ((c.weeklyHours * 52) / 12).toFixed(2);
  w.begin('S21.G00.40')
    .put(1, c.start)
    .put(2, c.job.status)
    .put(3, c.cadre ? '01' : '04')
    .put(4, c.job.pcs)
    .put(6, c.job.title)
    .put(7, c.nature)
    // "Not concerned" (99) is refused in a pre-hiring declaration (S21.G00.40.008/CCH-17), where
    // the rubric may be left out.
    .put(8, w.nature === '10' ? undefined : '99')
    .put(9, c.number)
    .put(10, c.end)
    .put(11, '10')
    .put(12, '151.67')
    .put(13, monthlyHours)
    .put(14, partTime ? '20' : '10')
    .put(16, '99')
    .put(17, est.idcc)
    .put(18, '200')
    .put(19, est.siret)
    .put(20, '200')
    .put(21, c.reason)
    .put(24, '99')
    .put(26, '99')
    .put(36, '01')
    .put(37, '01')
    .put(39, '200')
    // Shaped like a CARSAT risk code (NAF group + letters); the employer's real code is notified to it.
    .put(40, `${est.naf.slice(0, 3)}ZA`)
    // Required with every risk code but 999ZZ (S21.G00.40.043/SIG-11): the rate AT/MP was computed at.
    .put(43, atRate(e.pay))
    // Pre-hiring declaration only (the other natures leave them out): the trial period, required
    // for a permanent contract (S21.G00.40.082/CCH-11), and the planned hour of hiring.
    .put(82, c.nature === '01' || c.end !== undefined ? (c.cadre ? '120' : '60') : undefined)
    .put(83, '0900')
    .put(84, partTime ? '01' : '02')
    .end();
  contractEvents?.(w);
  w.begin('S21.G00.71').put(2, 'RUAA').end();
  const pay = e.pay;
  const wh = e.withholding;
  w.begin('S21.G00.50')
    .put(1, payDate)
    .put(2, money(pay.netTaxable))
    .put(4, money(pay.netBeforeTax))
    .put(6, wh.rate.toFixed(2))
    .put(7, wh.type)
    .put(8, wh.rateId)
    .put(9, money(e.tax))
    .put(13, money(pay.netTaxable))
    // In a contract-end report (FCTU), the month's pay belongs to the monthly DSN of the month.
    .put(20, '01')
    .end();
  const gross = money(pay.gross);
  for (const type of ['001', '002', '003', '010']) {
    w.begin('S21.G00.51').put(1, first).put(2, last).put(10, c.number).put(11, type).put(13, gross).end();
    // A contract counted in hours declares its activity (S21.G00.40.011/CCH-15), under the
    // unemployment insurance gross (S21.G00.53.001/CCH-11).
    if (type === '002') w.begin('S21.G00.53').put(1, '01').put(2, monthlyHours).put(3, '10').end();
  }
  w.begin('S21.G00.58').put(1, first).put(2, last).put(3, '03').put(4, money(pay.netSocial)).end();
  // The general reductions need the SMIC component (S21.G00.81.001/CCH-17), which a nature
  // without S21.G00.79 (the FCTU) cannot carry: they are then left to the monthly DSN.
  const reductions = w.plan('S21.G00.79').allows(1);
  for (const base of baseOrder) {
    const amount = pay.bases[base];
    w.begin('S21.G00.78')
      .put(1, base)
      .put(2, first)
      .put(3, last)
      .put(4, money(amount))
      .put(6, c.number)
      .end();
    if (base === '03' && pay.smicForReduction !== undefined) {
      w.begin('S21.G00.79').put(1, '01').put(4, money(pay.smicForReduction)).end();
    }
    for (const k of pay.contributions) {
      if (k.base !== base) continue;
      if (!reductions && (k.code === '018' || k.code === '106')) continue;
      const urssaf = k.collector === 'urssaf';
      w.begin('S21.G00.81')
        .put(1, k.code)
        .put(2, urssaf ? organisms.urssaf : undefined)
        // The general reductions carry their base (S21.G00.81.001/CCH-16), the Agirc-Arrco one too.
        .put(3, urssaf || k.code === '106' ? money(amount) : undefined)
        .put(4, money(k.amount))
        .put(7, urssaf ? rate(k.amount, amount) : undefined)
        .end();
      // From P26V01 the Agirc-Arrco contribution of the month goes with its employer part on
      // tranche 1 (S21.G00.81.001/SIG-18), a detail of 131 that is not paid on top of it.
      if (k.code === '131' && pay.pensionEmployerT1 !== undefined && w.norm.version >= 'P26V01') {
        w.begin('S21.G00.81').put(1, '142').put(4, money(pay.pensionEmployerT1)).end();
      }
    }
  }
  // A seniority of zero is refused (S21.G00.86.003/CCH-12): under a month, it is counted in days.
  const inDays = c.seniorityMonths === 0;
  const seniority = inDays ? daysFrom(c.start, month) : c.seniorityMonths;
  w.begin('S21.G00.86')
    .put(1, '07')
    .put(2, inDays ? '01' : '02')
    .put(3, String(seniority))
    .put(5, c.number)
    .end();
}
