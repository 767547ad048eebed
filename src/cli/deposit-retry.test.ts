import { mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { intakeContext, memoryStore } from '../../test/deposit-helpers.ts';
import { buildApp } from '../app/http-app.ts';
import { createDeclarant } from '../features/declarant/declarants.ts';
import { silentLogger } from '../platform/log.ts';
import type { Store } from '../platform/store/database.ts';
import { declarantsAddCommand } from './declarants-command.ts';
import { generateCommand } from './generate-command.ts';
import { blockingReasons, ingestCommand } from './ingest-command.ts';

const siren = '552100554';

/** Captures what the commands print on stdout. */
function captureStdout(): { text: () => string; reset: () => void } {
  let out: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out.push(String(chunk));
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  return { text: () => out.join(''), reset: () => (out = []) };
}

/**
 * The deposit journey a newcomer follows: a file generated for a SIREN, a declarant created for it
 * (JSON, chained), a deposit refused to a foreign declarant that says why, then the right one's.
 */
describe('relais generate --siren, declarants add --format json, ingest after a refusal', () => {
  let dir: string;
  let file: string;
  let stdout: ReturnType<typeof captureStdout>;
  const saved = { data: process.env['RELAIS_DATA_DIR'], url: process.env['DATABASE_URL'] };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'relais-retry-'));
    file = join(dir, 'mars.dsn');
    stdout = captureStdout();
    expect(await generateCommand({ month: '2026-03', employees: '3', seed: '5', siren, out: file })).toBe(0);
    vi.restoreAllMocks();
  });

  beforeEach(() => {
    process.env['RELAIS_DATA_DIR'] = join(dir, 'data');
    delete process.env['DATABASE_URL'];
    stdout = captureStdout();
  });
  afterEach(() => {
    vi.restoreAllMocks();
    process.env['RELAIS_DATA_DIR'] = saved.data;
    if (saved.url !== undefined) process.env['DATABASE_URL'] = saved.url;
  });

  const addDeclarant = async (scope: string) => {
    stdout.reset();
    expect(await declarantsAddCommand({ name: `Déclarant ${scope}`, scope, format: 'json' })).toBe(0);
    const created = JSON.parse(stdout.text()) as Record<string, string>;
    expect(Object.keys(created)).toEqual(['id', 'token', 'scope']);
    expect(created['token']).toMatch(/^relais_[0-9a-f]{16}_/);
    expect(created['scope']).toBe(scope);
    stdout.reset();
    return created as { id: string; token: string; scope: string };
  };

  it('embedded: says the real reason of a refusal, then deposits the same bytes for the right declarant', async () => {
    const foreign = await addDeclarant('732829320');
    expect(await ingestCommand([file], { declarant: foreign.id, format: 'text' })).toBe(1);
    const refused = stdout.text();
    expect(refused).toMatch(/✘ .*mars\.dsn — rejeté —/);
    expect(refused).toContain(`motif : RELAIS-DEPOSIT-OUT-OF-SCOPE — L'établissement ${siren}`);
    expect(refused).toContain("n'appartient pas au périmètre 732829320 du déclarant.");
    expect(refused).not.toContain('(hors délai)');
    expect(refused).not.toContain('déjà déposé');

    const right = await addDeclarant(siren);
    expect(await ingestCommand([file], { declarant: right.id, format: 'text' })).toBe(0);
    expect(stdout.text()).toMatch(/✔ .*mars\.dsn — accepté —/);
    stdout.reset();
    // The operator (no declarant) now finds the file's deposit.
    expect(await ingestCommand([file], { format: 'text' })).toBe(0);
    expect(stdout.text()).toContain('accepté (déjà déposé)');
  });

  describe('through a running server (--api)', () => {
    let store: Store;
    let app: FastifyInstance;
    let api: string;

    beforeAll(async () => {
      store = await memoryStore();
      app = await buildApp({ ...intakeContext(store), log: silentLogger() });
      await app.listen({ host: '127.0.0.1', port: 0 });
      api = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      await app.close();
      await store.close();
    });

    const tokenFile = async (scope: string) => {
      const path = join(dir, `${scope}.token`);
      writeFileSync(path, (await createDeclarant(store.db, 'Déclarant', scope)).token + '\n');
      return path;
    };

    it('prints the reason with its code, then the right token deposits the same file', async () => {
      const foreign = await tokenFile('732829320');
      expect(await ingestCommand([file], { api, tokenFile: foreign, format: 'text' })).toBe(1);
      expect(stdout.text()).toContain('motif : RELAIS-DEPOSIT-OUT-OF-SCOPE — ');
      stdout.reset();
      const right = await tokenFile(siren);
      // Technical checks only on this server (intakeContext): accepted whatever the catalogue.
      expect(await ingestCommand([file], { api, tokenFile: right, format: 'text' })).toBe(0);
      expect(stdout.text()).toMatch(/✔ .*mars\.dsn — accepté —/);
    });
  });
});

describe('blockingReasons', () => {
  const report = {
    diagnostics: [
      { code: 'A', severity: 'blocking' as const, message: 'premier', declaration: 1 },
      { code: 'A', severity: 'blocking' as const, message: 'premier bis', declaration: 1 },
      { code: 'B', severity: 'non-blocking' as const, message: 'non bloquant', declaration: 1 },
      { code: 'C', severity: 'blocking' as const, message: 'autre déclaration', declaration: 2 },
      { code: 'E', severity: 'blocking' as const, message: 'envoi' },
    ],
    groups: [{ code: 'Z', severity: 'blocking' as const, count: 4, message: 'tout le fichier' }],
  };

  it("gives a declaration's own blocking codes and the envoi's, counted", () => {
    expect(blockingReasons(report as never, 1)).toEqual(['A (2 fois) — premier', 'E — envoi']);
    expect(blockingReasons(report as never)).toEqual(['E — envoi']);
  });

  it("falls back on the file's blocking codes when the sample missed the declaration's", () => {
    expect(blockingReasons({ ...report, diagnostics: [] } as never, 3)).toEqual([
      'Z (4 fois) — tout le fichier',
    ]);
  });
});
