import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { Executor } from '../../platform/store/schema.ts';
import { secretMatches } from './client-secrets.ts';
import { findCredentialByClientId } from './habilitations-repository.ts';
import { activeSigningKey, signingAlgorithm } from './signing-keys.ts';
import { tokenAudience, tokenIssuer } from './token-settings.ts';

/**
 * The client-credentials grant (RFC 6749 §4.4): a habilitation's client proves its secret and
 * receives a short-lived signed access token (RFC 9068 profile) naming the habilitation, which
 * every request checks again (see `body-resolver.ts`).
 */

/** An RFC 6749 §5.2 refusal: its `error` code, its French description and its status. */
export class TokenRefusal extends Error {
  constructor(
    readonly error: 'invalid_request' | 'invalid_client' | 'unsupported_grant_type' | 'invalid_scope',
    readonly description: string,
  ) {
    super(description);
    this.name = 'TokenRefusal';
  }

  get status(): number {
    return this.error === 'invalid_client' ? 401 : 400;
  }
}

export interface IssuedToken {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: string;
}

/** The habilitation's scope as OAuth2 writes it: its purpose, then its fields. */
export const scopeOf = (purpose: string, fields: readonly string[]) => [purpose, ...fields].join(' ');

export async function issueAccessToken(
  ex: Executor,
  client: { clientId: string; clientSecret: string; scope?: string | undefined },
  ttlSeconds: number,
  now: Date,
): Promise<IssuedToken> {
  const credential = await findCredentialByClientId(ex, client.clientId);
  if (!secretMatches(credential?.secret_sha256, client.clientSecret) || !credential) {
    throw new TokenRefusal('invalid_client', 'Client inconnu ou secret incorrect.');
  }
  // Told only to a client that proved its secret.
  if (credential.revoked_at !== null) {
    throw new TokenRefusal(
      'invalid_client',
      'Cette habilitation a été révoquée : aucun jeton n’est plus délivré.',
    );
  }
  if (credential.body_disabled_at !== null) {
    throw new TokenRefusal(
      'invalid_client',
      `L’organisme ${credential.body_siret} est désactivé : aucun jeton n’est plus délivré.`,
    );
  }
  const scope = scopeOf(credential.purpose, credential.fields);
  const granted = new Set(scope.split(' '));
  const asked = client.scope?.split(' ').filter((s) => s !== '') ?? [];
  const beyond = asked.filter((s) => !granted.has(s));
  if (beyond.length > 0) {
    throw new TokenRefusal(
      'invalid_scope',
      `Portée non accordée par l’habilitation : ${beyond.join(', ')} (portée accordée : ${scope}).`,
    );
  }
  const { kid, key } = await activeSigningKey(ex);
  const issuedAt = Math.floor(now.getTime() / 1000);
  const token = await new SignJWT({ client_id: credential.client_id, habilitation_id: credential.id, scope })
    .setProtectedHeader({ alg: signingAlgorithm, kid, typ: 'at+jwt' })
    .setIssuer(tokenIssuer)
    .setAudience(tokenAudience)
    .setSubject(credential.client_id)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ttlSeconds)
    .setJti(randomUUID())
    .sign(key);
  return { access_token: token, token_type: 'Bearer', expires_in: ttlSeconds, scope };
}
