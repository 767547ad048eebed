import { connect } from 'node:net';
import { chmodSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bytesOf, generatedDsn, intakeContext, memoryStore } from '../../test/deposit-helpers.ts';
import { concurrentReads, partFiles, stalledDeposit, until } from '../../test/hardening-helpers.ts';
import { createDeclarant } from '../features/declarant/declarants.ts';
import { BlobStore } from '../features/deposit/blob-store.ts';
import { purgeRejectedDeposits } from '../features/deposit/retention.ts';
import { defaultDepositQuotas } from '../platform/config.ts';
import { clientErrorHandler } from '../platform/http/timeouts.ts';
import { silentLogger } from '../platform/log.ts';
import type { Store } from '../platform/store/database.ts';
import { buildApp } from './http-app.ts';

const junk = (i: number) => bytesOf(`pas une DSN, essai ${i}\n`);

// One embedded database for the whole file: each block builds its own application over it.
let store: Store;
beforeAll(async () => {
  store = await memoryStore();
});
afterAll(async () => {
  await store?.close();
});

/** Issue 23: a stalled upload, floods, headers, quotas, retention, on the embedded database. */
describe('hardening (PGlite)', () => {
  let app: FastifyInstance;
  let blobs: BlobStore;
  let token: string;
  let text: string;

  beforeAll(async () => {
    text = await generatedDsn({ month: '2026-02', seed: 23, establishments: 1, employees: 3 });
    const siren = /^S21\.G00\.06\.001,'(\d{9})'/m.exec(text)![1]!;
    token = (await createDeclarant(store.db, 'Entreprise', siren)).token;
    const intake = intakeContext(store);
    blobs = intake.blobs;
    app = await buildApp({
      ...intake,
      log: silentLogger(),
      depositQuotas: { ...defaultDepositQuotas, bytesPerDay: 0 },
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await app.close();
  });

  const auth = (t = token) => ({ authorization: `Bearer ${t}` });
  const deposit = (body: Buffer, headers: Record<string, string> = {}, target = app) =>
    target.inject({
      method: 'POST',
      url: '/v1/depots',
      headers: { 'content-type': 'application/octet-stream', ...auth(), ...headers },
      payload: body,
    });

  it('serves 50 reads while an upload is stalled half-way, which then leaves no temporary file', async () => {
    const stalled = await stalledDeposit(app, blobs, token, bytesOf(text));
    const statuses = await concurrentReads(app, token, 50);
    expect(statuses).toEqual(Array(50).fill(200));
    stalled.cut();
    await until(() => partFiles(blobs).length === 0);
    expect((await app.inject({ url: '/v1/depots', headers: auth() })).json().deposits).toEqual([]);
  });

  it('writes temporary files and stored deposits readable by the server’s user only', async () => {
    const stalled = await stalledDeposit(app, blobs, token, bytesOf(text));
    const [part] = partFiles(blobs);
    expect(statSync(join(blobs.root, 'tmp', part!)).mode & 0o777).toBe(0o600);
    stalled.cut();
    await until(() => partFiles(blobs).length === 0);
    const stored = await deposit(bytesOf(text));
    expect(stored.statusCode).toBe(201);
    expect(statSync(blobs.path(stored.json().acknowledgement.sha256)).mode & 0o777).toBe(0o600);
  });

  it('removes at start the temporary files of a process that is gone, not those of a living one', async () => {
    const store = new BlobStore(join(blobs.root, '..', 'sweep'));
    mkdirSync(join(store.root, 'tmp'), { recursive: true });
    // Above any pid_max: no process has it.
    writeFileSync(join(store.root, 'tmp', '2147483646.mort.part'), 'NIR');
    writeFileSync(join(store.root, 'tmp', `${process.pid}.vivant.part`), 'NIR');
    expect(await store.cleanTemporary()).toBe(1);
    expect(partFiles(store)).toEqual([`${process.pid}.vivant.part`]);
  });

  it('sets the security headers on every answer, a content security policy on pages, no-store when authenticated', async () => {
    const home = await app.inject({ url: '/' });
    expect(home.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'same-origin',
      'cache-control': 'no-store',
    });
    expect(home.headers['content-security-policy']).toContain("script-src 'self';");
    expect(home.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    const list = await app.inject({ url: '/v1/depots', headers: auth() });
    expect(list.headers).toMatchObject({ 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    expect(list.headers['content-security-policy']).toBeUndefined();
    const refused = await app.inject({ url: '/v1/depots', headers: auth('relais_x_y') });
    expect(refused.headers['cache-control']).toBe('no-store');
    // A public asset that says it may be cached keeps its own rule.
    expect((await app.inject({ url: '/favicon.ico' })).headers['cache-control']).toBe(
      'public, max-age=86400',
    );
  });

  it('answers malformed requests and oversized headers in the common error format', async () => {
    const raw = (text: string) =>
      new Promise<string>((resolve) => {
        const { port } = app.server.address() as { port: number };
        const socket = connect(port, '127.0.0.1', () => socket.end(text));
        let answer = '';
        socket.on('data', (chunk) => (answer += chunk.toString()));
        socket.on('close', () => resolve(answer));
        socket.on('error', () => {});
      });
    const malformed = await raw('PAS HTTP\r\n\r\n');
    expect(malformed).toMatch(/^HTTP\/1\.1 400 /);
    expect(JSON.parse(malformed.split('\r\n\r\n')[1]!).errors[0]).toMatchObject({ code: 'REQUEST_INVALID' });
    const huge = await raw(`GET / HTTP/1.1\r\nHost: x\r\nX-Long: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(huge).toMatch(/^HTTP\/1\.1 431 /);
    expect(JSON.parse(huge.split('\r\n\r\n')[1]!).errors[0]).toMatchObject({
      code: 'REQUEST_HEADERS_TOO_LARGE',
      title: 'En-têtes trop volumineux',
    });
  });

  it('answers a request not received in time 408 in the common error format', () => {
    let written = '';
    const socket = { destroyed: false, writable: true, write: (t: string) => (written += t), destroy() {} };
    const timeout = Object.assign(new Error('timeout'), { code: 'ERR_HTTP_REQUEST_TIMEOUT' });
    clientErrorHandler(timeout, socket as never);
    expect(written).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(JSON.parse(written.split('\r\n\r\n')[1]!).errors[0]).toMatchObject({
      status: '408',
      code: 'REQUEST_TIMEOUT',
      detail: 'La requête n’a pas été reçue entière à temps ; renvoyez-la.',
    });
  });

  it('refuses compressed bodies and deposits that are not raw bytes, in French', async () => {
    const gzip = await deposit(bytesOf(text), { 'content-encoding': 'gzip' });
    expect(gzip.statusCode).toBe(415);
    expect(gzip.json().errors[0]).toMatchObject({
      code: 'REQUEST_ENCODING',
      source: { header: 'Content-Encoding' },
      detail: expect.stringContaining('ne sont pas acceptés'),
    });
    const json = await deposit(bytesOf(text), { 'content-type': 'application/json' });
    expect(json.statusCode).toBe(415);
    expect(json.json().errors[0]).toMatchObject({
      code: 'DEPOSIT_MEDIA_TYPE',
      detail: expect.stringContaining('application/octet-stream'),
    });
  });

  it('tells liveness from readiness: /ready answers 503 when the deposits folder cannot be written', async () => {
    expect((await app.inject({ url: '/health' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/ready' })).json()).toEqual({ status: 'ready', database: 'pglite' });
    const file = join(blobs.root, '..', 'pas-un-dossier');
    writeFileSync(file, '');
    chmodSync(file, 0o400);
    const broken = await buildApp({
      ...intakeContext(store),
      blobs: new BlobStore(file),
      log: silentLogger(),
    });
    try {
      const notReady = await broken.inject({ url: '/ready' });
      expect(notReady.statusCode).toBe(503);
      expect(notReady.json().errors[0].code).toBe('STORAGE_UNAVAILABLE');
      expect((await broken.inject({ url: '/health' })).statusCode).toBe(200);
    } finally {
      await broken.close();
    }
  });
});

describe('deposit quotas (PGlite)', () => {
  let app: FastifyInstance;
  let blobs: BlobStore;
  const tokens: string[] = [];

  beforeAll(async () => {
    for (const scope of ['732829320', '552100554', '542051180'])
      tokens.push((await createDeclarant(store.db, `Déclarant ${scope}`, scope)).token);
    const intake = intakeContext(store);
    blobs = intake.blobs;
    app = await buildApp({
      ...intake,
      log: silentLogger(),
      depositQuotas: {
        ...defaultDepositQuotas,
        perMinutePerCredential: 3,
        perMinutePerAddress: 13,
        bytesPerDay: 100,
      },
    });
  });
  afterAll(async () => {
    await app.close();
  });

  const deposit = (token: string, body: Buffer) =>
    app.inject({
      method: 'POST',
      url: '/v1/depots',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
      payload: body,
    });
  const deposits = async () =>
    Number(
      (
        await store.db
          .selectFrom('deposit')
          .select(({ fn }) => fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('cuts a flood of junk deposits per credential, then per address, with 429 and Retry-After', async () => {
    const before = await deposits();
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await deposit(tokens[0]!, junk(i))).statusCode);
    expect(statuses.slice(0, 3).every((status) => status < 300)).toBe(true);
    expect(statuses.slice(3)).toEqual(Array(7).fill(429));
    const limited = await deposit(tokens[0]!, junk(99));
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json().errors[0]).toMatchObject({
      code: 'RATE_LIMITED',
      detail: expect.stringMatching(/^Limite de 3 requêtes par minute atteinte pour ce jeton/),
    });
    // Another credential from the same address: its own count, until the address's is spent (every
    // attempt counts there, refused ones too: 11 so far).
    expect((await deposit(tokens[1]!, junk(10))).statusCode).toBeLessThan(300);
    expect((await deposit(tokens[1]!, junk(11))).statusCode).toBeLessThan(300);
    const byAddress = await deposit(tokens[1]!, junk(12));
    expect(byAddress.statusCode).toBe(429);
    expect(Number(byAddress.headers['retry-after'])).toBeGreaterThan(0);
    expect(byAddress.json().errors[0].detail).toMatch(/pour cette adresse/);
    expect(await deposits()).toBe(before + 5);
    // Reading is not depositing.
    const read = await app.inject({ url: '/v1/depots', headers: { authorization: `Bearer ${tokens[0]}` } });
    expect(read.statusCode).toBe(200);
  });

  it('refuses a deposit past the daily size quota of its declarant, keeping nothing of it', async () => {
    const other = buildApp({
      ...intakeContext(store),
      blobs,
      log: silentLogger(),
      depositQuotas: { ...defaultDepositQuotas, bytesPerDay: 100 },
    });
    const quotaApp = await other;
    try {
      const send = (body: Buffer) =>
        quotaApp.inject({
          method: 'POST',
          url: '/v1/depots',
          headers: { authorization: `Bearer ${tokens[2]}`, 'content-type': 'application/octet-stream' },
          payload: body,
        });
      const before = await deposits();
      expect((await send(Buffer.alloc(60, 'A'))).statusCode).toBeLessThan(300);
      const over = await send(Buffer.alloc(60, 'B'));
      expect(over.statusCode).toBe(429);
      expect(over.json().errors[0]).toMatchObject({
        code: 'DEPOSIT_QUOTA',
        title: 'Quota de dépôt atteint',
        detail: expect.stringContaining(
          '60 octets déposés ces dernières 24 heures, 60 de plus dans ce fichier, pour 100 permis',
        ),
      });
      expect(await deposits()).toBe(before + 1);
      expect(partFiles(blobs)).toEqual([]);
    } finally {
      await quotaApp.close();
    }
  });
});

describe('retention of rejected deposits (PGlite)', () => {
  let app: FastifyInstance;
  let blobs: BlobStore;
  let token: string;

  beforeAll(async () => {
    const text = await generatedDsn({ month: '2026-02', seed: 24, establishments: 1, employees: 3 });
    const siren = /^S21\.G00\.06\.001,'(\d{9})'/m.exec(text)![1]!;
    token = (await createDeclarant(store.db, 'Entreprise', siren)).token;
    const intake = intakeContext(store);
    blobs = intake.blobs;
    app = await buildApp({ ...intake, log: silentLogger() });
  });
  afterAll(async () => {
    await app.close();
  });

  it('purges a rejected deposit’s rows and bytes after the retention period, and nothing else', async () => {
    const send = (body: Buffer) =>
      app.inject({
        method: 'POST',
        url: '/v1/depots',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
        payload: body,
      });
    const rejected = (await send(bytesOf('pas une DSN, à conserver 30 jours\n'))).json();
    expect(rejected.status).toBe('rejected');
    const text = await generatedDsn({ month: '2026-02', seed: 24, establishments: 1, employees: 3 });
    const accepted = (await send(bytesOf(text))).json();
    expect(accepted.status).toBe('accepted');
    const decided = new Date(rejected.acknowledgement.receivedAt);
    const days = (n: number) => new Date(decided.getTime() + n * 24 * 60 * 60 * 1000);

    expect(await purgeRejectedDeposits(store.db, blobs, { retentionDays: 30, now: days(29) })).toBe(0);
    expect(await blobs.has(rejected.acknowledgement.sha256)).toBe(true);
    // Every deposit that accepted nothing in this file's database is past it by then, this one included.
    const rejectedSoFar = await store.db
      .selectFrom('deposit')
      .select('id')
      .where('status', '=', 'rejected')
      .execute();
    expect(await purgeRejectedDeposits(store.db, blobs, { retentionDays: 30, now: days(31) })).toBe(
      rejectedSoFar.length,
    );
    expect(await blobs.has(rejected.acknowledgement.sha256)).toBe(false);
    const gone = await app.inject({
      url: `/v1/depots/${rejected.acknowledgement.depositId}`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(gone.statusCode).toBe(404);
    const diagnostics = await store.db
      .selectFrom('diagnostic')
      .select('deposit_id')
      .where('deposit_id', '=', rejected.acknowledgement.depositId)
      .execute();
    expect(diagnostics).toEqual([]);
    expect(await blobs.has(accepted.acknowledgement.sha256)).toBe(true);
    const kept = await app.inject({
      url: `/v1/depots/${accepted.acknowledgement.depositId}`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(kept.statusCode).toBe(200);
  });
});
