import { describe, expect, it } from 'vitest';
import type { MemberCaller } from '../../platform/auth/caller.ts';
import { operator } from '../../platform/auth/operator.ts';
import type { Store } from '../../platform/store/database.ts';
import { withMemoryStore } from '../../../test/deposit-helpers.ts';
import { createDeclarant, declarantCaller } from '../declarant/declarants.ts';
import { actingDeclarant } from '../deposit/permissions.ts';
import { linkAccount, listAllAccounts, unlinkAccount } from './accounts.ts';
import { accountSignedIn, closeSession, memberCaller, memberResolver, openSession } from './sessions.ts';

const company = '732829320';
const establishment = '73282932000074';
const other = '552100554';

describe('web accounts and their portfolios', () => {
  let store: Store;
  withMemoryStore((opened) => (store = opened));

  it('links an account by its e-mail to the declarant of a scope, created when there is none', async () => {
    const existing = await createDeclarant(store.db, 'Entreprise existante', company);
    const first = await linkAccount(store.db, operator, { email: ' Paie@Exemple.FR ', scope: company });
    expect(first).toMatchObject({ email: 'paie@exemple.fr', signedIn: false });
    expect(first.portfolio).toEqual([
      { declarantId: existing.declarant.id, scope: company, name: 'Entreprise existante' },
    ]);
    const second = await linkAccount(store.db, operator, {
      email: 'paie@exemple.fr',
      scope: establishment,
      name: 'Établissement de Lyon',
    });
    expect(second.portfolio.map((p) => [p.scope, p.name])).toEqual([
      ['732829320', 'Entreprise existante'],
      ['73282932000074', 'Établissement de Lyon'],
    ]);
    // Linking again changes nothing.
    await linkAccount(store.db, operator, { email: 'paie@exemple.fr', scope: company });
    const [listed] = (await listAllAccounts(store.db, operator)).filter((a) => a.email === 'paie@exemple.fr');
    expect(listed!.portfolio).toHaveLength(2);

    const after = await unlinkAccount(store.db, operator, { email: 'paie@exemple.fr', scope: establishment });
    expect(after.portfolio.map((p) => p.scope)).toEqual([company]);
    await expect(
      unlinkAccount(store.db, operator, { email: 'paie@exemple.fr', scope: establishment }),
    ).rejects.toMatchObject({ code: 'ACCOUNT_NOT_FOUND' });
  });

  it('refuses a declarant administering accounts, and a malformed address or scope', async () => {
    const { declarant } = await createDeclarant(store.db, 'Autre', other);
    await expect(
      linkAccount(store.db, declarantCaller(declarant), { email: 'a@b.fr', scope: other }),
    ).rejects.toMatchObject({ code: 'AUTH_SCOPE' });
    await expect(
      linkAccount(store.db, operator, { email: 'pas-une-adresse', scope: other }),
    ).rejects.toMatchObject({ code: 'ACCOUNT_INVALID' });
    await expect(
      linkAccount(store.db, operator, { email: 'a@b.fr', scope: '732829321' }),
    ).rejects.toMatchObject({
      code: 'DECLARANT_INVALID',
    });
  });

  it('finds the linked account at the first sign-in by its e-mail, then by the provider’s subject', async () => {
    await linkAccount(store.db, operator, { email: 'cabinet@exemple.fr', scope: other });
    const issuer = 'https://idp.exemple.fr';
    const first = await accountSignedIn(store.db, {
      issuer,
      subject: 'sub-1',
      email: 'Cabinet@exemple.fr',
      name: 'Cabinet',
    });
    const again = await accountSignedIn(store.db, { issuer, subject: 'sub-1', email: null, name: null });
    expect(again.id).toBe(first.id);
    await expect(
      accountSignedIn(store.db, { issuer, subject: 'sub-2', email: 'cabinet@exemple.fr', name: null }),
    ).rejects.toMatchObject({ code: 'SIGN_IN_FAILED' });
    await expect(
      accountSignedIn(store.db, { issuer, subject: 'sub-3', email: null, name: null }),
    ).rejects.toMatchObject({ code: 'SIGN_IN_FAILED' });
  });

  it('resolves a live session to its member, and refuses it once closed or expired', async () => {
    const account = await accountSignedIn(store.db, {
      issuer: 'https://idp.exemple.fr',
      subject: 'sub-session',
      email: 'session@exemple.fr',
      name: null,
    });
    const resolver = memberResolver(store.db);
    const open = await openSession(store.db, account.id, null);
    expect(resolver.recognises(open.value)).toBe(true);
    expect(resolver.recognises('relais_0123456789abcdef_x')).toBe(false);
    expect(await resolver.resolve(open.value)).toMatchObject({ kind: 'member', accountId: account.id });
    await closeSession(store.db, open.value);
    await expect(resolver.resolve(open.value)).rejects.toMatchObject({ code: 'AUTH_INVALID' });

    const stale = await openSession(store.db, account.id, null, new Date('2020-01-01T08:00:00Z'));
    await expect(resolver.resolve(stale.value)).rejects.toMatchObject({ code: 'AUTH_INVALID' });
    await expect(resolver.resolve(undefined)).rejects.toMatchObject({ code: 'AUTH_MISSING' });
  });

  it('lets a member act for a declarant of the portfolio only, named when there are several', async () => {
    const view = await linkAccount(store.db, operator, { email: 'deux@exemple.fr', scope: company });
    await linkAccount(store.db, operator, { email: 'deux@exemple.fr', scope: other });
    const member: MemberCaller = await memberCaller(store.db, { id: view.id });
    expect(member.portfolio).toHaveLength(2);
    expect(() => actingDeclarant(member, undefined)).toThrow(
      expect.objectContaining({ code: 'PORTFOLIO_CHOICE' }),
    );
    const chosen = member.portfolio[1]!;
    expect(actingDeclarant(member, chosen.declarantId)).toMatchObject({
      kind: 'declarant',
      declarantId: chosen.declarantId,
      perimeter: chosen.perimeter,
    });
    expect(() => actingDeclarant(member, '0190a000-0000-7000-8000-000000000000')).toThrow(
      expect.objectContaining({ code: 'PORTFOLIO_FORBIDDEN' }),
    );
  });
});
