import { resolve } from 'node:path';
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';
import type { HttpTimeouts } from './http/timeouts.ts';

/**
 * The only module that reads the environment. `loadConfig(env)` takes the environment as a
 * parameter so that tests pass their own, and reports every problem at once: a person fixing a
 * `.env` should not have to restart once per mistake.
 */

const units: Record<string, number> = {
  '': 1,
  k: 1e3,
  m: 1e6,
  g: 1e9,
  ki: 1024,
  mi: 1024 ** 2,
  gi: 1024 ** 3,
};

/** `2000000`, `500M`, `2G`, `512Mi` → bytes; null when unreadable. */
export function parseSize(text: string): number | null {
  const match = /^\s*(\d+(?:[.,]\d+)?)\s*([kmg]i?)?o?b?\s*$/i.exec(text);
  if (!match) return null;
  const factor = units[(match[2] ?? '').toLowerCase()];
  if (factor === undefined) return null;
  const bytes = Math.floor(Number(match[1]!.replace(',', '.')) * factor);
  return Number.isSafeInteger(bytes) ? bytes : null;
}

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const truthy = ['1', 'true', 'oui', 'yes'];
const falsy = ['0', 'false', 'non', 'no', ''];

/** The environment once read from text, with the defaults of what is not set. */
const Environment = Type.Object({
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://\\S+$' })),
  RELAIS_DATA_DIR: Type.String({ default: './data' }),
  HOST: Type.String({ default: '127.0.0.1' }),
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  RELAIS_MAX_DEPOSIT_SIZE: Type.Integer({ minimum: 1, default: 2e9 }),
  RELAIS_PG_POOL_MAX: Type.Integer({ minimum: 2, maximum: 200, default: 10 }),
  RELAIS_OPERATOR_TOKEN: Type.Optional(Type.String({ pattern: '^[\\x21-\\x7e]{32,256}$' })),
  LOG_LEVEL: Type.Union(
    logLevels.map((level) => Type.Literal(level)),
    { default: 'info' },
  ),
  RELAIS_DEMO: Type.Boolean({ default: false }),
  RELAIS_TOKEN_TTL: Type.Integer({ minimum: 60, maximum: 3600, default: 900 }),
  RELAIS_RATE_LIMIT: Type.Integer({ minimum: 0, default: 30_000 }),
  RELAIS_TOKEN_RATE_LIMIT: Type.Integer({ minimum: 0, default: 60 }),
  RELAIS_REQUEST_TIMEOUT: Type.Integer({ minimum: 1, default: 600 }),
  RELAIS_IDLE_TIMEOUT: Type.Integer({ minimum: 1, default: 60 }),
  RELAIS_HEADERS_TIMEOUT: Type.Integer({ minimum: 1, default: 20 }),
  RELAIS_KEEP_ALIVE_TIMEOUT: Type.Integer({ minimum: 1, default: 5 }),
  RELAIS_DEPOSIT_RATE_LIMIT: Type.Integer({ minimum: 0, default: 60 }),
  RELAIS_DEPOSIT_IP_RATE_LIMIT: Type.Integer({ minimum: 0, default: 120 }),
  RELAIS_DEPOSIT_DAILY_QUOTA: Type.Integer({ minimum: 0, default: 20e9 }),
  RELAIS_REJECTED_RETENTION_DAYS: Type.Integer({ minimum: 1, default: 30 }),
  RELAIS_PUBLIC_URL: Type.Optional(Type.String({ pattern: '^https?://[^/\\s]+$' })),
  RELAIS_OIDC_ISSUER: Type.Optional(Type.String({ pattern: '^https?://\\S+$' })),
  RELAIS_OIDC_CLIENT_ID: Type.Optional(Type.String({ minLength: 1 })),
  RELAIS_OIDC_CLIENT_SECRET: Type.Optional(Type.String({ minLength: 1 })),
});
type Environment = Static<typeof Environment>;
type Variable = keyof Environment;

const integer = 'nombre entier attendu';
const seconds = 'nombre entier de secondes attendu';
const portRange = 'doit être compris entre 0 et 65535';

