import { operator } from '../../platform/auth/operator.ts';
import type { Executor } from '../../platform/store/schema.ts';
import { linkAccount } from './accounts.ts';
import { testAccounts } from './test-accounts.ts';

/**
 * The demonstration's people: the accounting firm and the employer's payroll clerk both act for
 * the demonstration company, so that signing in as either shows its deposits.
 */
export async function linkDemoAccounts(ex: Executor, scope: string): Promise<void> {
  for (const account of testAccounts) await linkAccount(ex, operator, { email: account.email, scope });
}
