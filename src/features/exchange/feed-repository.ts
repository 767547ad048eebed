import { sql } from 'kysely';
import type { Executor } from '../../platform/store/schema.ts';
import type { FeedCursor } from './feed-cursor.ts';

export type ChangeNature = 'ajout' | 'correction' | 'annulation';

/** A followed person's month that a resource-line event added, corrected or cancelled. */
export interface FeedRow {
  position: number;
  person: string;
  dossier: string;
  /** `AAAA-MM`. */
  month: string;
  nature: ChangeNature;
}

const resourceLineKinds = sql`('resource_lines.added', 'resource_lines.closed')`;

/**
 * The last of the next `count` resource-line events after the cursor's position (the cursor's own
 * event included while it is unfinished), or null when there is none: the window the feed reads.
 */
export async function windowEnd(ex: Executor, cursor: FeedCursor, count: number): Promise<number | null> {
  const from = cursor.within === undefined ? cursor.position + 1 : cursor.position;
  const { rows } = await sql<{ last: number | null }>`
    select max(position) as last from (
      select position from event
      where kind in ${resourceLineKinds} and position >= ${from}
      order by position limit ${count}
    ) w`.execute(ex);
  return rows[0]?.last ?? null;
}

/**
 * The items of the habilitation's followed persons in the events from the cursor up to `last`,
 * after the cursor, in feed order (position, person, month), at most `limit`:
 * - lines added by a declaration: `correction` for a month the declaration it replaces had lines
 *   of for that person, `ajout` otherwise;
 * - lines closed: `annulation` when the declaration was cancelled, or replaced by one without lines
 *   of that person for that month (a month it still has is the replacement's `correction`).
 * Only events after the person was followed, and months from `firstMonth` (`AAAA-MM-01`).
 */
export async function feedRows(
  ex: Executor,
  habilitationId: string,
  cursor: FeedCursor,
  last: number,
  firstMonth: string,
  limit: number,
): Promise<FeedRow[]> {
  const after =
    cursor.within === undefined
      ? sql`ev.position > ${cursor.position}`
      : sql`(ev.position > ${cursor.position} or (ev.position = ${cursor.position}
          and (f.id, r.month) > (${cursor.within.person}::uuid, ${`${cursor.within.month}-01`}::date)))`;
  const { rows } = await sql<FeedRow & { nature: ChangeNature | null }>`
    select * from (
      select ev.position, f.id as person, f.dossier, to_char(r.month, 'YYYY-MM') as month,
        case
          when ev.kind = 'resource_lines.closed' then
            case
              when d.status = 'cancelled' then 'annulation'
              when exists (
                select 1 from resource_line n join declaration nd on nd.key = n.declaration_key
                where nd.id = d.replaced_by_id and n.nir = r.nir and n.month = r.month
              ) then null
              else 'annulation'
            end
          when d.replaces_id is not null and exists (
            select 1 from resource_line o join declaration od on od.key = o.declaration_key
            where od.id = d.replaces_id and o.nir = r.nir and o.month = r.month
          ) then 'correction'
          else 'ajout'
        end as nature
      from event ev
      join declaration d on d.key = ev.declaration_key
      cross join lateral (
        select distinct rl.nir, rl.month from resource_line rl where rl.declaration_key = ev.declaration_key
      ) r
      join follow f on f.habilitation_id = ${habilitationId}::uuid and f.nir = r.nir
        and f.from_position < ev.position
      where ev.kind in ${resourceLineKinds} and ev.position >= ${cursor.position} and ev.position <= ${last}
        and r.month >= ${firstMonth}::date and ${after}
    ) items
    where nature is not null
    order by position, person, month
    limit ${limit}`.execute(ex);
  return rows;
}
