import { sql, type SqlBool } from 'kysely';
import type { Executor, IdentityFlagKind } from '../../platform/store/schema.ts';

/** A flag just raised, without its NIR: what the outbox may say of it. */
export interface RaisedFlag {
  id: number;
  kind: IdentityFlagKind;
  /** The declaration holding the individual flagged. */
  declaration_key: number;
}

/**
 * Records, in the deposit's transaction, the identity discordances its declarations reveal (one
 * flag per NIR and kind: a NIR flagged once stays uncertain, the first evidence is kept):
 * - the same NIR declared by another company (SIREN), in a current declaration, with another
 *   birth date, or with clearly different names (`drm_names_differ`: no name key in common);
 * - one person under two NIRs: in the same establishment's previous monthly declaration, or in the
 *   declaration this one replaces, the same employee number or the same names, birth date and
 *   birth place, with another NIR. Both NIRs are flagged.
 * Returns the flags added, for the outbox.
 */
export async function recordIdentityFlags(
  ex: Executor,
  declarationKeys: readonly number[],
  at: Date,
): Promise<RaisedFlag[]> {
  if (declarationKeys.length === 0) return [];
  const keys = sql.join(declarationKeys.map((k) => sql.lit(k)));
  // Driven from the deposit's own individuals (found through the BRIN index, then one index probe
  // per NIR): the cost follows the deposit's size, never the table's. Right after bulk loads the
  // statistics lag far behind the tables and the planner would scan the whole `individual` table
  // twice per deposit; sequential scans are off until the end of this (the deposit's) transaction,
  // `offset 0` keeps the per-NIR probe from being flattened into a join, and the declaration is
  // read by a scalar subquery (one key lookup per row), which the planner cannot reorder.
  await sql`set local enable_seqscan = off`.execute(ex);
  const { rows: discordant } = await sql<RaisedFlag>`
    with fresh as materialized (
      select n.nir, n.declaration_key, n.line, n.last_name, n.usage_name, n.first_names, n.birth_date, nd.siren
      from individual n join declaration nd on nd.key = n.declaration_key
      where n.declaration_key in (${keys}) and n.nir is not null
    ), found as (
      select fresh.nir, k.kind, fresh.declaration_key, fresh.line, o.declaration_key as other_key,
        o.line as other_line
      from fresh
      cross join lateral (
        select o.declaration_key, o.line, o.last_name, o.usage_name, o.first_names, o.birth_date
        from individual o
        where o.nir = fresh.nir and o.declaration_key <> fresh.declaration_key
          and (select od.status = 'conform' and od.siren is distinct from fresh.siren
               from declaration od where od.key = o.declaration_key)
        offset 0
      ) o
      cross join lateral (values
        ('NIR_BIRTH_DATE', fresh.birth_date is distinct from o.birth_date),
        ('NIR_NAMES',
          drm_names_differ(drm_name_keys(fresh.last_name, fresh.usage_name), drm_name_keys(o.last_name, o.usage_name))
          or drm_names_differ(drm_name_keys(fresh.first_names), drm_name_keys(o.first_names)))
      ) as k(kind, hit)
      where k.hit
    )
    insert into identity_flag (nir, kind, detected_at, declaration_key, line, other_declaration_key, other_line)
    select distinct on (found.nir, found.kind)
      found.nir, found.kind, ${at}, found.declaration_key, found.line, found.other_key, found.other_line
    from found
    where not exists (select 1 from identity_flag f where f.nir = found.nir and f.kind = found.kind)
    order by found.nir, found.kind, found.other_key, found.other_line
    returning id, kind, declaration_key`.execute(ex);
  // The declarations to compare with are found first: with their keys written out, the planner
  // reads their rows through the BRIN index instead of scanning the whole table.
  const { rows: pairs } = await sql<{ new_key: number; old_key: number }>`
    select nd.key as new_key, previous.key as old_key
    from declaration nd
    cross join lateral (
      select p.key from declaration p
      where p.siret = nd.siret and p.nature = '01' and p.status = 'conform' and p.month < nd.month
      order by p.month desc limit 1
    ) previous
    where nd.key in (${keys}) and nd.nature = '01'
    union
    select nd.key, replaced.key
    from declaration nd join declaration replaced on replaced.id = nd.replaces_id
    where nd.key in (${keys})`.execute(ex);
  if (pairs.length === 0) return discordant;
  const values = sql.join(
    pairs.map((p) => sql`(${sql.lit(Number(p.new_key))}, ${sql.lit(Number(p.old_key))})`),
  );
  const oldKeys = sql.join([...new Set(pairs.map((p) => Number(p.old_key)))].map((k) => sql.lit(k)));
  const newKeys = sql.join([...new Set(pairs.map((p) => Number(p.new_key)))].map((k) => sql.lit(k)));
  const { rows: several } = await sql<RaisedFlag>`
    with pairs (new_key, old_key) as (
      values ${values}
    ), fresh as materialized (
      select pairs.old_key, n.nir, n.declaration_key, n.line, n.employee_number, n.birth_date, n.birth_place,
        n.last_name, n.usage_name, n.first_names
      from pairs join individual n on n.declaration_key = pairs.new_key
      where n.declaration_key in (${newKeys}) and n.nir is not null
    ), earlier as materialized (
      select o.nir, o.declaration_key, o.line, o.employee_number, o.birth_date, o.birth_place,
        o.last_name, o.usage_name, o.first_names
      from individual o
      where o.declaration_key in (${oldKeys}) and o.nir is not null
    ), found as (
      select distinct on (n.nir, o.nir)
        n.nir, o.nir as other_nir, n.declaration_key, n.line, o.declaration_key as other_key, o.line as other_line
      from fresh n
      join earlier o on o.declaration_key = n.old_key and o.birth_date = n.birth_date
      where n.nir <> o.nir
        and (o.employee_number = n.employee_number
          or (coalesce(o.birth_place, '') = coalesce(n.birth_place, '')
            and drm_name_keys(o.last_name, o.usage_name) && drm_name_keys(n.last_name, n.usage_name)
            and drm_name_keys(o.first_names) && drm_name_keys(n.first_names)))
      order by n.nir, o.nir, o.declaration_key, o.line
    )
    insert into identity_flag
      (nir, kind, detected_at, declaration_key, line, other_declaration_key, other_line, other_nir)
    select distinct on (side.nir) side.nir, 'NIR_SEVERAL', ${at}, side.declaration_key, side.line,
      side.other_key, side.other_line, side.other_nir
    from found
    cross join lateral (values
      (found.nir, found.declaration_key, found.line, found.other_key, found.other_line, found.other_nir),
      (found.other_nir, found.other_key, found.other_line, found.declaration_key, found.line, found.nir)
    ) as side(nir, declaration_key, line, other_key, other_line, other_nir)
    where not exists (select 1 from identity_flag f where f.nir = side.nir and f.kind = 'NIR_SEVERAL')
    order by side.nir, side.other_nir
    returning id, kind, declaration_key`.execute(ex);
  return [...discordant, ...several];
}

