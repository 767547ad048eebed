import { isValidSiret } from '../../core/identifiers/check-digits.ts';
import type { Caller } from '../../platform/auth/caller.ts';
import { AppError } from '../../platform/errors.ts';
import { isUuid, uuidv7 } from '../../platform/store/ids.ts';
import type { Executor } from '../../platform/store/schema.ts';
import { disableBody, findBody, insertBody, listBodies, type BodyRow } from './bodies-repository.ts';
import { newClientId, newClientSecret, secretDigest } from './client-secrets.ts';
import { grantableFields, isGrantableField } from './fields.ts';
import {
  findHabilitation,
  insertHabilitation,
  listHabilitations,
  replaceSecret,
  revokeHabilitation,
  type HabilitationRow,
} from './habilitations-repository.ts';
import { checkExchangeAdmin } from './permissions.ts';
import { findPurpose, insertPurpose, listPurposes } from './purposes-repository.ts';
import { rotateSigningKey } from './signing-keys.ts';

/**
 * Administration of receiving bodies, purposes and habilitations, shared by the operator API
 * (`/v1/admin/organismes`, `/v1/admin/finalites`, `/v1/admin/habilitations`) and the CLI
 * (`relais organismes`, `relais finalites`, `relais habilitations`): each use case checks its
 * caller first, then works on the database.
 */

export interface BodyView {
  siret: string;
  name: string;
  createdAt: string;
  /** Null while the body is enabled. */
  disabledAt: string | null;
}

export interface PurposeView {
  code: string;
  label: string;
  legalReference: string;
}

/** A habilitation as the administration shows it: never its secret, nor the digest of it. */
export interface HabilitationView {
  id: string;
  siret: string;
  purpose: string;
  legalBasis: string;
  fields: string[];
  depthMonths: number;
  clientId: string;
  createdAt: string;
  secretRotatedAt: string | null;
  revokedAt: string | null;
}

/** A habilitation and its client secret, shown this once. */
export interface HabilitationWithSecret extends HabilitationView {
  clientSecret: string;
}

// Kysely types a generated timestamp loosely; the drivers give a Date (PGlite and pg alike).
const iso = (value: unknown) => new Date(value as Date).toISOString();
const isoOrNull = (value: unknown) => (value === null ? null : iso(value));

const bodyView = (b: BodyRow): BodyView => ({
  siret: b.siret,
  name: b.name,
  createdAt: iso(b.created_at),
  disabledAt: isoOrNull(b.disabled_at),
});

const habilitationView = (h: HabilitationRow): HabilitationView => ({
  id: h.id,
  siret: h.body_siret,
  purpose: h.purpose,
  legalBasis: h.legal_basis,
  fields: h.fields,
  depthMonths: h.depth_months,
  clientId: h.client_id,
  createdAt: iso(h.created_at),
  secretRotatedAt: isoOrNull(h.secret_rotated_at),
  revokedAt: isoOrNull(h.revoked_at),
});

function checkSiret(siret: string, code: 'BODY_INVALID' | 'HABILITATION_INVALID', pointer: string): void {
  if (!/^\d{14}$/.test(siret)) {
    throw new AppError(code, `« ${siret} » n’est pas un SIRET (14 chiffres).`, { pointer });
  }
  if (!isValidSiret(siret)) throw new AppError(code, `La clé du SIRET ${siret} est fausse.`, { pointer });
}

export async function addBody(ex: Executor, caller: Caller, input: { siret: string; name: string }) {
  checkExchangeAdmin(caller);
  const siret = input.siret.trim();
  checkSiret(siret, 'BODY_INVALID', '/siret');
  const name = input.name.trim();
  if (name === '')
    throw new AppError('BODY_INVALID', 'Le nom de l’organisme est vide.', { pointer: '/name' });
  if (!(await insertBody(ex, { siret, name }))) {
    throw new AppError(
      'BODY_CONFLICT',
      `L’organisme ${siret} est déjà enregistré (voir la liste des organismes).`,
      {
        pointer: '/siret',
      },
    );
  }
  return bodyView((await findBody(ex, siret))!);
}

