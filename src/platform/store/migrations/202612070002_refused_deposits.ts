import { sql, type Kysely } from 'kysely';

/**
 * A deposit refused for who sent it does not hold its bytes' address. When nothing of a file was
 * accepted and some of its declarations lie outside the sender's perimeter
 * (RELAIS-DEPOSIT-OUT-OF-SCOPE), the refusal says nothing of the file, only of the sender: the
 * deposit is kept (report, diagnostics, events: the trace of the attempt), but the right declarant
 * must still be able to deposit the same bytes. So the "same bytes, one deposit" rule becomes a
 * partial unique index over the deposits that count; refused attempts may repeat.
 */

const statements = [
  sql`alter table deposit add column refused_for_sender boolean not null default false`,
  sql`alter table deposit drop constraint deposit_sha256_key`,
  // Still what an identical upload in flight waits on, and what finds a file's deposit.
  sql`create unique index deposit_one_per_bytes on deposit (sha256) where not refused_for_sender`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

/** Fails when refused attempts share bytes with another deposit: they cannot be one per address. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists deposit_one_per_bytes`.execute(db);
  await sql`alter table deposit add constraint deposit_sha256_key unique (sha256)`.execute(db);
  await sql`alter table deposit drop column if exists refused_for_sender`.execute(db);
}
