import { luhnCheckDigit } from '../../core/identifiers/check-digits.ts';
import { latestVersion, pasrauVersions } from '../../core/norm/catalogue.ts';
import type { CompiledNorm } from '../../core/norm/compile.ts';
import { compiledNorm } from '../../core/norm/provider.ts';
import {
  defaultSoftware,
  countsProblem,
  faultRateProblem,
  money,
  monthProblem,
  writeEnvoiFooter,
  writeEnvoiHeader,
  writePersonBlock,
  type Software,
} from './blocks.ts';
import {
  imposedNic,
  newAccount,
  newSiren,
  nicFor,
  spread,
  type Address,
  type BankAccount,
} from './company.ts';
import { identityProblem, imposedSiren, type ImposedIdentity } from './imposed-identity.ts';
import { daysInMonth, dsnDate } from '../../core/values/calendar.ts';
import { weekday } from '../../core/values/day-numbers.ts';
import { addMonths, parseMonth, type Month } from './months.ts';
import { FaultPlan, pasrauFaultKinds, type FaultKind } from './faults.ts';
import type { GenerateHooks } from './generate.ts';
import { newPerson, type AgeLaw, type Person } from './identity.ts';
import { surnames } from './names.ts';
import { newWithholding, withheld, type Withholding } from './pas.ts';
import { generatorReferentials, type GeneratorReferentials } from './referentials.ts';
import { Random, WeightedPicker } from './rng.ts';
import { DsnWriter, type DsnSink } from './writer.ts';

/**
 * Synthetic PASRAU (nature 11): one envoi holding one declaration per payer (a pension fund, France
 * Travail, a CPAM, an invalidity insurer), each beneficiary with a replacement income, its CSG and
 * CRDS, the withholding tax and the montant net social. Streams like the DSN generator, and is the
 * same byte for byte for a seed.
 *
 * Simplified on purpose: one payment a month per beneficiary, no regularisation (S21.G00.56), no
 * CASA nor health contribution on pensions, no CSG exemption threshold on unemployment benefit.
 */

export interface PasrauOptions extends ImposedIdentity {
  /** `YYYY-MM`: the month the incomes are paid. */
  month: string;
  payers: number;
  /** Total number of beneficiaries, spread over the payers. */
  beneficiaries: number;
  seed?: number;
  /** Share (0–1) of beneficiaries, declarations and envois that get one known anomaly. */
  faults?: number;
  /** PASRAU catalogue; the newest by default. */
  norm?: string;
  software?: Software;
  faultKinds?: readonly FaultKind[];
}

export interface PasrauSummary {
  norm: string;
  month: string;
  seed: number;
  declarations: number;
  beneficiaries: number;
  lines: number;
  bytes: number;
  faults: number;
}

/**
 * Contributions on a replacement income: CSG (code 072) with its deductible part, and CRDS (code
 * 079), on a base that is the gross amount or a share of it.
 */
interface Levy {
  csg: number;
  deductible: number;
  crds: number;
  base: number;
}

type KindId = 'retraite' | 'chomage' | 'ij' | 'invalidite';

interface PayerKind {
  id: KindId;
  /**
   * Classe de revenu written in S21.G00.50.014. The official CLREV nomenclature is not available
   * to Relais: these codes are illustrative, and the catalogue does not restrict the rubric.
   */
  incomeClass: string;
  /** Real NAF code of such bodies. */
  naf: string;
  /** Public bodies have a SIREN starting with 1 or 2. */
  public: boolean;
  name(rng: Random, address: Address): string;
  ages: AgeLaw;
  /** Monthly gross amount and the period it pays for. */
  gross(rng: Random): number;
  levy(rng: Random): Levy;
  /** Day of the month of payment, for the period paid. */
  payDay(month: Month): number;
}

/** Pension CSG rates by reference tax income (CSS L136-8): exempt, reduced, median, full. */
const pensionCsg = new WeightedPicker(
  [
    { csg: 0, deductible: 0, crds: 0, weight: 15 },
    { csg: 3.8, deductible: 3.8, crds: 0.5, weight: 20 },
    { csg: 6.6, deductible: 4.2, crds: 0.5, weight: 15 },
    { csg: 8.3, deductible: 5.9, crds: 0.5, weight: 50 },
  ],
  (r) => r.weight,
);

const clamp = (x: number, min: number, max: number) => Math.min(max, Math.max(min, x));
const round2 = (x: number) => Math.round(x * 100) / 100;

