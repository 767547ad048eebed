import { sql, type Kysely } from 'kysely';

/**
 * Bulk reads and the change feed of receiving bodies.
 *
 * FOLLOW. A person a habilitation follows, to see their new or changed resource months in its
 * feed. `id` is the opaque person reference the feed gives instead of the NIR. The NIR is kept in
 * clear, and only here and only while the person is followed (the row is deleted when the body
 * stops following): the feed finds a followed person's months by joining the resource lines of a
 * declaration on it, and those lines hold it in clear in this same database, under the same
 * protections; a hash keyed with a secret kept beside it would hide nothing from whoever reads
 * both. The NIR never leaves through the feed. `from_position` is the last outbox position when the
 * person was first followed: the feed shows only what changed after.
 *
 * BULK LOT. One bulk read: its context (recipient, purpose, months, knowledge date), its progress
 * and its counts; no personal data. Its lines are in BULK_LINE, one per input line: the request
 * (NIR and identity) until the line is answered, then only the answer. Both are deleted
 * `expires_at` (7 days after submission), by a job enqueued with the lot; the lot's row stays,
 * with its counts, so that its owner is told it expired rather than that it never existed.
 *
 * The index on the outbox lets the feed find a declaration's resource-line events without scanning
 * the others.
 */

const statements = [
  sql`create table follow (
    id uuid primary key,
    habilitation_id uuid not null references habilitation (id),
    -- 13 characters, without the key, as the resource lines hold it.
    nir text not null check (nir ~ '^[0-9]{5}([0-9]{2}|2[AB])[0-9]{6}$'),
    dossier text not null check (length(dossier) between 1 and 64),
    from_position bigint not null,
    created_at timestamptz not null default now()
  )`,
  sql`create unique index follow_by_person on follow (habilitation_id, nir)`,
  sql`create table bulk_lot (
    id uuid primary key,
    habilitation_id uuid not null references habilitation (id),
    recipient text not null,
    purpose text not null,
    months_from text not null check (months_from ~ '^[0-9]{4}-[0-9]{2}$'),
    months_to text not null check (months_to ~ '^[0-9]{4}-[0-9]{2}$'),
    as_of timestamptz,
    state text not null default 'pending'
      check (state in ('pending', 'running', 'done', 'expired')),
    lines integer not null,
    answered integer not null default 0,
    refused integer not null default 0,
    created_at timestamptz not null default now(),
    finished_at timestamptz,
    expires_at timestamptz not null
  )`,
  sql`create index bulk_lot_by_habilitation on bulk_lot (habilitation_id, created_at)`,
  sql`create table bulk_line (
    lot_id uuid not null references bulk_lot (id) on delete cascade,
    line integer not null,
    -- The request as JSON until the line is answered, then null.
    request text,
    -- The answer (result or coded refusal) as one NDJSON line, null until the line is answered.
    outcome text,
    refused boolean not null default false,
    primary key (lot_id, line)
  )`,
  sql`create index event_resource_lines on event (position)
    where kind in ('resource_lines.added', 'resource_lines.closed')`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists event_resource_lines`.execute(db);
  for (const table of ['bulk_line', 'bulk_lot', 'follow']) {
    await sql`drop table if exists ${sql.table(table)}`.execute(db);
  }
}
