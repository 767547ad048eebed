import { describe, expect, it } from 'vitest';
import { ConfigError, debugRequested, loadConfig, parseSize } from './config.ts';

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

  it('shows stack traces when RELAIS_DEBUG is set to anything', () => {
    expect(debugRequested({})).toBe(false);
    expect(debugRequested({ RELAIS_DEBUG: '' })).toBe(false);
    expect(debugRequested({ RELAIS_DEBUG: '1' })).toBe(true);
  });

  it('reads numbers as integers first, then checks their range, in French', () => {
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig(env);
        return [];
      } catch (error) {
        return (error as ConfigError).problems;
      }
    };
    expect(problems({ PORT: '70000.5' })).toEqual([
      'PORT : nombre entier attendu (valeur reçue : « 70000.5 »)',
    ]);
    expect(problems({ PORT: '99999999999999999999' })).toEqual([
      'PORT : nombre entier attendu (valeur reçue : « 99999999999999999999 »)',
      'PORT : doit être compris entre 0 et 65535 (valeur reçue : « 99999999999999999999 »)',
    ]);
    expect(problems({ RELAIS_PG_POOL_MAX: '1', LOG_LEVEL: 'DEBUG', RELAIS_MAX_DEPOSIT_SIZE: '0' })).toEqual([
      'RELAIS_MAX_DEPOSIT_SIZE : taille illisible « 0 » (exemples : 500M, 2G, 1048576) (valeur reçue : « 0 »)',
      'RELAIS_PG_POOL_MAX : au moins 2 (un dépôt occupe une connexion pendant toute sa lecture) (valeur reçue : « 1 »)',
      'LOG_LEVEL : valeur attendue parmi fatal, error, warn, info, debug, trace, silent (valeur reçue : « DEBUG »)',
    ]);
    expect(loadConfig({ RELAIS_DEMO: 'Oui', PORT: '0' })).toMatchObject({ demo: true, port: 0 });
  });

  it('reads the lifetime of access tokens and the rate limits, with their defaults', () => {
    expect(loadConfig({}).exchange).toEqual({
      tokenTtlSeconds: 900,
      rateLimitPerMinute: 30_000,
      tokenRateLimitPerMinute: 60,
    });
    expect(
      loadConfig({ RELAIS_TOKEN_TTL: '300', RELAIS_RATE_LIMIT: '0', RELAIS_TOKEN_RATE_LIMIT: '10' }).exchange,
    ).toEqual({ tokenTtlSeconds: 300, rateLimitPerMinute: 0, tokenRateLimitPerMinute: 10 });
    const problems = (() => {
      try {
        loadConfig({ RELAIS_TOKEN_TTL: '86400', RELAIS_RATE_LIMIT: '-1' });
        return [];
      } catch (error) {
        return (error as ConfigError).problems;
      }
    })();
    expect(problems).toEqual([
      'RELAIS_TOKEN_TTL : au plus 3600 secondes (un jeton d’accès vit peu) (valeur reçue : « 86400 »)',
      'RELAIS_RATE_LIMIT : au moins 0 (0 : pas de limite) (valeur reçue : « -1 »)',
    ]);
  });

  it('reads the timeouts, the deposit limits and quota, and the retention of rejected deposits', () => {
    expect(loadConfig({})).toMatchObject({
      timeouts: { requestMs: 600_000, idleMs: 60_000, headersMs: 20_000, keepAliveMs: 5_000 },
      depositQuotas: {
        perMinutePerCredential: 60,
        perMinutePerAddress: 120,
        bytesPerDay: 20e9,
        rejectedRetentionDays: 30,
      },
    });
    expect(
      loadConfig({
        RELAIS_IDLE_TIMEOUT: '15',
        RELAIS_DEPOSIT_DAILY_QUOTA: '500M',
        RELAIS_DEPOSIT_RATE_LIMIT: '0',
        RELAIS_REJECTED_RETENTION_DAYS: '7',
      }),
    ).toMatchObject({
      timeouts: { idleMs: 15_000 },
      depositQuotas: { perMinutePerCredential: 0, bytesPerDay: 500e6, rejectedRetentionDays: 7 },
    });
    const problems = (() => {
      try {
        loadConfig({
          RELAIS_REQUEST_TIMEOUT: '10',
          RELAIS_HEADERS_TIMEOUT: '30',
          RELAIS_IDLE_TIMEOUT: 'jamais',
          RELAIS_DEPOSIT_DAILY_QUOTA: 'beaucoup',
          RELAIS_REJECTED_RETENTION_DAYS: '0',
        });
        return [];
      } catch (error) {
        return (error as ConfigError).problems;
      }
    })();
    expect(problems).toEqual([
      'RELAIS_IDLE_TIMEOUT : nombre entier de secondes attendu (valeur reçue : « jamais »)',
      'RELAIS_DEPOSIT_DAILY_QUOTA : taille illisible « beaucoup » (exemples : 20G, 500M ; 0 : pas de quota) (valeur reçue : « beaucoup »)',
      'RELAIS_REJECTED_RETENTION_DAYS : au moins 1 jour (valeur reçue : « 0 »)',
      'RELAIS_HEADERS_TIMEOUT : ne peut dépasser RELAIS_REQUEST_TIMEOUT (les en-têtes font partie de la requête)',
    ]);
  });
});
