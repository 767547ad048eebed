import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chunked, generatedDsn, intakeContext, memoryStore } from '../../../test/deposit-helpers.ts';
import { declaredPersons, type DeclaredPerson } from '../../../test/drm-helpers.ts';
import {
  cafSiret,
  habilitatedBody,
  msaSiret,
  personLine,
  testBodyResolver,
} from '../../../test/exchange-callers.ts';
import { startReceiver, verifyWebhook, type Receiver } from '../../../test/webhook-receiver.ts';
import { buildApp } from '../../app/http-app.ts';
import type { BodyCaller } from '../../platform/auth/caller.ts';
import { silentLogger } from '../../platform/log.ts';
import { appendEvents } from '../../platform/outbox/events-repository.ts';
import type { Store } from '../../platform/store/database.ts';
import { depositDsn } from '../deposit/deposit.ts';
import { readFeed, type FeedItem } from '../exchange/feed.ts';
import { followPersons } from '../exchange/follows.ts';
import { WebhookDispatcher } from './dispatcher.ts';
import { ephemeralWebhookKey } from './secret.ts';
import { defaultWebhookSettings } from './settings.ts';

const now = new Date('2026-05-15T10:00:00Z');

/** The change feed pushed by webhook: each habilitation gets the changes of the persons it follows. */
describe('change feed webhook', () => {
  const key = ephemeralWebhookKey();
  let store: Store;
  const dispatchAll = () =>
    new WebhookDispatcher(store.db, key, { ...defaultWebhookSettings, allowHttp: true }, silentLogger(), {
      now: () => now,
    }).runUntilIdle();
  let app: FastifyInstance;
  let receiver: Receiver;
  let caf: BodyCaller;
  let msa: BodyCaller;
  let march: string;

  beforeAll(async () => {
    store = await memoryStore();
    receiver = await startReceiver();
    march = await generatedDsn({ seed: 31, establishments: 1, employees: 2, month: '2026-03' });
    caf = await habilitatedBody(store.db, { siret: cafSiret });
    msa = await habilitatedBody(store.db, { siret: msaSiret });
    app = await buildApp({
      ...intakeContext(store),
      log: silentLogger(),
      bodyResolver: testBodyResolver({ 'organisme-test-caf': caf, 'organisme-test-msa': msa }),
      webhooks: { key, allowHttp: true },
    });
  });
  afterAll(async () => {
    await app.close();
    await receiver.close();
    await store.close();
  });

  const deposit = (text: string, at: string) =>
    depositDsn(
      { ...intakeContext(store), now: () => new Date(at) },
      { source: chunked(text), declarant: null },
    );
  const register = (token: string, body: Record<string, unknown>) =>
    app.inject({
      method: 'PUT',
      url: '/v1/flux/webhook',
      headers: { authorization: `Bearer ${token}` },
      payload: body,
    });
  const pushed = (path: string) =>
    receiver.received
      .filter((r) => r.path === path)
      .flatMap((r) => (JSON.parse(r.body) as { data: { evenements: FeedItem[] } }).data.evenements);

  it('gives a body only the changes of the persons it follows under that habilitation', async () => {
    expect((await deposit(march, '2026-04-05T10:00:00Z')).status).toBe('accepted');
    const [anne, bruno] = declaredPersons(march) as [DeclaredPerson, DeclaredPerson];
    await followPersons(store.db, caf, [{ line: 1, text: personLine(anne, 'D-ANNE') }], now);
    await followPersons(store.db, msa, [{ line: 1, text: personLine(bruno, 'D-BRUNO') }], now);

    const refused = await register('organisme-test-caf', {
      url: receiver.url('/caf'),
      apres: 'pas-un-curseur!',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ errors: [{ code: 'EXCHANGE_CURSOR_INVALID' }] });
    const cafHook = await register('organisme-test-caf', { url: receiver.url('/caf') });
    expect(cafHook.statusCode, cafHook.body).toBe(201);
    const secret = (cafHook.json() as { secret: string }).secret;
    expect((await register('organisme-test-msa', { url: receiver.url('/msa') })).statusCode).toBe(201);

    const april = await generatedDsn({ seed: 31, establishments: 1, employees: 2, month: '2026-04' });
    expect((await deposit(april, '2026-05-05T10:00:00Z')).status).toBe('accepted');
    await dispatchAll();

    const toCaf = pushed('/caf');
    expect(toCaf.map((i) => `${i.dossier} ${i.mois} ${i.nature}`)).toEqual(['D-ANNE 2026-04 ajout']);
    expect(pushed('/msa').map((i) => `${i.dossier} ${i.mois} ${i.nature}`)).toEqual([
      'D-BRUNO 2026-04 ajout',
    ]);
    // The same thin event as the pull API: no amount, no NIR.
    expect(toCaf).toEqual((await readFeed(store.db, caf, '0', 100, now)).evenements);
    const body = receiver.received.find((r) => r.path === '/caf')!;
    expect(body.body).not.toContain(anne.nir.slice(0, 13));
    expect(verifyWebhook(secret, body.headers, body.body, now.getTime() / 1000)).toBe(true);
    expect(JSON.parse(body.body)).toMatchObject({ type: 'flux.evenements', timestamp: now.toISOString() });

    const shown = await app.inject({
      url: '/v1/flux/webhook',
      headers: { authorization: 'Bearer organisme-test-msa' },
    });
    expect(shown.json()).toMatchObject({ url: receiver.url('/msa'), etat: 'actif', enAttente: 0 });
  });

  it('closes the webhook of a revoked habilitation at its next event', async () => {
    await store.db
      .updateTable('habilitation')
      .set({ revoked_at: now })
      .where('id', '=', msa.habilitationId)
      .execute();
    const event = { deposit_id: null, declarant_id: null, declaration_id: null, declaration_key: null };
    await appendEvents(store.db, [{ ...event, kind: 'deposit.received', at: now, siret: null, month: null }]);
    await dispatchAll();
    const shown = await app.inject({
      url: '/v1/flux/webhook',
      headers: { authorization: 'Bearer organisme-test-msa' },
    });
    expect(shown.json()).toMatchObject({ etat: 'en_echec', echec: 'L’habilitation a été révoquée.' });
  });
});
