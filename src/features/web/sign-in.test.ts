import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app/http-app.ts';
import { operator } from '../../platform/auth/operator.ts';
import { silentLogger } from '../../platform/log.ts';
import type { Store } from '../../platform/store/database.ts';
import { bytesOf, generatedDsn, intakeContext, memoryStore } from '../../../test/deposit-helpers.ts';
import { CookieJar } from '../../../test/browser-session.ts';
import { linkAccount } from './accounts.ts';
import { demoFirm } from './test-accounts.ts';

/**
 * The sign-in through the local identity provider, as a browser walks it (redirects and cookies),
 * and what the session then opens: the account, the portfolio's deposits, and nothing more.
 */

let store: Store;
let app: FastifyInstance;
let origin: string;
let siren: string;
let text: string;

beforeAll(async () => {
  store = await memoryStore();
  app = await buildApp({ ...intakeContext(store), log: silentLogger() });
  origin = await app.listen({ host: '127.0.0.1', port: 0 });
  text = await generatedDsn({ month: '2026-02', seed: 5, establishments: 1, employees: 3 });
  siren = /^S21\.G00\.06\.001,'(\d{9})'/m.exec(text)![1]!;
  await linkAccount(store.db, operator, { email: demoFirm.email, scope: siren, name: 'Client du cabinet' });
  // A migrated database and a generated file: slow on a busy machine.
}, 180_000);
afterAll(async () => {
  await app?.close();
  await store?.close();
});

async function signIn(jar: CookieJar, account = demoFirm.subject): Promise<string> {
  const { response: login, path } = await jar.follow('/connexion?retour=/espace/tableau');
  expect(login.status).toBe(200);
  expect(path).toMatch(/^\/oidc\/interaction\//);
  expect(await login.text()).toContain('Cabinet Démo');
  const { path: landed } = await jar.follow(path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ compte: account }).toString(),
  });
  return landed;
}

describe('sign-in with the local OpenID Connect provider', () => {
  it('publishes its discovery document at /oidc', async () => {
    const response = await fetch(`${origin}/oidc/.well-known/openid-configuration`);
    expect(response.status).toBe(200);
    const metadata = (await response.json()) as Record<string, unknown>;
    expect(metadata['issuer']).toBe(`${origin}/oidc`);
    expect(metadata['code_challenge_methods_supported']).toContain('S256');
  });

  it('signs the demo firm in, back where it asked, with an http-only SameSite=Lax session', async () => {
    const jar = new CookieJar(origin);
    let sessionLine = '';
    const original = jar.request.bind(jar);
    jar.request = async (path, init) => {
      const response = await original(path, init);
      sessionLine ||= response.headers.getSetCookie().find((l) => l.startsWith('relais_session=')) ?? '';
      return response;
    };
    expect(await signIn(jar)).toBe('/espace/tableau');
    expect(sessionLine).toMatch(/HttpOnly/i);
    expect(sessionLine).toMatch(/SameSite=Lax/i);
    expect(sessionLine).not.toMatch(/Secure/i);

    const account = await (await jar.request('/v1/compte')).json();
    expect(account).toMatchObject({
      email: demoFirm.email,
      name: 'Cabinet Démo',
      signedIn: true,
      portfolio: [{ scope: siren, name: 'Client du cabinet' }],
    });
  });

  it('deposits for the portfolio from this site only, and signs out', async () => {
    const jar = new CookieJar(origin);
    await signIn(jar);
    const deposit = (headers: Record<string, string>) =>
      jar.request('/v1/depots?fileName=fevrier.dsn', { method: 'POST', body: bytesOf(text), headers });

    const forged = await deposit({ origin: 'https://ailleurs.example' });
    expect(forged.status).toBe(403);
    expect(((await forged.json()) as { errors: { code: string }[] }).errors[0]!.code).toBe('AUTH_ORIGIN');
    expect((await deposit({})).status).toBe(403);

    const filed = await deposit({ origin });
    expect(filed.status).toBe(201);
    const { acknowledgement } = (await filed.json()) as { acknowledgement: { depositId: string } };
    const listed = (await (await jar.request('/v1/depots')).json()) as { deposits: { depositId: string }[] };
    expect(listed.deposits.map((d) => d.depositId)).toContain(acknowledgement.depositId);

    const out = await jar.request('/deconnexion', { method: 'POST', headers: { origin } });
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toContain('/oidc/session/end');
    expect(jar.has('relais_session')).toBe(false);
    expect((await jar.request('/v1/compte')).status).toBe(401);
  });

  it('opens an empty portfolio to a person no declarant is linked to, who may deposit nothing', async () => {
    const jar = new CookieJar(origin);
    await signIn(jar, 'employeur-demo');
    const account = (await (await jar.request('/v1/compte')).json()) as { portfolio: unknown[] };
    expect(account.portfolio).toEqual([]);
    const refused = await jar.request('/v1/depots', {
      method: 'POST',
      body: bytesOf(text),
      headers: { origin },
    });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { errors: { code: string }[] }).errors[0]!.code).toBe(
      'PORTFOLIO_CHOICE',
    );
  });

  it('refuses a callback without the sign-in cookie, sending the browser back to the space', async () => {
    const response = await fetch(`${origin}/connexion/retour?code=x&state=y`, { redirect: 'manual' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/espace/?connexion=echec');
  });
});
