/**
 * The people of the local identity provider (development, demonstration, browser tests): anyone
 * may sign in as one of them, without a password. The demonstration links the accounting firm to
 * the demonstration company (`relais serve --demo`).
 */
export interface TestAccount {
  subject: string;
  email: string;
  name: string;
  /** Who they stand for, shown on the sign-in page. */
  role: string;
}

export const testAccounts: readonly TestAccount[] = [
  {
    subject: 'cabinet-demo',
    email: 'cabinet@demo.relais.test',
    name: 'Cabinet Démo',
    role: 'cabinet d’expertise comptable, tiers déclarant de ses clients',
  },
  {
    subject: 'employeur-demo',
    email: 'paie@employeur.demo.relais.test',
    name: 'Employeur Démo',
    role: 'service paie d’une entreprise, déclarant pour elle-même',
  },
];

export const demoFirm = testAccounts[0]!;