export async function listAllBodies(ex: Executor, caller: Caller): Promise<BodyView[]> {
  checkExchangeAdmin(caller);
  return (await listBodies(ex)).map(bodyView);
}

async function existingBody(
  ex: Executor,
  siret: string,
  parameter: { parameter: string } | { pointer: string },
) {
  const body = await findBody(ex, siret);
  if (!body) {
    throw new AppError(
      'BODY_NOT_FOUND',
      `Aucun organisme de SIRET ${siret} (voir la liste des organismes).`,
      parameter,
    );
  }
  return body;
}

/** Disables a body: its habilitations deliver no more tokens, and its tokens are refused at once. */
export async function disableBodyBySiret(
  ex: Executor,
  caller: Caller,
  siret: string,
  at: Date,
): Promise<BodyView> {
  checkExchangeAdmin(caller);
  if (!(await disableBody(ex, siret, at))) {
    const body = await existingBody(ex, siret, { parameter: 'siret' });
    throw new AppError(
      'BODY_DISABLED',
      `L’organisme ${siret} est déjà désactivé depuis le ${iso(body.disabled_at).slice(0, 10)}.`,
      { parameter: 'siret' },
    );
  }
  return bodyView((await findBody(ex, siret))!);
}

export async function listAllPurposes(ex: Executor, caller: Caller): Promise<PurposeView[]> {
  checkExchangeAdmin(caller);
  return (await listPurposes(ex)).map((p) => ({
    code: p.code,
    label: p.label,
    legalReference: p.legal_reference,
  }));
}

export async function addPurpose(ex: Executor, caller: Caller, input: PurposeView): Promise<PurposeView> {
  checkExchangeAdmin(caller);
  const code = input.code.trim();
  if (!/^[A-Z][A-Z0-9_]{1,31}$/.test(code)) {
    throw new AppError(
      'PURPOSE_INVALID',
      `« ${code} » n’est pas un code de finalité : de 2 à 32 caractères, majuscules, chiffres et « _ », commençant par une lettre (exemple : RSA_PPA).`,
      { pointer: '/code' },
    );
  }
  const label = input.label.trim();
  const legalReference = input.legalReference.trim();
  if (label === '')
    throw new AppError('PURPOSE_INVALID', 'Le libellé de la finalité est vide.', { pointer: '/label' });
  if (legalReference === '') {
    throw new AppError('PURPOSE_INVALID', 'La référence juridique de la finalité est vide.', {
      pointer: '/legalReference',
    });
  }
  if (!(await insertPurpose(ex, { code, label, legal_reference: legalReference }))) {
    throw new AppError('PURPOSE_INVALID', `La finalité ${code} existe déjà.`, { pointer: '/code' });
  }
  return { code, label, legalReference };
}

export interface NewHabilitation {
  siret: string;
  purpose: string;
  legalBasis: string;
  fields: string[];
  depthMonths: number;
}

function checkFields(fields: readonly string[]): string[] {
  const named = [...new Set(fields.map((f) => f.trim()).filter((f) => f !== ''))];
  if (named.length === 0) {
    throw new AppError(
      'HABILITATION_INVALID',
      `Aucun champ accordé : nommez-en au moins un parmi ${grantableFields.join(', ')}.`,
      { pointer: '/fields' },
    );
  }
  const unknown = named.filter((f) => !isGrantableField(f));
  if (unknown.length > 0) {
    throw new AppError(
      'HABILITATION_INVALID',
      `${unknown.length > 1 ? 'Champs inconnus' : 'Champ inconnu'} : ${unknown.join(', ')} ; champs accordables : ${grantableFields.join(', ')}.`,
      { pointer: '/fields' },
    );
  }
  // In the order of the grantable fields, whatever the order asked.
  return grantableFields.filter((f) => named.includes(f));
}

