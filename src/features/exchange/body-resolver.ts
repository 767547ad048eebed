import { errors, jwtVerify, type JWTHeaderParameters } from 'jose';
import type { BodyCaller } from '../../platform/auth/caller.ts';
import type { CredentialResolver } from '../../platform/auth/resolver.ts';
import { AppError } from '../../platform/errors.ts';
import type { Executor } from '../../platform/store/schema.ts';
import { findCredential, type HabilitationCredential } from './habilitations-repository.ts';
import { signingAlgorithm, verifyingKeys } from './signing-keys.ts';
import { tokenAudience, tokenIssuer } from './token-settings.ts';

/** Three base64url segments: a compact JWS, the shape of an access token. */
const jwtShape = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

const header = { header: 'authorization' };

const invalid = (detail: string) => new AppError('AUTH_INVALID', detail, header);
const revoked = (detail: string) => new AppError('AUTH_REVOKED', detail, header);

/** Whoever holds a body's token reads resources, under its habilitation's purpose, fields and depth. */
export function bodyCaller(habilitation: HabilitationCredential): BodyCaller {
  return {
    kind: 'body',
    scopes: ['ressources:lire'],
    bodySiret: habilitation.body_siret,
    habilitationId: habilitation.id,
    clientId: habilitation.client_id,
    purpose: habilitation.purpose,
    fields: habilitation.fields,
    depthMonths: habilitation.depth_months,
  };
}

class UnknownKey extends Error {}

/**
 * Resolves a receiving body's access token: its signature against the stored keys, its dates,
 * then its habilitation and body read again, so that a revocation or a disabled body is refused
 * from the next request on, whatever the token's remaining lifetime.
 */
export function bodyResolver(
  ex: Executor,
  { tokenTtlSeconds, now = () => new Date() }: { tokenTtlSeconds: number; now?: () => Date },
): CredentialResolver<'body'> {
  const keyOf = verifyingKeys(ex, tokenTtlSeconds, now);
  const verify = async (token: string) => {
    let retiredAt: Date | null = null;
    const keyFor = async (protectedHeader: JWTHeaderParameters) => {
      const found = protectedHeader.kid === undefined ? undefined : await keyOf(protectedHeader.kid);
      if (!found) throw new UnknownKey();
      retiredAt = found.retiredAt;
      return found.key;
    };
    try {
      const { payload } = await jwtVerify(token, keyFor, {
        issuer: tokenIssuer,
        audience: tokenAudience,
        algorithms: [signingAlgorithm],
        typ: 'at+jwt',
        currentDate: now(),
        requiredClaims: ['sub', 'exp', 'iat', 'jti'],
      });
      return { payload, retiredAt: retiredAt as Date | null };
    } catch (error) {
      if (error instanceof errors.JWTExpired) {
        throw new AppError(
          'AUTH_EXPIRED',
          'Ce jeton d’accès a expiré : demandez-en un nouveau à POST /oauth/token.',
          header,
        );
      }
      if (error instanceof UnknownKey) {
        throw invalid(
          'Ce jeton d’accès est signé d’une clé que ce serveur ne publie pas (/.well-known/jwks.json).',
        );
      }
      if (error instanceof errors.JOSEError) {
        throw invalid('Ce jeton d’accès n’est pas valide : signature, émetteur ou audience incorrects.');
      }
      throw error;
    }
  };

  return {
    kind: 'body',
    recognises: (credential) => jwtShape.test(credential),
    async resolve(credential) {
      if (credential === undefined) {
        throw new AppError(
          'AUTH_MISSING',
          'En-tête Authorization: Bearer <jeton d’accès> attendu ; un organisme obtient son jeton par POST /oauth/token (client_credentials).',
          header,
        );
      }
      const { payload, retiredAt } = await verify(credential);
      const issuedAt = payload.iat!;
      // A retired key signs no more: a token it signed later was not made here.
      if (retiredAt !== null && issuedAt * 1000 > retiredAt.getTime()) {
        throw invalid('Ce jeton d’accès est signé d’une clé retirée avant sa date d’émission.');
      }
      const habilitationId = payload['habilitation_id'];
      const habilitation =
        typeof habilitationId === 'string' ? await findCredential(ex, habilitationId) : undefined;
      if (!habilitation || habilitation.client_id !== payload.sub) {
        throw invalid('Ce jeton d’accès ne désigne aucune habilitation de ce serveur.');
      }
      if (habilitation.revoked_at !== null) {
        throw revoked('L’habilitation de ce jeton a été révoquée : il n’ouvre plus aucun accès.');
      }
      if (habilitation.body_disabled_at !== null) {
        throw revoked(
          `L’organisme ${habilitation.body_siret} est désactivé : ses jetons n’ouvrent plus aucun accès.`,
        );
      }
      // A new secret ends the tokens of the old one: rotating is what a leaked secret calls for.
      const rotatedAt = habilitation.secret_rotated_at;
      if (rotatedAt !== null && issuedAt < Math.floor(new Date(rotatedAt).getTime() / 1000)) {
        throw revoked(
          'Le secret de ce client a été renouvelé depuis l’émission de ce jeton : demandez-en un nouveau.',
        );
      }
      return bodyCaller(habilitation);
    },
  };
}
