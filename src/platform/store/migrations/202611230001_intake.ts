import { sql, type Kysely } from 'kysely';

/**
 * Intake: declarants, deposits, declarations and the normalised rows later steps read (the DRM
 * first). One statement per `sql` because PGlite runs parameterised queries one statement at a time.
 *
 * Why the row tables have no primary key, no foreign key and BRIN indexes: they are append-only,
 * written only by the ingestion of their declaration in the same transaction as the declaration
 * itself (so integrity holds without per-row checks), and read declaration by declaration in line
 * order. A B-tree primary key and a foreign key each halve COPY throughput; a BRIN index on
 * (declaration_key, line) costs almost nothing at load time and finds a declaration's contiguous
 * rows. Rows carry the declaration's bigint `key`, not its uuid: parsing and comparing a uuid per
 * row made COPY a third slower.
 * `line` is the line of the block's first rubric in the deposited file: with the deposit's sha-256 it
 * points at the exact bytes the row comes from.
 */

const statements = [
  sql`create table declarant (
    id uuid primary key,
    name text not null,
    -- SIREN (9 digits): every establishment of the company; SIRET (14): that establishment only.
    scope text not null check (scope ~ '^[0-9]{9}([0-9]{5})?$'),
    key_id text not null unique,
    -- The secret is 256 random bits shown once: SHA-256 is enough, a slow password hash would only
    -- add latency to every request.
    secret_sha256 bytea not null,
    created_at timestamptz not null default now(),
    revoked_at timestamptz
  )`,
  sql`create table deposit (
    id uuid primary key,
    -- Content address of the raw bytes (blobs/ab/cd/<sha256>): the same bytes are one deposit.
    sha256 text not null unique check (sha256 ~ '^[0-9a-f]{64}$'),
    declarant_id uuid references declarant (id),
    received_at timestamptz not null,
    decided_at timestamptz not null,
    file_name text,
    size bigint not null,
    status text not null check (status in ('accepted', 'partially_accepted', 'rejected')),
    norm text,
    declarations integer not null,
    individuals integer not null,
    blocking integer not null,
    non_blocking integer not null,
    -- The conformity report, as \`relais check --format json\` gives it.
    report jsonb not null
  )`,
  sql`create index deposit_by_declarant on deposit (declarant_id, received_at desc)`,
  // Each deposit takes a block of 1,024 keys in one round trip, so its declarations have their key
  // as soon as they are read, without a query per declaration.
  sql`create sequence declaration_key_block increment by 1024 minvalue 1024 start with 1024`,
  sql`create table declaration (
    id uuid primary key,
    -- What the rows of the declaration point to (see above).
    key bigint not null unique,
    deposit_id uuid not null references deposit (id),
    -- 1-based rank of the S20 block in the deposited file.
    position integer not null,
    siren text,
    nic text,
    siret text,
    nature text,
    type text,
    fraction text,
    order_number text,
    -- First day of the main declared month (S20.G00.05.005).
    month date,
    -- S20.G00.05.007 and S20.G00.05.004 concatenated: what a later S20.G00.05.006 names.
    identifier text,
    replaces_identifier text,
    replaces_id uuid references declaration (id),
    replaced_by_id uuid references declaration (id),
    status text not null check (status in ('conform', 'rejected', 'superseded', 'cancelled')),
    norm text,
    first_line integer,
    last_line integer,
    individuals integer not null default 0,
    -- Headcount deciding the deadline, and where it comes from (S21.G00.06.009 up to P25V01,
    -- the number of individuals declared from P26V01, which has no headcount rubric any more).
    headcount integer,
    headcount_source text,
    deadline timestamptz,
    late boolean,
    blocking integer not null default 0,
    received_at timestamptz not null,
    -- Knowledge time: from when the platform held this version, until it was replaced or
    -- cancelled (null while current). The DRM's versioned resource lines start from these.
    known_from timestamptz not null,
    known_to timestamptz,
    unique (deposit_id, position)
  )`,
  sql`create index declaration_by_establishment_month on declaration (siret, month)`,
  sql`create index declaration_by_deposit on declaration (deposit_id)`,
  // The database itself refuses two current monthly declarations for the same establishment, month
  // and fraction, whatever a bug in the intake's locking might let through.
  sql`create unique index declaration_one_current_monthly on declaration (siret, month, fraction)
    where status = 'conform' and nature = '01' and type in ('01', '02', '03', '05')`,

  sql`create table company (
    declaration_key bigint not null, line integer not null,
    siren text, head_office_nic text, ape text, postal_code text, city text, country text, idcc text
  )`,
  sql`create table establishment (
    declaration_key bigint not null, line integer not null,
    siret text, nic text, apet text, postal_code text, city text, country text, headcount integer,
    idcc text
  )`,
  sql`create table individual (
    declaration_key bigint not null, line integer not null,
    -- Last line of the individual's subtree: its rows in the other tables lie in [line, last_line].
    last_line integer not null,
    nir text, ntt text, last_name text, usage_name text, first_names text, sex text,
    -- As declared (JJMMAAAA): day or month may be 00 when unknown.
    birth_date text, birth_place text, birth_department text, birth_country text,
    postal_code text, city text, country text, employee_number text
  )`,
  sql`create table contract (
    declaration_key bigint not null, line integer not null, individual_line integer not null,
    start_date date, status text, pcs text, job_title text, nature text, contract_number text,
    planned_end_date date, work_unit text, reference_quantity numeric, quantity numeric,
    work_mode text, idcc text, workplace text
  )`,
  sql`create table payment (
    declaration_key bigint not null, line integer not null, individual_line integer not null,
    payment_date date, net_taxable numeric, payment_number text, net_paid numeric,
    pas_rate numeric, pas_rate_type text, pas_rate_id text, pas_amount numeric, pas_base numeric
  )`,
  sql`create table remuneration (
    declaration_key bigint not null, line integer not null, individual_line integer not null,
    payment_line integer not null,
    period_start date, period_end date, contract_number text, type text, hours numeric,
    amount numeric
  )`,
  sql`create table bonus (
    declaration_key bigint not null, line integer not null, individual_line integer not null,
    payment_line integer not null,
    type text, amount numeric, period_start date, period_end date, contract_number text,
    original_payment_date date
  )`,
  sql`create table other_income (
    declaration_key bigint not null, line integer not null, individual_line integer not null,
    payment_line integer not null,
    type text, amount numeric, period_start date, period_end date, contract_number text
  )`,
  sql`create table net_income (
    declaration_key bigint not null, line integer not null, individual_line integer not null,
    payment_line integer not null,
    -- type 03 is the montant net social.
    period_start date, period_end date, type text, amount numeric
  )`,
  sql`create table base (
    declaration_key bigint not null, line integer not null, individual_line integer not null,
    payment_line integer not null,
    type text, period_start date, period_end date, amount numeric, affiliation_id text,
    contract_number text
  )`,
  sql`create table contribution (
    declaration_key bigint not null, line integer not null, individual_line integer not null,
    payment_line integer not null, base_line integer not null,
    code text, organism text, base_amount numeric, amount numeric, commune text, rate numeric
  )`,
  sql`create table work_stoppage (
    declaration_key bigint not null, line integer not null, individual_line integer not null,
    contract_line integer not null,
    reason text, last_day_worked date, planned_end_date date, subrogation text,
    resumption_date date, resumption_reason text, accident_date date
  )`,
  sql`create table contract_end (
    declaration_key bigint not null, line integer not null, individual_line integer not null,
    contract_line integer not null,
    end_date date, reason text, notification_date date, last_day_paid date
  )`,
  // Identity and DRM readers look people up by NIR (and by NTT while a NIR is pending).
  sql`create index individual_by_nir on individual (nir)`,
  sql`create index individual_by_ntt on individual (ntt) where ntt is not null`,
];

/** Row tables, each with a BRIN index on (declaration_key, line). */
export const rowTablesAtCreation = [
  'company',
  'establishment',
  'individual',
  'contract',
  'payment',
  'remuneration',
  'bonus',
  'other_income',
  'net_income',
  'base',
  'contribution',
  'work_stoppage',
  'contract_end',
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
  for (const table of rowTablesAtCreation) {
    // 16 pages per range (128 kB): small declarations stay distinguishable without a large index.
    await sql`create index ${sql.id(`${table}_by_declaration`)} on ${sql.table(table)}
      using brin (declaration_key, line) with (pages_per_range = 16)`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [...rowTablesAtCreation].reverse()) {
    await sql`drop table if exists ${sql.table(table)}`.execute(db);
  }
  for (const table of ['declaration', 'deposit', 'declarant']) {
    await sql`drop table if exists ${sql.table(table)}`.execute(db);
  }
  await sql`drop sequence if exists declaration_key_block`.execute(db);
}
