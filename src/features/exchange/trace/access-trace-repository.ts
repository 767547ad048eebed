import { sql } from 'kysely';
import type { Executor } from '../../../platform/store/schema.ts';
import { checkpointEvery, signCheckpoint, type Checkpoint } from './checkpoint.ts';
import { contentSha256, type TraceEntry } from './entry.ts';
import type { TraceKeys } from './keys.ts';

/** Rows per insert: 14 parameters each, far below PostgreSQL's 65,535 per statement. */
const rowsPerInsert = 2000;

/**
 * Appends `entries` in the caller's transaction, in the order given, with one insert per 2,000
 * entries, and signs a checkpoint on every position that is a multiple of `checkpointEvery`. The
 * database draws the positions and the chain under the trace's lock, held until the transaction
 * ends: call this last, right before COMMIT, so that other readers wait only for the commit.
 */
export async function appendTraceEntries(
  ex: Executor,
  keys: TraceKeys,
  entries: readonly TraceEntry[],
): Promise<void> {
  for (let start = 0; start < entries.length; start += rowsPerInsert) {
    const chunk = entries.slice(start, start + rowsPerInsert);
    const appended = await ex
      .insertInto('access_trace')
      .values(
        chunk.map((e) => ({
          at: e.at,
          request_id: e.requestId,
          caller_kind: e.callerKind,
          body_siret: e.bodySiret,
          habilitation_id: e.habilitationId,
          purpose: e.purpose,
          recipient: e.recipient,
          case_reference: e.caseReference,
          service: e.service,
          person_hmac: e.personHmac,
          fields: JSON.stringify(e.fields),
          months: JSON.stringify(e.months),
          outcome: e.outcome,
          content_sha256: contentSha256(e),
        })),
      )
      .returning(['position', 'chain_sha256'])
      .execute();
    const due = appended.filter((row) => Number(row.position) % checkpointEvery === 0);
    for (const row of due) {
      await insertCheckpoint(
        ex,
        signCheckpoint(keys, {
          position: Number(row.position),
          kind: 'periodic',
          chainSha256: row.chain_sha256,
          at: new Date(),
        }),
      );
    }
  }
}

export async function insertCheckpoint(ex: Executor, c: Checkpoint): Promise<void> {
  await ex
    .insertInto('access_trace_checkpoint')
    .values({
      position: c.position,
      kind: c.kind,
      chain_sha256: c.chainSha256,
      at: c.at,
      key_id: c.keyId,
      signature: c.signature,
    })
    .execute();
}

export interface StoredTraceEntry extends TraceEntry {
  position: number;
  contentSha256: Uint8Array;
  previousSha256: Uint8Array;
  chainSha256: Uint8Array;
}

/** Entries after `position`, in position order: the verifier walks the trace with this. */
export async function traceEntriesAfter(
  ex: Executor,
  position: number,
  limit: number,
): Promise<StoredTraceEntry[]> {
  const rows = await ex
    .selectFrom('access_trace')
    .selectAll()
    .where('position', '>', position)
    .orderBy('position')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    position: Number(r.position),
    at: r.at,
    requestId: r.request_id,
    callerKind: r.caller_kind,
    bodySiret: r.body_siret,
    habilitationId: r.habilitation_id,
    purpose: r.purpose,
    recipient: r.recipient,
    caseReference: r.case_reference,
    service: r.service,
    personHmac: Buffer.from(r.person_hmac),
    fields: r.fields,
    months: r.months,
    outcome: r.outcome,
    contentSha256: r.content_sha256,
    previousSha256: r.previous_sha256,
    chainSha256: r.chain_sha256,
  }));
}

/** Every checkpoint, in position order (one per thousand entries: a few thousand at most). */
export async function traceCheckpoints(ex: Executor): Promise<Checkpoint[]> {
  const rows = await ex.selectFrom('access_trace_checkpoint').selectAll().orderBy('position').execute();
  return rows.map((r) => ({
    position: Number(r.position),
    kind: r.kind,
    chainSha256: r.chain_sha256,
    at: r.at,
    keyId: r.key_id,
    signature: r.signature,
  }));
}

/** The last entry, or null when the trace holds none. */
export async function lastTraceEntry(
  ex: Executor,
): Promise<{ position: number; chainSha256: Uint8Array } | null> {
  const row = await ex
    .selectFrom('access_trace')
    .select(['position', 'chain_sha256'])
    .orderBy('position', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { position: Number(row.position), chainSha256: row.chain_sha256 } : null;
}

/**
 * The last position of the prefix older than `before`: entries are written at their read's time
 * in commit order, so two may be slightly out of time order; the cut stops before the first entry
 * that is not older, and never splits the chain elsewhere than at a prefix.
 */
export async function expiredPrefixEnd(ex: Executor, before: Date): Promise<number | null> {
  const { rows } = await sql<{ first_kept: string | number | null; last: string | number | null }>`
    select (select min(position) from access_trace where at >= ${before}) as first_kept,
      (select max(position) from access_trace) as last`.execute(ex);
  const row = rows[0]!;
  if (row.last === null) return null;
  return row.first_kept === null ? Number(row.last) : Number(row.first_kept) - 1;
}

/** Takes the lock the trigger takes to append, until the transaction ends: no entry is added meanwhile. */
export async function lockTrace(ex: Executor): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended('relais:access_trace', 0))`.execute(ex);
}

/** Deletes the entries up to `position`, the only deletion the append-only trigger lets through. */
export async function deleteTracePrefix(ex: Executor, position: number): Promise<number> {
  await sql`set local relais.trace_purge = 'on'`.execute(ex);
  const result = await ex.deleteFrom('access_trace').where('position', '<=', position).executeTakeFirst();
  await sql`set local relais.trace_purge = 'off'`.execute(ex);
  return Number(result.numDeletedRows);
}

/** The chain hash at `position`, as stored. */
export async function storedChainAt(ex: Executor, position: number): Promise<Uint8Array | null> {
  const row = await ex
    .selectFrom('access_trace')
    .select('chain_sha256')
    .where('position', '=', position)
    .executeTakeFirst();
  return row?.chain_sha256 ?? null;
}