/** First Monday–Friday on or after `day`. */
function workingDayFrom(month: Month, day: number): number {
  let d = day;
  while (weekday(month.year, month.month, d) === 0 || weekday(month.year, month.month, d) === 6) d++;
  return d;
}

const kinds: readonly PayerKind[] = [
  {
    id: 'retraite',
    incomeClass: 'RETRAITE',
    naf: '6530Z',
    public: false,
    name: (rng) => `CAISSE DE RETRAITE ${rng.pick(surnames)}`,
    ages: { mean: 74, sd: 8, min: 62, max: 99 },
    gross: (rng) => clamp(rng.normal(1450, 650), 250, 6000),
    levy: (rng) => ({ ...pensionCsg.pick(rng), base: 1 }),
    // Basic pensions are paid on the 9th for the month before.
    payDay: (month) => workingDayFrom(month, 9),
  },
  {
    id: 'chomage',
    incomeClass: 'CHOMAGE',
    naf: '8413Z',
    public: true,
    name: (_, address) => `FRANCE TRAVAIL ${address.locality}`.slice(0, 60),
    ages: { mean: 38, sd: 12, min: 18, max: 66 },
    gross: (rng) => clamp(rng.normal(1300, 450), 500, 4500),
    // Unemployment benefit: CSG 6.2 % (3.8 % deductible) and CRDS on 98.25 % of the gross amount.
    levy: () => ({ csg: 6.2, deductible: 3.8, crds: 0.5, base: 0.9825 }),
    payDay: (month) => workingDayFrom(month, 1),
  },
  {
    id: 'ij',
    incomeClass: 'IJ-MALADIE',
    naf: '8430A',
    public: true,
    name: (_, address) => `CPAM ${address.locality}`.slice(0, 60),
    ages: { mean: 42, sd: 11, min: 18, max: 64 },
    // Daily allowance (capped near 42 euros) for a sick leave of a few days to the whole month.
    gross: (rng) => clamp(rng.normal(34, 7), 12, 41.95) * rng.int(4, 30),
    levy: () => ({ csg: 6.2, deductible: 3.8, crds: 0.5, base: 1 }),
    payDay: (month) => workingDayFrom(month, 15),
  },
  {
    id: 'invalidite',
    incomeClass: 'INVALIDITE',
    naf: '6512Z',
    public: false,
    name: (rng) => `${rng.pick(surnames)} PREVOYANCE`,
    ages: { mean: 52, sd: 7, min: 25, max: 66 },
    gross: (rng) => clamp(rng.normal(950, 350), 300, 2300),
    levy: (rng) => ({ ...pensionCsg.pick(rng), base: 1 }),
    payDay: (month) => workingDayFrom(month, 5),
  },
];

interface Payer {
  index: number;
  kind: PayerKind;
  siren: string;
  nic: string;
  name: string;
  address: Address;
  account: BankAccount;
  beneficiaries: number;
  seed: number;
}

function publicSiren(rng: Random): string {
  const body = `${rng.int(1, 2)}${String(rng.int(0, 9999999)).padStart(7, '0')}`;
  return body + luhnCheckDigit(body);
}

function newPayers(
  rng: Random,
  refs: GeneratorReferentials,
  count: number,
  total: number,
  imposed: ImposedIdentity,
): Payer[] {
  const sizes = spread(rng, total, count);
  // With --siren or --siret every payer is an establishment of that SIREN; the draws are made
  // anyway, so that the file without them stays byte for byte what it was.
  const forced = imposedSiren(imposed);
  return sizes.map((beneficiaries, index) => {
    // Every kind of payer first, then any.
    const kind = index < kinds.length ? kinds[index]! : rng.pick(kinds);
    const drawnSiren = kind.public ? publicSiren(rng) : newSiren(rng);
    const siren = forced ?? drawnSiren;
    const address = refs.addresses.in(rng, refs.addresses.department(rng));
    const body = 10 + rng.int(0, 9);
    // Payers sharing an imposed SIREN need distinct NICs: a range of ten bodies each.
    const nic = forced === undefined ? nicFor(siren, body) : imposedNic(imposed, index, body + 10 * index);
    return {
      index,
      kind,
      siren,
      nic,
      name: kind.name(rng, address),
      address,
      account: newAccount(rng),
      beneficiaries,
      seed: rng.seed(),
    };
  });
}

