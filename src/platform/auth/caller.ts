import { AppError } from '../errors.ts';

/**
 * Who is calling, resolved once from the credential (see `resolver.ts`) and handed to the
 * services, which check it against what is asked with their feature's `permissions.ts`.
 *
 * A union on `kind`, one member per kind of credential, each with what its permissions need. The
 * exchange framework adds its members here, each with its resolver: `body`, a receiving body
 * authenticated by an OAuth2 client-credentials JWT bound to one habilitation (its purpose, the
 * fields and the months it may read); `person`, an individual signed in with OIDC, reading their
 * own data.
 */

/** What a credential lets its holder do; each service requires the scope of what it serves. */
export type Scope =
  'depots:deposer' | 'depots:lire' | 'declarations:lire' | 'ressources:lire' | 'declarants:gerer';

interface Grants {
  /** Granted with the credential, never asked for by the request. */
  readonly scopes: readonly Scope[];
  /**
   * Why the data is read: the purpose code of the habilitation a credential is bound to
   * (`RSA_PPA`…); null for the credentials bound to none.
   */
  readonly purpose: string | null;
}

/** A company (SIREN) or one of its establishments (SIRET), with its `relais_…` token. */
export interface DeclarantCaller extends Grants {
  readonly kind: 'declarant';
  readonly declarantId: string;
  /** SIREN or SIRET: the establishments it may declare for and read. */
  readonly perimeter: string;
}

/** The operator of this server: the configured token over HTTP, or the CLI on the server itself. */
export interface OperatorCaller extends Grants {
  readonly kind: 'operator';
}

export type Caller = DeclarantCaller | OperatorCaller;
export type CallerKind = Caller['kind'];
export type CallerOf<K extends CallerKind> = Extract<Caller, { kind: K }>;

/** What the request's log lines say of the caller: who, never with which credential. */
export function logBindings(caller: Caller): Record<string, string> {
  switch (caller.kind) {
    case 'declarant':
      return { declarantId: caller.declarantId };
    case 'operator':
      return { caller: 'operator' };
  }
}

/** Refuses a caller whose credential does not grant `scope`; `action` names it in French. */
export function requireScope(caller: Caller, scope: Scope, action: string): void {
  if (!caller.scopes.includes(scope)) {
    throw new AppError('AUTH_SCOPE', `Ce jeton ne permet pas ${action} (droit « ${scope} » absent).`, {
      header: 'Authorization',
    });
  }
}
