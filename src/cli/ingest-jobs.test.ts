import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { bytesOf, generatedDsn } from '../../test/deposit-helpers.ts';
import { openStore } from '../platform/store/database.ts';
import { ingestCommand } from './ingest-command.ts';

/** `relais ingest` has no server to leave work to: it runs the jobs of its deposits before closing. */
describe('relais ingest and the job queue', () => {
  let dir: string;
  const saved = { data: process.env['RELAIS_DATA_DIR'], url: process.env['DATABASE_URL'] };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'relais-cli-jobs-'));
    process.env['RELAIS_DATA_DIR'] = join(dir, 'data');
    delete process.env['DATABASE_URL'];
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterEach(() => {
    vi.restoreAllMocks();
    process.env['RELAIS_DATA_DIR'] = saved.data;
    if (saved.url !== undefined) process.env['DATABASE_URL'] = saved.url;
  });

  it('leaves no job waiting once it has closed the database', async () => {
    const files = [0, 1].map((i) => join(dir, `${i}.dsn`));
    for (const [i, file] of files.entries())
      writeFileSync(file, bytesOf(await generatedDsn({ seed: 66 + i, establishments: 1, employees: 2 })));
    const code = await ingestCommand(files, { format: 'text' });
    const store = await openStore({ kind: 'pglite', dataDir: join(dir, 'data', 'pglite') });
    try {
      const deposits = await store.db.selectFrom('deposit').select('status').execute();
      const jobs = await store.db.selectFrom('job').select(['kind', 'state']).execute();
      expect(deposits).toHaveLength(2);
      expect(code === 0).toBe(deposits.every((d) => d.status === 'accepted'));
      const accepted = deposits.filter((d) => d.status !== 'rejected').length;
      expect(jobs).toEqual(
        Array.from({ length: accepted }, () => ({ kind: 'deposit.summarise', state: 'done' })),
      );
    } finally {
      await store.close();
    }
  });
});
