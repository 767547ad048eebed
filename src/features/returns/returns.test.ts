import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bytesOf, generatedDsn, intakeContext, memoryStore } from '../../../test/deposit-helpers.ts';
import { buildApp } from '../../app/http-app.ts';
import { silentLogger } from '../../platform/log.ts';
import type { Store } from '../../platform/store/database.ts';
import { createDeclarant } from '../declarant/declarants.ts';

interface Page {
  events: {
    position: number;
    kind: string;
    label: string;
    at: string;
    depositId: string;
    summary: Record<string, unknown>;
    links: Record<string, string>;
  }[];
  next: number;
  more: boolean;
}

/** The returns stream over HTTP, on PGlite: order, resumption, isolation, links, counts. */
describe('returns stream', () => {
  let store: Store;
  let app: FastifyInstance;
  let mine: string;
  let theirs: string;
  let text: string;

  beforeAll(async () => {
    store = await memoryStore();
    text = await generatedDsn({ month: '2026-02', seed: 31, establishments: 1, employees: 4 });
    const siren = /^S21\.G00\.06\.001,'(\d{9})'/m.exec(text)![1]!;
    mine = (await createDeclarant(store.db, 'Entreprise', siren)).token;
    theirs = (await createDeclarant(store.db, 'Autre entreprise', '732829320')).token;
    app = await buildApp({ ...intakeContext(store), log: silentLogger(), operatorToken: 'operateur-secret' });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const deposit = async (token: string, body: string, fileName: string) => {
    const response = await app.inject({
      method: 'POST',
      url: `/v1/depots?fileName=${fileName}`,
      headers: { 'content-type': 'application/octet-stream', ...auth(token) },
      payload: bytesOf(body),
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as {
      acknowledgement: { depositId: string };
      status: string;
      summary: { blocking: number; nonBlocking: number };
    };
  };
  const read = async (token: string, query = '') => {
    const response = await app.inject({ url: `/v1/retours${query}`, headers: auth(token) });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as Page;
  };

  let accepted: string;
  let rejected: string;

  it('lists what each deposit sent back, in the order sent: acknowledgement first, then report or certificate', async () => {
    expect((await read(mine)).events).toEqual([]);
    const first = await deposit(mine, text, 'fevrier.dsn');
    accepted = first.acknowledgement.depositId;
    const refused = await deposit(mine, 'ceci n’est pas une DSN\n', 'texte.dsn');
    expect(refused.status).toBe('rejected');
    rejected = refused.acknowledgement.depositId;

    const page = await read(mine);
    expect(page.events.map((e) => [e.depositId, e.kind])).toEqual([
      [accepted, 'ACCUSE_RECEPTION'],
      // An accepted deposit's report is a return only when it has anomalies to read.
      ...(first.summary.nonBlocking > 0 ? [[accepted, 'BILAN_ANOMALIES']] : []),
      [accepted, 'CERTIFICAT_CONFORMITE'],
      [rejected, 'ACCUSE_RECEPTION'],
      [rejected, 'BILAN_ANOMALIES'],
    ]);
    const positions = page.events.map((e) => e.position);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(new Set(positions).size).toBe(positions.length);
    expect(page.next).toBe(positions.at(-1));
    expect(page.more).toBe(false);
    expect(page.events[0]).toMatchObject({ label: 'Accusé de réception', summary: { status: 'accepted' } });
    expect(page.events.at(-1)).toMatchObject({
      label: 'Bilan des anomalies',
      summary: { status: 'rejected', blocking: expect.any(Number) },
    });
    expect(page.events.at(-1)!.summary['blocking']).toBeGreaterThan(0);
  });

  it('resumes from a cursor: page by page gives the same returns as one read, then only the new ones', async () => {
    const whole = await read(mine);
    const walked: Page['events'] = [];
    let cursor = 0;
    for (;;) {
      const page = await read(mine, `?apres=${cursor}&limite=1`);
      walked.push(...page.events);
      cursor = page.next;
      if (!page.more) break;
    }
    expect(walked).toEqual(whole.events);
    expect(await read(mine, `?apres=${cursor}`)).toEqual({ events: [], next: cursor, more: false });

    const march = await generatedDsn({ month: '2026-03', seed: 31, establishments: 1, employees: 4 });
    const later = (await deposit(mine, march, 'mars.dsn')).acknowledgement.depositId;
    const fresh = await read(mine, `?apres=${cursor}`);
    expect(fresh.events.length).toBeGreaterThan(0);
    expect(fresh.events.every((e) => e.depositId === later && e.position > cursor)).toBe(true);
  });

  it('never shows a declarant the returns of another, even about the same company', async () => {
    expect((await read(theirs)).events).toEqual([]);
    // The company is outside their perimeter: refused for them, and told to them alone.
    const april = await generatedDsn({ month: '2026-04', seed: 31, establishments: 1, employees: 4 });
    const refused = await deposit(theirs, april, 'avril.dsn');
    expect(refused.status).toBe('rejected');
    const refusedId = refused.acknowledgement.depositId;
    const their = await read(theirs);
    expect(their.events.map((e) => [e.depositId, e.kind])).toEqual([
      [refusedId, 'ACCUSE_RECEPTION'],
      [refusedId, 'BILAN_ANOMALIES'],
    ]);
    const ours = await read(mine);
    expect(ours.events.some((e) => e.depositId === refusedId)).toBe(false);
    expect(their.events.every((e) => !ours.events.some((o) => o.position === e.position))).toBe(true);
  });

  it('gives links that resolve: the deposit, its file, its report, its certificate, the public verification', async () => {
    const { events } = await read(mine);
    const kinds = new Map<string, Set<string>>();
    for (const event of events) {
      kinds.set(event.kind, new Set([...(kinds.get(event.kind) ?? []), ...Object.keys(event.links)]));
      for (const [name, link] of Object.entries(event.links)) {
        // The verification page is for anyone: asked without a token.
        const headers = name === 'verification' ? {} : auth(mine);
        const response = await app.inject({ url: link, headers });
        expect(response.statusCode, `${event.kind} ${name} ${link}`).toBe(200);
      }
    }
    expect([...kinds.get('ACCUSE_RECEPTION')!].sort()).toEqual(['deposit', 'file']);
    expect([...kinds.get('BILAN_ANOMALIES')!].sort()).toEqual(['deposit', 'report', 'reportPage']);
    expect([...kinds.get('CERTIFICAT_CONFORMITE')!].sort()).toEqual([
      'certificate',
      'deposit',
      'verification',
    ]);
    const certificate = events.find((e) => e.kind === 'CERTIFICAT_CONFORMITE')!;
    const pdf = await app.inject({ url: certificate.links['certificate']!, headers: auth(mine) });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(certificate.links['verification']).toMatch(/^\/verifier\/([0-9A-Z]{4}-){4}[0-9A-Z]{4}$/);
  });

  it('counts the unread returns by kind after a cursor', async () => {
    const { events, next } = await read(mine);
    const all = await app.inject({ url: '/v1/retours/compteurs', headers: auth(mine) });
    const byKind = (kind: string) => events.filter((e) => e.kind === kind).length;
    expect(all.json()).toEqual({
      unread: events.length,
      byKind: {
        ACCUSE_RECEPTION: byKind('ACCUSE_RECEPTION'),
        BILAN_ANOMALIES: byKind('BILAN_ANOMALIES'),
        CERTIFICAT_CONFORMITE: byKind('CERTIFICAT_CONFORMITE'),
      },
      last: next,
      from: 0,
    });
    const third = events[2]!.position;
    const after = await app.inject({ url: `/v1/retours/compteurs?apres=${third}`, headers: auth(mine) });
    expect(after.json()).toMatchObject({ unread: events.length - 3, last: next });
    const none = await app.inject({ url: `/v1/retours/compteurs?apres=${next}`, headers: auth(mine) });
    expect(none.json()).toEqual({
      unread: 0,
      byKind: { ACCUSE_RECEPTION: 0, BILAN_ANOMALIES: 0, CERTIFICAT_CONFORMITE: 0 },
      last: next,
      from: next,
    });
  });

  it('reads the timeline backwards, newest first, page by page towards the oldest', async () => {
    const whole = (await read(mine)).events;
    const walked: Page['events'] = [];
    let page = await read(mine, '?avant=999999999&limite=2');
    walked.push(...page.events);
    while (page.more) {
      page = await read(mine, `?avant=${page.next}&limite=2`);
      walked.push(...page.events);
    }
    expect(walked).toEqual(whole.toReversed());
    expect(page.next).toBe(whole[0]!.position);
  });

  it('asks for a declarant’s token, and says in French what a malformed cursor should be', async () => {
    const anonymous = await app.inject({ url: '/v1/retours' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().errors[0].code).toBe('AUTH_MISSING');
    const operator = await app.inject({ url: '/v1/retours', headers: auth('operateur-secret') });
    expect(operator.statusCode).toBe(401);
    expect(operator.json().errors[0].code).toBe('AUTH_INVALID');
    const malformed = await app.inject({ url: '/v1/retours?apres=hier', headers: auth(mine) });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().errors[0]).toMatchObject({
      code: 'REQUEST_INVALID',
      source: { parameter: 'apres' },
    });
    const tooMany = await app.inject({ url: '/v1/retours?limite=5000', headers: auth(mine) });
    expect(tooMany.statusCode).toBe(400);
  });
});
