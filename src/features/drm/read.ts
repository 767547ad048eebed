import type { Kysely } from 'kysely';
import type { Caller } from '../../platform/auth/caller.ts';
import { AppError } from '../../platform/errors.ts';
import type { Database, Executor, IdentityFlagKind } from '../../platform/store/schema.ts';
import { inTransaction } from '../../platform/store/transaction.ts';
import { personRecordOf, type StoredResourceLine } from './drm-repository.ts';
import { checkResourcesRead } from './permissions.ts';
import { sumDecimals } from './decimal.ts';
import {
  coded,
  incomeClassOf,
  kinds,
  monthStatuses,
  sources,
  windows,
  type KindCode,
  type SourceCode,
  type WindowCode,
} from './labels.ts';
import { addMonths, monthOf, monthRange } from './months.ts';
import { disagreements, type StatedIdentity } from './names.ts';
import { parseQueryNir, withKey } from './nir.ts';

/**
 * The DRM read use cases, shared by the API and the CLI, for a caller allowed to read resources
 * (`permissions.ts`). Every answer is "as known at `asOf`":
 * the same question at the same instant gets the same answer, whatever was deposited since. The
 * person must be identified (NIR with its key, names, birth date); any doubt is a refusal with a
 * code, never a guess (fail closed).
 */

export interface PersonQuery {
  /** 15 characters, with the key. */
  nir: string;
  identity: StatedIdentity;
  /** Default: now. Never in the future: what will be known then is not known yet. */
  asOf?: Date;
}

export interface Amounts {
  netTaxable: string | null;
  netPaid: string | null;
  netSocial: string | null;
  gross: string | null;
  pasWithheld: string | null;
}

export interface ResourceLineView {
  paymentDate: string;
  payer: { siret: string };
  source: { code: string; libelle: string };
  kind: { code: string; libelle: string };
  /** PASRAU payments: the declared income class (S21.G00.50.014). */
  incomeClass: { code: string; libelle: string } | null;
  amounts: Amounts;
  provenance: {
    declarationId: string;
    depositId: string;
    /** Line of S21.G00.50.001 in the deposited file. */
    paymentLine: number;
    /** Line of S21.G00.30.001. */
    individualLine: number;
    knownFrom: string;
  };
}

export interface MonthView {
  month: string;
  status: { code: string; libelle: string };
  totals: Amounts;
  lines: ResourceLineView[];
}

export interface ResourcesAnswer {
  nir: string;
  asOf: string;
  period: { from: string; to: string };
  months: MonthView[];
  missingMonths: string[];
}

export interface WindowView {
  code: WindowCode;
  libelle: string;
  from: string;
  to: string;
  /** Montant net social of the months with data; null when none has any. */
  netSocial: string | null;
  months: { month: string; status: { code: string; libelle: string }; netSocial: string | null }[];
  missingMonths: string[];
}

export interface WindowsAnswer {
  nir: string;
  asOf: string;
  /** M: the month the windows are counted back from. */
  referenceMonth: string;
  windows: WindowView[];
}

/** At most three years per question: a bounded answer, a bounded query. */
export const maxMonths = 36;

const flagLabels: Record<IdentityFlagKind, string> = {
  NIR_BIRTH_DATE:
    'ce NIR a été déclaré avec des dates de naissance différentes par des employeurs différents',
  NIR_NAMES: 'ce NIR a été déclaré avec des noms nettement différents par des employeurs différents',
  NIR_SEVERAL: 'la même personne a été déclarée sous deux NIR différents',
};

function resolveAsOf(asOf: Date | undefined, now: Date): Date {
  if (asOf === undefined) return now;
  if (asOf.getTime() > now.getTime()) {
    throw new AppError(
      'REQUEST_INVALID',
      'asOf est dans le futur : seul ce qui est déjà connu peut être restitué.',
      { parameter: 'asOf' },
    );
  }
  return asOf;
}

/** The 13 digits of a NIR given with its key, or the refusal saying what is wrong with it. */
export function checkedNir(text: string): string {
  const parsed = parseQueryNir(text);
  if (parsed.ok) return parsed.nir;
  const source = { parameter: 'nir' };
  if (parsed.problem === 'key')
    throw new AppError(
      'DRM_NIR_KEY',
      'La clé du NIR (deux derniers chiffres) ne correspond pas au numéro : vérifiez sa saisie.',
      source,
    );
  if (parsed.problem === 'temporary')
    throw new AppError(
      'DRM_NIR_TEMPORARY',
      'Ce numéro est un NIR temporaire (NIA, commençant par 7 ou 8) : les ressources ne sont communiquées que pour un NIR définitif.',
      source,
    );
  throw new AppError(
    'DRM_NIR_FORMAT',
    'Le NIR doit compter 15 caractères, clé comprise (13 chiffres, 2A ou 2B pour la Corse, puis la clé).',
    source,
  );
}

