import { sql, type Kysely } from 'kysely';

/**
 * The access trace: one entry per person read by a receiving body or the operator (a single read,
 * a line of a bulk read, a re-read from the change feed), written by the read's own transaction.
 *
 * ACCESS_TRACE. Who read (body, habilitation or operator), why (purpose, recipient, case
 * reference), what (service, fields and months served, or the refusal's code), whom (a keyed
 * hash of the NIR: the key is kept outside the database, so that the table alone tells nobody
 * whose entries these are, yet the person's space finds theirs from their NIR) and when.
 *
 * Chained by hash. The application computes `content_sha256`, the SHA-256 of the entry's
 * canonical content (`features/exchange/trace/entry.ts`); the trigger below draws the position
 * and sets `chain_sha256 = SHA-256(previous chain hash ‖ position as 8 bytes ‖ content_sha256)`.
 * Positions are drawn as the outbox's are, under a transaction-scoped advisory lock held until
 * commit, so in commit order; unlike the outbox they follow the last committed entry (no sequence),
 * so a rolled-back read leaves no gap and a missing position means a removed entry. The trigger
 * reads the previous entry with a fresh snapshot after taking the lock (PL/pgSQL statements of a
 * volatile function each take one in READ COMMITTED, the isolation of every Relais transaction),
 * so two transactions appending at once still build one chain.
 *
 * Append-only: no update, no delete, no truncate; only the retention purge deletes, a prefix of
 * the chain, after a signed checkpoint recorded where the remaining chain starts from, under the
 * `relais.trace_purge` setting of its own transaction. A database administrator can still disable
 * the triggers or forge rows: that is the tampering `relais trace verify` detects.
 *
 * ACCESS_TRACE_CHECKPOINT. The chain hash at a position, signed with an Ed25519 key kept outside
 * the database (not the token signing keys): `periodic` every N entries, `cut` where a purge cut
 * the chain. A rewritten chain no longer matches its checkpoints, a removed tail leaves a
 * checkpoint beyond the last entry, and no one without the key can sign new ones.
 */

const statements = [
  sql`create table access_trace (
    position bigint primary key,
    at timestamptz not null,
    request_id text not null,
    caller_kind text not null check (caller_kind in ('body', 'operator')),
    body_siret text,
    habilitation_id uuid,
    purpose text not null,
    recipient text,
    case_reference text not null,
    service text not null,
    person_hmac bytea not null,
    -- JSON arrays of strings: the fields and the months (AAAA-MM) the answer carried.
    fields jsonb not null,
    months jsonb not null,
    -- 'served', or the code of the refusal.
    outcome text not null,
    content_sha256 bytea not null check (length(content_sha256) = 32),
    previous_sha256 bytea not null,
    chain_sha256 bytea not null
  )`,
  // The person's space finds their entries from their NIR's keyed hash.
  sql`create index access_trace_by_person on access_trace (person_hmac)`,
  // Retention cuts by age.
  sql`create index access_trace_by_time on access_trace (at)`,
  // A cut may fall on a periodic checkpoint's position: both are kept.
  sql`create table access_trace_checkpoint (
    position bigint not null,
    kind text not null check (kind in ('periodic', 'cut')),
    chain_sha256 bytea not null,
    at timestamptz not null,
    -- SHA-256 of the public key (SPKI, DER), in hex: which key signed.
    key_id text not null,
    signature bytea not null,
    primary key (position, kind)
  )`,
  sql`create function access_trace_chain() returns trigger language plpgsql as $$
    declare
      last_position bigint;
      last_hash bytea;
    begin
      perform pg_advisory_xact_lock(hashtextextended('relais:access_trace', 0));
      select position, chain_sha256 into last_position, last_hash
        from access_trace order by position desc limit 1;
      if last_position is null then
        select position, chain_sha256 into last_position, last_hash
          from access_trace_checkpoint where kind = 'cut' order by position desc limit 1;
      end if;
      if last_position is null then
        last_position := 0;
        last_hash := decode(repeat('00', 32), 'hex');
      end if;
      new.position := last_position + 1;
      new.previous_sha256 := last_hash;
      new.chain_sha256 := sha256(last_hash || int8send(new.position) || new.content_sha256);
      return new;
    end
  $$`,
  sql`create trigger access_trace_chain before insert on access_trace
    for each row execute function access_trace_chain()`,
  sql`create function access_trace_append_only() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' and current_setting('relais.trace_purge', true) = 'on' then
        return null;
      end if;
      raise exception 'the access trace is append-only';
    end
  $$`,
  sql`create trigger access_trace_append_only before update or delete or truncate on access_trace
    for each statement execute function access_trace_append_only()`,
  sql`create trigger access_trace_checkpoint_append_only before update or delete or truncate
    on access_trace_checkpoint for each statement execute function access_trace_append_only()`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['access_trace_checkpoint', 'access_trace']) {
    await sql`drop table if exists ${sql.table(table)}`.execute(db);
  }
  await sql`drop function if exists access_trace_append_only()`.execute(db);
  await sql`drop function if exists access_trace_chain()`.execute(db);
}
