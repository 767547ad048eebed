import { randomUUID } from 'node:crypto';
import { luhnCheckDigit } from '../src/core/identifiers/check-digits.ts';
import type { BodyCaller } from '../src/platform/auth/caller.ts';

/** Test support for the exchange: valid identifiers and a receiving body's caller. */

/** A SIREN with its Luhn key, from 8 digits. */
export const sirenOf = (eight: string) => `${eight}${luhnCheckDigit(eight)}`;

/** A SIRET with its Luhn key, from a SIREN and a 4-digit establishment number. */
export const siretOf = (siren: string, nic4: string) => `${siren}${nic4}${luhnCheckDigit(siren + nic4)}`;

export const cafSiren = sirenOf('53497384');
export const cafSiret = siretOf(cafSiren, '0001');

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