export async function addHabilitation(
  ex: Executor,
  caller: Caller,
  input: NewHabilitation,
): Promise<HabilitationWithSecret> {
  checkExchangeAdmin(caller);
  const siret = input.siret.trim();
  checkSiret(siret, 'HABILITATION_INVALID', '/siret');
  const body = await existingBody(ex, siret, { pointer: '/siret' });
  if (body.disabled_at !== null) {
    throw new AppError(
      'BODY_DISABLED',
      `L’organisme ${siret} est désactivé : il ne reçoit plus d’habilitation.`,
      {
        pointer: '/siret',
      },
    );
  }
  const purpose = await findPurpose(ex, input.purpose.trim());
  if (!purpose) {
    const known = (await listPurposes(ex)).map((p) => p.code);
    throw new AppError(
      'PURPOSE_NOT_FOUND',
      `Finalité inconnue « ${input.purpose} » ; finalités enregistrées : ${known.join(', ')}.`,
      { pointer: '/purpose' },
    );
  }
  const legalBasis = input.legalBasis.trim();
  if (legalBasis === '') {
    throw new AppError('HABILITATION_INVALID', 'La base légale de l’habilitation est vide.', {
      pointer: '/legalBasis',
    });
  }
  const fields = checkFields(input.fields);
  if (!Number.isInteger(input.depthMonths) || input.depthMonths < 1 || input.depthMonths > 120) {
    throw new AppError(
      'HABILITATION_INVALID',
      `Profondeur « ${input.depthMonths} » : un nombre entier de mois de 1 à 120 est attendu.`,
      { pointer: '/depthMonths' },
    );
  }
  const id = uuidv7();
  const clientId = newClientId();
  const clientSecret = newClientSecret();
  await insertHabilitation(ex, {
    id,
    bodySiret: siret,
    purpose: purpose.code,
    legalBasis,
    fields,
    depthMonths: input.depthMonths,
    clientId,
    secretSha256: secretDigest(clientSecret),
  });
  return { ...habilitationView((await findHabilitation(ex, id))!), clientSecret };
}

export async function listAllHabilitations(
  ex: Executor,
  caller: Caller,
  siret?: string,
): Promise<HabilitationView[]> {
  checkExchangeAdmin(caller);
  if (siret !== undefined) await existingBody(ex, siret, { parameter: 'organisme' });
  return (await listHabilitations(ex, siret)).map(habilitationView);
}

async function existingHabilitation(ex: Executor, id: string): Promise<HabilitationRow> {
  const found = isUuid(id) ? await findHabilitation(ex, id) : undefined;
  if (!found) {
    throw new AppError(
      'HABILITATION_NOT_FOUND',
      `Aucune habilitation « ${id} » (voir la liste des habilitations).`,
      {
        parameter: 'id',
      },
    );
  }
  return found;
}

export async function showHabilitation(ex: Executor, caller: Caller, id: string): Promise<HabilitationView> {
  checkExchangeAdmin(caller);
  return habilitationView(await existingHabilitation(ex, id));
}

const alreadyRevoked = (h: HabilitationRow) =>
  new AppError(
    'HABILITATION_REVOKED',
    `L’habilitation ${h.id} est révoquée depuis le ${iso(h.revoked_at).slice(0, 10)}.`,
    {
      parameter: 'id',
    },
  );

/** Revokes a habilitation: its tokens are refused from the next request on. */
export async function revokeHabilitationById(
  ex: Executor,
  caller: Caller,
  id: string,
  at: Date,
): Promise<HabilitationView> {
  checkExchangeAdmin(caller);
  const existing = await existingHabilitation(ex, id);
  if (!(await revokeHabilitation(ex, id, at))) throw alreadyRevoked(existing);
  return habilitationView((await findHabilitation(ex, id))!);
}

/** A new client secret, shown once; the old one and the tokens it obtained are refused at once. */
export async function rotateHabilitationSecret(
  ex: Executor,
  caller: Caller,
  id: string,
  at: Date,
): Promise<HabilitationWithSecret> {
  checkExchangeAdmin(caller);
  const existing = await existingHabilitation(ex, id);
  const clientSecret = newClientSecret();
  if (!(await replaceSecret(ex, id, secretDigest(clientSecret), at))) throw alreadyRevoked(existing);
  return { ...habilitationView((await findHabilitation(ex, id))!), clientSecret };
}

/** A new signing key; the previous ones verify the tokens they signed until those expire. */
export async function rotateKeys(ex: Executor, caller: Caller, at: Date): Promise<{ kid: string }> {
  checkExchangeAdmin(caller);
  return rotateSigningKey(ex, at);
}
