import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseSize } from './config.ts';

describe('loadConfig', () => {
  it('defaults to embedded PGlite under ./data', () => {
    const config = loadConfig({});
    expect(config.database).toMatchObject({ kind: 'pglite' });
    expect(config.database.kind === 'pglite' && config.database.dataDir).toMatch(/data\/pglite$/);
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 3000,
      maxDepositBytes: 2e9,
      logLevel: 'info',
      demo: false,
    });
  });

  it('switches to PostgreSQL when DATABASE_URL is set', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u@h:5432/db', RELAIS_PG_POOL_MAX: '4' });
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://u@h:5432/db', poolMax: 4 });
  });

  it('lists every problem at once, never echoing the database URL', () => {
    let error: unknown;
    try {
      loadConfig({
        DATABASE_URL: 'mysql://secret@h/db',
        PORT: 'quatre-vingts',
        LOG_LEVEL: 'bavard',
        RELAIS_DEMO: 'peut-être',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems.map((p) => p.split(' ')[0])).toEqual([
      'DATABASE_URL',
      'PORT',
      'LOG_LEVEL',
      'RELAIS_DEMO',
    ]);
    expect(problems.join('\n')).not.toContain('secret');
  });

  it('lets the command line override the environment', () => {
    expect(loadConfig({ PORT: '3000' }, { PORT: '8080' }).port).toBe(8080);
    expect(loadConfig({ RELAIS_DEMO: 'non' }, { RELAIS_DEMO: 'true' }).demo).toBe(true);
  });

  it('takes the DRM operator token, refusing a short one without echoing it', () => {
    expect(loadConfig({}).operatorToken).toBeNull();
    const token = 'x'.repeat(40);
    expect(loadConfig({ RELAIS_OPERATOR_TOKEN: token }).operatorToken).toBe(token);
    let error: unknown;
    try {
      loadConfig({ RELAIS_OPERATOR_TOKEN: 'trop-court' });
    } catch (e) {
      error = e;
    }
    expect((error as ConfigError).problems).toEqual([expect.stringMatching(/^RELAIS_OPERATOR_TOKEN : /)]);
    expect((error as ConfigError).problems.join('\n')).not.toContain('trop-court');
  });

  it('reads sizes with units', () => {
    expect(parseSize('500M')).toBe(5e8);
    expect(parseSize('2G')).toBe(2e9);
    expect(parseSize('512Mi')).toBe(512 * 1024 ** 2);
    expect(parseSize('1048576')).toBe(1048576);
    expect(parseSize('beaucoup')).toBeNull();
  });
});
