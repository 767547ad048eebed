import { sql, type Kysely } from 'kysely';

/**
 * People signed in to the web application (the declarant space).
 *
 * WEB ACCOUNT. A person, known by the e-mail the operator links declarants to before they first
 * sign in; the identity provider's (issuer, subject) is recorded at the first sign-in, and the
 * account is found by it from then on (an e-mail may change at the provider, a subject does not).
 *
 * WEB ACCOUNT DECLARANT. The portfolio: the declarants (a company by its SIREN, an establishment
 * by its SIRET) the person acts for. An accounting firm's account holds many; an employer's one.
 *
 * WEB SESSION. A signed-in browser: only the SHA-256 of the cookie's random value is stored, as for
 * declarants' tokens. The identity provider's ID token is kept to sign out of it too.
 */

const statements = [
  sql`create table web_account (
    id uuid primary key,
    email text not null unique check (email = lower(email) and email like '%_@_%'),
    name text,
    issuer text,
    subject text,
    created_at timestamptz not null default now(),
    unique (issuer, subject)
  )`,
  sql`create table web_account_declarant (
    account_id uuid not null references web_account (id) on delete cascade,
    declarant_id uuid not null references declarant (id),
    created_at timestamptz not null default now(),
    primary key (account_id, declarant_id)
  )`,
  sql`create table web_session (
    id_sha256 bytea primary key,
    account_id uuid not null references web_account (id) on delete cascade,
    created_at timestamptz not null default now(),
    expires_at timestamptz not null,
    id_token text
  )`,
  sql`create index web_session_by_expiry on web_session (expires_at)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['web_session', 'web_account_declarant', 'web_account']) {
    await sql`drop table if exists ${sql.table(table)}`.execute(db);
  }
}
