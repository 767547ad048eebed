import { sql } from 'kysely';
import type { DeclaredIdentity } from '../drm/names.ts';
import type { Executor } from '../../platform/store/schema.ts';

/** What is known now of each NIR asked (13 characters): flagged as uncertain, and its identities. */
export interface KnownPerson {
  flagged: boolean;
  identities: DeclaredIdentity[];
}

/**
 * The identities declared under each NIR in the declarations known at `at`, and whether an
 * identity flag was raised on it: one statement for a whole follow list. A NIR nobody declared
 * is absent from the map.
 */
export async function knownPersons(
  ex: Executor,
  nirs: readonly string[],
  at: Date,
): Promise<Map<string, KnownPerson>> {
  const { rows } = await sql<{ nir: string; flagged: boolean; identities: IdentityRow[] | string | null }>`
    with asked as (select distinct nir from json_array_elements_text(${JSON.stringify(nirs)}::json) as a(nir))
    select asked.nir,
      exists (select 1 from identity_flag f where f.nir = asked.nir and f.detected_at <= ${at}) as flagged,
      (select json_agg(distinct jsonb_build_object('last_name', i.last_name, 'usage_name', i.usage_name,
          'first_names', i.first_names, 'birth_date', i.birth_date))
        from individual i join declaration d on d.key = i.declaration_key
        where i.nir = asked.nir and d.known_from <= ${at} and (d.known_to is null or d.known_to > ${at})
      ) as identities
    from asked`.execute(ex);
  const known = new Map<string, KnownPerson>();
  for (const row of rows) {
    // json: the drivers hand back parsed JSON, or text.
    const identities = (typeof row.identities === 'string' ? JSON.parse(row.identities) : row.identities) as
      IdentityRow[] | null;
    if (identities === null && !row.flagged) continue;
    known.set(row.nir, {
      flagged: row.flagged,
      identities: (identities ?? []).map((i) => ({
        lastName: i.last_name,
        usageName: i.usage_name,
        firstNames: i.first_names,
        birthDate: i.birth_date,
      })),
    });
  }
  return known;
}

interface IdentityRow {
  last_name: string | null;
  usage_name: string | null;
  first_names: string | null;
  birth_date: string | null;
}

export interface NewFollow {
  id: string;
  nir: string;
  dossier: string;
}

/**
 * Follows these persons under the habilitation, from the outbox's last position: a person already
 * followed keeps their reference and their start, and takes the new case reference. Returns each
 * NIR's reference.
 */
export async function upsertFollows(
  ex: Executor,
  habilitationId: string,
  follows: readonly NewFollow[],
): Promise<Map<string, string>> {
  if (follows.length === 0) return new Map();
  const { rows } = await sql<{ id: string; nir: string }>`
    insert into follow (id, habilitation_id, nir, dossier, from_position)
    select x.id, ${habilitationId}::uuid, x.nir, x.dossier, (select coalesce(max(position), 0) from event)
    from json_to_recordset(${JSON.stringify(follows)}::json) as x(id uuid, nir text, dossier text)
    on conflict (habilitation_id, nir) do update set dossier = excluded.dossier
    returning id, nir`.execute(ex);
  return new Map(rows.map((r) => [r.nir, r.id]));
}

/** Stops following these NIRs under the habilitation; returns how many were followed. */
export async function deleteFollows(
  ex: Executor,
  habilitationId: string,
  nirs: readonly string[],
): Promise<number> {
  if (nirs.length === 0) return 0;
  const result = await sql`
    delete from follow
    where habilitation_id = ${habilitationId}::uuid
      and nir in (select nir from json_array_elements_text(${JSON.stringify(nirs)}::json) as a(nir))`.execute(
    ex,
  );
  return Number(result.numAffectedRows ?? 0);
}