/**
 * How a read refuses when it cannot answer about the person. `explicit` (the operator): unknown
 * NIR, identity mismatch and identity flags each have their code. `indistinct` (receiving bodies):
 * an unknown NIR and a mismatch are one refusal, `DRM_PERSON_NOT_FOUND`, so that no caller learns
 * whether a NIR exists; a flagged NIR is said uncertain only to a caller whose stated identity
 * agrees with one declared under it (who already knows the person), and is otherwise not found,
 * since a flag exists only for a NIR that some declaration carries.
 */
export type IdentityRefusals = 'explicit' | 'indistinct';

const notFound = () =>
  new AppError(
    'DRM_PERSON_NOT_FOUND',
    'Aucune personne connue ne correspond à ce NIR et à cette identité (nom, prénoms, date de naissance) : aucune donnée n’est communiquée.',
  );

/**
 * The resource lines of months `from`..`to` (`AAAA-MM`) of the person of `nir` (13 digits), when
 * their identity agrees with everything known at `asOf`; any doubt throws. Identification and
 * reading are one statement: the lines come back with the identities, and are dropped here when
 * the identity does not agree. So an unknown NIR and a mismatching identity cost the same work:
 * one statement of three index probes on `nir`, then a comparison in memory, with no early exit
 * before the database answers.
 */
async function identifiedLines(
  ex: Executor,
  nir: string,
  identity: StatedIdentity,
  asOf: Date,
  from: string,
  to: string,
  refusals: IdentityRefusals,
): Promise<StoredResourceLine[]> {
  const { flags, identities: known, lines } = await personRecordOf(ex, nir, `${from}-01`, `${to}-01`, asOf);
  const agrees = known.map(
    (k) =>
      disagreements(identity, {
        lastName: k.last_name,
        usageName: k.usage_name,
        firstNames: k.first_names,
        birthDate: k.birth_date,
      }).length === 0,
  );
  if (flags.length > 0) {
    if (refusals === 'indistinct' && !agrees.includes(true)) throw notFound();
    const first = flags[0]!;
    throw new AppError(
      'DRM_IDENTITY_UNCERTAIN',
      `Identité incertaine depuis le ${first.detected_at.toISOString()} : ${flagLabels[first.kind]}. ` +
        'Aucune donnée n’est communiquée tant que la discordance n’est pas résolue.',
      { parameter: 'nir' },
    );
  }
  if (known.length === 0) {
    if (refusals === 'indistinct') throw notFound();
    throw new AppError('DRM_PERSON_UNKNOWN', 'Aucune déclaration connue à cette date ne porte ce NIR.', {
      parameter: 'nir',
    });
  }
  if (agrees.includes(false)) {
    if (refusals === 'indistinct') throw notFound();
    // Which trait disagrees is not said: it would let anyone guess an identity trait by trait.
    throw new AppError(
      'DRM_IDENTITY_MISMATCH',
      'Le nom, les prénoms ou la date de naissance donnés ne correspondent pas à l’identité déclarée pour ce NIR : aucune donnée n’est communiquée.',
    );
  }
  return lines;
}

const amountsOf = (l: StoredResourceLine): Amounts => ({
  netTaxable: l.net_taxable,
  netPaid: l.net_paid,
  netSocial: l.net_social,
  gross: l.gross,
  pasWithheld: l.pas_amount,
});

function totalsOf(lines: readonly Amounts[]): Amounts {
  const sum = (key: keyof Amounts) => sumDecimals(lines.map((l) => l[key]));
  return {
    netTaxable: sum('netTaxable'),
    netPaid: sum('netPaid'),
    netSocial: sum('netSocial'),
    gross: sum('gross'),
    pasWithheld: sum('pasWithheld'),
  };
}

function lineView(l: StoredResourceLine): ResourceLineView {
  return {
    paymentDate: l.payment_date,
    payer: { siret: l.payer_siret },
    source:
      l.source in sources ? coded(sources, l.source as SourceCode) : { code: l.source, libelle: l.source },
    kind: l.kind in kinds ? coded(kinds, l.kind as KindCode) : { code: l.kind, libelle: l.kind },
    incomeClass: l.income_class === null ? null : incomeClassOf(l.income_class),
    amounts: amountsOf(l),
    provenance: {
      declarationId: l.declaration_id,
      depositId: l.deposit_id,
      paymentLine: l.line,
      individualLine: l.individual_line,
      knownFrom: l.known_from.toISOString(),
    },
  };
}

/** Months `from`..`to` with their lines and totals across payers and sources. */
function monthViews(months: readonly string[], lines: readonly StoredResourceLine[]): MonthView[] {
  const byMonth = new Map<string, StoredResourceLine[]>();
  for (const l of lines) {
    const month = l.month.slice(0, 7);
    let list = byMonth.get(month);
    if (!list) byMonth.set(month, (list = []));
    list.push(l);
  }
  return months.map((month) => {
    const found = byMonth.get(month) ?? [];
    return {
      month,
      status: coded(monthStatuses, found.length > 0 ? 'DECLARE' : 'ABSENT'),
      totals: totalsOf(found.map(amountsOf)),
      lines: found.map(lineView),
    };
  });
}

