import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { buildApp } from '../src/app/http-app.ts';
import { addBody, addHabilitation, type NewHabilitation } from '../src/features/exchange/admin.ts';
import { defaultExchangeSettings, type ExchangeSettings } from '../src/features/exchange/token-settings.ts';
import { operator } from '../src/platform/auth/operator.ts';
import { silentLogger } from '../src/platform/log.ts';
import type { Store } from '../src/platform/store/database.ts';
import type { Executor } from '../src/platform/store/schema.ts';
import { intakeContext, memoryStore } from './deposit-helpers.ts';

export const operatorToken = 'operateur-de-test-0123456789-abcdefghij';

/** Two bodies' SIRETs, check digits right. */
export const cafSiret = '53428700000010';
export const otherSiret = '77500000000015';

/** A clock the tests move: tokens issued and verified at the instant it says. */
export class TestClock {
  constructor(private at = new Date('2026-12-08T09:00:00Z')) {}
  now = () => new Date(this.at);
  advance(seconds: number): void {
    this.at = new Date(this.at.getTime() + seconds * 1000);
  }
}

export interface ExchangeTestApp {
  store: Store;
  app: FastifyInstance;
  clock: TestClock;
}

/**
 * The HTTP application on an in-memory store with a test clock, for the enclosing `describe`;
 * `extraRoutes` declares routes under body-facing prefixes (`/v1/flux/…`) before it is ready, to
 * see what a body caller becomes there.
 */
export function withExchangeApp(
  settings: Partial<ExchangeSettings> = {},
  extraRoutes: (app: FastifyInstance) => void = () => {},
): ExchangeTestApp {
  const context = {} as ExchangeTestApp;
  beforeAll(async () => {
    context.store = await memoryStore();
    context.clock = new TestClock();
    context.app = await buildApp({
      ...intakeContext(context.store),
      log: silentLogger(),
      operatorToken,
      exchange: { ...defaultExchangeSettings, ...settings },
      now: context.clock.now,
    });
    extraRoutes(context.app);
  });
  afterAll(async () => {
    await context.app?.close();
    await context.store?.close();
  });
  return context;
}

/** A body (created when new) with a habilitation: its id, client id and secret. */
export async function habilitated(
  db: Executor,
  overrides: Partial<NewHabilitation> = {},
): Promise<{ id: string; clientId: string; clientSecret: string }> {
  const siret = overrides.siret ?? cafSiret;
  await addBody(db, operator, { siret, name: `Organisme ${siret}` }).catch((error: { code?: string }) => {
    if (error.code !== 'BODY_CONFLICT') throw error;
  });
  const created = await addHabilitation(db, operator, {
    siret,
    purpose: 'RSA_PPA',
    legalBasis: 'CASF L.262-1',
    fields: ['netSocial'],
    depthMonths: 12,
    ...overrides,
  });
  return { id: created.id, clientId: created.clientId, clientSecret: created.clientSecret };
}

/** POST /oauth/token with a form (client_secret_post unless `basic`). */
export function tokenRequest(
  app: FastifyInstance,
  form: Record<string, string>,
  headers: Record<string, string> = {},
) {
  return app.inject({
    method: 'POST',
    url: '/oauth/token',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    payload: new URLSearchParams(form).toString(),
  });
}

export const basic = (clientId: string, secret: string) =>
  `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString('base64')}`;

/** An access token for a habilitation's client. */
export async function accessToken(app: FastifyInstance, client: { clientId: string; clientSecret: string }) {
  const response = await tokenRequest(app, {
    grant_type: 'client_credentials',
    client_id: client.clientId,
    client_secret: client.clientSecret,
  });
  if (response.statusCode !== 200) throw new Error(`token refused: ${response.body}`);
  return (response.json() as { access_token: string }).access_token;
}