/** One payment of a replacement income, every amount in euros. */
interface Payment {
  person: Person;
  address: Address;
  number: string;
  right: string;
  gross: number;
  levy: Levy;
  base: number;
  csg: number;
  crds: number;
  netTaxable: number;
  netSocial: number;
  withholding: Withholding;
  tax: number;
}

function newPayment(
  rng: Random,
  payer: Payer,
  month: Month,
  refs: GeneratorReferentials,
  i: number,
): Payment {
  const kind = payer.kind;
  const person = newPerson(rng, month, refs.birthPlaces, kind.ages);
  const address = refs.addresses.in(rng, refs.addresses.department(rng));
  const gross = round2(kind.gross(rng));
  const levy = kind.levy(rng);
  const base = round2(gross * levy.base);
  const csg = round2((base * levy.csg) / 100);
  const crds = round2((base * levy.crds) / 100);
  // Only the deductible part of the CSG comes off the taxable amount; CRDS never does.
  const netTaxable = round2(gross - (base * levy.deductible) / 100);
  const netSocial = round2(gross - csg - crds);
  const withholding = newWithholding(rng, netTaxable);
  const number = String(100000 + i);
  return {
    person,
    address,
    number,
    right: `${kind.id.slice(0, 3).toUpperCase()}${number}`,
    gross,
    levy,
    base,
    csg,
    crds,
    netTaxable,
    netSocial,
    withholding,
    tax: withheld(netTaxable, withholding.rate),
  };
}

/**
 * The beneficiaries of a payer, replayed from its seed: the DGFiP payment, written before them,
 * is their sum. A NIR drawn twice in a declaration is drawn again.
 */
function* payments(payer: Payer, month: Month, refs: GeneratorReferentials): Generator<Payment> {
  const rng = new Random(payer.seed);
  const nirs = new Set<string>();
  for (let i = 0; i < payer.beneficiaries; i++) {
    let p = newPayment(rng, payer, month, refs, i);
    while (nirs.has(p.person.nir)) p = newPayment(rng, payer, month, refs, i);
    nirs.add(p.person.nir);
    yield p;
  }
}

/** Why the options cannot be used, in French, or null. */
export function pasrauOptionProblem(options: PasrauOptions): string | null {
  const month = monthProblem(options.month);
  if (month) return month;
  if (options.norm !== undefined && !pasrauVersions.includes(options.norm)) {
    return `norme ${options.norm} non prise en charge pour une PASRAU : choisissez parmi ${pasrauVersions.join(', ')}.`;
  }
  return (
    countsProblem(options.payers, options.beneficiaries, {
      groups: 'de payeurs',
      members: 'de bénéficiaires',
      each: 'chaque payeur déclare au moins un bénéficiaire',
    }) ??
    faultRateProblem(options.faults) ??
    identityProblem(options)
  );
}

/** The value of S10.G00.00.006 for a catalogue: the first version code its own datatype lists. */
function declaredVersion(norm: CompiledNorm): string {
  return norm.rubricById.get('S10.G00.00.006')?.type.def.values?.[0]?.[0] ?? norm.version;
}

