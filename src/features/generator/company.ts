import {
  ibanCheckDigits,
  isValidSiret,
  luhnCheckDigit,
  ribKey,
} from '../../core/identifiers/check-digits.ts';
import { collectiveAgreements, type CollectiveAgreement } from '../../core/referentials/idcc.ts';
import type { NafCode } from '../../core/referentials/naf.ts';
import { departmentOf, type PostalCode } from '../../core/referentials/postal-codes.ts';
import { imposedSiren, type ImposedIdentity } from './imposed-identity.ts';
import { streetNames, streetTypes, surnames } from './names.ts';
import { Random, WeightedPicker } from './rng.ts';

export interface Address {
  street: string;
  postalCode: string;
  /** La Poste routing label, restricted to the norm's `[A-Za-z0-9\s]+`. */
  locality: string;
  communeCode: string;
}

export interface BankAccount {
  bic: string;
  iban: string;
}

export interface Establishment {
  /** 0-based, in file order. */
  index: number;
  nic: string;
  siret: string;
  naf: string;
  idcc: string;
  address: Address;
  employees: number;
  account: BankAccount;
  /** Seed of the establishment's own random stream, replayed to write what was summed. */
  seed: number;
  /** Day of the month salaries are paid, or a day of the next month (`next` true). */
  payDay: { next: boolean; day: number };
}

export interface Company {
  siren: string;
  name: string;
  naf: string;
  idcc: string;
  address: Address;
  establishments: Establishment[];
}

/** A valid SIREN: 8 random digits and the Luhn key; public bodies' leading 1 and 2 are avoided. */
export function newSiren(rng: Random): string {
  const body = `${rng.int(3, 9)}${String(rng.int(0, 9999999)).padStart(7, '0')}`;
  return body + luhnCheckDigit(body);
}

/** A NIC whose SIRET (SIREN + NIC) passes the Luhn key. */
export function nicFor(siren: string, order: number): string {
  const body = String(order).padStart(4, '0');
  return body + luhnCheckDigit(siren + body);
}

/**
 * The NIC of body `body` (4 digits) whose SIRET passes its key. Unlike `nicFor`, it follows the
 * SIRET rule whatever the SIREN (La Poste's establishments have their own), since an imposed SIREN
 * may be any.
 */
function completedNic(siren: string, body: number): string {
  const digits = String(body).padStart(4, '0');
  for (let key = 0; key < 10; key++) if (isValidSiret(siren + digits + key)) return digits + key;
  throw new Error('unreachable');
}

/**
 * The NIC of the establishment ranked `index` (0-based, in file order) under an imposed identity:
 * the given SIRET's for the first, then bodies stepping by 10 from it (distinct for the first
 * 9,999 establishments). With a SIREN alone, `drawn` is the body the generator drew, kept.
 */
export function imposedNic(identity: ImposedIdentity, index: number, drawn: number): string {
  const siren = imposedSiren(identity)!;
  if (identity.siret === undefined) return completedNic(siren, drawn);
  if (index === 0) return identity.siret.slice(9);
  const first = Number(identity.siret.slice(9, 13));
  return completedNic(siren, ((first - 1 + 10 * index) % 9999) + 1);
}

/** Banks with their real BIC and bank code; account numbers are random with a valid RIB key. */
const banks = [
  { bic: 'BNPAFRPP', bank: '30004' },
  { bic: 'SOGEFRPP', bank: '30003' },
  { bic: 'CRLYFRPP', bank: '30002' },
  { bic: 'CCBPFRPP', bank: '10107' },
  { bic: 'AGRIFRPP', bank: '30006' },
  { bic: 'CMCIFRPP', bank: '30066' },
] as const;

export function newAccount(rng: Random): BankAccount {
  const b = rng.pick(banks);
  const branch = String(rng.int(1, 99999)).padStart(5, '0');
  const account = String(rng.int(0, 99999999)).padStart(8, '0') + String(rng.int(0, 999)).padStart(3, '0');
  const bban = b.bank + branch + account + ribKey(b.bank, branch, account);
  return { bic: b.bic, iban: `FR${ibanCheckDigits('FR', bban)}${bban}` };
}

const legalForms = ['SAS', 'SARL', 'SA', 'SASU', 'EURL'] as const;
const trades = [
  'CONSEIL',
  'SERVICES',
  'INDUSTRIE',
  'DISTRIBUTION',
  'TRANSPORTS',
  'BATIMENT',
  'SOLUTIONS',
  'ET FILS',
];

/**
 * Addresses in the departments of mainland France under the general social-security regime:
 * Alsace-Moselle (57, 67, 68) has a local health scheme and overseas departments other rates,
 * which the pay model does not cover.
 */
export class Addresses {
  private readonly byDepartment = new Map<string, PostalCode[]>();
  private readonly departments: WeightedPicker<string>;

