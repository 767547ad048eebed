import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll } from 'vitest';
import { buildApp } from '../src/app/http-app.ts';
import { nodeJsonLoader } from '../src/platform/node-json-loader.ts';
import { generateDsn } from '../src/features/generator/generate.ts';
import type { GenerateOptions } from '../src/features/generator/options.ts';
import { generatePasrau, type PasrauOptions } from '../src/features/generator/pasrau.ts';
import { BlobStore } from '../src/features/deposit/blob-store.ts';
import type { IntakeContext } from '../src/features/deposit/deposit.ts';
import { silentLogger } from '../src/platform/log.ts';
import { openStore, type Store } from '../src/platform/store/database.ts';
import { migrateToLatest } from '../src/platform/store/migrate.ts';

/** The PostgreSQL of the `postgres` test project; absent, those tests are skipped (and say so). */
export const databaseUrl = process.env['DATABASE_URL'];

export function sayWhenSkipped(file: string): void {
  if (!databaseUrl) {
    console.warn(`${file} : tests PostgreSQL ignorés (DATABASE_URL absent ; voir npm run test:pg).`);
  }
}

export async function memoryStore(): Promise<Store> {
  const store = await openStore({ kind: 'pglite', dataDir: 'memory://' });
  const outcome = await migrateToLatest(store.db as never);
  if (outcome.error) throw outcome.error;
  return store;
}

/** One schema per test file, created afresh and migrated. */
export async function postgresStore(schema: string): Promise<Store> {
  const store = await openStore({ kind: 'postgres', url: databaseUrl!, schema, poolMax: 12 });
  await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(store.db);
  await sql`create schema ${sql.id(schema)}`.execute(store.db);
  const outcome = await migrateToLatest(store.db as never);
  if (outcome.error) throw outcome.error;
  return store;
}

export async function dropSchema(store: Store, schema: string): Promise<void> {
  await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(store.db);
}

/**
 * A migrated PostgreSQL schema for the enclosing `describe`: `opened` receives the store before the
 * tests; the schema is dropped and the store closed after them.
 */
export function withPostgresStore(schema: string, opened: (store: Store) => void): void {
  let store: Store | undefined;
  beforeAll(async () => {
    store = await postgresStore(schema);
    opened(store);
  });
  afterAll(async () => {
    if (!store) return;
    await dropSchema(store, schema);
    await store.close();
  });
}

/** An in-memory store for the describe block it is called in: `opened` receives it before the tests. */
export function withMemoryStore(opened: (store: Store) => void): void {
  let store: Store | undefined;
  beforeAll(async () => {
    store = await memoryStore();
    opened(store);
  });
  afterAll(async () => {
    await store?.close();
  });
}

/** The HTTP application on an in-memory store, for the describe block it is called in. */
export function withMemoryApp(opened: (app: FastifyInstance) => void): void {
  let store: Store | undefined;
  let app: FastifyInstance | undefined;
  beforeAll(async () => {
    store = await memoryStore();
    app = await buildApp({ ...intakeContext(store), log: silentLogger() });
    opened(app);
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });
}

/** Technical checks only by default: these tests are about intake, not the control catalogue. */
export function intakeContext(store: Store, overrides: Partial<IntakeContext> = {}): IntakeContext {
  return {
    store,
    blobs: new BlobStore(join(mkdtempSync(join(tmpdir(), 'relais-blobs-')), 'blobs')),
    log: silentLogger(),
    maxDepositBytes: 50e6,
    controls: [],
    ...overrides,
  };
}

const generated = new Map<string, Promise<string>>();

/** A generated monthly envoi as Latin-1 text (cached: the pay engine is slow to start). */
export function generatedDsn(options: Partial<GenerateOptions> = {}): Promise<string> {
  const full: GenerateOptions = { month: '2026-03', establishments: 2, employees: 12, seed: 11, ...options };
  const key = JSON.stringify(full);
  let text = generated.get(key);
  if (!text) {
    text = (async () => {
      const chunks: Uint8Array[] = [];
      await generateDsn(
        full,
        { write: async (c: Uint8Array) => void chunks.push(c) },
        { loadJson: nodeJsonLoader },
      );
      return Buffer.concat(chunks).toString('latin1');
    })();
    generated.set(key, text);
  }
  return text;
}

/** A generated PASRAU envoi as Latin-1 text. */
export async function generatedPasrau(options: Partial<PasrauOptions> = {}): Promise<string> {
  const chunks: Uint8Array[] = [];
  await generatePasrau(
    { month: '2026-04', payers: 1, beneficiaries: 3, seed: 11, ...options },
    { write: async (c: Uint8Array) => void chunks.push(c) },
    { loadJson: nodeJsonLoader },
  );
  return Buffer.concat(chunks).toString('latin1');
}

export const bytesOf = (text: string) => Buffer.from(text, 'latin1');

/** Bytes in chunks of `size`, to cross every boundary the reader and the writer have. */
export function chunked(text: string | Buffer, size = 4096): Buffer[] {
  const bytes = typeof text === 'string' ? bytesOf(text) : text;
  const out: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
}

export const sha256 = (text: string | Buffer) =>
  createHash('sha256')
    .update(typeof text === 'string' ? bytesOf(text) : text)
    .digest('hex');

/** Replaces the value of the `occurrence`-th line starting with `rubric`. */
export function setRubric(text: string, rubric: string, value: string, occurrence = 1): string {
  let seen = 0;
  return text
    .split('\n')
    .map((line) => (line.startsWith(`${rubric},`) && ++seen === occurrence ? `${rubric},'${value}'` : line))
    .join('\n');
}

/** How many rows a table holds. */
export async function tableSize(
  store: Store,
  table: 'event' | 'job' | 'diagnostic' | 'deposit' | 'individual',
): Promise<number> {
  const { n } = await store.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}

/** Counts of every row table for a declaration (by its public id). */
export async function rowCounts(store: Store, declarationId: string): Promise<Record<string, number>> {
  const { countRowsOf } = await import('../src/features/deposit/rows-repository.ts');
  return countRowsOf(store.db, await keyOf(store, declarationId));
}

export async function keyOf(store: Store, declarationId: string): Promise<number> {
  const row = await store.db
    .selectFrom('declaration')
    .select('key')
    .where('id', '=', declarationId)
    .executeTakeFirstOrThrow();
  return row.key;
}

/** How many rows of each kind a file holds, counted from its text, per declaration (in file order). */
export function expectedCounts(text: string): Record<string, number>[] {
  const blocks: Record<string, string> = {
    'S21.G00.06.001': 'company',
    'S21.G00.11.001': 'establishment',
    'S21.G00.30.001': 'individual',
    'S21.G00.40.001': 'contract',
    'S21.G00.50.001': 'payment',
    'S21.G00.51.001': 'remuneration',
    'S21.G00.52.001': 'bonus',
    'S21.G00.54.001': 'other_income',
    'S21.G00.58.001': 'net_income',
    'S21.G00.78.001': 'base',
    'S21.G00.81.001': 'contribution',
    'S21.G00.60.001': 'work_stoppage',
    'S21.G00.62.001': 'contract_end',
  };
  const out: Record<string, number>[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('S20.G00.05.001,'))
      out.push(Object.fromEntries(Object.values(blocks).map((t) => [t, 0])));
    const table = blocks[line.slice(0, 14)];
    if (table && out.length > 0) out.at(-1)![table]!++;
  }
  return out;
}
