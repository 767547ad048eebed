import type { Caller, MemberCaller } from '../../platform/auth/caller.ts';
import { AppError } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/store/ids.ts';
import type { Executor } from '../../platform/store/schema.ts';
import { checkScope, createDeclarant } from '../declarant/declarants.ts';
import { checkDeclarantsAdmin } from '../declarant/permissions.ts';
import {
  findAccountByEmail,
  findAccountById,
  findActiveDeclarantByScope,
  insertAccount,
  linkDeclarant,
  listAccounts,
  portfolioOf,
  unlinkDeclarants,
  type AccountRow,
} from './accounts-repository.ts';

/**
 * The operator links people's accounts to declarants, by e-mail, before or after their first
 * sign-in: shared by the operator API (`/v1/admin/comptes`) and `relais declarants link|unlink|
 * accounts`. The person signs in with the identity provider; the portfolio says for whom they act.
 */

export interface AccountView {
  id: string;
  email: string;
  name: string | null;
  /** Whether the person has signed in at least once (the provider's subject is known). */
  signedIn: boolean;
  portfolio: { declarantId: string; scope: string; name: string }[];
}

export interface LinkInput {
  email: string;
  scope: string;
  /** The declarant's name, when none exists yet for this scope. */
  name?: string;
}

const emailShape = /^[^\s@]+@[^\s@]+$/;

export function normalisedEmail(email: string): string {
  const normalised = email.trim().toLowerCase();
  if (!emailShape.test(normalised) || normalised.length > 254)
    throw new AppError('ACCOUNT_INVALID', `« ${email} » n’est pas une adresse électronique.`, {
      pointer: '/email',
    });
  return normalised;
}

async function accountView(ex: Executor, account: AccountRow): Promise<AccountView> {
  const portfolio = await portfolioOf(ex, account.id);
  return {
    id: account.id,
    email: account.email,
    name: account.name,
    signedIn: account.subject !== null,
    portfolio: portfolio.map((p) => ({ declarantId: p.declarant_id, scope: p.scope, name: p.name })),
  };
}

/**
 * Links the account of `email` (created if new) to the declarant of `scope` (created, without a
 * token shown, if there is none: the person's sign-in is then its only way in).
 */
export async function linkAccount(ex: Executor, caller: Caller, input: LinkInput): Promise<AccountView> {
  checkDeclarantsAdmin(caller);
  const email = normalisedEmail(input.email);
  const scope = input.scope.trim();
  const problem = checkScope(scope);
  if (problem) throw new AppError('DECLARANT_INVALID', problem, { pointer: '/scope' });
  let account = await findAccountByEmail(ex, email);
  if (!account) {
    await insertAccount(ex, { id: uuidv7(), email });
    account = (await findAccountByEmail(ex, email))!;
  }
  const declarant =
    (await findActiveDeclarantByScope(ex, scope)) ??
    (await createDeclarant(ex, input.name?.trim() || `Déclarant ${scope}`, scope)).declarant;
  await linkDeclarant(ex, account.id, declarant.id);
  return accountView(ex, account);
}

export async function unlinkAccount(
  ex: Executor,
  caller: Caller,
  input: { email: string; scope: string },
): Promise<AccountView> {
  checkDeclarantsAdmin(caller);
  const email = normalisedEmail(input.email);
  const account = await findAccountByEmail(ex, email);
  if (!account) throw new AppError('ACCOUNT_NOT_FOUND', `Aucun compte pour ${email}.`, { pointer: '/email' });
  if (!(await unlinkDeclarants(ex, account.id, input.scope.trim())))
    throw new AppError('ACCOUNT_NOT_FOUND', `Le compte ${email} n’est pas lié à ${input.scope}.`, {
      pointer: '/scope',
    });
  return accountView(ex, account);
}

export async function listAllAccounts(ex: Executor, caller: Caller): Promise<AccountView[]> {
  checkDeclarantsAdmin(caller);
  const accounts = await listAccounts(ex);
  return Promise.all(accounts.map((account) => accountView(ex, account)));
}

/** What a signed-in person reads of their own account: who they are, for whom they act. */
export async function readOwnAccount(ex: Executor, caller: MemberCaller): Promise<AccountView> {
  const account = await findAccountById(ex, caller.accountId);
  if (!account) throw new AppError('ACCOUNT_NOT_FOUND', 'Votre compte a été supprimé.');
  return accountView(ex, account);
}