  constructor(postalCodes: readonly PostalCode[]) {
    for (const entry of postalCodes) {
      const dep = departmentOf(entry.communeCode);
      if (dep.length !== 2 || dep === '57' || dep === '67' || dep === '68') continue;
      let list = this.byDepartment.get(dep);
      if (!list) this.byDepartment.set(dep, (list = []));
      list.push(entry);
    }
    const deps = [...this.byDepartment.keys()].sort();
    this.departments = new WeightedPicker(deps, (d) => this.byDepartment.get(d)!.length);
  }

  department(rng: Random): string {
    return this.departments.pick(rng);
  }

  in(rng: Random, department: string): Address {
    const entry = rng.pick(this.byDepartment.get(department)!);
    return {
      street: `${rng.int(1, 180)} ${rng.pick(streetTypes)} ${rng.pick(streetNames)}`,
      postalCode: entry.postalCode,
      locality: entry.routingLabel
        .replace(/[^A-Za-z0-9\s]+/g, ' ')
        .replace(/\s+/g, ' ')
        .trim()
        .slice(0, 50),
      communeCode: entry.communeCode,
    };
  }
}

export interface CompanyReferentials {
  addresses: Addresses;
  naf: readonly NafCode[];
}

/** Agreements an employer can have (private employers filing a DSN; not household employers). */
const employerAgreements = collectiveAgreements.filter((a) => a.idcc !== '3239' && a.nafDivisions.length > 0);
const agreementPicker = new WeightedPicker(employerAgreements, (a) => Math.max(a.workforce, 20000));

function activityFor(rng: Random, agreement: CollectiveAgreement, naf: readonly NafCode[]): string {
  const candidates = naf.filter((c) => agreement.nafDivisions.includes(c.code.slice(0, 2)));
  return rng.pick(candidates.length > 0 ? candidates : naf).code;
}

/**
 * Splits `total` employees over `count` establishments unevenly (a few large ones, many small
 * ones) but deterministically, each getting at least one.
 */
export function spread(rng: Random, total: number, count: number): number[] {
  const weights = Array.from({ length: count }, () => 1 / Math.pow(1 - rng.float() * 0.95, 1.6));
  const sum = weights.reduce((a, b) => a + b, 0);
  const free = total - count;
  const shares = weights.map((w) => (w / sum) * free);
  const counts = shares.map((s) => 1 + Math.floor(s));
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = shares.map((s, i) => ({ i, r: s - Math.floor(s) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let k = 0; left > 0; k = (k + 1) % count, left--) counts[order[k]!.i]!++;
  return counts;
}

/** Companies and their establishments, in file order. */
export function newCompanies(
  rng: Random,
  refs: CompanyReferentials,
  establishments: number,
  employees: number,
  imposed: ImposedIdentity = {},
): Company[] {
  // Drawn even when imposed, and the SIREN and NIC below too: without --siren and --siret the
  // file must stay byte for byte what it was.
  const drawnCount = establishments <= 2 ? 1 : rng.int(1, Math.ceil(establishments / 3));
  const forced = imposedSiren(imposed);
  // An imposed SIREN is one company: every establishment is that declarant's.
  const companyCount = forced === undefined ? drawnCount : 1;
  const sizes = spread(rng, employees, establishments);
  const companies: Company[] = [];
  for (let c = 0; c < companyCount; c++) {
    const agreement = agreementPicker.pick(rng);
    const department = refs.addresses.department(rng);
    const naf = activityFor(rng, agreement, refs.naf);
    const drawnSiren = newSiren(rng);
    const siren = forced ?? drawnSiren;
    companies.push({
      siren,
      name: `${rng.pick(surnames)} ${rng.pick(trades)} ${rng.pick(legalForms)}`,
      naf,
      idcc: agreement.idcc,
      address: refs.addresses.in(rng, department),
      establishments: [],
    });
  }
  for (let e = 0; e < establishments; e++) {
    // The first establishments go one to each company so that every company has one.
    const company = e < companyCount ? companies[e]! : companies[rng.int(0, companyCount - 1)]!;
    const order = company.establishments.length + 1;
    const body = order * 10 + rng.int(0, 9);
    const nic = forced === undefined ? nicFor(company.siren, body) : imposedNic(imposed, e, body);
    const headOffice = order === 1;
    const department = headOffice ? undefined : refs.addresses.department(rng);
    company.establishments.push({
      index: -1,
      nic,
      siret: company.siren + nic,
      naf: company.naf,
      idcc: company.idcc,
      address: department ? refs.addresses.in(rng, department) : company.address,
      employees: 0,
      account: newAccount(rng),
      seed: rng.seed(),
      payDay: rng.chance(0.7) ? { next: false, day: 0 } : { next: true, day: rng.int(1, 5) },
    });
  }
  // File order: company by company; sizes are dealt in that order too.
  let index = 0;
  for (const company of companies) {
    for (const establishment of company.establishments) {
      establishment.index = index;
      establishment.employees = sizes[index]!;
      index++;
    }
  }
  return companies;
}
