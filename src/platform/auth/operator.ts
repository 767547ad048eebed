import { createHash, timingSafeEqual } from 'node:crypto';
import { AppError } from '../errors.ts';
import type { OperatorCaller } from './caller.ts';
import type { CredentialResolver } from './resolver.ts';

/**
 * The operator: one bearer secret from the configuration (`RELAIS_OPERATOR_TOKEN`) over HTTP, or
 * whoever runs the CLI on the database itself. It reads resources until the exchange framework
 * gives each receiving body its own credential, administers the declarants, the receiving bodies
 * and their habilitations, and deposits for the declarants or for itself (`/v1/admin`).
 */
export const operator: OperatorCaller = {
  kind: 'operator',
  scopes: ['ressources:lire', 'declarants:gerer', 'organismes:gerer', 'depots:gerer'],
  purpose: null,
};

const digest = (text: string) => createHash('sha256').update(text).digest();

/** `expected` null: no operator token is configured, and the resources are not served at all. */
export function operatorResolver(expected: string | null): CredentialResolver<'operator'> {
  // Digests are compared, so that the time taken says nothing about the secret.
  const wanted = expected === null ? null : digest(expected);
  return {
    kind: 'operator',
    // Any text may be the configured secret: it is told by comparison, not by its shape.
    recognises: () => true,
    fallback: true,
    async resolve(credential) {
      if (wanted === null) {
        throw new AppError(
          'DRM_DISABLED',
          'L’API opérateur (lecture des ressources, administration des déclarants) n’est pas ouverte sur ce serveur : définissez RELAIS_OPERATOR_TOKEN.',
        );
      }
      if (credential === undefined) {
        throw new AppError('AUTH_MISSING', 'En-tête Authorization: Bearer <jeton opérateur> attendu.', {
          header: 'authorization',
        });
      }
      if (!timingSafeEqual(digest(credential), wanted)) {
        throw new AppError('AUTH_INVALID', 'Ce jeton n’est pas le jeton opérateur de ce serveur.', {
          header: 'authorization',
        });
      }
      return operator;
    },
  };
}
