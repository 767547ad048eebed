import { sql, type Kysely } from 'kysely';

/**
 * The event outbox, the job queue and the diagnostics of stored declarations.
 *
 * EVENT. Every change a deposit makes (deposit received; declaration accepted, rejected, replaced,
 * cancelled; resource lines added or closed; identity flag raised) appends a row here, in the
 * transaction making the change: a rolled-back deposit leaves none, a committed one all of them.
 * Change feeds, webhooks, the declarants' returns stream and the feedback reports read it from a
 * cursor: `where position > :cursor order by position`. Events hold references (ids, keys, SIRET,
 * month, counts), never a NIR or a name: what they point to is read where it is kept, with its
 * own access rules.
 *
 * Why `position` is taken under a lock: a plain sequence hands out numbers at insert time, not at
 * commit time. With two deposits committing at once on PostgreSQL, 11 may become visible while
 * 10 is not yet committed; a reader would pass 11, set its cursor there, and never see 10. The
 * trigger below takes a transaction-scoped advisory lock before drawing the number, and the lock
 * is only released once the transaction is committed and visible (or rolled back). So positions
 * are drawn in commit order: when a reader sees position n, every event below n is either visible
 * already or will never be (rolled back, a gap). The lock serialises only the tail of the
 * transactions that append events: writers append them last, right before COMMIT. On PGlite
 * transactions are serialised anyway and the lock is free. The trigger sets the position whatever
 * the insert says, so no writer can bypass the rule; events are never updated nor deleted.
 *
 * JOB. A durable queue for work done after the fact (BRIN summaries, webhooks, scheduled passes),
 * enqueued in the caller's transaction so that a rolled-back change enqueues nothing. The
 * maintained libraries were weighed: pg-boss supports PGlite only from its v11, which needs
 * Node 22.12; graphile-worker needs Node 22.18 and has no PGlite support; Relais runs on Node 20.
 * So this is the standard pattern: a worker claims due jobs with `FOR UPDATE SKIP LOCKED` (two
 * workers never take the same job, and neither waits for the other), for a lease. States:
 * pending → running → done, or back to pending with a later `run_at` after a failure (backoff),
 * or dead once `max_attempts` is spent, with the last error kept. `run_at` is when a pending job
 * is due, and for a running job when its lease ends: a job whose worker died is due again then,
 * which makes the claim a single range on one index. Delivery is at least once: handlers are
 * idempotent.
 *
 * DIAGNOSTIC. Every diagnostic of a deposit (not only the sample the JSON report lists), written in
 * the deposit's COPY batches, so that "code X for SIREN Y over three months" is a query. Like the
 * row tables it has no primary key and no foreign key (append-only, written by its deposit's
 * transaction). The declared value and the message are not kept: a value may be personal data,
 * and a message may quote one (the code says what the anomaly is). `individual` is the line of the
 * enclosing S21.G00.30.
 */

const statements = [
  sql`create sequence event_position`,
  sql`create table event (
    position bigint primary key,
    kind text not null check (kind ~ '^[a-z_]+(\\.[a-z_]+)+$'),
    -- Knowledge time of the change: the instant the deposit was decided.
    at timestamptz not null,
    deposit_id uuid,
    declarant_id uuid,
    declaration_id uuid,
    declaration_key bigint,
    siret text,
    month date,
    -- Counts, statuses, the replacing declaration, the flag's id and kind.
    data jsonb not null default '{}'
  )`,
  // The declarants' returns stream and webhooks read one declarant's events from a cursor.
  sql`create index event_by_declarant on event (declarant_id, position) where declarant_id is not null`,
  sql`create function event_take_position() returns trigger language plpgsql as $$
    begin
      perform pg_advisory_xact_lock(hashtextextended('relais:event', 0));
      new.position := nextval('event_position');
      return new;
    end
  $$`,
  sql`create trigger event_position before insert on event
    for each row execute function event_take_position()`,
  sql`create function event_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'events are append-only';
    end
  $$`,
  sql`create trigger event_append_only before update or delete on event
    for each statement execute function event_append_only()`,

  sql`create table job (
    id bigint generated always as identity primary key,
    kind text not null,
    payload jsonb not null default '{}',
    state text not null default 'pending' check (state in ('pending', 'running', 'done', 'dead')),
    run_at timestamptz not null default now(),
    -- Claims so far (a claim counts even if its worker dies before answering).
    attempts integer not null default 0,
    max_attempts integer not null default 5 check (max_attempts > 0),
    locked_by text,
    last_error text,
    created_at timestamptz not null default now(),
    finished_at timestamptz
  )`,
  sql`create index job_due on job (run_at, id) where state in ('pending', 'running')`,

  sql`create table diagnostic (
    deposit_id uuid not null,
    -- Null for the envoi's own diagnostics (S10, S90, the file itself).
    declaration_key bigint,
    code text not null,
    severity text not null check (severity in ('blocking', 'non-blocking')),
    line integer,
    rubric text,
    individual integer,
    -- SIRET of the declaration's establishment.
    establishment text
  )`,
  // Indicators go from the declarations of a company and months to their diagnostics of a code.
  sql`create index diagnostic_by_declaration on diagnostic (declaration_key, code)`,
  // A deposit's diagnostics (the envoi's own have no declaration to be found through); deposit ids
  // are time-ordered (uuid v7), so this index grows at its right edge only.
  sql`create index diagnostic_by_deposit on diagnostic (deposit_id)`,
  sql`create index declaration_by_company_month on declaration (siren, month)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists declaration_by_company_month`.execute(db);
  for (const table of ['diagnostic', 'job', 'event']) {
    await sql`drop table if exists ${sql.table(table)}`.execute(db);
  }
  await sql`drop function if exists event_append_only()`.execute(db);
  await sql`drop function if exists event_take_position()`.execute(db);
  await sql`drop sequence if exists event_position`.execute(db);
}
