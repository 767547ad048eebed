import Engine from 'publicodes';
import rules from 'modele-social';
import type { Month } from './months.ts';
import { diskPayslipCache, type PayslipCache, type StoredMonth } from './payslip-cache.ts';

/**
 * Payslip amounts computed with the French social model of mon-entreprise (`modele-social`, a set
 * of `publicodes` rules). One evaluation costs tens of milliseconds, so salaries are taken from a
 * grid and each distinct situation (month, gross, executive status, weekly hours) is evaluated
 * once per process and memoised: a file of any size needs at most a few hundred evaluations.
 */

/** What makes two payslips identical. */
export interface PayClass {
  gross: number;
  cadre: boolean;
  /** Contractual weekly hours; 35 is full time. */
  hours: number;
}

/** One contribution of the individual's payslip, employer and employee parts together (S21.G00.81). */
export interface Contribution {
  /** `DSN_Ref_Code_Cotis`: 076 vieillesse, 072 CSG… */
  code: string;
  /** Assessment base it belongs to (S21.G00.78.001). */
  base: BaseCode;
  amount: number;
  /** Who collects it: the Urssaf (aggregated in the bordereau) or Agirc-Arrco. */
  collector: 'urssaf' | 'agirc-arrco';
  /** Urssaf contribution type (CTP) and base qualifier of the aggregated contribution (S21.G00.23). */
  ctp?: string;
  qualifier?: '920' | '921';
}

/** 02 brute plafonnée, 03 brute déplafonnée, 04 CSG/CRDS, 07 assurance chômage. */
export type BaseCode = '02' | '03' | '04' | '07';

export interface Payslip {
  gross: number;
  netBeforeTax: number;
  netTaxable: number;
  netSocial: number;
  bases: Record<BaseCode, number>;
  contributions: Contribution[];
  /** Monthly minimum wage pro rata of the hours, kept with the general reduction (S21.G00.79 type 01). */
  smicForReduction?: number;
  /** Employer part of the Agirc-Arrco contribution on tranche 1 (S21.G00.81 code 142). */
  pensionEmployerT1?: number;
}

const cents = (x: number) => Math.round(x * 100) / 100;

interface Item {
  code: string;
  base: BaseCode;
  rule: string;
  collector: Contribution['collector'];
  ctp?: string;
  qualifier?: '920' | '921';
}

const c = 'salarié . cotisations . ';
/**
 * Contributions declared individually, with the Urssaf CTP each one is aggregated into. The CTP
 * grouping is simplified: the general-regime rates (health, old age, family, work accidents,
 * autonomy) all go to CTP 100, without the rate complements some of them have in reality.
 */
const items: readonly Item[] = [
  {
    code: '076',
    base: '02',
    rule: `${c}vieillesse . plafonnée`,
    collector: 'urssaf',
    ctp: '100',
    qualifier: '921',
  },
  { code: '049', base: '02', rule: `${c}FNAL`, collector: 'urssaf', ctp: '236', qualifier: '921' },
  { code: '075', base: '03', rule: `${c}maladie`, collector: 'urssaf', ctp: '100', qualifier: '920' },
  {
    code: '076',
    base: '03',
    rule: `${c}vieillesse . déplafonnée`,
    collector: 'urssaf',
    ctp: '100',
    qualifier: '920',
  },
  {
    code: '074',
    base: '03',
    rule: `${c}allocations familiales`,
    collector: 'urssaf',
    ctp: '100',
    qualifier: '920',
  },
  { code: '045', base: '03', rule: `${c}ATMP`, collector: 'urssaf', ctp: '100', qualifier: '920' },
  { code: '068', base: '03', rule: `${c}CSA`, collector: 'urssaf', ctp: '100', qualifier: '920' },
  {
    code: '100',
    base: '03',
    rule: `${c}contribution au dialogue social`,
    collector: 'urssaf',
    ctp: '027',
    qualifier: '920',
  },
  { code: '131', base: '03', rule: `${c}retraite complémentaire-CEG-CET`, collector: 'agirc-arrco' },
  { code: '132', base: '03', rule: `${c}APEC`, collector: 'agirc-arrco' },
  { code: '072', base: '04', rule: `${c}CSG-CRDS . CSG`, collector: 'urssaf', ctp: '260', qualifier: '920' },
  { code: '079', base: '04', rule: `${c}CSG-CRDS . CRDS`, collector: 'urssaf', ctp: '260', qualifier: '920' },
  { code: '040', base: '07', rule: `${c}chômage`, collector: 'urssaf', ctp: '772', qualifier: '920' },
  { code: '048', base: '07', rule: `${c}AGS`, collector: 'urssaf', ctp: '937', qualifier: '920' },
];

const r = {
  net: 'salarié . rémunération . net . à payer avant impôt',
  taxable: 'salarié . rémunération . net . imposable',
  social: 'salarié . rémunération . montant net social',
  csgBase: `${c}CSG-CRDS . assiette de base`,
  pss: 'salarié . temps de travail . plafond sécurité sociale',
  fullPss: 'plafond sécurité sociale',
  smic: 'salarié . temps de travail . SMIC',
  reduction: `${c}exonérations . RGDU`,
  pensionEmployerRateT1: `${c}retraite complémentaire . employeur . taux T1`,
  tSocial: `${c}exonérations . T . sécurité sociale et chômage`,
  tPension: `${c}exonérations . T . retraite complémentaire`,
};