/** Declarations known at `asOf`: integrated at or before it, not replaced or cancelled by then. */
const knownAt = (asOf: Date) =>
  sql<SqlBool>`d.known_from <= ${asOf} and (d.known_to is null or d.known_to > ${asOf})`;

export interface StoredResourceLine {
  month: string;
  payment_date: string;
  payer_siret: string;
  source: string;
  kind: string;
  net_taxable: string | null;
  net_paid: string | null;
  net_social: string | null;
  gross: string | null;
  pas_amount: string | null;
  income_class: string | null;
  line: number;
  individual_line: number;
  declaration_id: string;
  deposit_id: string;
  known_from: Date;
}

export interface DeclaredIdentity {
  last_name: string | null;
  usage_name: string | null;
  first_names: string | null;
  birth_date: string | null;
}

/** What is known of a NIR at `asOf`, for one read: its flags, its declared identities, its lines. */
export interface PersonRecord {
  flags: { kind: IdentityFlagKind; detected_at: Date }[];
  identities: DeclaredIdentity[];
  lines: StoredResourceLine[];
}

/**
 * One NIR as known at `asOf`, in ONE statement: the identity flags raised by then, the distinct
 * identities declared under it in the declarations known then, and its resource lines of months
 * `from`..`to` (`AAAA-MM-01`). A read is one round trip and one plan instead of three; the lines
 * come back with the identities and are dropped by the caller when the identity does not agree.
 * Each part is an index probe on `nir` (the future distribution key). Amounts are cast to text
 * before JSON, which would turn them into binary floating point.
 */
