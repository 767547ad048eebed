import type { ColumnType, Generated, Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { Severity } from '../../core/diagnostics/diagnostic.ts';

/**
 * Row types of the tables the migrations create. Timestamps come back as `Date`; dates as
 * `YYYY-MM-DD` and `numeric` as strings (see `database.ts`), so nothing shifts or rounds.
 */

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Day = string;
type Numeric = ColumnType<string, string | number, string | number>;

export interface DeclarantTable {
  id: string;
  name: string;
  scope: string;
  key_id: string;
  secret_sha256: Uint8Array;
  created_at: Generated<Timestamp>;
  revoked_at: Timestamp | null;
}

export type DepositStatus = 'accepted' | 'partially_accepted' | 'rejected';

export interface DepositTable {
  id: string;
  sha256: string;
  declarant_id: string | null;
  received_at: Timestamp;
  decided_at: Timestamp;
  file_name: string | null;
  size: ColumnType<string, number | string, number | string>;
  status: DepositStatus;
  norm: string | null;
  declarations: number;
  individuals: number;
  blocking: number;
  non_blocking: number;
  report: ColumnType<unknown, string, string>;
  /** Refused for who sent it: a trace of the attempt, not the file's deposit (see its migration). */
  refused_for_sender: Generated<boolean>;
}

export type DeclarationStatus = 'conform' | 'rejected' | 'superseded' | 'cancelled';

export interface DeclarationTable {
  id: string;
  key: number;
  deposit_id: string;
  position: number;
  siren: string | null;
  nic: string | null;
  siret: string | null;
  nature: string | null;
  type: string | null;
  fraction: string | null;
  order_number: string | null;
  month: Day | null;
  identifier: string | null;
  replaces_identifier: string | null;
  replaces_id: string | null;
  replaced_by_id: string | null;
  status: DeclarationStatus;
  norm: string | null;
  first_line: number | null;
  last_line: number | null;
  individuals: number;
  headcount: number | null;
  headcount_source: string | null;
  deadline: Timestamp | null;
  late: boolean | null;
  blocking: number;
  received_at: Timestamp;
  known_from: Timestamp;
  known_to: Timestamp | null;
}

interface RowBase {
  declaration_key: number;
  line: number;
}

export interface CompanyTable extends RowBase {
  siren: string | null;
  head_office_nic: string | null;
  ape: string | null;
  postal_code: string | null;
  city: string | null;
  country: string | null;
  idcc: string | null;
}

export interface EstablishmentTable extends RowBase {
  siret: string | null;
  nic: string | null;
  apet: string | null;
  postal_code: string | null;
  city: string | null;
  country: string | null;
  headcount: number | null;
  idcc: string | null;
}

export interface IndividualTable extends RowBase {
  last_line: number;
  nir: string | null;
  ntt: string | null;
  last_name: string | null;
  usage_name: string | null;
  first_names: string | null;
  sex: string | null;
  birth_date: string | null;
  birth_place: string | null;
  birth_department: string | null;
  birth_country: string | null;
  postal_code: string | null;
  city: string | null;
  country: string | null;
  employee_number: string | null;
}

interface IndividualRow extends RowBase {
  individual_line: number;
}

export interface ContractTable extends IndividualRow {
  start_date: Day | null;
  status: string | null;
  pcs: string | null;
  job_title: string | null;
  nature: string | null;
  contract_number: string | null;
  planned_end_date: Day | null;
  work_unit: string | null;
  reference_quantity: Numeric | null;
  quantity: Numeric | null;
  work_mode: string | null;
  idcc: string | null;
  workplace: string | null;
}

export interface PaymentTable extends IndividualRow {
  payment_date: Day | null;
  net_taxable: Numeric | null;
  payment_number: string | null;
  net_paid: Numeric | null;
  pas_rate: Numeric | null;
  pas_rate_type: string | null;
  pas_rate_id: string | null;
  pas_amount: Numeric | null;
  pas_base: Numeric | null;
}

interface PaymentRow extends IndividualRow {
  payment_line: number;
}

export interface RemunerationTable extends PaymentRow {
  period_start: Day | null;
  period_end: Day | null;
  contract_number: string | null;
  type: string | null;
  hours: Numeric | null;
  amount: Numeric | null;
}

export interface BonusTable extends PaymentRow {
  type: string | null;
  amount: Numeric | null;
  period_start: Day | null;
  period_end: Day | null;
  contract_number: string | null;
  original_payment_date: Day | null;
}

export interface OtherIncomeTable extends PaymentRow {
  type: string | null;
  amount: Numeric | null;
  period_start: Day | null;
  period_end: Day | null;
  contract_number: string | null;
}

export interface NetIncomeTable extends PaymentRow {
  period_start: Day | null;
  period_end: Day | null;
  type: string | null;
  amount: Numeric | null;
}

export interface BaseTable extends PaymentRow {
  type: string | null;
  period_start: Day | null;
  period_end: Day | null;
  amount: Numeric | null;
  affiliation_id: string | null;
  contract_number: string | null;
}

export interface ContributionTable extends PaymentRow {
  base_line: number;
  code: string | null;
  organism: string | null;
  base_amount: Numeric | null;
  amount: Numeric | null;
  commune: string | null;
  rate: Numeric | null;
}

interface ContractRow extends IndividualRow {
  contract_line: number;
}

export interface WorkStoppageTable extends ContractRow {
  reason: string | null;
  last_day_worked: Day | null;
  planned_end_date: Day | null;
  subrogation: string | null;
  resumption_date: Day | null;
  resumption_reason: string | null;
  accident_date: Day | null;
}

export interface ContractEndTable extends ContractRow {
  end_date: Day | null;
  reason: string | null;
  notification_date: Day | null;
  last_day_paid: Day | null;
}

interface ResourceLineColumns extends RowBase {
  individual_line: number;
  /** `YYYY-MM-01`. */
  month: Day;
  payment_date: Day;
  payer_siret: string;
  source: string;
  kind: string;
  net_taxable: Numeric | null;
  net_paid: Numeric | null;
  net_social: Numeric | null;
  gross: Numeric | null;
  pas_amount: Numeric | null;
  /** PASRAU payments only (S21.G00.50.014). */
  income_class: string | null;
}

export interface ResourceLineTable extends ResourceLineColumns {
  nir: string;
}

export interface ResourceLineNttTable extends ResourceLineColumns {
  ntt: string;
}

export type IdentityFlagKind = 'NIR_BIRTH_DATE' | 'NIR_NAMES' | 'NIR_SEVERAL';

export interface IdentityFlagTable {
  id: Generated<number>;
  nir: string;
  kind: IdentityFlagKind;
  detected_at: Timestamp;
  declaration_key: number;
  line: number;
  other_declaration_key: number;
  other_line: number;
  other_nir: string | null;
}

/** Receiving bodies and their habilitations (see the exchange credentials migration). */
export interface PurposeTable {
  code: string;
  label: string;
  legal_reference: string;
  created_at: Generated<Timestamp>;
}

export interface BodyTable {
  siret: string;
  name: string;
  created_at: Generated<Timestamp>;
  disabled_at: Timestamp | null;
}

export interface HabilitationTable {
  id: string;
  body_siret: string;
  purpose: string;
  legal_basis: string;
  fields: ColumnType<string[], string, string>;
  depth_months: number;
  client_id: string;
  secret_sha256: Uint8Array;
  created_at: Generated<Timestamp>;
  secret_rotated_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface SigningKeyTable {
  kid: string;
  algorithm: string;
  private_jwk: ColumnType<Record<string, unknown>, string, string>;
  public_jwk: ColumnType<Record<string, unknown>, string, string>;
  created_at: Generated<Timestamp>;
  retired_at: Timestamp | null;
}

/** One read of one person (see the access trace migration); position and hashes drawn by the database. */
export interface AccessTraceTable {
  position: Generated<number>;
  at: Timestamp;
  request_id: string;
  caller_kind: 'body' | 'operator';
  body_siret: string | null;
  habilitation_id: string | null;
  purpose: string;
  recipient: string | null;
  case_reference: string;
  service: string;
  person_hmac: Uint8Array;
  fields: ColumnType<string[], string, never>;
  months: ColumnType<string[], string, never>;
  outcome: string;
  content_sha256: Uint8Array;
  previous_sha256: Generated<Uint8Array>;
  chain_sha256: Generated<Uint8Array>;
}

export interface AccessTraceCheckpointTable {
  position: number;
  kind: 'periodic' | 'cut';
  chain_sha256: Uint8Array;
  at: Timestamp;
  key_id: string;
  signature: Uint8Array;
}

/** A person a habilitation follows in its change feed (see the exchange feed migration). */
export interface FollowTable {
  /** The opaque person reference the feed gives. */
  id: string;
  habilitation_id: string;
  nir: string;
  dossier: string;
  from_position: number;
  created_at: Generated<Timestamp>;
}

export type BulkLotState = 'pending' | 'running' | 'done' | 'expired';

export interface BulkLotTable {
  id: string;
  habilitation_id: string;
  recipient: string;
  purpose: string;
  months_from: string;
  months_to: string;
  as_of: Timestamp | null;
  state: Generated<BulkLotState>;
  lines: number;
  answered: Generated<number>;
  refused: Generated<number>;
  /** Set by the database; `Date` when read, as the other instants of this table. */
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  finished_at: Timestamp | null;
  expires_at: Timestamp;
}

export interface BulkLineTable {
  lot_id: string;
  line: number;
  request: string | null;
  outcome: string | null;
  refused: Generated<boolean>;
}

/** People signed in to the web application and their portfolios (see the web accounts migration). */
export interface WebAccountTable {
  id: string;
  email: string;
  name: string | null;
  issuer: string | null;
  subject: string | null;
  created_at: Generated<Timestamp>;
}

export interface WebAccountDeclarantTable {
  account_id: string;
  declarant_id: string;
  created_at: Generated<Timestamp>;
}

export interface WebSessionTable {
  id_sha256: Uint8Array;
  account_id: string;
  created_at: Generated<Timestamp>;
  expires_at: Timestamp;
  id_token: string | null;
}

/** What changed, named `object.change` (see the outbox migration). */
export type EventKind =
  | 'deposit.received'
  | 'declaration.accepted'
  | 'declaration.rejected'
  | 'declaration.replaced'
  | 'declaration.cancelled'
  | 'resource_lines.added'
  | 'resource_lines.closed'
  | 'identity_flag.raised'
  /** What the platform sends back to a declarant: the returns stream (`features/returns/kinds.ts`). */
  | 'return.acknowledgement'
  | 'return.certificate'
  | 'return.anomaly_report';

export interface EventTable {
  /** Drawn by the database at insert, in commit order: the feed cursor. */
  position: Generated<number>;
  kind: EventKind;
  at: Timestamp;
  deposit_id: string | null;
  declarant_id: string | null;
  declaration_id: string | null;
  declaration_key: number | null;
  siret: string | null;
  month: Day | null;
  data: ColumnType<Record<string, unknown>, string, never>;
}

export type JobState = 'pending' | 'running' | 'done' | 'dead';

export interface JobTable {
  id: Generated<number>;
  kind: string;
  payload: ColumnType<Record<string, unknown>, string, never>;
  state: Generated<JobState>;
  /** Pending: when it is due; running: when its lease ends. */
  run_at: ColumnType<Date, Date | string | undefined, Date | string>;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  locked_by: string | null;
  last_error: string | null;
  created_at: Generated<Timestamp>;
  finished_at: Timestamp | null;
}

export interface DiagnosticTable {
  deposit_id: string;
  declaration_key: number | null;
  code: string;
  severity: Severity;
  line: number | null;
  rubric: string | null;
  /** Line of the enclosing S21.G00.30, if any. */
  individual: number | null;
  /** SIRET of the declaration's establishment. */
  establishment: string | null;
}

/** A deposit's certificate of conformity (see the returns migration). */
export interface CertificateTable {
  deposit_id: string;
  /** What `/verifier/{code}` is asked with: random, as shown on the certificate. */
  code: string;
  issued_at: Timestamp;
}

/** Webhooks of the change feed and of the returns stream (see the webhooks migration). */
export type WebhookStream = 'flux' | 'retours';

export interface WebhookSubscriptionTable {
  id: string;
  stream: WebhookStream;
  /** The habilitation (`flux`) or the declarant (`retours`) whose stream is pushed. */
  owner_id: string;
  url: string;
  /** AES-256-GCM under the data directory's webhook key: nonce, tag, ciphertext. */
  secret_sealed: Uint8Array;
  /** The pull API's cursor up to which events are queued. */
  cursor: string;
  state: Generated<'active' | 'failing'>;
  failure: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  delivered_at: Timestamp | null;
}

export interface WebhookDeliveryTable {
  seq: Generated<number>;
  /** The `webhook-id` header: the same on every attempt, for the receiver to drop duplicates. */
  id: string;
  subscription_id: string;
  payload: string;
  events: number;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  last_error: string | null;
  created_at: Timestamp;
}

/** How far a web account has read a declarant's returns (see the return reads migration). */
export interface ReturnReadTable {
  account_id: string;
  declarant_id: string;
  /** Position of the last return read. */
  position: number;
  read_at: Timestamp;
}

export interface Database {
  declarant: DeclarantTable;
  deposit: DepositTable;
  declaration: DeclarationTable;
  company: CompanyTable;
  establishment: EstablishmentTable;
  individual: IndividualTable;
  contract: ContractTable;
  payment: PaymentTable;
  remuneration: RemunerationTable;
  bonus: BonusTable;
  other_income: OtherIncomeTable;
  net_income: NetIncomeTable;
  base: BaseTable;
  contribution: ContributionTable;
  work_stoppage: WorkStoppageTable;
  contract_end: ContractEndTable;
  resource_line: ResourceLineTable;
  resource_line_ntt: ResourceLineNttTable;
  identity_flag: IdentityFlagTable;
  event: EventTable;
  job: JobTable;
  diagnostic: DiagnosticTable;
  purpose: PurposeTable;
  body: BodyTable;
  habilitation: HabilitationTable;
  signing_key: SigningKeyTable;
  access_trace: AccessTraceTable;
  access_trace_checkpoint: AccessTraceCheckpointTable;
  certificate: CertificateTable;
  follow: FollowTable;
  bulk_lot: BulkLotTable;
  bulk_line: BulkLineTable;
  web_account: WebAccountTable;
  web_account_declarant: WebAccountDeclarantTable;
  web_session: WebSessionTable;
  webhook_subscription: WebhookSubscriptionTable;
  webhook_delivery: WebhookDeliveryTable;
  return_read: ReturnReadTable;
}

/** What repositories take: the database, or a transaction (PGlite has a single connection). */
export type Executor = Kysely<Database> | Transaction<Database>;

export type Deposit = Selectable<DepositTable>;
export type NewDeposit = Insertable<DepositTable>;
export type DeclarationRow = Selectable<DeclarationTable>;
export type NewDeclaration = Insertable<DeclarationTable>;
export type Declarant = Selectable<DeclarantTable>;
export type StoredEvent = Selectable<EventTable>;
export type NewEvent = Insertable<EventTable>;
export type Certificate = Selectable<CertificateTable>;
