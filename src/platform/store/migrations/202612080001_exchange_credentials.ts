import { sql, type Kysely } from 'kysely';

/**
 * Receiving bodies and what they may read.
 *
 * PURPOSE. Why a body reads (`RSA_PPA`, `APL`…), with the legal text that grants it. The defaults
 * written here are the uses of the DRM that the decrees name (décret 2019-969 as amended, décret
 * 2025-1288), each with the code that founds the benefit; operators add others.
 *
 * BODY. A receiving body by its SIRET. Disabled, not deleted: its habilitations and its entries
 * in the access trace keep pointing to it.
 *
 * HABILITATION. One purpose granted to one body, with the response fields it may receive and how
 * many months back it may read, and its OAuth2 client: the `client_id` and the SHA-256 of its
 * secret (the secret is shown once). A credential per purpose, as API Particulier does: a body
 * with three purposes has three clients. Revoked, not deleted, for the same reason as a body.
 *
 * SIGNING KEY. The keys that sign access tokens. Several may be published at once
 * (`/.well-known/jwks.json`): a new key signs from its creation, a retired one signs no more but
 * stays published until the tokens it signed have expired, so keys rotate without downtime.
 */

const drmDecree =
  'Décret n° 2019-969 du 18 septembre 2019 modifié, art. 1er 2° ; décret n° 2025-1288 du 22 décembre 2025';

const defaultPurposes = [
  {
    code: 'RSA_PPA',
    label: 'Revenu de solidarité active et prime d’activité (solidarité à la source)',
    legalReference: `${drmDecree} ; CASF L.262-1 et s. ; CSS L.841-1 et s.`,
  },
  {
    code: 'APL',
    label: 'Aides personnelles au logement (contemporanéisation)',
    legalReference: `${drmDecree} ; CCH L.821-1 et s.`,
  },
  {
    code: 'AJPA_AJPP',
    label: 'Allocations journalières de proche aidant et de présence parentale',
    legalReference: `${drmDecree} ; CSS L.168-8 et s., L.544-1 et s.`,
  },
  {
    code: 'ASF_ARIPA',
    label: 'Allocation de soutien familial et recouvrement des pensions alimentaires',
    legalReference: `${drmDecree} ; CSS L.523-1 et s., L.582-1 et s.`,
  },
  {
    code: 'C2S',
    label: 'Complémentaire santé solidaire',
    legalReference: `${drmDecree} ; CSS L.861-1 et s.`,
  },
  {
    code: 'ASI_INVALIDITE',
    label: 'Allocation supplémentaire d’invalidité et pensions d’invalidité',
    legalReference: `${drmDecree} ; CSS L.815-24 et s., L.341-1 et s.`,
  },
  {
    code: 'ASPA',
    label: 'Allocation de solidarité aux personnes âgées',
    legalReference: `${drmDecree} ; CSS L.815-1 et s.`,
  },
  {
    code: 'CUMUL_EMPLOI_RETRAITE',
    label: 'Contrôle du cumul emploi-retraite',
    legalReference: `${drmDecree} (décret n° 2022-261) ; CSS L.161-22`,
  },
];

const statements = [
  sql`create table purpose (
    code text primary key check (code ~ '^[A-Z][A-Z0-9_]{1,31}$'),
    label text not null,
    legal_reference text not null,
    created_at timestamptz not null default now()
  )`,
  sql`create table body (
    siret text primary key check (siret ~ '^[0-9]{14}$'),
    name text not null,
    created_at timestamptz not null default now(),
    disabled_at timestamptz
  )`,
  sql`create table habilitation (
    id uuid primary key,
    body_siret text not null references body (siret),
    purpose text not null references purpose (code),
    legal_basis text not null,
    -- Names of grantable fields (features/exchange/fields.ts), a JSON array of strings.
    fields jsonb not null,
    depth_months integer not null check (depth_months between 1 and 120),
    client_id text not null unique,
    secret_sha256 bytea not null,
    created_at timestamptz not null default now(),
    secret_rotated_at timestamptz,
    revoked_at timestamptz
  )`,
  sql`create index habilitation_by_body on habilitation (body_siret)`,
  sql`create table signing_key (
    kid text primary key,
    algorithm text not null,
    private_jwk jsonb not null,
    public_jwk jsonb not null,
    created_at timestamptz not null default now(),
    retired_at timestamptz
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
  for (const p of defaultPurposes) {
    await sql`insert into purpose (code, label, legal_reference)
      values (${p.code}, ${p.label}, ${p.legalReference})`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['signing_key', 'habilitation', 'body', 'purpose']) {
    await sql`drop table if exists ${sql.table(table)}`.execute(db);
  }
}