/** What a failed check of each variable means, in French, by TypeBox keyword. */
const messages: { [K in Variable]?: Record<string, string> } = {
  DATABASE_URL: { pattern: 'URL PostgreSQL attendue (postgres://utilisateur@hôte:port/base)' },
  PORT: { type: integer, minimum: portRange, maximum: portRange },
  RELAIS_PG_POOL_MAX: {
    type: integer,
    minimum: 'au moins 2 (un dépôt occupe une connexion pendant toute sa lecture)',
    maximum: 'au plus 200',
  },
  RELAIS_OPERATOR_TOKEN: { pattern: 'de 32 à 256 caractères imprimables, sans espace' },
  RELAIS_TOKEN_TTL: {
    type: 'nombre entier de secondes attendu',
    minimum: 'au moins 60 secondes',
    maximum: 'au plus 3600 secondes (un jeton d’accès vit peu)',
  },
  RELAIS_RATE_LIMIT: { type: integer, minimum: 'au moins 0 (0 : pas de limite)' },
  RELAIS_TOKEN_RATE_LIMIT: { type: integer, minimum: 'au moins 0 (0 : pas de limite)' },
  RELAIS_REQUEST_TIMEOUT: { type: seconds, minimum: 'au moins 1 seconde' },
  RELAIS_IDLE_TIMEOUT: { type: seconds, minimum: 'au moins 1 seconde' },
  RELAIS_HEADERS_TIMEOUT: { type: seconds, minimum: 'au moins 1 seconde' },
  RELAIS_KEEP_ALIVE_TIMEOUT: { type: seconds, minimum: 'au moins 1 seconde' },
  RELAIS_DEPOSIT_RATE_LIMIT: { type: integer, minimum: 'au moins 0 (0 : pas de limite)' },
  RELAIS_DEPOSIT_IP_RATE_LIMIT: { type: integer, minimum: 'au moins 0 (0 : pas de limite)' },
  RELAIS_REJECTED_RETENTION_DAYS: { type: 'nombre entier de jours attendu', minimum: 'au moins 1 jour' },
  RELAIS_PUBLIC_URL: { pattern: 'origine attendue, sans chemin (https://relais.exemple.fr)' },
  RELAIS_OIDC_ISSUER: { pattern: 'URL de l’émetteur OpenID Connect attendue (https://…)' },
  // One message for the union, whatever its members answer.
  LOG_LEVEL: {
    const: `valeur attendue parmi ${logLevels.join(', ')}`,
    anyOf: `valeur attendue parmi ${logLevels.join(', ')}`,
  },
};

/** A variable's text as the value its schema checks, or the problem that it is unreadable. */
function read(key: Variable, text: string): { value: unknown } | { problem: string } {
  switch (key) {
    case 'PORT':
    case 'RELAIS_PG_POOL_MAX':
    case 'RELAIS_TOKEN_TTL':
    case 'RELAIS_RATE_LIMIT':
    case 'RELAIS_TOKEN_RATE_LIMIT':
    case 'RELAIS_REQUEST_TIMEOUT':
    case 'RELAIS_IDLE_TIMEOUT':
    case 'RELAIS_HEADERS_TIMEOUT':
    case 'RELAIS_KEEP_ALIVE_TIMEOUT':
    case 'RELAIS_DEPOSIT_RATE_LIMIT':
    case 'RELAIS_DEPOSIT_IP_RATE_LIMIT':
    case 'RELAIS_REJECTED_RETENTION_DAYS':
      return { value: Number(text) };
    case 'RELAIS_DEPOSIT_DAILY_QUOTA': {
      const bytes = parseSize(text);
      return bytes === null
        ? { problem: `taille illisible « ${text} » (exemples : 20G, 500M ; 0 : pas de quota)` }
        : { value: bytes };
    }
    case 'RELAIS_MAX_DEPOSIT_SIZE': {
      const bytes = parseSize(text);
      return bytes === null || bytes < 1
        ? { problem: `taille illisible « ${text} » (exemples : 500M, 2G, 1048576)` }
        : { value: bytes };
    }
    case 'RELAIS_DEMO': {
      const word = text.toLowerCase();
      if (truthy.includes(word)) return { value: true };
      if (falsy.includes(word)) return { value: false };
      return { problem: `valeur attendue parmi ${[...truthy, ...falsy].join(', ')}` };
    }
    default:
      return { value: text };
  }
}

/**
 * The problems of a variable's value, in French. A number must be an integer before its range
 * means anything: a fraction or a non-number is only that; an integer too large to be exact is
 * both.
 */
