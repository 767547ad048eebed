import { randomBytes, randomUUID } from 'node:crypto';
import { luhnCheckDigit } from '../src/core/identifiers/check-digits.ts';
import type { Kysely } from 'kysely';
import type { BodyCaller } from '../src/platform/auth/caller.ts';
import type { CredentialResolver } from '../src/platform/auth/resolver.ts';
import { AppError } from '../src/platform/errors.ts';
import { uuidv7 } from '../src/platform/store/ids.ts';
import type { Database } from '../src/platform/store/schema.ts';
import type { DeclaredPerson } from './drm-helpers.ts';

/** Test support for the exchange: valid identifiers and a receiving body's caller. */

/** A SIREN with its Luhn key, from 8 digits. */
export const sirenOf = (eight: string) => `${eight}${luhnCheckDigit(eight)}`;

/** A SIRET with its Luhn key, from a SIREN and a 4-digit establishment number. */
export const siretOf = (siren: string, nic4: string) => `${siren}${nic4}${luhnCheckDigit(siren + nic4)}`;

export const cafSiren = sirenOf('53497384');
export const cafSiret = siretOf(cafSiren, '0001');
/** Another body, of another SIREN. */
export const msaSiret = siretOf(sirenOf('77553311'), '0002');

/** A CAF-like body reading for RSA_PPA, `netSocial` only, 12 months back, unless overridden. */
export function bodyCaller(overrides: Partial<BodyCaller> = {}): BodyCaller {
  return {
    kind: 'body',
    scopes: ['ressources:lire'],
    bodySiret: cafSiret,
    habilitationId: randomUUID(),
    clientId: 'test-client',
    purpose: 'RSA_PPA',
    fields: ['netSocial'],
    depthMonths: 12,
    ...overrides,
  };
}

/** Every key of a JSON value, at any depth. */
export function keysAtAnyDepth(value: unknown): Set<string> {
  const keys = new Set<string>();
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === 'object') {
      for (const [k, inner] of Object.entries(v)) {
        keys.add(k);
        walk(inner);
      }
    }
  };
  walk(value);
  return keys;
}

/**
 * Test support for the exchange: a receiving body with one habilitation written straight into the
 * tables, its caller as the token resolver would give it, and a resolver of test credentials.
 */

export interface HabilitationSpec {
  siret: string;
  purpose?: string;
  fields?: readonly string[];
  depthMonths?: number;
}

export async function habilitatedBody(db: Kysely<Database>, spec: HabilitationSpec): Promise<BodyCaller> {
  const { siret, purpose = 'RSA_PPA', fields = ['netSocial'], depthMonths = 12 } = spec;
  await db
    .insertInto('body')
    .values({ siret, name: `Organisme ${siret}` })
    .onConflict((oc) => oc.column('siret').doNothing())
    .execute();
  const id = uuidv7();
  const clientId = `test-${randomBytes(6).toString('hex')}`;
  await db
    .insertInto('habilitation')
    .values({
      id,
      body_siret: siret,
      purpose,
      legal_basis: 'Base légale de test',
      fields: JSON.stringify(fields),
      depth_months: depthMonths,
      client_id: clientId,
      secret_sha256: randomBytes(32),
    })
    .execute();
  return {
    kind: 'body',
    scopes: ['ressources:lire'],
    bodySiret: siret,
    habilitationId: id,
    clientId,
    purpose,
    fields,
    depthMonths,
  };
}

/** Resolves the test credentials given to the callers they name. */
export function testBodyResolver(callers: Readonly<Record<string, BodyCaller>>): CredentialResolver<'body'> {
  return {
    kind: 'body',
    recognises: (credential) => credential.startsWith('organisme-test-'),
    async resolve(credential) {
      const caller = credential === undefined ? undefined : callers[credential];
      if (caller === undefined) throw new AppError('AUTH_INVALID', 'Jeton de test inconnu.');
      return caller;
    },
  };
}

/** A person as an NDJSON line of a follow list or a bulk read. */
export function personLine(person: DeclaredPerson, dossier: string): string {
  return JSON.stringify({
    nir: person.nir,
    nom: person.lastName,
    prenoms: person.firstNames,
    dateNaissance: person.birthDate,
    dossier,
  });
}
