import type { FastifyInstance } from 'fastify';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bytesOf,
  generatedDsn,
  intakeContext,
  memoryStore,
  setRubric,
} from '../../../test/deposit-helpers.ts';
import { buildApp } from '../../app/http-app.ts';
import { operator } from '../../platform/auth/operator.ts';
import { silentLogger } from '../../platform/log.ts';
import type { Store } from '../../platform/store/database.ts';
import { createDeclarant } from '../declarant/declarants.ts';
import { linkAccount } from './accounts.ts';
import { openSession } from './sessions.ts';

/**
 * What a person signed in to the web application reads through the API, with the session cookie
 * and the declarant named: the returns stream and how far they have read it, the certificate, the
 * report as CSV and PDF. On PGlite, over HTTP.
 */
/** Small enough for a file of a few employees to be refused as too large. */
const maxBytes = 200_000;

describe('the declarant space through the API, with a session', () => {
  let store: Store;
  let app: FastifyInstance;
  let text: string;
  let nirs: string[];
  const declarants = { own: '', other: '', foreign: '' };
  const tokens = { own: '', other: '', foreign: '' };
  const cookies = { clerk: '', colleague: '' };
  const deposits = { conform: '', faulty: '', foreign: '' };

  beforeAll(async () => {
    store = await memoryStore();
    app = await buildApp({ ...intakeContext(store, { maxDepositBytes: maxBytes }), log: silentLogger() });
    text = await generatedDsn({ month: '2026-02', seed: 41, establishments: 1, employees: 3 });
    nirs = text
      .split('\n')
      .filter((l) => l.startsWith('S21.G00.30.001,'))
      .map((l) => l.slice(16, -1));
    const siren = /^S21\.G00\.06\.001,'(\d{9})'/m.exec(text)![1]!;
    for (const [key, name, scope] of [
      ['own', 'Boulangerie', siren],
      ['other', 'Garage', '552100554'],
      ['foreign', 'Hors portefeuille', '732829320'],
    ] as const) {
      const created = await createDeclarant(store.db, name, scope);
      declarants[key] = created.declarant.id;
      tokens[key] = created.token;
    }
    for (const [who, email] of [
      ['clerk', 'paie@cabinet.example'],
      ['colleague', 'collegue@cabinet.example'],
    ] as const) {
      await linkAccount(store.db, operator, { email, scope: siren });
      const account = await linkAccount(store.db, operator, { email, scope: '552100554' });
      cookies[who] = `relais_session=${(await openSession(store.db, account.id, null)).value}`;
    }
    const deposit = async (token: string, body: string, fileName: string) => {
      const response = await app.inject({
        method: 'POST',
        url: `/v1/depots?fileName=${fileName}`,
        headers: { 'content-type': 'application/octet-stream', authorization: `Bearer ${token}` },
        payload: bytesOf(body),
      });
      expect(response.statusCode, response.body).toBe(201);
      return response.json().acknowledgement.depositId as string;
    };
    deposits.conform = await deposit(tokens.own, text, 'fevrier.dsn');
    // The second employee's NIR malformed: a blocking anomaly on a NIR rubric, quoting its value.
    const march = await generatedDsn({ month: '2026-03', seed: 41, establishments: 1, employees: 3 });
    deposits.faulty = await deposit(
      tokens.own,
      setRubric(march, 'S21.G00.30.001', '18505X5123456', 2),
      'mars.dsn',
    );
    deposits.foreign = await deposit(
      tokens.foreign,
      await generatedDsn({ siren: '732829320', month: '2026-02', seed: 42, employees: 2 }),
      'autre.dsn',
    );
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  const origin = { origin: 'http://localhost:80' };
  const get = (cookie: string, url: string, declarant?: string) =>
    app.inject({ url, headers: { cookie, ...(declarant ? { 'relais-declarant': declarant } : {}) } });
  const markRead = (cookie: string, declarant: string, position: number, headers = origin) =>
    app.inject({
      method: 'PUT',
      url: '/v1/retours/lu',
      headers: { cookie, 'relais-declarant': declarant, ...headers },
      payload: { position },
    });

  it('reads a declarant’s returns with the session, as its token does, and none outside the portfolio', async () => {
    const withToken = await app.inject({
      url: '/v1/retours?avant=999999&limite=50',
      headers: { authorization: `Bearer ${tokens.own}` },
    });
    const withSession = await get(cookies.clerk, '/v1/retours?avant=999999&limite=50', declarants.own);
    expect(withSession.statusCode, withSession.body).toBe(200);
    expect(withSession.json()).toEqual(withToken.json());
    expect(withSession.json().events[0].depositId).toBe(deposits.faulty);
    const foreign = await get(cookies.clerk, '/v1/retours', declarants.foreign);
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().errors[0].code).toBe('PORTFOLIO_FORBIDDEN');
  });

  it('keeps how far each person has read each declarant, forward only, and counts the unread from there', async () => {
    const own = (await get(cookies.clerk, '/v1/retours?limite=50', declarants.own)).json();
    const positions: number[] = own.events.map((e: { position: number }) => e.position);
    const unread = async (cookie: string) => (await get(cookie, '/v1/retours/non-lus')).json();
    expect(await unread(cookies.clerk)).toEqual({
      unread: positions.length,
      declarants: [
        { declarantId: declarants.own, unread: positions.length, read: 0, last: positions.at(-1) },
        { declarantId: declarants.other, unread: 0, read: 0, last: 0 },
      ],
    });

    const marked = await markRead(cookies.clerk, declarants.own, positions[1]!);
    expect(marked.statusCode, marked.body).toBe(200);
    expect(marked.json()).toEqual({ read: positions[1] });
    // An older tab marking less read changes nothing.
    expect((await markRead(cookies.clerk, declarants.own, positions[0]!)).json()).toEqual({
      read: positions[1],
    });
    expect((await unread(cookies.clerk)).declarants[0]).toMatchObject({
      unread: positions.length - 2,
      read: positions[1],
    });
    const counts = (await get(cookies.clerk, '/v1/retours/compteurs', declarants.own)).json();
    expect(counts).toMatchObject({ unread: positions.length - 2, from: positions[1] });
    // The colleague's account has read nothing: the position is the person's, not the declarant's.
    expect((await unread(cookies.colleague)).unread).toBe(positions.length);
    // A token keeps its own cursor: its counts start at 0 whatever people have read.
    const token = await app.inject({
      url: '/v1/retours/compteurs',
      headers: { authorization: `Bearer ${tokens.own}` },
    });
    expect(token.json()).toMatchObject({ unread: positions.length, from: 0 });
  });

  it('refuses to mark past the last return, from another site, or for a token, saying why in French', async () => {
    const beyond = await markRead(cookies.clerk, declarants.other, 5);
    expect(beyond.statusCode).toBe(400);
    expect(beyond.json().errors[0]).toMatchObject({
      code: 'RETURNS_POSITION_INVALID',
      detail: expect.stringContaining('dépasse'),
    });
    const forged = await markRead(cookies.clerk, declarants.own, 1, { origin: 'https://ailleurs.example' });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().errors[0].code).toBe('AUTH_ORIGIN');
    const token = await app.inject({
      method: 'PUT',
      url: '/v1/retours/lu',
      headers: { authorization: `Bearer ${tokens.own}` },
      payload: { position: 1 },
    });
    expect(token.statusCode).toBe(403);
    expect(token.json().errors[0]).toMatchObject({ code: 'RETURNS_ACCOUNT_ONLY' });
    expect((await get(cookies.colleague, '/v1/retours/non-lus')).json().declarants[1].read).toBe(0);
  });

  it('downloads the certificate of a declarant of the portfolio, by header or by link, and no other’s', async () => {
    const byHeader = await get(cookies.clerk, `/v1/depots/${deposits.conform}/certificat`, declarants.own);
    expect(byHeader.statusCode, byHeader.body).toBe(200);
    expect(byHeader.headers['content-type']).toBe('application/pdf');
    expect(byHeader.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
    const byLink = await get(
      cookies.clerk,
      `/v1/depots/${deposits.conform}/certificat?declarant=${declarants.own}`,
    );
    expect(byLink.statusCode).toBe(200);
    // Another declarant of the same portfolio did not make this deposit: for it, none such exists.
    const wrongDeclarant = await get(
      cookies.clerk,
      `/v1/depots/${deposits.conform}/certificat`,
      declarants.other,
    );
    expect(wrongDeclarant.statusCode).toBe(404);
    expect(wrongDeclarant.json().errors[0].code).toBe('DEPOSIT_NOT_FOUND');
    const outside = await get(cookies.clerk, `/v1/depots/${deposits.foreign}/certificat`, declarants.foreign);
    expect(outside.statusCode).toBe(403);
    expect(outside.json().errors[0].code).toBe('PORTFOLIO_FORBIDDEN');
    const anonymous = await app.inject({ url: `/v1/depots/${deposits.conform}/certificat` });
    expect(anonymous.statusCode).toBe(401);
  });

  it('downloads the report as CSV with French columns and as PDF, never with a NIR in clear', async () => {
    const csv = await get(cookies.clerk, `/v1/depots/${deposits.faulty}/bilan?format=csv`, declarants.own);
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toContain(`bilan-${deposits.faulty}.csv`);
    const rows = parse(csv.body, { bom: true, columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual(
      expect.arrayContaining(['Code du contrôle', 'Gravité', 'Ligne', 'Message']),
    );
    const report = (await get(cookies.clerk, `/v1/depots/${deposits.faulty}/bilan`, declarants.own)).json();
    expect(rows.map((r) => r['Code du contrôle'])).toEqual(
      expect.arrayContaining(report.report.groups.map((g: { code: string }) => g.code)),
    );
    const onNir = rows.find((r) => r['Rubrique'] === 'S21.G00.30.001');
    expect(onNir?.['Valeur']).toMatch(/^\*+3456$/);
    expect(onNir?.['Gravité']).toBe('bloquante');

    const pdf = await get(cookies.clerk, `/v1/depots/${deposits.faulty}/bilan?format=pdf`, declarants.own);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
    const { extractText } = await import('unpdf');
    const { text: pages } = await extractText(new Uint8Array(pdf.rawPayload), { mergePages: true });
    expect(pages).toContain('Bilan de conformité');
    expect(pages).toContain('S21.G00.30.001');
    const march = nirs.concat('18505X5123456');
    for (const nir of march) {
      expect(csv.body).not.toContain(nir);
      expect(pages).not.toContain(nir);
    }
    const other = await get(
      cookies.clerk,
      `/v1/depots/${deposits.faulty}/bilan?format=csv`,
      declarants.other,
    );
    expect(other.statusCode).toBe(404);
  });

  describe('bad input from the deposit page', () => {
    const upload = (cookie: string, body: Buffer, fileName: string) =>
      app.inject({
        method: 'POST',
        url: `/v1/depots?fileName=${fileName}`,
        headers: {
          cookie,
          ...origin,
          'relais-declarant': declarants.own,
          'content-type': 'application/octet-stream',
        },
        payload: body,
      });
    const depositCount = async () =>
      Number(
        (
          await store.db
            .selectFrom('deposit')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('declarant_id', '=', declarants.own)
            .executeTakeFirstOrThrow()
        ).n,
      );

    it('tells the page the size limit, and refuses a larger file before storing anything', async () => {
      const limits = await get(cookies.clerk, '/v1/depots/limites');
      expect(limits.json()).toEqual({ maxDepositBytes: maxBytes });
      const before = await depositCount();
      const large = await upload(cookies.clerk, Buffer.alloc(maxBytes + 1, 0x41), 'enorme.dsn');
      expect(large.statusCode).toBe(413);
      expect(large.json().errors[0]).toMatchObject({
        code: 'DEPOSIT_TOO_LARGE',
        detail: expect.stringContaining('dépasse la taille maximale'),
      });
      expect(await depositCount()).toBe(before);
    });

    it('refuses a deposit whose session has expired, storing nothing, and says to sign in again', async () => {
      const account = await linkAccount(store.db, operator, {
        email: 'expiree@cabinet.example',
        scope: /^S21\.G00\.06\.001,'(\d{9})'/m.exec(text)![1]!,
      });
      const elevenHoursAgo = new Date(Date.now() - 11 * 3_600_000);
      const expired = `relais_session=${(await openSession(store.db, account.id, null, elevenHoursAgo)).value}`;
      const before = await depositCount();
      const april = await generatedDsn({ month: '2026-04', seed: 41, establishments: 1, employees: 2 });
      const refused = await upload(expired, bytesOf(april), 'avril.dsn');
      expect(refused.statusCode).toBe(401);
      expect(refused.json().errors[0]).toMatchObject({
        code: 'AUTH_INVALID',
        detail: expect.stringContaining('session a expiré'),
      });
      expect(await depositCount()).toBe(before);
    });

    it('stores a file deposited from two tabs once: the second gets the first deposit, marked duplicate', async () => {
      const may = bytesOf(
        await generatedDsn({ month: '2026-05', seed: 41, establishments: 1, employees: 2 }),
      );
      const before = await depositCount();
      const [first, second] = await Promise.all([
        upload(cookies.clerk, may, 'mai.dsn'),
        upload(cookies.clerk, may, 'mai.dsn'),
      ]);
      const answers = [first!, second!].map((r) => [r.statusCode, r.json().duplicate]).sort();
      expect(answers).toEqual([
        [200, true],
        [201, false],
      ]);
      expect(first!.json().acknowledgement.depositId).toBe(second!.json().acknowledgement.depositId);
      expect(await depositCount()).toBe(before + 1);
    });
  });
});
