import { resolve } from 'node:path';
import { z } from 'zod';

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

const size = z.string().transform((text, ctx) => {
  const bytes = parseSize(text);
  if (bytes === null || bytes < 1) {
    ctx.addIssue({ code: 'custom', message: `taille illisible « ${text} » (exemples : 500M, 2G, 1048576)` });
    return z.NEVER;
  }
  return bytes;
});

const port = z.coerce
  .number({ message: 'nombre entier attendu' })
  .int('nombre entier attendu')
  .min(0, 'doit être compris entre 0 et 65535')
  .max(65535, 'doit être compris entre 0 et 65535');

const schema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, 'URL PostgreSQL attendue (postgres://utilisateur@hôte:port/base)')
    .optional(),
  RELAIS_DATA_DIR: z.string().min(1).default('./data'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(3000),
  RELAIS_MAX_DEPOSIT_SIZE: size.default(2e9),
  RELAIS_PG_POOL_MAX: z.coerce
    .number({ message: 'nombre entier attendu' })
    .int('nombre entier attendu')
    .min(2, 'au moins 2 (un dépôt occupe une connexion pendant toute sa lecture)')
    .max(200, 'au plus 200')
    .default(10),
  RELAIS_OPERATOR_TOKEN: z
    .string()
    .regex(/^[\x21-\x7e]{32,256}$/, 'de 32 à 256 caractères imprimables, sans espace')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  RELAIS_DEMO: z
    .stringbool({ truthy: ['1', 'true', 'oui', 'yes'], falsy: ['0', 'false', 'non', 'no', ''] })
    .default(false),
});

export interface Config {
  /** `postgres` when DATABASE_URL is set, otherwise embedded PGlite under the data directory. */
  database: { kind: 'postgres'; url: string; poolMax: number } | { kind: 'pglite'; dataDir: string };
  /** Absolute path: raw deposits (`blobs/`), the embedded database (`pglite/`), demo credentials. */
  dataDir: string;
  blobDir: string;
  host: string;
  port: number;
  maxDepositBytes: number;
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
  /** Load generated demo data when the database is fresh. */
  demo: boolean;
  /**
   * Bearer credential of the operator for the DRM read API; null: that API is closed (in demo mode
   * one is generated into `<data>/operator-token.txt`).
   */
  operatorToken: string | null;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration invalide :\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Environment variables the configuration reads, with their meaning, for `--help` and the docs. */
export const configVariables = Object.keys(schema.shape);

/**
 * `overrides` are the command line's options (`relais serve --port 8080`), validated like the
 * environment they take precedence over.
 */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  overrides: Record<string, string | undefined> = {},
): Config {
  const input: Record<string, string> = {};
  for (const key of configVariables) {
    const value = overrides[key] ?? env[key];
    // An empty variable means "not set", as in most shells' `FOO= cmd`.
    if (value !== undefined && value !== '') input[key] = value;
  }
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const key = issue.path.join('.');
        const message =
          issue.code === 'invalid_value' && 'values' in issue
            ? `valeur attendue parmi ${(issue.values as unknown[]).join(', ')}`
            : issue.message;
        // A database URL may hold a password, a token is a secret: they are never echoed back.
        const shown =
          key === 'DATABASE_URL' || key === 'RELAIS_OPERATOR_TOKEN'
            ? ''
            : ` (valeur reçue : « ${input[key] ?? ''} »)`;
        return `${key} : ${message}${shown}`;
      }),
    );
  }
  const c = parsed.data;
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
  };
}
