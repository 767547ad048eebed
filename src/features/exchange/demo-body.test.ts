import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tokenRequest, withExchangeApp } from '../../../test/exchange-helpers.ts';
import { listBodies } from './bodies-repository.ts';
import { demoBodySiret, ensureDemoBody } from './demo-body.ts';
import { listHabilitations } from './habilitations-repository.ts';

describe('the demo’s receiving body', () => {
  const ctx = withExchangeApp();
  const dir = mkdtempSync(join(tmpdir(), 'relais-demo-body-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const read = (file: string) => JSON.parse(readFileSync(file, 'utf8'));

  it('writes its client to demo-organisme.json, mode 600, which gets an RSA_PPA netSocial token', async () => {
    const file = await ensureDemoBody(ctx.store.db, dir);
    expect(file).toBe(join(dir, 'demo-organisme.json'));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const demo = read(file);
    expect(demo).toEqual({
      client_id: expect.stringMatching(/^rlc_/),
      client_secret: expect.any(String),
      siret: demoBodySiret,
      finalite: 'RSA_PPA',
    });
    const token = await tokenRequest(ctx.app, {
      grant_type: 'client_credentials',
      client_id: demo.client_id,
      client_secret: demo.client_secret,
    });
    expect([token.statusCode, token.json().scope]).toEqual([200, 'RSA_PPA netSocial']);
    const [habilitation] = await listHabilitations(ctx.store.db, demoBodySiret);
    expect(habilitation).toMatchObject({ depth_months: 12, fields: ['netSocial'] });
  });

  it('changes nothing on a restart, and writes a lost file again with a new secret', async () => {
    const file = join(dir, 'demo-organisme.json');
    const before = readFileSync(file, 'utf8');
    await ensureDemoBody(ctx.store.db, dir);
    expect(readFileSync(file, 'utf8')).toBe(before);
    rmSync(file);
    await ensureDemoBody(ctx.store.db, dir);
    const after = read(file);
    expect(after.client_id).toBe(JSON.parse(before).client_id);
    expect(after.client_secret).not.toBe(JSON.parse(before).client_secret);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect((await listBodies(ctx.store.db)).filter((b) => b.siret === demoBodySiret)).toHaveLength(1);
    expect(await listHabilitations(ctx.store.db, demoBodySiret)).toHaveLength(1);
  });
});
