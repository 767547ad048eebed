/**
 * How webhooks are delivered, from the environment (`RELAIS_WEBHOOK_*`, read by `relais serve`).
 * A bad value stops the server at start with a French message naming the variable.
 */
export interface WebhookSettings {
  /** Plain http URLs accepted (a demonstration, tests, a receiver on the same host). */
  allowHttp: boolean;
  /** How long a receiver has to answer one delivery. */
  timeoutMs: number;
  /** Wait after a first failure; it doubles at each failure, up to `maxDelayMs`, with jitter. */
  minDelayMs: number;
  maxDelayMs: number;
  /** Failed attempts of one delivery after which the subscription is marked failing. */
  maxAttempts: number;
  /** Events at most in one message. */
  batchSize: number;
  /** Wait between two looks at the streams when nothing was due. */
  pollMs: number;
}

export const defaultWebhookSettings: WebhookSettings = {
  allowHttp: false,
  timeoutMs: 10_000,
  minDelayMs: 5_000,
  maxDelayMs: 3_600_000,
  maxAttempts: 12,
  batchSize: 100,
  pollMs: 1_000,
};

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^[0-9]{1,10}$/.test(raw) || Number(raw) < 1 || Number(raw) > max) {
    throw new Error(`${name} : un entier entre 1 et ${max} est attendu, pas « ${raw} ».`);
  }
  return Number(raw);
}

/** `demo`: the demonstration accepts http, for a receiver started beside it. */
export function webhookSettingsFrom(env: NodeJS.ProcessEnv, demo: boolean): WebhookSettings {
  const allow = env.RELAIS_WEBHOOK_ALLOW_HTTP;
  if (allow !== undefined && allow !== '' && allow !== '0' && allow !== '1') {
    throw new Error(`RELAIS_WEBHOOK_ALLOW_HTTP : 0 ou 1 est attendu, pas « ${allow} ».`);
  }
  const minDelayMs = 1000 * positive(env, 'RELAIS_WEBHOOK_MIN_DELAY_S', 5, 86_400);
  const maxDelayMs = 1000 * positive(env, 'RELAIS_WEBHOOK_MAX_DELAY_S', 3_600, 86_400);
  if (maxDelayMs < minDelayMs) {
    throw new Error('RELAIS_WEBHOOK_MAX_DELAY_S doit être au moins RELAIS_WEBHOOK_MIN_DELAY_S.');
  }
  return {
    ...defaultWebhookSettings,
    allowHttp: allow === undefined || allow === '' ? demo : allow === '1',
    timeoutMs: 1000 * positive(env, 'RELAIS_WEBHOOK_TIMEOUT_S', 10, 300),
    minDelayMs,
    maxDelayMs,
    maxAttempts: positive(env, 'RELAIS_WEBHOOK_MAX_ATTEMPTS', 12, 1_000),
  };
}

/**
 * The wait before the attempt after the `attempt`-th failure: exponential, capped, with "equal
 * jitter" (half fixed, half random) so that receivers back after an outage are not hit by every
 * subscription at the same instant. `random` in [0, 1).
 */
export function retryDelayMs(settings: WebhookSettings, attempt: number, random = Math.random()): number {
  const exponential = Math.min(settings.maxDelayMs, settings.minDelayMs * 2 ** Math.min(attempt - 1, 30));
  return Math.round(exponential / 2 + (exponential / 2) * random);
}
