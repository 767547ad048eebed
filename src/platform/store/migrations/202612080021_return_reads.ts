import { sql, type Kysely } from 'kysely';

/**
 * How far a person has read each declarant's returns stream in the web application: the position
 * of the last return read, per account and declarant, so that the unread counts follow the person
 * from one browser to another. Integrators keep their own cursor (`?apres=`): nothing is stored
 * for a token. The position only moves forward (two tabs marking in either order end the same).
 */

const statements = [
  sql`create table return_read (
    account_id uuid not null references web_account (id) on delete cascade,
    declarant_id uuid not null references declarant (id),
    position bigint not null check (position >= 0),
    read_at timestamptz not null,
    primary key (account_id, declarant_id)
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists return_read`.execute(db);
}
