import { AppError } from '../errors.ts';

/**
 * Who is calling, resolved once from the credential (see `resolver.ts`) and handed to the
 * services, which check it against what is asked with their feature's `permissions.ts`.
 *
 * A union on `kind`, one member per kind of credential, each with what its permissions need,
 * each with its resolver: `declarant` (a `relais_…` token), `operator` (the configured token, or
 * the CLI), `body` (a receiving body's OAuth2 client-credentials JWT, bound to one habilitation),
 * `member` (a person signed in to the web application, acting for the declarants of a portfolio).
 * The individual space adds `person`, an individual signed in with OIDC, reading their own data.
 */

/** What a credential lets its holder do; each service requires the scope of what it serves. */
export type Scope =
  | 'depots:deposer'
  | 'depots:lire'
  | 'declarations:lire'
  | 'retours:lire'
  | 'ressources:lire'
  | 'declarants:gerer'
  | 'organismes:gerer'
  | 'depots:gerer';

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

/**
 * A receiving body (CAF, MSA, CPAM…) reading under one habilitation: one purpose, its legal basis,
 * the response fields it may receive and how many months back it may read. Resolved from a signed
 * access token, re-checked against the habilitation's row on every request so that a revocation
 * takes effect at once.
 */
export interface BodyCaller extends Grants {
  readonly kind: 'body';
  /** SIRET of the body the habilitation was granted to. */
  readonly bodySiret: string;
  readonly habilitationId: string;
  readonly clientId: string;
  /** The habilitation's purpose code: never null for a body. */
  readonly purpose: string;
  /** The grantable fields (`../../features/exchange/fields.ts`) the answers may carry. */
  readonly fields: readonly string[];
  /** How many months back from the current month the body may read (the current one included). */
  readonly depthMonths: number;
}

/** One declarant of a member's portfolio: a company (SIREN) or an establishment (SIRET). */
export interface PortfolioEntry {
  readonly declarantId: string;
  readonly perimeter: string;
}

/**
 * A person signed in to the web application (session cookie), acting for the declarants of their
 * portfolio: an employer's own company, or an accounting firm's clients. Not `person`, which is
 * an individual reading their own data.
 */
export interface MemberCaller extends Grants {
  readonly kind: 'member';
  readonly accountId: string;
  readonly portfolio: readonly PortfolioEntry[];
}

export type Caller = DeclarantCaller | OperatorCaller | BodyCaller | MemberCaller;
export type CallerKind = Caller['kind'];
export type CallerOf<K extends CallerKind> = Extract<Caller, { kind: K }>;

/** What the request's log lines say of the caller: who, never with which credential. */
export function logBindings(caller: Caller): Record<string, string> {
  switch (caller.kind) {
    case 'declarant':
      return { declarantId: caller.declarantId };
    case 'operator':
      return { caller: 'operator' };
    case 'body':
      return { bodySiret: caller.bodySiret, habilitationId: caller.habilitationId };
    case 'member':
      return { accountId: caller.accountId };
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
