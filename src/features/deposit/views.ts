import type { CheckReport } from '../../core/check/check.ts';
import { declarationsOfDeposit } from './declarations-repository.ts';
import type { DepositSummary } from './deposits-repository.ts';
import { findDeposit } from './deposits-repository.ts';
import type { DeclarationRow, Deposit, Executor } from '../../platform/store/schema.ts';

/** What the API and the CLI show of a deposit and its declarations (field names are the contract). */

export const declarationTypes: Record<string, string> = {
  '01': 'déclaration normale',
  '02': 'déclaration normale sans individu',
  '03': 'déclaration annule et remplace intégral',
  '04': 'déclaration annule',
  '05': 'annule et remplace sans individu',
};

/** S20.G00.05.001, as the norm names them (DSN) and nature 11 (PASRAU). */
export const declarationNatures: Record<string, string> = {
  '01': 'DSN mensuelle',
  '04': "signalement d'arrêt de travail",
  '05': 'signalement de reprise suite à arrêt de travail',
  '07': 'signalement de fin du contrat de travail unique',
  '08': 'signalement amorçage des données variables',
  '09': 'DSN de substitution',
  '10': "signalement déclaration préalable à l'embauche",
  '11': 'PASRAU',
};

export const declarationStatuses: Record<DeclarationRow['status'], string> = {
  conform: 'conforme',
  rejected: 'rejetée',
  superseded: 'remplacée',
  cancelled: 'annulée',
};

export const depositStatuses: Record<Deposit['status'], string> = {
  accepted: 'accepté',
  partially_accepted: 'accepté en partie',
  rejected: 'rejeté',
};

export interface DeclarationView {
  id: string;
  depositId: string;
  position: number;
  siret: string | null;
  nature: string | null;
  natureLabel: string | null;
  type: string | null;
  typeLabel: string | null;
  fraction: string | null;
  orderNumber: string | null;
  /** `YYYY-MM`. */
  month: string | null;
  identifier: string | null;
  replaces: string | null;
  replacesId: string | null;
  replacedById: string | null;
  status: DeclarationRow['status'];
  statusLabel: string;
  individuals: number;
  blocking: number;
  deadline: string | null;
  late: boolean | null;
  headcount: number | null;
  headcountSource: string | null;
  norm: string | null;
  lines: { first: number | null; last: number | null };
  receivedAt: string;
  knownFrom: string;
  knownTo: string | null;
}

export function declarationView(row: DeclarationRow): DeclarationView {
  return {
    id: row.id,
    depositId: row.deposit_id,
    position: row.position,
    siret: row.siret,
    nature: row.nature,
    natureLabel: row.nature !== null ? (declarationNatures[row.nature] ?? null) : null,
    type: row.type,
    typeLabel: row.type !== null ? (declarationTypes[row.type] ?? null) : null,
    fraction: row.fraction,
    orderNumber: row.order_number,
    month: row.month !== null ? row.month.slice(0, 7) : null,
    identifier: row.identifier,
    replaces: row.replaces_identifier,
    replacesId: row.replaces_id,
    replacedById: row.replaced_by_id,
    status: row.status,
    statusLabel: declarationStatuses[row.status],
    individuals: row.individuals,
    blocking: row.blocking,
    deadline: row.deadline?.toISOString() ?? null,
    late: row.late,
    headcount: row.headcount,
    headcountSource: row.headcount_source,
    norm: row.norm,
    lines: { first: row.first_line, last: row.last_line },
    receivedAt: row.received_at.toISOString(),
    knownFrom: row.known_from.toISOString(),
    knownTo: row.known_to?.toISOString() ?? null,
  };
}

export interface DepositView {
  acknowledgement: {
    depositId: string;
    sha256: string;
    receivedAt: string;
    size: number;
    fileName: string | null;
  };
  status: Deposit['status'];
  statusLabel: string;
  declarantId: string | null;
  decidedAt: string;
  summary: {
    declarations: number;
    individuals: number;
    blocking: number;
    nonBlocking: number;
    norm: string | null;
  };
  declarations: DeclarationView[];
}

export function depositView(deposit: DepositSummary, declarations: DeclarationRow[]): DepositView {
  return {
    acknowledgement: {
      depositId: deposit.id,
      sha256: deposit.sha256,
      receivedAt: deposit.received_at.toISOString(),
      size: Number(deposit.size),
      fileName: deposit.file_name,
    },
    status: deposit.status,
    statusLabel: depositStatuses[deposit.status],
    declarantId: deposit.declarant_id,
    decidedAt: deposit.decided_at.toISOString(),
    summary: {
      declarations: deposit.declarations,
      individuals: deposit.individuals,
      blocking: deposit.blocking,
      nonBlocking: deposit.non_blocking,
      norm: deposit.norm,
    },
    declarations: declarations.map(declarationView),
  };
}

export interface DepositOutcome extends DepositView {
  /** True when the same bytes had already been deposited: this is the earlier deposit. */
  duplicate: boolean;
  report: CheckReport;
}

/** The report as stored (jsonb comes back parsed on both drivers; a string is tolerated). */
export function storedReport(deposit: Deposit): CheckReport {
  const report = deposit.report;
  return (typeof report === 'string' ? JSON.parse(report) : report) as CheckReport;
}

export async function loadOutcome(
  ex: Executor,
  id: string,
  duplicate: boolean,
): Promise<DepositOutcome | null> {
  const deposit = await findDeposit(ex, id);
  return deposit ? outcomeOf(ex, deposit, duplicate) : null;
}

/** A deposit already read, with its declarations and its report. */
export async function outcomeOf(ex: Executor, deposit: Deposit, duplicate: boolean): Promise<DepositOutcome> {
  const declarations = await declarationsOfDeposit(ex, deposit.id);
  return { ...depositView(deposit, declarations), duplicate, report: storedReport(deposit) };
}

export interface DepositListItem {
  depositId: string;
  sha256: string;
  receivedAt: string;
  fileName: string | null;
  size: number;
  status: Deposit['status'];
  declarations: number;
  individuals: number;
  blocking: number;
}

export function depositListItem(d: DepositSummary): DepositListItem {
  return {
    depositId: d.id,
    sha256: d.sha256,
    receivedAt: d.received_at.toISOString(),
    fileName: d.file_name,
    size: Number(d.size),
    status: d.status,
    declarations: d.declarations,
    individuals: d.individuals,
    blocking: d.blocking,
  };
}