/** Writes one synthetic PASRAU envoi to `sink`. Deterministic for a seed. */
export async function generatePasrau(
  options: PasrauOptions,
  sink: DsnSink,
  hooks: GenerateHooks = {},
): Promise<PasrauSummary> {
  const problem = pasrauOptionProblem(options);
  if (problem) throw new RangeError(problem);
  const month = parseMonth(options.month)!;
  const seed = options.seed ?? 1;
  const norm = await compiledNorm(options.norm ?? latestVersion('PASRAU'));
  const refs = await generatorReferentials(hooks.loadJson);
  const rng = new Random(seed);
  const faults = new FaultPlan(
    options.faults ?? 0,
    new Random(seed ^ 0x5f3759df),
    norm,
    '11',
    options.faultKinds ?? pasrauFaultKinds,
  );
  let faultCount = 0;
  const w = new DsnWriter(norm, '11', sink, (fault) => {
    faultCount++;
    hooks.onFault?.(fault);
  });
  const payers = newPayers(rng, refs, options.payers, options.beneficiaries, {
    ...(options.siren ? { siren: options.siren } : {}),
    ...(options.siret ? { siret: options.siret } : {}),
  });
  const software = options.software ?? defaultSoftware;
  const first = dsnDate(month.year, month.month, 1);
  const last = dsnDate(month.year, month.month, daysInMonth(month.year, month.month));
  const previous = addMonths(month, -1);
  const next = addMonths(month, 1);

  w.editor = faults.next('envoi');
  const envoiEditor = w.editor;
  const emitter = payers[0]!;
  writeEnvoiHeader(
    w,
    software,
    emitter,
    { service: 'SERVICE PASRAU', email: 'pasrau@example.fr' },
    declaredVersion(norm),
  );
  w.editor = null;

  let written = 0;
  for (const payer of payers) {
    let taxCents = 0;
    for (const p of payments(payer, month, refs)) taxCents += Math.round(p.tax * 100);
    w.editor = faults.next('declaration');
    w.begin('S20.G00.05')
      .put(1, '11')
      .put(2, '01')
      .put(3, '11')
      .put(4, String(payer.index + 1))
      .put(5, first)
      .put(7, dsnDate(next.year, next.month, 5))
      .put(10, '01')
      .end();
    w.begin('S20.G00.07')
      .put(1, 'SERVICE PASRAU')
      .put(2, '0140000000')
      .put(3, 'pasrau@example.fr')
      .put(4, '11')
      .end();
    const a = payer.address;
    w.begin('S21.G00.06')
      .put(1, payer.siren)
      .put(2, payer.nic)
      .put(3, payer.kind.naf)
      .put(4, a.street)
      .put(5, a.postalCode)
      .put(6, a.locality)
      .end();
    w.begin('S21.G00.11')
      .put(1, payer.nic)
      .put(2, payer.kind.naf)
      .put(3, a.street)
      .put(4, a.postalCode)
      .put(5, a.locality)
      .end();
    // The withholding tax paid to the DGFiP, rounded to the euro (CGI art. 1724).
    w.begin('S21.G00.20')
      .put(1, 'DGFiP')
      .put(3, payer.account.bic)
      .put(4, payer.account.iban)
      .put(5, `${Math.round(taxCents / 100)}.00`)
      .put(6, first)
      .put(7, last)
      .put(10, '05')
      .end();
    w.editor = null;
    const payDate = dsnDate(month.year, month.month, payer.kind.payDay(month));
    // Pensions and benefits pay the month before; sick-pay the fortnight before the payment.
    const ij = payer.kind.id === 'ij';
    const from = ij ? dsnDate(month.year, month.month, 1) : dsnDate(previous.year, previous.month, 1);
    const to = ij
      ? payDate
      : dsnDate(previous.year, previous.month, daysInMonth(previous.year, previous.month));
    for (const p of payments(payer, month, refs)) {
      w.editor = faults.next('individual');
      writeBeneficiary(w, p, payer, payDate, from, to);
      w.editor = null;
      written++;
      await w.flush();
      if ((written & 255) === 0) hooks.onProgress?.({ employees: written, chars: w.chars });
    }
  }
  w.editor = envoiEditor;
  writeEnvoiFooter(w, payers.length);
  w.editor = null;
  await w.flush(true);
  hooks.onProgress?.({ employees: written, chars: w.chars });
  return {
    norm: norm.version,
    month: options.month,
    seed,
    declarations: payers.length,
    beneficiaries: written,
    lines: w.lines,
    bytes: w.chars,
    faults: faultCount,
  };
}

function writeBeneficiary(
  w: DsnWriter,
  p: Payment,
  payer: Payer,
  payDate: string,
  from: string,
  to: string,
): void {
  writePersonBlock(w, p.person, p.address, p.number);
  w.begin('S21.G00.47').put(1, p.number).put(2, p.right).end();
  const wh = p.withholding;
  w.begin('S21.G00.50')
    .put(1, payDate)
    .put(2, money(p.netTaxable))
    .put(3, '1')
    .put(4, money(p.netSocial - p.tax))
    .put(6, wh.rate.toFixed(2))
    .put(7, wh.type)
    .put(8, wh.rateId)
    .put(9, money(p.tax))
    .put(14, payer.kind.incomeClass)
    .end();
  w.begin('S21.G00.51').put(1, from).put(2, to).put(10, p.right).put(13, money(p.gross)).end();
  w.begin('S21.G00.58').put(1, from).put(2, to).put(3, '03').put(4, money(p.netSocial)).end();
  if (p.levy.csg > 0) {
    w.begin('S21.G00.81')
      .put(1, '072')
      .put(3, money(p.base))
      .put(4, money(p.csg))
      .put(7, p.levy.csg.toFixed(2))
      .end();
    w.begin('S21.G00.81')
      .put(1, '079')
      .put(3, money(p.base))
      .put(4, money(p.crds))
      .put(7, p.levy.crds.toFixed(2))
      .end();
  }
}
