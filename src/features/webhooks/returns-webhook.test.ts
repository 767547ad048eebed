import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bytesOf, intakeContext, memoryStore } from '../../../test/deposit-helpers.ts';
import { cafSiren } from '../../../test/exchange-callers.ts';
import { startReceiver, verifyWebhook, type Receiver } from '../../../test/webhook-receiver.ts';
import { buildApp } from '../../app/http-app.ts';
import { silentLogger } from '../../platform/log.ts';
import type { Store } from '../../platform/store/database.ts';
import { createDeclarant } from '../declarant/declarants.ts';
import { linkDeclarant } from '../web/accounts-repository.ts';
import { accountSignedIn, openSession, sessionCookie } from '../web/sessions.ts';
import { WebhookDispatcher } from './dispatcher.ts';
import { ephemeralWebhookKey } from './secret.ts';
import { defaultWebhookSettings, type WebhookSettings } from './settings.ts';

interface Message {
  type: string;
  timestamp: string;
  data: { events: { position: number; kind: string; links: Record<string, string> }[]; next: number };
}

/** The returns stream pushed by webhook, over HTTP, on PGlite, to a receiver on 127.0.0.1. */
describe('returns webhook', () => {
  const key = ephemeralWebhookKey();
  const settings: WebhookSettings = {
    ...defaultWebhookSettings,
    allowHttp: true,
    minDelayMs: 5_000,
    maxAttempts: 3,
    timeoutMs: 2_000,
    batchSize: 2,
  };
  let store: Store;
  let app: FastifyInstance;
  let receiver: Receiver;
  let mine: string;
  let mineId: string;
  let theirs: string;
  let theirId: string;
  let clock = new Date();
  const dispatcher = () =>
    new WebhookDispatcher(store.db, key, settings, silentLogger(), { now: () => clock, random: () => 0 });
  const later = (ms: number) => (clock = new Date(clock.getTime() + ms));

  beforeAll(async () => {
    store = await memoryStore();
    receiver = await startReceiver();
    const own = await createDeclarant(store.db, 'Entreprise', cafSiren);
    mine = own.token;
    mineId = own.declarant.id;
    const other = await createDeclarant(store.db, 'Autre entreprise', '732829320');
    theirs = other.token;
    theirId = other.declarant.id;
    app = await buildApp({
      ...intakeContext(store),
      log: silentLogger(),
      operatorToken: 'operateur-secret',
      webhooks: { key, allowHttp: settings.allowHttp },
    });
  });
  afterAll(async () => {
    await app.close();
    await receiver.close();
    await store.close();
  });

  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const register = (token: string, body: Record<string, unknown>, query = '') =>
    app.inject({ method: 'PUT', url: `/v1/retours/webhook${query}`, headers: auth(token), payload: body });
  const state = async (token: string) => {
    const response = await app.inject({ url: '/v1/retours/webhook', headers: auth(token) });
    return { status: response.statusCode, body: response.json() as Record<string, unknown> };
  };
  let fileNumber = 0;
  const deposit = async () => {
    // A file that is not a DSN is refused fast, and still gets its returns; each one differs.
    fileNumber++;
    const response = await app.inject({
      method: 'POST',
      url: `/v1/depots?fileName=f${fileNumber}.dsn`,
      headers: { 'content-type': 'application/octet-stream', ...auth(mine) },
      payload: bytesOf(`ceci n’est pas une DSN ${fileNumber}\n`),
    });
    expect(response.statusCode, response.body).toBe(201);
  };
  /** The messages received at `path`, once each (a retry has the same `webhook-id`). */
  const messages = (path: string) => {
    const seen = new Set<unknown>();
    return receiver.received
      .filter(
        (r) => r.path === path && !seen.has(r.headers['webhook-id']) && seen.add(r.headers['webhook-id']),
      )
      .map((r) => JSON.parse(r.body) as Message);
  };

  let secret: string;

  it('refuses URLs it would not send to, in French, naming the field', async () => {
    for (const url of ['pas une adresse', 'ftp://exemple.fr/x', 'https://moi:secret@exemple.fr/x']) {
      const response = await register(mine, { url });
      expect(response.statusCode, url).toBe(400);
      const [error] = (response.json() as { errors: { code: string; detail: string; source: unknown }[] })
        .errors;
      expect(error).toMatchObject({ code: 'WEBHOOK_URL_INVALID', source: { pointer: '/url' } });
      expect(error!.detail).toMatch(/adresse/i);
    }
    expect((await state(mine)).status).toBe(404);
  });

  it('pushes the returns, signed, as the pull API gives them, to their own declarant only', async () => {
    const created = await register(mine, { url: receiver.url('/mine') });
    expect(created.statusCode, created.body).toBe(201);
    secret = (created.json() as { secret: string }).secret;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect((await state(mine)).body).not.toHaveProperty('secret');
    // A declarant's token names no other declarant: the parameter is a member's choice only.
    expect(
      (await register(theirs, { url: receiver.url('/theirs') }, `?declarant=${theirId}`)).statusCode,
    ).toBe(201);
    expect((await register(theirs, { url: receiver.url('/theirs') }, '?declarant=autre')).statusCode).toBe(
      200,
    );
    expect((await state(mine)).body['url']).toBe(receiver.url('/mine'));

    await deposit();
    await dispatcher().runUntilIdle();
    const sent = receiver.received.filter((r) => r.path === '/mine');
    expect(sent.length).toBeGreaterThan(0);
    for (const message of sent) {
      expect(verifyWebhook(secret, message.headers, message.body, clock.getTime() / 1000)).toBe(true);
      expect(message.headers['webhook-id']).toMatch(/^msg_/);
    }
    const pushed = messages('/mine').flatMap((m) => m.data.events);
    const pulled = await app.inject({ url: '/v1/retours?apres=0', headers: auth(mine) });
    expect(pushed).toEqual((pulled.json() as Message['data']).events);
    expect(pushed.map((e) => e.kind)).toContain('ACCUSE_RECEPTION');
    expect(messages('/mine').every((m) => m.type === 'retours.evenements')).toBe(true);
    expect(messages('/theirs')).toEqual([]);
    expect((await state(mine)).body).toMatchObject({ etat: 'actif', enAttente: 0, echec: null });

    const listed = await app.inject({ url: '/v1/admin/webhooks', headers: auth('operateur-secret') });
    expect((listed.json() as { url: string; flux: string }[]).map((w) => `${w.flux} ${w.url}`)).toEqual([
      `retours ${receiver.url('/mine')}`,
      `retours ${receiver.url('/theirs')}`,
    ]);
    expect((await app.inject({ url: '/v1/admin/webhooks', headers: auth(mine) })).statusCode).toBe(403);
  });

  it('refuses a replayed, late or altered message on the receiver’s side', () => {
    const [first] = receiver.received.filter((r) => r.path === '/mine');
    const at = Number(first!.headers['webhook-timestamp']);
    expect(verifyWebhook(secret, first!.headers, first!.body, at + 60)).toBe(true);
    expect(verifyWebhook(secret, first!.headers, first!.body, at + 10 * 60)).toBe(false);
    expect(verifyWebhook(secret, first!.headers, first!.body.replace('"', '"x'), at)).toBe(false);
    expect(
      verifyWebhook(secret, { ...first!.headers, 'webhook-timestamp': String(at + 1) }, first!.body, at),
    ).toBe(false);
  });

  it('tries again after a 500, with the same id, later, and resumes after a restart', async () => {
    const before = receiver.received.length;
    receiver.answers.push(500);
    await deposit();
    await dispatcher().runUntilIdle();
    expect(receiver.received.length).toBe(before + 1);
    const waiting = (await state(mine)).body;
    expect(waiting).toMatchObject({ etat: 'actif', tentatives: 1 });
    expect((waiting['enAttente'] as number) > 0).toBe(true);
    // Not due yet: a new dispatcher, as after a restart, sends nothing before the delay.
    await dispatcher().runUntilIdle();
    expect(receiver.received.length).toBe(before + 1);
    later(settings.minDelayMs);
    await dispatcher().runUntilIdle();
    const attempts = receiver.received.slice(before);
    expect(attempts[1]!.headers['webhook-id']).toBe(attempts[0]!.headers['webhook-id']);
    expect(attempts[1]!.body).toBe(attempts[0]!.body);
    expect((await state(mine)).body).toMatchObject({ enAttente: 0, tentatives: 0 });
  });

  it('gives up an attempt the receiver does not answer in time', async () => {
    receiver.answers.push(0);
    await deposit();
    const impatient = new WebhookDispatcher(store.db, key, { ...settings, timeoutMs: 200 }, silentLogger(), {
      now: () => clock,
      random: () => 0,
    });
    await impatient.runUntilIdle();
    const waiting = await app.inject({ url: '/v1/retours/webhook', headers: auth(mine) });
    expect(waiting.json()).toMatchObject({ tentatives: 1 });
    later(settings.minDelayMs);
    await impatient.runUntilIdle();
    expect((await state(mine)).body).toMatchObject({ enAttente: 0, tentatives: 0 });
  });

  it('keeps the stream’s order across messages', async () => {
    await deposit();
    await deposit();
    await dispatcher().runUntilIdle();
    const all = messages('/mine');
    expect(all.length).toBeGreaterThan(2);
    expect(all.every((m) => m.data.events.length <= settings.batchSize)).toBe(true);
    const positions = all.flatMap((m) => m.data.events.map((e) => e.position));
    expect(positions).toEqual([...new Set(positions)].sort((a, b) => a - b));
  });

  it('marks the webhook failing after its last attempt, and resumes when registered again', async () => {
    receiver.answers.push(503, 503, 503);
    const before = receiver.received.length;
    await deposit();
    for (let attempt = 0; attempt < settings.maxAttempts; attempt++) {
      await dispatcher().runUntilIdle();
      later(settings.maxDelayMs);
    }
    expect(receiver.received.length).toBe(before + settings.maxAttempts);
    const failing = (await state(mine)).body;
    expect(failing).toMatchObject({
      etat: 'en_echec',
      tentatives: settings.maxAttempts,
      prochainEssai: null,
    });
    expect(failing['echec']).toMatch(/3 tentatives.*HTTP 503/);
    await deposit();
    await dispatcher().runUntilIdle();
    expect(receiver.received.length).toBe(before + settings.maxAttempts);

    const again = await register(mine, { url: receiver.url('/mine') });
    expect(again.statusCode).toBe(200);
    secret = (again.json() as { secret: string }).secret;
    await dispatcher().runUntilIdle();
    const resumed = receiver.received.slice(before + settings.maxAttempts);
    expect(resumed.length).toBeGreaterThan(1);
    expect(verifyWebhook(secret, resumed[0]!.headers, resumed[0]!.body, clock.getTime() / 1000)).toBe(true);
    expect((await state(mine)).body).toMatchObject({ etat: 'actif', enAttente: 0 });
    const positions = messages('/mine').flatMap((m) => m.data.events.map((e) => e.position));
    const last = (await app.inject({ url: '/v1/retours/compteurs', headers: auth(mine) })).json() as {
      last: number;
    };
    expect(Math.max(...positions)).toBe(last.last);
  });

  it('stops on unsubscription', async () => {
    const removed = await app.inject({ method: 'DELETE', url: '/v1/retours/webhook', headers: auth(mine) });
    expect(removed.statusCode).toBe(204);
    expect((await state(mine)).status).toBe(404);
    const before = receiver.received.length;
    await deposit();
    await dispatcher().runUntilIdle();
    expect(receiver.received.length).toBe(before);
    expect(
      (await app.inject({ method: 'DELETE', url: '/v1/retours/webhook', headers: auth(mine) })).statusCode,
    ).toBe(404);
  });

  it('lets a signed-in member register for a declarant of their portfolio, and no other', async () => {
    const account = await accountSignedIn(store.db, {
      issuer: 'https://fournisseur.test',
      subject: 'membre-1',
      email: 'paie@entreprise.test',
      name: 'Membre',
    });
    await linkDeclarant(store.db, account.id, mineId);
    const session = await openSession(store.db, account.id, null);
    const asMember = (query: string) =>
      app.inject({
        method: 'PUT',
        url: `/v1/retours/webhook${query}`,
        headers: { cookie: `${sessionCookie}=${session.value}`, origin: 'http://localhost:80' },
        payload: { url: receiver.url('/membre') },
      });
    const refused = await asMember(`?declarant=${theirId}`);
    expect(refused.statusCode, refused.body).toBe(403);
    expect(refused.json()).toMatchObject({ errors: [{ code: 'PORTFOLIO_FORBIDDEN' }] });
    expect((await state(theirs)).body['url']).toBe(receiver.url('/theirs'));
    expect((await asMember(`?declarant=${mineId}`)).statusCode).toBe(201);
    expect((await state(mine)).body['url']).toBe(receiver.url('/membre'));
  });
});
