import type { Executor } from '../../platform/store/schema.ts';

/** Web accounts, their portfolios and their sessions (see the web accounts migration). */

export interface AccountRow {
  id: string;
  email: string;
  name: string | null;
  issuer: string | null;
  subject: string | null;
}

export interface PortfolioRow {
  declarant_id: string;
  scope: string;
  name: string;
}

const accountColumns = ['id', 'email', 'name', 'issuer', 'subject'] as const;

export async function findAccountByEmail(ex: Executor, email: string): Promise<AccountRow | undefined> {
  return ex.selectFrom('web_account').select(accountColumns).where('email', '=', email).executeTakeFirst();
}

export async function findAccountById(ex: Executor, id: string): Promise<AccountRow | undefined> {
  return ex.selectFrom('web_account').select(accountColumns).where('id', '=', id).executeTakeFirst();
}

export async function findAccountBySubject(
  ex: Executor,
  issuer: string,
  subject: string,
): Promise<AccountRow | undefined> {
  return ex
    .selectFrom('web_account')
    .select(accountColumns)
    .where('issuer', '=', issuer)
    .where('subject', '=', subject)
    .executeTakeFirst();
}

export async function insertAccount(ex: Executor, account: { id: string; email: string }): Promise<void> {
  await ex
    .insertInto('web_account')
    .values({ ...account, name: null, issuer: null, subject: null })
    .execute();
}

export async function setAccountIdentity(
  ex: Executor,
  id: string,
  identity: { issuer: string; subject: string; name: string | null },
): Promise<void> {
  const { issuer, subject, name } = identity;
  await ex.updateTable('web_account').set({ issuer, subject, name }).where('id', '=', id).execute();
}

export async function listAccounts(ex: Executor): Promise<AccountRow[]> {
  return ex.selectFrom('web_account').select(accountColumns).orderBy('email').execute();
}

/** The declarant of exactly this SIREN or SIRET whose token is not revoked, the oldest first. */
export async function findActiveDeclarantByScope(
  ex: Executor,
  scope: string,
): Promise<{ id: string; name: string } | undefined> {
  return ex
    .selectFrom('declarant')
    .select(['id', 'name'])
    .where('scope', '=', scope)
    .where('revoked_at', 'is', null)
    .orderBy('created_at')
    .executeTakeFirst();
}

export async function linkDeclarant(ex: Executor, accountId: string, declarantId: string): Promise<void> {
  await ex
    .insertInto('web_account_declarant')
    .values({ account_id: accountId, declarant_id: declarantId })
    .onConflict((conflict) => conflict.doNothing())
    .execute();
}

/** True when the link existed. */
export async function unlinkDeclarants(ex: Executor, accountId: string, scope: string): Promise<boolean> {
  const result = await ex
    .deleteFrom('web_account_declarant')
    .where('account_id', '=', accountId)
    .where('declarant_id', 'in', (q) => q.selectFrom('declarant').select('id').where('scope', '=', scope))
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** The declarants an account acts for, those whose token is revoked left out. */
export async function portfolioOf(ex: Executor, accountId: string): Promise<PortfolioRow[]> {
  return ex
    .selectFrom('web_account_declarant as link')
    .innerJoin('declarant', 'declarant.id', 'link.declarant_id')
    .select(['link.declarant_id', 'declarant.scope', 'declarant.name'])
    .where('link.account_id', '=', accountId)
    .where('declarant.revoked_at', 'is', null)
    .orderBy('declarant.name')
    .orderBy('declarant.scope')
    .execute();
}

export async function insertSession(
  ex: Executor,
  session: { idSha256: Uint8Array; accountId: string; expiresAt: Date; idToken: string | null },
): Promise<void> {
  await ex
    .insertInto('web_session')
    .values({
      id_sha256: session.idSha256,
      account_id: session.accountId,
      expires_at: session.expiresAt,
      id_token: session.idToken,
    })
    .execute();
}

/** The account of a session that has not expired at `now`. */
export async function findLiveSession(
  ex: Executor,
  idSha256: Uint8Array,
  now: Date,
): Promise<(AccountRow & { id_token: string | null }) | undefined> {
  return ex
    .selectFrom('web_session')
    .innerJoin('web_account', 'web_account.id', 'web_session.account_id')
    .select([
      'web_account.id',
      'web_account.email',
      'web_account.name',
      'web_account.issuer',
      'web_account.subject',
      'web_session.id_token',
    ])
    .where('web_session.id_sha256', '=', idSha256)
    .where('web_session.expires_at', '>', now)
    .executeTakeFirst();
}

/** Removes a session; its ID token, to sign out of the identity provider too. */
export async function deleteSession(
  ex: Executor,
  idSha256: Uint8Array,
): Promise<{ id_token: string | null } | undefined> {
  return ex
    .deleteFrom('web_session')
    .where('id_sha256', '=', idSha256)
    .returning('id_token')
    .executeTakeFirst();
}

export async function deleteExpiredSessions(ex: Executor, now: Date): Promise<void> {
  await ex.deleteFrom('web_session').where('expires_at', '<=', now).execute();
}