let engine: Engine | null = null;

function theEngine(): Engine {
  // Warnings about rules the situation does not use are noise here.
  engine ??= new Engine(rules as never, { logger: { log() {}, warn() {}, error() {} } });
  return engine;
}

const date = (m: Month) => `'01/${String(m.month).padStart(2, '0')}/${m.year}'`;

/** Payslips of one month, evaluated on demand and kept, in memory and in the payslip cache. */
export class PayModel {
  private stored: StoredMonth | null = null;
  private readonly used = new Set<string>();
  private dirty = false;
  evaluations = 0;

  constructor(
    readonly month: Month,
    private readonly cache: PayslipCache | null = null,
  ) {}

  private get key(): string {
    return `${this.month.year}-${String(this.month.month).padStart(2, '0')}`;
  }

  private get known(): StoredMonth {
    this.stored ??= this.cache?.read(this.key) ?? { payslips: {} };
    return this.stored;
  }

  /** Full-time monthly minimum wage of the month. */
  get smic(): number {
    const known = this.known;
    if (known.smic === undefined) {
      const e = theEngine();
      e.setSituation({ date: date(this.month) } as never);
      known.smic = this.number(e, 'SMIC');
      this.dirty = true;
    }
    return known.smic;
  }

  payslip(pay: PayClass): Payslip {
    const key = `${pay.gross}|${pay.cadre ? 1 : 0}|${pay.hours}`;
    const known = this.known.payslips;
    let slip = known[key];
    if (slip === undefined) {
      slip = this.evaluate(pay);
      known[key] = slip;
      this.dirty = true;
    }
    this.used.add(key);
    return slip;
  }

  /** Distinct payslips the model has given out. */
  get classes(): number {
    return this.used.size;
  }

  /** Stores the new evaluations, with what concurrent runs stored meanwhile. */
  persist(): void {
    if (!this.cache || !this.dirty) return;
    const onDisk = this.cache.read(this.key);
    const known = this.known;
    this.cache.write(this.key, {
      smic: known.smic ?? onDisk.smic,
      payslips: { ...onDisk.payslips, ...known.payslips },
    });
    this.dirty = false;
  }

  private evaluate(pay: PayClass): Payslip {
    const e = theEngine();
    this.evaluations++;
    const situation: Record<string, string> = {
      date: date(this.month),
      'salarié . contrat . salaire brut': `${pay.gross} €/mois`,
      'salarié . contrat . statut cadre': pay.cadre ? 'oui' : 'non',
      // Supplementary health cover is left out of the generated files (see generate.ts).
      'salarié . cotisations . prévoyances . santé . montant': '0 €/mois',
    };
    if (pay.hours < 35) {
      situation['salarié . contrat . temps de travail . temps partiel'] = 'oui';
      situation['salarié . contrat . temps de travail . temps partiel . heures par semaine'] =
        `${pay.hours} heure/semaine`;
    }
    e.setSituation(situation as never);
    const n = (rule: string) => this.number(e, rule);
    const contributions: Contribution[] = [];
    for (const item of items) {
      const amount = cents(n(item.rule));
      if (amount === 0) continue;
      const contribution: Contribution = {
        code: item.code,
        base: item.base,
        amount,
        collector: item.collector,
      };
      if (item.ctp) {
        contribution.ctp = item.ctp;
        contribution.qualifier = item.qualifier!;
      }
      contributions.push(contribution);
    }
    const slip: Payslip = {
      gross: pay.gross,
      netBeforeTax: cents(n(r.net)),
      netTaxable: cents(n(r.taxable)),
      netSocial: cents(n(r.social)),
      bases: {
        '02': cents(Math.min(pay.gross, n(r.pss))),
        '03': pay.gross,
        '04': cents(n(r.csgBase)),
        // Unemployment insurance is due up to four times the full-time ceiling.
        '07': cents(Math.min(pay.gross, 4 * n(r.fullPss))),
      },
      contributions,
    };
    if (contributions.some((k) => k.code === '131')) {
      slip.pensionEmployerT1 = cents((slip.bases['02'] * n(r.pensionEmployerRateT1)) / 100);
    }
    const reduction = cents(n(r.reduction));
    if (reduction > 0) {
      // The general reduction is shared between the Urssaf and Agirc-Arrco in proportion of the
      // employer rates it covers.
      const social = n(r.tSocial);
      const pension = n(r.tPension);
      const onPension = cents((reduction * pension) / (social + pension));
      contributions.push(
        {
          code: '018',
          base: '03',
          amount: -cents(reduction - onPension),
          collector: 'urssaf',
          ctp: '671',
          qualifier: '920',
        },
        { code: '106', base: '03', amount: -onPension, collector: 'agirc-arrco' },
      );
      slip.smicForReduction = cents(n(r.smic));
    }
    return slip;
  }

  private number(e: Engine, rule: string): number {
    const value = e.evaluate(rule).nodeValue;
    return typeof value === 'number' && Number.isFinite(value) ? value : 0;
  }
}

const models = new Map<string, PayModel>();

/**
 * One model per month and per process, so that repeated runs (tests, benchmarks) share evaluations,
 * backed by the disk cache so that later processes share them too.
 */
export function payModel(month: Month): PayModel {
  const key = `${month.year}-${month.month}`;
  let model = models.get(key);
  if (!model) models.set(key, (model = new PayModel(month, diskPayslipCache())));
  return model;
}
