import { sql, type Kysely } from 'kysely';

/**
 * Webhooks: the change feed of a habilitation and the returns stream of a declarant, pushed to a
 * URL their owner registers, signed (Standard Webhooks), at least once and in the stream's order.
 *
 * WEBHOOK_SUBSCRIPTION. One per stream and owner (a habilitation for `flux`, a declarant for
 * `retours`). `cursor` is the pull API's own cursor, up to which events are already queued.
 * The signing secret must be usable to sign, so it cannot be a hash: it is sealed (AES-256-GCM,
 * nonce | tag | ciphertext) with a key kept in the data directory, never in the database, as the
 * access trace's keys are; whoever reads the tables alone cannot forge a signature.
 * `state` is `failing` once a delivery ran out of attempts: nothing more is sent until the owner
 * registers again.
 *
 * WEBHOOK_DELIVERY. The durable queue: one row per message, its body as it is signed and sent,
 * deleted once the receiver answered 2xx. Only the oldest row of a subscription is ever sent, so
 * that messages arrive in the stream's order; a restart resumes from the rows left.
 */

const statements = [
  sql`create table webhook_subscription (
    id uuid primary key,
    stream text not null check (stream in ('flux', 'retours')),
    owner_id uuid not null,
    url text not null check (length(url) <= 2000),
    secret_sealed bytea not null,
    cursor text not null,
    state text not null default 'active' check (state in ('active', 'failing')),
    failure text,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    delivered_at timestamptz
  )`,
  sql`create unique index webhook_subscription_owner on webhook_subscription (stream, owner_id)`,
  sql`create table webhook_delivery (
    seq bigint generated always as identity primary key,
    id text not null unique,
    subscription_id uuid not null references webhook_subscription (id) on delete cascade,
    payload text not null,
    events integer not null,
    attempts integer not null default 0,
    next_attempt_at timestamptz not null,
    last_error text,
    created_at timestamptz not null
  )`,
  sql`create index webhook_delivery_next on webhook_delivery (subscription_id, seq)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists webhook_delivery`.execute(db);
  await sql`drop table if exists webhook_subscription`.execute(db);
}