export async function personRecordOf(
  ex: Executor,
  nir: string,
  from: string,
  to: string,
  asOf: Date,
): Promise<PersonRecord> {
  const { rows } = await sql<RawRecord>`
    /* prepared: drm_person_record */ select
      coalesce((
        select json_agg(json_build_object('kind', f.kind, 'detected_at', f.detected_at) order by f.detected_at, f.id)
        from identity_flag f
        where f.nir = ${nir} and f.detected_at <= ${asOf}
      ), '[]') as flags,
      coalesce((
        select json_agg(distinct jsonb_build_object('last_name', i.last_name, 'usage_name', i.usage_name,
          'first_names', i.first_names, 'birth_date', i.birth_date))
        from individual i join declaration d on d.key = i.declaration_key
        where i.nir = ${nir} and ${knownAt(asOf)}
      ), '[]') as identities,
      coalesce((
        select json_agg(json_build_object(
          'month', r.month, 'payment_date', r.payment_date, 'payer_siret', r.payer_siret, 'source', r.source,
          'kind', r.kind, 'net_taxable', r.net_taxable::text, 'net_paid', r.net_paid::text,
          'net_social', r.net_social::text, 'gross', r.gross::text, 'pas_amount', r.pas_amount::text,
          'income_class', r.income_class, 'line', r.line, 'individual_line', r.individual_line,
          'declaration_id', d.id, 'deposit_id', d.deposit_id, 'known_from', d.known_from)
          order by r.month, r.payment_date, r.payer_siret, r.line)
        from resource_line r join declaration d on d.key = r.declaration_key
        where r.nir = ${nir} and r.month >= ${from}::date and r.month <= ${to}::date and ${knownAt(asOf)}
      ), '[]') as lines`.execute(ex);
  return parsedRecord(rows[0]!);
}

interface RawRecord {
  flags: unknown;
  identities: unknown;
  lines: unknown;
}

/** A record as the statements return it, parsed. */
function parsedRecord(row: RawRecord): PersonRecord {
  // json: the drivers hand back parsed JSON; instants arrive as text.
  const parsed = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value) as unknown[];
  return {
    flags: (parsed(row.flags) as { kind: IdentityFlagKind; detected_at: string }[]).map((f) => ({
      kind: f.kind,
      detected_at: new Date(f.detected_at),
    })),
    identities: parsed(row.identities) as DeclaredIdentity[],
    lines: (parsed(row.lines) as (Omit<StoredResourceLine, 'known_from'> & { known_from: string })[]).map(
      (l) => ({
        ...l,
        known_from: new Date(l.known_from),
      }),
    ),
  };
}

/** One person of a batched read: NIR (13 characters), months `from`..`to` (`AAAA-MM-01`), instant. */
export interface RecordQuery {
  nir: string;
  from: string;
  to: string;
  asOf: Date;
}

/**
 * `personRecordOf` for many persons in ONE statement, in the order of `queries`: a batch of reads
 * costs one round trip instead of one per person (a round trip costs more than the probes). The
 * persons come as one JSON parameter, each row probing the same indexes as the single read.
 */
export async function personRecordsOf(
  ex: Executor,
  queries: readonly RecordQuery[],
): Promise<PersonRecord[]> {
  if (queries.length === 0) return [];
  const persons = JSON.stringify(
    queries.map((q, i) => ({ i, nir: q.nir, from_day: q.from, to_day: q.to, as_of: q.asOf.toISOString() })),
  );
  const knownAtQ = sql<SqlBool>`d.known_from <= q.as_of and (d.known_to is null or d.known_to > q.as_of)`;
  const { rows } = await sql<RawRecord>`
    select
      coalesce((
        select json_agg(json_build_object('kind', f.kind, 'detected_at', f.detected_at) order by f.detected_at, f.id)
        from identity_flag f
        where f.nir = q.nir and f.detected_at <= q.as_of
      ), '[]') as flags,
      coalesce((
        select json_agg(distinct jsonb_build_object('last_name', i.last_name, 'usage_name', i.usage_name,
          'first_names', i.first_names, 'birth_date', i.birth_date))
        from individual i join declaration d on d.key = i.declaration_key
        where i.nir = q.nir and ${knownAtQ}
      ), '[]') as identities,
      coalesce((
        select json_agg(json_build_object(
          'month', r.month, 'payment_date', r.payment_date, 'payer_siret', r.payer_siret, 'source', r.source,
          'kind', r.kind, 'net_taxable', r.net_taxable::text, 'net_paid', r.net_paid::text,
          'net_social', r.net_social::text, 'gross', r.gross::text, 'pas_amount', r.pas_amount::text,
          'income_class', r.income_class, 'line', r.line, 'individual_line', r.individual_line,
          'declaration_id', d.id, 'deposit_id', d.deposit_id, 'known_from', d.known_from)
          order by r.month, r.payment_date, r.payer_siret, r.line)
        from resource_line r join declaration d on d.key = r.declaration_key
        where r.nir = q.nir and r.month >= q.from_day and r.month <= q.to_day and ${knownAtQ}
      ), '[]') as lines
    from jsonb_to_recordset(${persons}::jsonb) as q(i integer, nir text, from_day date, to_day date, as_of timestamptz)
    order by q.i`.execute(ex);
  return rows.map(parsedRecord);
}
