import type { Selectable } from 'kysely';
import type { Executor, HabilitationTable } from '../../platform/store/schema.ts';

export type HabilitationRow = Omit<Selectable<HabilitationTable>, 'secret_sha256'>;

/** A habilitation with its body's state, what a token request and every body request check. */
export interface HabilitationCredential extends HabilitationRow {
  secret_sha256: Uint8Array;
  body_disabled_at: Date | null;
}

const shown = [
  'habilitation.id',
  'habilitation.body_siret',
  'habilitation.purpose',
  'habilitation.legal_basis',
  'habilitation.fields',
  'habilitation.depth_months',
  'habilitation.client_id',
  'habilitation.created_at',
  'habilitation.secret_rotated_at',
  'habilitation.revoked_at',
] as const;

export async function insertHabilitation(
  ex: Executor,
  habilitation: {
    id: string;
    bodySiret: string;
    purpose: string;
    legalBasis: string;
    fields: readonly string[];
    depthMonths: number;
    clientId: string;
    secretSha256: Uint8Array;
  },
): Promise<void> {
  await ex
    .insertInto('habilitation')
    .values({
      id: habilitation.id,
      body_siret: habilitation.bodySiret,
      purpose: habilitation.purpose,
      legal_basis: habilitation.legalBasis,
      fields: JSON.stringify(habilitation.fields),
      depth_months: habilitation.depthMonths,
      client_id: habilitation.clientId,
      secret_sha256: habilitation.secretSha256,
      secret_rotated_at: null,
      revoked_at: null,
    })
    .execute();
}

export async function findHabilitation(ex: Executor, id: string): Promise<HabilitationRow | undefined> {
  return ex.selectFrom('habilitation').select(shown).where('id', '=', id).executeTakeFirst();
}

export async function listHabilitations(ex: Executor, bodySiret?: string): Promise<HabilitationRow[]> {
  let query = ex.selectFrom('habilitation').select(shown);
  if (bodySiret !== undefined) query = query.where('body_siret', '=', bodySiret);
  return query.orderBy('created_at').orderBy('id').execute();
}

function credentialQuery(ex: Executor) {
  return ex
    .selectFrom('habilitation')
    .innerJoin('body', 'body.siret', 'habilitation.body_siret')
    .select([...shown, 'habilitation.secret_sha256', 'body.disabled_at as body_disabled_at']);
}

export async function findCredentialByClientId(
  ex: Executor,
  clientId: string,
): Promise<HabilitationCredential | undefined> {
  return credentialQuery(ex).where('habilitation.client_id', '=', clientId).executeTakeFirst();
}

export async function findCredential(ex: Executor, id: string): Promise<HabilitationCredential | undefined> {
  return credentialQuery(ex).where('habilitation.id', '=', id).executeTakeFirst();
}

/** True when the habilitation existed and was not yet revoked. */
export async function revokeHabilitation(ex: Executor, id: string, at: Date): Promise<boolean> {
  const result = await ex
    .updateTable('habilitation')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** True when the habilitation existed and was not revoked: a revoked one keeps its old secret. */
export async function replaceSecret(
  ex: Executor,
  id: string,
  secretSha256: Uint8Array,
  at: Date,
): Promise<boolean> {
  const result = await ex
    .updateTable('habilitation')
    .set({ secret_sha256: secretSha256, secret_rotated_at: at })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