function problemsOf(key: Variable, value: unknown): string[] {
  const errors = [...Value.Errors(Environment.properties[key], value)];
  const said = (keyword: string, otherwise: string) => messages[key]?.[keyword] ?? otherwise;
  const notInteger = errors.find((e) => e.keyword === 'type');
  const found = notInteger
    ? [said('type', notInteger.message)]
    : [
        ...(typeof value === 'number' && !Number.isSafeInteger(value) ? [said('type', 'not exact')] : []),
        ...errors.map((e) => said(e.keyword, e.message)),
      ];
  return [...new Set(found)];
}

export interface Config {
  /** `postgres` when DATABASE_URL is set, otherwise embedded PGlite under the data directory. */
  database: { kind: 'postgres'; url: string; poolMax: number } | { kind: 'pglite'; dataDir: string };
  /** Absolute path: raw deposits (`blobs/`), the embedded database (`pglite/`), demo credentials. */
  dataDir: string;
  blobDir: string;
  host: string;
  port: number;
  maxDepositBytes: number;
  logLevel: Environment['LOG_LEVEL'];
  /** Load generated demo data when the database is fresh. */
  demo: boolean;
  /**
   * Bearer credential of the operator for the DRM read API; null: that API is closed (in demo mode
   * one is generated into `<data>/operator-token.txt`).
   */
  operatorToken: string | null;
  /** Receiving bodies' access tokens and rate limits (see `features/exchange/token-settings.ts`). */
  exchange: {
    /** Lifetime of an access token, in seconds (RELAIS_TOKEN_TTL, 900). */
    tokenTtlSeconds: number;
    /** Requests a minute per credential on /v1/drm, /v1/suivis, /v1/flux (RELAIS_RATE_LIMIT, 30000; 0: none). */
    rateLimitPerMinute: number;
    /** Requests a minute per client and address on /oauth/token (RELAIS_TOKEN_RATE_LIMIT, 60; 0: none). */
    tokenRateLimitPerMinute: number;
  };
  /** How long a client may take, in milliseconds (see `platform/http/timeouts.ts`). */
  timeouts: HttpTimeouts;
  /** What one declarant may send, and how long refused bytes are kept. */
  depositQuotas: DepositQuotas;
  /**
   * The origin browsers reach the server at (`https://relais.exemple.fr`); null: each request's own
   * (`Host`), which suits a server reached at one address, as in development.
   */
  publicUrl: string | null;
  /**
   * The identity provider people sign in with (ProConnect in production); null: the local provider
   * mounted at `/oidc`, with its test accounts, for development and the demonstration.
   */
  oidc: { issuer: string; clientId: string; clientSecret: string } | null;
}

export interface DepositQuotas {
  /** Deposits a minute per credential (RELAIS_DEPOSIT_RATE_LIMIT, 60; 0: none). */
  perMinutePerCredential: number;
  /** Deposits a minute per source address (RELAIS_DEPOSIT_IP_RATE_LIMIT, 120; 0: none). */
  perMinutePerAddress: number;
  /** Bytes one declarant may deposit over 24 hours (RELAIS_DEPOSIT_DAILY_QUOTA, 20 G; 0: none). */
  bytesPerDay: number;
  /** Days the bytes and rows of a deposit that accepted nothing are kept (RELAIS_REJECTED_RETENTION_DAYS, 30). */
  rejectedRetentionDays: number;
}

