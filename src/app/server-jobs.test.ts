import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bytesOf, generatedDsn } from '../../test/deposit-helpers.ts';
import { createDeclarant } from '../features/declarant/declarants.ts';
import { loadConfig } from '../platform/config.ts';
import { silentLogger } from '../platform/log.ts';
import { startServer } from './server.ts';

describe('server', () => {
  it('runs the jobs a deposit enqueues, and stops its runner before closing the store', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'relais-server-'));
    const server = await startServer(loadConfig({ RELAIS_DATA_DIR: dir, PORT: '0' }), silentLogger(), {
      controls: [],
    });
    try {
      const text = await generatedDsn({ seed: 91, establishments: 1, employees: 2 });
      const siren = /^S21\.G00\.06\.001,'(\d{9})'/m.exec(text)![1]!;
      const { token } = await createDeclarant(server.store.db, 'Entreprise', siren);
      const response = await fetch(`${server.url}/v1/depots`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
        body: bytesOf(text),
      });
      expect(response.status).toBe(201);
      const jobs = () => server.store.db.selectFrom('job').select(['kind', 'state']).execute();
      for (let i = 0; i < 200 && (await jobs()).some((j) => j.state !== 'done'); i++)
        await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await jobs()).toEqual([{ kind: 'deposit.summarise', state: 'done' }]);
    } finally {
      await server.close();
    }
  });
});
