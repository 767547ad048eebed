import type { Caller, CallerKind, CallerOf } from './caller.ts';

/**
 * Turns one kind of credential into its caller. Resolvers are made by the composition root
 * (`app/`), which alone knows both the features that own credentials and the routes that take them.
 */
export interface CredentialResolver<K extends CallerKind> {
  readonly kind: K;
  /** Whether a credential has this kind's shape, to choose among the kinds a route accepts. */
  recognises(credential: string): boolean;
  /**
   * Told by comparison rather than by shape (it recognises any text): tried after the kinds that
   * recognise the credential by its shape, wherever it stands in a route's list.
   */
  readonly fallback?: boolean;
  /** The caller, or a refusal worded for this kind of credential (AUTH_MISSING when there is none). */
  resolve(credential: string | undefined): Promise<CallerOf<K>>;
}

/** A resolver of any kind. */
export type AnyCredentialResolver = { [K in CallerKind]: CredentialResolver<K> }[CallerKind];

/**
 * The caller behind `credential`, among the kinds a route accepts (in order, at least one): the
 * first whose shape it has resolves it, a fallback kind only when no other recognises it; a
 * missing or unrecognised one is refused by the first kind, in that kind's words.
 */
export function resolveCaller(
  accepted: readonly [AnyCredentialResolver, ...AnyCredentialResolver[]],
  credential: string | undefined,
): Promise<Caller> {
  const [first] = accepted;
  const resolver =
    credential === undefined
      ? first
      : (accepted.find((r) => !r.fallback && r.recognises(credential)) ??
        accepted.find((r) => r.recognises(credential)) ??
        first);
  return resolver.resolve(credential);
}
