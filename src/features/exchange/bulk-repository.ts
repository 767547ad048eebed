import { sql } from 'kysely';
import type { BodyCaller } from '../../platform/auth/caller.ts';
import type { Insertable, Selectable } from 'kysely';
import type { BulkLotTable, Executor } from '../../platform/store/schema.ts';

export type BulkLot = Selectable<BulkLotTable>;

export interface NewLotLine {
  line: number;
  /** JSON of the request, for a line to read; null for a line refused as it came. */
  request: string | null;
  /** The refusal as an NDJSON line, for a line refused as it came. */
  outcome: string | null;
}

/** Rows written per statement: one JSON parameter each, whatever the lot's size. */
const insertBatch = 5000;

export async function insertLot(
  ex: Executor,
  lot: Omit<Insertable<BulkLotTable>, 'state' | 'answered' | 'refused' | 'created_at' | 'finished_at'>,
  lines: readonly NewLotLine[],
): Promise<void> {
  const refused = lines.filter((l) => l.outcome !== null).length;
  await ex
    .insertInto('bulk_lot')
    .values({ ...lot, answered: refused, refused })
    .execute();
  for (let i = 0; i < lines.length; i += insertBatch) {
    const batch = lines.slice(i, i + insertBatch);
    await sql`
      insert into bulk_line (lot_id, line, request, outcome, refused)
      select ${lot.id}::uuid, x.line, x.request, x.outcome, x.outcome is not null
      from json_to_recordset(${JSON.stringify(batch)}::json) as x(line integer, request text, outcome text)`.execute(
      ex,
    );
  }
}

/** The lot, if it belongs to this habilitation: a lot of another is as absent as a lot never made. */
export async function findLot(ex: Executor, id: string, habilitationId: string): Promise<BulkLot | null> {
  const lot = await ex
    .selectFrom('bulk_lot')
    .selectAll()
    .where('id', '=', id)
    .where('habilitation_id', '=', habilitationId)
    .executeTakeFirst();
  return lot ?? null;
}

export async function lotById(ex: Executor, id: string): Promise<BulkLot | null> {
  return (await ex.selectFrom('bulk_lot').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

/** The next lines of the lot still to answer, in input order. */
export async function pendingLines(
  ex: Executor,
  lotId: string,
  count: number,
): Promise<{ line: number; request: string }[]> {
  const rows = await ex
    .selectFrom('bulk_line')
    .select(['line', 'request'])
    .where('lot_id', '=', lotId)
    .where('outcome', 'is', null)
    .orderBy('line')
    .limit(count)
    .execute();
  return rows.map((r) => ({ line: r.line, request: r.request! }));
}

export interface LineOutcome {
  line: number;
  outcome: string;
  refused: boolean;
}

/**
 * Writes a chunk's answers and the lot's progress together: the request of each line answered is
 * erased as its answer is written. Lines answered already (a chunk done twice, after a crash
 * between the read and this write) keep their first answer and are not counted twice.
 */
export async function recordOutcomes(
  ex: Executor,
  lotId: string,
  outcomes: readonly LineOutcome[],
): Promise<void> {
  const { rows } = await sql<{ answered: number; refused: number }>`
    with written as (
      update bulk_line l set outcome = x.outcome, refused = x.refused, request = null
      from json_to_recordset(${JSON.stringify(outcomes)}::json) as x(line integer, outcome text, refused boolean)
      where l.lot_id = ${lotId}::uuid and l.line = x.line and l.outcome is null
      returning l.refused
    )
    select count(*)::integer as answered, count(*) filter (where refused)::integer as refused from written`.execute(
    ex,
  );
  const { answered, refused } = rows[0]!;
  await ex
    .updateTable('bulk_lot')
    .set((eb) => ({
      answered: eb('answered', '+', answered),
      refused: eb('refused', '+', refused),
    }))
    .where('id', '=', lotId)
    .execute();
}

export async function setLotState(ex: Executor, lotId: string, state: 'running' | 'done'): Promise<void> {
  await ex
    .updateTable('bulk_lot')
    .set(state === 'done' ? { state, finished_at: sql`now()` } : { state })
    .where('id', '=', lotId)
    .where('state', 'in', ['pending', 'running'])
    .execute();
}

/** The lot's answers from `afterLine`, in input order, `count` at most. */
export async function outcomesAfter(
  ex: Executor,
  lotId: string,
  afterLine: number,
  count: number,
): Promise<{ line: number; outcome: string }[]> {
  const rows = await ex
    .selectFrom('bulk_line')
    .select(['line', 'outcome'])
    .where('lot_id', '=', lotId)
    .where('line', '>', afterLine)
    .orderBy('line')
    .limit(count)
    .execute();
  return rows.map((r) => ({ line: r.line, outcome: r.outcome ?? '' }));
}

/** Deletes the lot's lines (requests and answers) and marks it expired; its counts stay. */
export async function expireLot(ex: Executor, lotId: string): Promise<void> {
  await ex.deleteFrom('bulk_line').where('lot_id', '=', lotId).execute();
  await ex.updateTable('bulk_lot').set({ state: 'expired' }).where('id', '=', lotId).execute();
}

/**
 * The caller of a habilitation as its token would give it, when it may still read: not revoked,
 * and its body not disabled. A lot runs after its request has ended and is read for as long as
 * its habilitation stands.
 */
export async function habilitationCaller(ex: Executor, habilitationId: string): Promise<BodyCaller | null> {
  const row = await ex
    .selectFrom('habilitation as h')
    .innerJoin('body as b', 'b.siret', 'h.body_siret')
    .select(['h.id', 'h.body_siret', 'h.purpose', 'h.fields', 'h.depth_months', 'h.client_id'])
    .where('h.id', '=', habilitationId)
    .where('h.revoked_at', 'is', null)
    .where('b.disabled_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  return {
    kind: 'body',
    scopes: ['ressources:lire'],
    bodySiret: row.body_siret,
    habilitationId: row.id,
    clientId: row.client_id,
    purpose: row.purpose,
    fields: row.fields,
    depthMonths: row.depth_months,
  };
}
