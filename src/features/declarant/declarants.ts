import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { DeclarantCaller, Scope } from '../../platform/auth/caller.ts';
import type { CredentialResolver } from '../../platform/auth/resolver.ts';
import { AppError } from '../../platform/errors.ts';
import {
  findDeclarant,
  findDeclarantByKey,
  insertDeclarant,
  listDeclarants,
  revokeDeclarant,
} from './declarants-repository.ts';
import { uuidv7 } from '../../platform/store/ids.ts';
import type { Declarant, Executor } from '../../platform/store/schema.ts';
import { isValidSiren, isValidSiret } from '../../core/identifiers/check-digits.ts';

/**
 * One credential per declarant (a company by its SIREN, or one establishment by its SIRET):
 * `relais_<key id>_<secret>`. The key id finds the row; only the secret's SHA-256 is stored.
 */

const tokenShape = /^relais_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

const sha256 = (text: string) => createHash('sha256').update(text).digest();

export interface NewCredential {
  declarant: { id: string; name: string; scope: string; keyId: string };
  /** Shown once; never stored. */
  token: string;
}

export function checkScope(scope: string): string | null {
  if (!/^\d{9}(\d{5})?$/.test(scope))
    return `« ${scope} » n'est ni un SIREN (9 chiffres) ni un SIRET (14 chiffres).`;
  if (scope.length === 9 && !isValidSiren(scope)) return `La clé du SIREN ${scope} est fausse.`;
  if (scope.length === 14 && !isValidSiret(scope)) return `La clé du SIRET ${scope} est fausse.`;
  return null;
}

export async function createDeclarant(ex: Executor, name: string, scope: string): Promise<NewCredential> {
  const problem = checkScope(scope);
  if (problem) throw new AppError('DECLARANT_INVALID', problem);
  if (name.trim() === '') throw new AppError('DECLARANT_INVALID', 'Le nom du déclarant est vide.');
  const keyId = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  const declarant = { id: uuidv7(), name: name.trim(), scope, keyId };
  await insertDeclarant(ex, { ...declarant, secretSha256: sha256(secret) });
  return { declarant, token: `relais_${keyId}_${secret}` };
}

/** The declarant a bearer token belongs to, or an explicit refusal. */
export async function authenticate(ex: Executor, token: string | undefined): Promise<Declarant> {
  if (token === undefined || token === '') {
    throw new AppError(
      'AUTH_MISSING',
      'Cette adresse demande un jeton de déclarant : en-tête « Authorization: Bearer relais_… » (voir « relais declarants add »).',
      { header: 'Authorization' },
    );
  }
  const match = tokenShape.exec(token);
  const declarant = match ? await findDeclarantByKey(ex, match[1]!) : undefined;
  if (!match || !declarant || !timingSafeEqual(Buffer.from(declarant.secret_sha256), sha256(match[2]!))) {
    throw new AppError('AUTH_INVALID', "Le jeton d'accès n'est pas reconnu.", { header: 'Authorization' });
  }
  if (declarant.revoked_at !== null) {
    throw new AppError('AUTH_REVOKED', "Ce jeton d'accès a été révoqué : demandez-en un nouveau.", {
      header: 'Authorization',
    });
  }
  return declarant;
}

/** A declarant's token lets it file its declarations, read them back, and read what it is sent back. */
const declarantScopes: readonly Scope[] = [
  'depots:deposer',
  'depots:lire',
  'declarations:lire',
  'retours:lire',
];

/** The caller a declarant's token stands for: its perimeter and the scopes every declarant has. */
export function declarantCaller(declarant: Pick<Declarant, 'id' | 'scope'>): DeclarantCaller {
  return {
    kind: 'declarant',
    declarantId: declarant.id,
    perimeter: declarant.scope,
    scopes: declarantScopes,
    purpose: null,
  };
}

/** Resolves `relais_…` tokens to their declarant (see `authenticate`). */
export function declarantResolver(ex: Executor): CredentialResolver<'declarant'> {
  return {
    kind: 'declarant',
    recognises: (credential) => tokenShape.test(credential),
    resolve: async (credential) => declarantCaller(await authenticate(ex, credential)),
  };
}

/** Whether a SIRET belongs to what a declarant may declare and read. */
export function inScope(scope: string, siret: string | null): boolean {
  return siret !== null && (scope.length === 9 ? siret.startsWith(scope) : siret === scope);
}

export { findDeclarant, listDeclarants, revokeDeclarant };