export const defaultDepositQuotas: DepositQuotas = {
  perMinutePerCredential: 60,
  perMinutePerAddress: 120,
  bytesPerDay: 20e9,
  rejectedRetentionDays: 30,
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration invalide :\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Environment variables the configuration reads, with their meaning, for `--help` and the docs. */
export const configVariables = Object.keys(Environment.properties) as Variable[];

/**
 * Whether an unexpected error shows its stack trace: `RELAIS_DEBUG` set to anything. Read apart
 * from `loadConfig`, since it serves when the configuration itself cannot be loaded.
 */
export function debugRequested(env: Record<string, string | undefined> = process.env): boolean {
  return Boolean(env['RELAIS_DEBUG']);
}

/**
 * `overrides` are the command line's options (`relais serve --port 8080`), validated like the
 * environment they take precedence over.
 */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  overrides: Record<string, string | undefined> = {},
): Config {
  const problems: string[] = [];
  const values: Record<string, unknown> = {};
  for (const key of configVariables) {
    const text = overrides[key] ?? env[key];
    // An empty variable means "not set", as in most shells' `FOO= cmd`.
    if (text === undefined || text === '') continue;
    const readOut = read(key, text);
    const found = 'problem' in readOut ? [readOut.problem] : problemsOf(key, readOut.value);
    if ('value' in readOut) values[key] = readOut.value;
    // A database URL may hold a password, a token is a secret: they are never echoed back.
    const shown =
      key === 'DATABASE_URL' || key === 'RELAIS_OPERATOR_TOKEN' || key === 'RELAIS_OIDC_CLIENT_SECRET'
        ? ''
        : ` (valeur reçue : « ${text} »)`;
    for (const problem of found) problems.push(`${key} : ${problem}${shown}`);
  }
  const oidc = ['RELAIS_OIDC_ISSUER', 'RELAIS_OIDC_CLIENT_ID', 'RELAIS_OIDC_CLIENT_SECRET'] as const;
  const oidcSet = oidc.filter((key) => (overrides[key] ?? env[key] ?? '') !== '');
  if (oidcSet.length > 0 && oidcSet.length < oidc.length)
    problems.push(
      `${oidc.filter((key) => !oidcSet.includes(key)).join(', ')} : à définir avec ${oidcSet.join(', ')} (le fournisseur d’identité se configure entier)`,
    );
  const timeout = (key: Variable, fallback: number) => Number(values[key] ?? fallback);
  if (timeout('RELAIS_HEADERS_TIMEOUT', 20) > timeout('RELAIS_REQUEST_TIMEOUT', 600))
    problems.push(
      'RELAIS_HEADERS_TIMEOUT : ne peut dépasser RELAIS_REQUEST_TIMEOUT (les en-têtes font partie de la requête)',
    );
  if (problems.length > 0) throw new ConfigError(problems);
  const c = Value.Default(Environment, values) as Environment;
  const dataDir = resolve(c.RELAIS_DATA_DIR);
  return {
    database: c.DATABASE_URL
      ? { kind: 'postgres', url: c.DATABASE_URL, poolMax: c.RELAIS_PG_POOL_MAX }
      : { kind: 'pglite', dataDir: resolve(dataDir, 'pglite') },
    dataDir,
    blobDir: resolve(dataDir, 'blobs'),
    host: c.HOST,
    port: c.PORT,
    maxDepositBytes: c.RELAIS_MAX_DEPOSIT_SIZE,
    logLevel: c.LOG_LEVEL,
    demo: c.RELAIS_DEMO,
    operatorToken: c.RELAIS_OPERATOR_TOKEN ?? null,
    exchange: {
      tokenTtlSeconds: c.RELAIS_TOKEN_TTL,
      rateLimitPerMinute: c.RELAIS_RATE_LIMIT,
      tokenRateLimitPerMinute: c.RELAIS_TOKEN_RATE_LIMIT,
    },
    timeouts: {
      requestMs: c.RELAIS_REQUEST_TIMEOUT * 1000,
      idleMs: c.RELAIS_IDLE_TIMEOUT * 1000,
      headersMs: c.RELAIS_HEADERS_TIMEOUT * 1000,
      keepAliveMs: c.RELAIS_KEEP_ALIVE_TIMEOUT * 1000,
    },
    depositQuotas: {
      perMinutePerCredential: c.RELAIS_DEPOSIT_RATE_LIMIT,
      perMinutePerAddress: c.RELAIS_DEPOSIT_IP_RATE_LIMIT,
      bytesPerDay: c.RELAIS_DEPOSIT_DAILY_QUOTA,
      rejectedRetentionDays: c.RELAIS_REJECTED_RETENTION_DAYS,
    },
    publicUrl: c.RELAIS_PUBLIC_URL ?? null,
    oidc:
      c.RELAIS_OIDC_ISSUER && c.RELAIS_OIDC_CLIENT_ID && c.RELAIS_OIDC_CLIENT_SECRET
        ? {
            issuer: c.RELAIS_OIDC_ISSUER,
            clientId: c.RELAIS_OIDC_CLIENT_ID,
            clientSecret: c.RELAIS_OIDC_CLIENT_SECRET,
          }
        : null,
  };
}
