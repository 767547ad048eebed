import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { request } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bytesOf,
  databaseUrl,
  dropSchema,
  expectedCounts,
  generatedDsn,
  postgresStore,
  rowCounts,
  sayWhenSkipped,
} from '../../../test/deposit-helpers.ts';
import type { Store } from '../../platform/store/database.ts';
import { createDeclarant } from '../declarant/declarants.ts';

sayWhenSkipped('src/features/deposit/crash.pg.test.ts');
const schema = 'relais_test_crash';
const root = join(import.meta.dirname, '..', '..', '..');

/** Starts the server (as `relais serve` does) on PostgreSQL in a child process; resolves with its URL. */
async function startServer(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const url = new URL(databaseUrl!);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const child = spawn(process.execPath, [join(root, 'bin', 'relais.js'), 'serve'], {
    env: {
      ...process.env,
      DATABASE_URL: url.toString(),
      RELAIS_DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      PORT: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${output}`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /"url":"(http:\/\/[^"]+)"/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1]! });
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdout!.on(
      'data',
      (chunk: Buffer) => process.env['RELAIS_TEST_VERBOSE'] && process.stdout.write(chunk),
    );
    child.stderr!.on(
      'data',
      (chunk: Buffer) => process.env['RELAIS_TEST_VERBOSE'] && process.stdout.write(chunk),
    );
    child.on('exit', (code) => reject(new Error(`server exited (${code}): ${output}`)));
  });
}

function post(url: string, token: string, bytes: Buffer) {
  const req = request(`${url}/v1/depots`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/octet-stream',
      'content-length': bytes.length,
    },
  });
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.on('response', (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
  });
  // Sent in 64 kB pieces.
  const send = async () => {
    for (let i = 0; i < bytes.length; i += 65536) {
      if (!req.write(bytes.subarray(i, Math.min(i + 65536, bytes.length)))) await once(req, 'drain');
    }
    req.end();
  };
  void send().catch(() => {});
  return response;
}

/**
 * kill -9 of the server in the middle of a large ingestion, then a restart: the transaction dies
 * with its connection, so no part of the declaration is visible, and depositing the same file
 * again integrates it once.
 */
describe.skipIf(!databaseUrl)('crash during ingestion (PostgreSQL)', () => {
  let store: Store;
  let child: ChildProcess | null = null;

  beforeAll(async () => {
    store = await postgresStore(schema);
  });
  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    if (!store) return;
    await dropSchema(store, schema);
    await store.close();
  });

  it(
    'leaves no partial declaration and no duplicate after kill -9 and restart',
    { timeout: 180_000 },
    async () => {
      const text = await generatedDsn({ seed: 41, establishments: 1, employees: 2000, month: '2026-04' });
      const bytes = bytesOf(text);
      const siren = /^S21\.G00\.06\.001,'(\d{9})'/m.exec(text)![1]!;
      const { token } = await createDeclarant(store.db, 'Grand employeur', siren);
      const dataDir = mkdtempSync(join(tmpdir(), 'relais-crash-'));

      let server = await startServer(dataDir);
      child = server.child;
      // Sent whole: the rows are written once the bytes are all received (nothing is written while
      // a client is still sending). Wait until they are (uncommitted rows already take heap pages).
      const interrupted = post(server.url, token, bytes).catch((e: Error) => e);
      const started = Date.now();
      for (;;) {
        const { rows } = await sql<{
          size: number;
        }>`select pg_relation_size(${`${schema}.contribution`}::regclass)::int as size`.execute(store.db);
        if (rows[0]!.size > 0) break;
        if (Date.now() - started > 60_000) throw new Error('the ingestion never started writing');
        await new Promise((r) => setTimeout(r, 100));
      }
      child.kill('SIGKILL');
      await once(child, 'exit');
      expect(await interrupted).toBeInstanceOf(Error);

      const visible = async () => {
        const deposits = await store.db.selectFrom('deposit').select('id').execute();
        const declarations = await store.db.selectFrom('declaration').select('id').execute();
        const individuals = await store.db.selectFrom('individual').select('line').limit(1).execute();
        const contributions = await store.db.selectFrom('contribution').select('line').limit(1).execute();
        return {
          deposits: deposits.length,
          declarations: declarations.length,
          individuals: individuals.length,
          contributions: contributions.length,
        };
      };
      expect(await visible()).toEqual({ deposits: 0, declarations: 0, individuals: 0, contributions: 0 });

      server = await startServer(dataDir);
      child = server.child;
      const first = await post(server.url, token, bytes);
      expect(first.status).toBe(201);
      const outcome = JSON.parse(first.body);
      expect(outcome.status).toBe('accepted');
      const again = await post(server.url, token, bytes);
      expect(again.status).toBe(200);
      expect(JSON.parse(again.body).acknowledgement.depositId).toBe(outcome.acknowledgement.depositId);
      expect(await visible()).toMatchObject({ deposits: 1, declarations: 1 });
      expect(await rowCounts(store, outcome.declarations[0].id)).toEqual(expectedCounts(text)[0]);
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  );
});
