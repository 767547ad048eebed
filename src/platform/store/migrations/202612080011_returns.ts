import { sql, type Kysely } from 'kysely';

/**
 * What the platform sends back to declarants.
 *
 * CERTIFICATE. A deposit of which something was accepted gets a certificate of conformity, issued
 * in the deposit's transaction, with a verification code anyone holding the certificate can check
 * (`/verifier/{code}`) without signing in. The code is random (100 bits), never derived from the
 * deposit, so that it cannot be guessed from what the certificate states; it is stored as shown.
 * The certificate's content is not copied here: it is read from the deposit and its declarations,
 * which are never rewritten (a later replacement closes a declaration, it does not change it).
 *
 * RETURNS. The returns stream is not a table: each return (acknowledgement, certificate, anomaly
 * report…) is an outbox event of kind `return.*` written with the deposit's other events, so that
 * it shares the outbox's commit-ordered positions, which a separate table would have to redo. The
 * stream reads one declarant's returns from a cursor: this partial index serves exactly that.
 */

const statements = [
  sql`create table certificate (
    deposit_id uuid primary key references deposit (id),
    code text not null unique,
    issued_at timestamptz not null
  )`,
  sql`create index event_returns on event (declarant_id, position)
    where declarant_id is not null and kind like 'return.%'`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists event_returns`.execute(db);
  await sql`drop table if exists certificate`.execute(db);
}
