import { createHash, randomBytes } from 'node:crypto';
import type { MemberCaller, Scope } from '../../platform/auth/caller.ts';
import type { CredentialResolver } from '../../platform/auth/resolver.ts';
import { AppError } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/store/ids.ts';
import type { Executor } from '../../platform/store/schema.ts';
import {
  deleteExpiredSessions,
  deleteSession,
  findAccountByEmail,
  findAccountBySubject,
  findLiveSession,
  insertAccount,
  insertSession,
  portfolioOf,
  setAccountIdentity,
  type AccountRow,
} from './accounts-repository.ts';

/**
 * A signed-in browser holds `rs_<secret>` in an http-only cookie; only the secret's SHA-256 is
 * stored. A session lasts a working day: a payroll clerk signs in once in the morning.
 */

export const sessionCookie = 'relais_session';
export const sessionHours = 10;

const sessionShape = /^rs_[A-Za-z0-9_-]{43}$/;
const sha256 = (text: string) => createHash('sha256').update(text).digest();

/** What a member may do: what a declarant's token allows, for each declarant of the portfolio. */
const memberScopes: readonly Scope[] = ['depots:deposer', 'depots:lire', 'declarations:lire', 'retours:lire'];

/** What the identity provider says of the person who just signed in. */
export interface SignedInIdentity {
  issuer: string;
  subject: string;
  email: string | null;
  name: string | null;
}

/**
 * The account of a person who signed in: found by the provider's subject, else by the e-mail the
 * operator linked (the subject is then recorded), else created with an empty portfolio.
 */
export async function accountSignedIn(ex: Executor, identity: SignedInIdentity): Promise<AccountRow> {
  const known = await findAccountBySubject(ex, identity.issuer, identity.subject);
  if (known) return known;
  const email = identity.email?.trim().toLowerCase();
  if (!email)
    throw new AppError(
      'SIGN_IN_FAILED',
      'Le fournisseur d’identité n’a pas transmis votre adresse électronique : Relais ne peut pas retrouver votre compte.',
    );
  let account = await findAccountByEmail(ex, email);
  if (!account) {
    await insertAccount(ex, { id: uuidv7(), email });
    account = (await findAccountByEmail(ex, email))!;
  } else if (account.subject !== null) {
    throw new AppError(
      'SIGN_IN_FAILED',
      `Le compte ${email} est déjà rattaché à une autre identité : adressez-vous à l’opérateur de Relais.`,
    );
  }
  const { issuer, subject, name } = identity;
  await setAccountIdentity(ex, account.id, { issuer, subject, name });
  return { ...account, issuer: identity.issuer, subject: identity.subject, name: identity.name };
}

/** Opens a session; the cookie's value is returned, never stored. */
export async function openSession(
  ex: Executor,
  accountId: string,
  idToken: string | null,
  now = new Date(),
): Promise<{ value: string; expiresAt: Date }> {
  await deleteExpiredSessions(ex, now);
  const value = `rs_${randomBytes(32).toString('base64url')}`;
  const expiresAt = new Date(now.getTime() + sessionHours * 3_600_000);
  await insertSession(ex, { idSha256: sha256(value), accountId, expiresAt, idToken });
  return { value, expiresAt };
}

/** Closes a session; the ID token it was opened with, to sign out of the provider too. */
export async function closeSession(ex: Executor, value: string | undefined): Promise<string | null> {
  if (value === undefined || !sessionShape.test(value)) return null;
  return (await deleteSession(ex, sha256(value)))?.id_token ?? null;
}

/** The account of a live session, or null. */
export async function sessionAccount(
  ex: Executor,
  value: string | undefined,
  now = new Date(),
): Promise<AccountRow | null> {
  if (value === undefined || !sessionShape.test(value)) return null;
  return (await findLiveSession(ex, sha256(value), now)) ?? null;
}

export async function memberCaller(ex: Executor, account: Pick<AccountRow, 'id'>): Promise<MemberCaller> {
  const portfolio = await portfolioOf(ex, account.id);
  return {
    kind: 'member',
    accountId: account.id,
    portfolio: portfolio.map((p) => ({ declarantId: p.declarant_id, perimeter: p.scope })),
    scopes: memberScopes,
    purpose: null,
  };
}

/** Resolves a session cookie's value to the person and their portfolio, read afresh each request. */
export function memberResolver(ex: Executor): CredentialResolver<'member'> {
  return {
    kind: 'member',
    recognises: (credential) => sessionShape.test(credential),
    async resolve(credential) {
      if (credential === undefined)
        throw new AppError('AUTH_MISSING', 'Connectez-vous pour accéder à votre espace (/connexion).');
      const account = await sessionAccount(ex, credential);
      if (!account)
        throw new AppError('AUTH_INVALID', 'Votre session a expiré : reconnectez-vous (/connexion).', {
          header: 'Cookie',
        });
      return memberCaller(ex, account);
    },
  };
}