/** A resources question once checked: the person's NIR (13 digits), the months, the instant. */
export interface ResourcesPlan {
  nir: string;
  asOf: Date;
  from: string;
  to: string;
  months: string[];
}

/** Checks a resources question before any database work; refusals are coded. */
export function planResources(
  query: Omit<PersonQuery, 'identity'> & { from: string; to: string },
  now = new Date(),
): ResourcesPlan {
  const nir = checkedNir(query.nir);
  if (query.to < query.from) {
    throw new AppError('REQUEST_INVALID', `au (${query.to}) précède du (${query.from}).`, {
      parameter: 'au',
    });
  }
  const months = monthRange(query.from, query.to);
  if (months.length > maxMonths) {
    throw new AppError('REQUEST_INVALID', `Au plus ${maxMonths} mois par demande.`, { parameter: 'au' });
  }
  return { nir, asOf: resolveAsOf(query.asOf, now), from: query.from, to: query.to, months };
}

/** The answer to a checked resources question, in the caller's transaction `ex`. */
export async function answerResources(
  ex: Executor,
  plan: ResourcesPlan,
  identity: StatedIdentity,
  refusals: IdentityRefusals,
): Promise<ResourcesAnswer> {
  const lines = await identifiedLines(ex, plan.nir, identity, plan.asOf, plan.from, plan.to, refusals);
  const views = monthViews(plan.months, lines);
  return {
    nir: withKey(plan.nir),
    asOf: plan.asOf.toISOString(),
    period: { from: plan.from, to: plan.to },
    months: views,
    missingMonths: views.filter((m) => m.lines.length === 0).map((m) => m.month),
  };
}

/**
 * Resources of months `from`..`to` (`AAAA-MM`), per month, with the lines behind each total. One
 * read, in ONE transaction: the caller is checked (`permissions.ts`) before the person is even
 * identified. The reads of receiving bodies go through `../exchange/traced-read.ts`, which adds
 * their context, minimisation and the access trace to the same transaction.
 */
export async function readResources(
  db: Kysely<Database>,
  caller: Caller,
  query: PersonQuery & { from: string; to: string },
  now = new Date(),
): Promise<ResourcesAnswer> {
  const plan = planResources(query, now);
  return inTransaction(db, async (tx) => {
    checkResourcesRead(caller);
    return answerResources(tx, plan, query.identity, 'explicit');
  });
}

const windowSpans: Record<WindowCode, [number, number]> = { M2_M4: [-4, -2], M1_M3: [-3, -1] };

/** A windows question once checked: M and the four months M-4..M-1 it reads. */
export interface WindowsPlan {
  nir: string;
  asOf: Date;
  referenceMonth: string;
  from: string;
  to: string;
}

/** Checks a windows question (M by default: the month of `asOf`, in Paris) before any database work. */
export function planWindows(
  query: Omit<PersonQuery, 'identity'> & { month?: string },
  now = new Date(),
): WindowsPlan {
  const nir = checkedNir(query.nir);
  const asOf = resolveAsOf(query.asOf, now);
  const referenceMonth = query.month ?? monthOf(asOf);
  return {
    nir,
    asOf,
    referenceMonth,
    from: addMonths(referenceMonth, -4),
    to: addMonths(referenceMonth, -1),
  };
}

/** The answer to a checked windows question, in the caller's transaction `ex`. */
export async function answerWindows(
  ex: Executor,
  plan: WindowsPlan,
  identity: StatedIdentity,
  refusals: IdentityRefusals,
): Promise<WindowsAnswer> {
  const { referenceMonth: reference, from: first, to: last } = plan;
  const lines = await identifiedLines(ex, plan.nir, identity, plan.asOf, first, last, refusals);
  const views = new Map(monthViews(monthRange(first, last), lines).map((m) => [m.month, m]));
  return {
    nir: withKey(plan.nir),
    asOf: plan.asOf.toISOString(),
    referenceMonth: reference,
    windows: (Object.keys(windowSpans) as WindowCode[]).map((code) => {
      const [from, to] = windowSpans[code].map((offset) => addMonths(reference, offset)) as [string, string];
      const months = monthRange(from, to).map((month) => views.get(month)!);
      return {
        ...coded(windows, code),
        from,
        to,
        netSocial: sumDecimals(months.map((m) => m.totals.netSocial)),
        months: months.map((m) => ({ month: m.month, status: m.status, netSocial: m.totals.netSocial })),
        // A month with pay but no montant net social (declared from 2024 only) is missing too.
        missingMonths: months.filter((m) => m.totals.netSocial === null).map((m) => m.month),
      };
    }),
  };
}

/**
 * The reference windows counted back from month M (default: the month of `asOf`, in Paris), in
 * montant net social, with the months without any data named. One read, one transaction.
 */
export async function readWindows(
  db: Kysely<Database>,
  caller: Caller,
  query: PersonQuery & { month?: string },
  now = new Date(),
): Promise<WindowsAnswer> {
  const plan = planWindows(query, now);
  return inTransaction(db, async (tx) => {
    checkResourcesRead(caller);
    return answerWindows(tx, plan, query.identity, 'explicit');
  });
}
