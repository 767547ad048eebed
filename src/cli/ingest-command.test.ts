import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { bytesOf, generatedDsn } from '../../test/deposit-helpers.ts';
import {
  declarantsAddCommand,
  declarantsListCommand,
  declarantsRevokeCommand,
} from './declarants-command.ts';
import { UsageError } from './errors.ts';
import { ingestCommand } from './ingest-command.ts';
import { replaceCommand } from './replace-command.ts';

/** The newcomer's path on the command line, against an embedded database in a temporary folder. */
describe('relais ingest, replace, declarants', () => {
  let dir: string;
  let out: string[];
  const saved = { data: process.env['RELAIS_DATA_DIR'], url: process.env['DATABASE_URL'] };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'relais-cli-'));
    process.env['RELAIS_DATA_DIR'] = join(dir, 'data');
    delete process.env['DATABASE_URL'];
    out = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      out.push(String(chunk));
      return true;
    });
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterEach(() => {
    vi.restoreAllMocks();
    process.env['RELAIS_DATA_DIR'] = saved.data;
    if (saved.url !== undefined) process.env['DATABASE_URL'] = saved.url;
  });

  it('deposits a file, recognises it again, and files its annule-et-remplace', async () => {
    const file = join(dir, 'mars.dsn');
    writeFileSync(file, bytesOf(await generatedDsn({ seed: 61, establishments: 1, employees: 3 })));
    const code = await ingestCommand([file], { format: 'json' });
    const deposit = JSON.parse(out.join(''));
    // The official catalogue evolves apart from the generator: only the technical checks are asserted.
    expect(deposit.report.groups.filter((g: { code: string }) => g.code.startsWith('RELAIS-'))).toEqual([]);
    expect(code).toBe(deposit.status === 'accepted' ? 0 : 1);
    if (deposit.status !== 'accepted') return;
    out = [];
    await ingestCommand([dir], { format: 'text' });
    expect(out.join('')).toContain('(déjà déposé)');
    await replaceCommand(file, { out: join(dir, 'mars-corrige.dsn') });
    out = [];
    expect(await ingestCommand([join(dir, 'mars-corrige.dsn')], { format: 'text' })).toBe(0);
    expect(out.join('')).toMatch(/annule et remplace intégral : conforme/);
  });

  it('creates, lists and revokes declarants, refusing bad input', async () => {
    await declarantsAddCommand({ name: 'Essai', scope: '732829320' });
    expect(out.join('')).toMatch(/^relais_[0-9a-f]{16}_/);
    out = [];
    await declarantsListCommand({ format: 'json' });
    const [declarant] = JSON.parse(out.join('')) as { id: string }[];
    expect(await declarantsRevokeCommand(declarant!.id)).toBe(0);
    await expect(declarantsRevokeCommand(declarant!.id)).rejects.toBeInstanceOf(UsageError);
    await expect(declarantsAddCommand({ name: 'X', scope: '123' })).rejects.toBeInstanceOf(UsageError);
    await expect(ingestCommand([join(dir, 'absent.dsn')], { format: 'text' })).rejects.toBeInstanceOf(
      UsageError,
    );
  });
});
