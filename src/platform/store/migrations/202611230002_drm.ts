import { sql, type Kysely } from 'kysely';

/**
 * DRM: resource lines derived from the declarations, and identity flags.
 *
 * Resource lines are written by the ingestion, in the COPY batches of their declaration and in
 * its transaction, so a rejected or crashed declaration has none. They are never updated: their
 * validity in knowledge time is their declaration's [known_from, known_to), where known_to is
 * written once, by the transaction that accepts the annule-et-remplace or the annulation. Like the
 * intake's row tables they have no primary key (append-only, integrity given by the transaction)
 * and a BRIN index on (declaration_key, line) to remove a rejected declaration's rows.
 *
 * Scale: `month` (first day of the payment date's month) is the future range-partition key, and
 * every read filters on `nir` equality, the future hash-distribution key (Citus): no hot query
 * crosses persons. Lines of persons known only by a temporary id (NTT) live in their own table:
 * they can never be returned for a NIR, nor merged with one silently.
 *
 * Name comparison for identity discordance runs in SQL over the whole `individual` table, with the
 * same folding as `src/features/drm/names.ts` (tested to agree): upper case, accents removed, anything but
 * letters and digits a separator.
 */

const lineColumns = sql`
    declaration_key bigint not null,
    -- First line of the S21.G00.50 block (the payment) in the deposited file.
    line integer not null,
    individual_line integer not null,
    month date not null,
    payment_date date not null,
    payer_siret text not null,
    source text not null,
    kind text not null,
    -- S21.G00.50.002, S21.G00.50.004, sum of S21.G00.58.004 of type 03, sum of S21.G00.51.013 of
    -- type 001, S21.G00.50.009: exact decimals as declared (null when not declared).
    net_taxable numeric,
    net_paid numeric,
    net_social numeric,
    gross numeric,
    pas_amount numeric`;

const statements = [
  sql`create table resource_line (
    nir text not null,
    ${lineColumns}
  )`,
  sql`create index resource_line_by_person_month on resource_line (nir, month)`,
  sql`create table resource_line_ntt (
    ntt text not null,
    ${lineColumns}
  )`,
  sql`create index resource_line_ntt_by_person_month on resource_line_ntt (ntt, month)`,
  sql`create table identity_flag (
    id bigint generated always as identity primary key,
    nir text not null,
    kind text not null check (kind in ('NIR_BIRTH_DATE', 'NIR_NAMES', 'NIR_SEVERAL')),
    -- Knowledge time, like the lines: the known_from of the declaration that revealed it.
    detected_at timestamptz not null,
    -- Evidence: the individual (declaration, line) that disagrees with another one.
    declaration_key bigint not null,
    line integer not null,
    other_declaration_key bigint not null,
    other_line integer not null,
    -- NIR_SEVERAL: the other NIR the same person was declared under.
    other_nir text
  )`,
  sql`create index identity_flag_by_nir on identity_flag (nir, detected_at)`,
  sql`create function drm_fold(value text) returns text language sql immutable parallel safe as $$
    select btrim(regexp_replace(
      translate(
        replace(replace(replace(replace(replace(upper(coalesce(value, '')), 'Æ', 'AE'), 'æ', 'AE'),
          'Œ', 'OE'), 'œ', 'OE'), 'ß', 'SS'),
        'ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝŸàáâãäåçèéêëìíîïñòóôõöøùúûüýÿ',
        'AAAAAACEEEEIIIINOOOOOOUUUUYYAAAAAACEEEEIIIINOOOOOOUUUUYY'),
      '[^A-Z0-9]+', ' ', 'g'))
  $$`,
  // Keys of one or more names: every word of two letters or more, and each name with its
  // separators removed (so D'ARTAGNAN meets DARTAGNAN, JEAN-PIERRE meets JEAN PIERRE).
  sql`create function drm_name_keys(variadic names text[]) returns text[] language sql immutable parallel safe as $$
    select coalesce(array_agg(distinct k), '{}') from (
      select w as k from unnest(names) as n(name), regexp_split_to_table(drm_fold(n.name), ' ') as w
      where length(w) > 1
      union all
      select replace(drm_fold(n.name), ' ', '') from unnest(names) as n(name) where drm_fold(n.name) <> ''
    ) keys
  $$`,
  // Clearly different: both sides named, and no key in common.
  sql`create function drm_names_differ(a text[], b text[]) returns boolean language sql immutable parallel safe as $$
    select cardinality(a) > 0 and cardinality(b) > 0 and not (a && b)
  $$`,
];

export const drmRowTables = ['resource_line', 'resource_line_ntt'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
  for (const table of drmRowTables) {
    await sql`create index ${sql.id(`${table}_by_declaration`)} on ${sql.table(table)}
      using brin (declaration_key, line) with (pages_per_range = 16)`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['identity_flag', ...drmRowTables]) {
    await sql`drop table if exists ${sql.table(table)}`.execute(db);
  }
  await sql`drop function if exists drm_names_differ(text[], text[])`.execute(db);
  await sql`drop function if exists drm_name_keys(text[])`.execute(db);
  await sql`drop function if exists drm_fold(text)`.execute(db);
}
