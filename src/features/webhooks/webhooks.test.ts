import { describe, expect, it } from 'vitest';
import { isAppError } from '../../platform/errors.ts';
import { ephemeralWebhookKey, newSigningSecret, openSecret, sealSecret } from './secret.ts';
import { defaultWebhookSettings, retryDelayMs, webhookSettingsFrom } from './settings.ts';
import { sign } from './signature.ts';
import { checkWebhookUrl } from './url.ts';

const refusal = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    if (isAppError(error)) return `${error.code} ${error.detail}`;
    throw error;
  }
  throw new Error('accepted');
};

describe('webhook URLs', () => {
  it('takes https, and http only when allowed', () => {
    expect(checkWebhookUrl('https://organisme.fr/relais?x=1', false)).toBe('https://organisme.fr/relais?x=1');
    expect(checkWebhookUrl('http://127.0.0.1:8080/w', true)).toBe('http://127.0.0.1:8080/w');
    expect(refusal(() => checkWebhookUrl('http://organisme.fr/relais', false))).toMatch(
      /^WEBHOOK_URL_INVALID .*https:\/\/.*RELAIS_WEBHOOK_ALLOW_HTTP=1/,
    );
  });

  it('refuses what is not an address, other schemes, credentials and fragments, in French', () => {
    expect(refusal(() => checkWebhookUrl('organisme.fr', true))).toMatch(/n’est pas une adresse complète/);
    expect(refusal(() => checkWebhookUrl('javascript:alert(1)', true))).toMatch(/doit commencer par https/);
    expect(refusal(() => checkWebhookUrl('https://a:b@organisme.fr/', true))).toMatch(/mot de passe/);
    expect(refusal(() => checkWebhookUrl('https://jeton@organisme.fr/', true))).toMatch(/identifiant/);
    expect(refusal(() => checkWebhookUrl('https://organisme.fr/#x', true))).toMatch(/fragment/);
  });
});

describe('webhook secrets and signatures', () => {
  it('seals a secret that only its key opens', () => {
    const key = ephemeralWebhookKey();
    const secret = newSigningSecret();
    const sealed = sealSecret(key, secret);
    expect(sealed.toString('latin1')).not.toContain(secret.slice(6));
    expect(openSecret(key, sealed)).toBe(secret);
    expect(() => openSecret(ephemeralWebhookKey(), sealed)).toThrow();
  });

  it('signs as Standard Webhooks does (the specification’s example)', () => {
    // https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md
    expect(
      sign(
        'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
        'msg_p5jXN8AQM9LWM0D4loKWxJek',
        1614265330,
        '{"test": 2432232314}',
      ),
    ).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });
});

describe('webhook settings', () => {
  const settings = { ...defaultWebhookSettings, minDelayMs: 5_000, maxDelayMs: 3_600_000 };

  it('backs off exponentially up to the maximum, half of it random', () => {
    expect(retryDelayMs(settings, 1, 0)).toBe(2_500);
    expect(retryDelayMs(settings, 1, 1 - Number.EPSILON)).toBe(5_000);
    expect(retryDelayMs(settings, 3, 0)).toBe(10_000);
    expect(retryDelayMs(settings, 40, 0)).toBe(1_800_000);
    expect(retryDelayMs(settings, 40, 1 - Number.EPSILON)).toBe(3_600_000);
  });

  it('reads the environment, http allowed by default in the demonstration only', () => {
    expect(webhookSettingsFrom({}, false).allowHttp).toBe(false);
    expect(webhookSettingsFrom({}, true).allowHttp).toBe(true);
    expect(webhookSettingsFrom({ RELAIS_WEBHOOK_ALLOW_HTTP: '0' }, true).allowHttp).toBe(false);
    expect(webhookSettingsFrom({ RELAIS_WEBHOOK_ALLOW_HTTP: '1' }, false).allowHttp).toBe(true);
    expect(
      webhookSettingsFrom({ RELAIS_WEBHOOK_MIN_DELAY_S: '1', RELAIS_WEBHOOK_MAX_ATTEMPTS: '3' }, false),
    ).toMatchObject({ minDelayMs: 1_000, maxAttempts: 3 });
    expect(() => webhookSettingsFrom({ RELAIS_WEBHOOK_ALLOW_HTTP: 'oui' }, false)).toThrow(
      /RELAIS_WEBHOOK_ALLOW_HTTP : 0 ou 1/,
    );
    expect(() => webhookSettingsFrom({ RELAIS_WEBHOOK_TIMEOUT_S: '0' }, false)).toThrow(
      /RELAIS_WEBHOOK_TIMEOUT_S : un entier entre 1 et 300/,
    );
    expect(() =>
      webhookSettingsFrom({ RELAIS_WEBHOOK_MIN_DELAY_S: '60', RELAIS_WEBHOOK_MAX_DELAY_S: '10' }, false),
    ).toThrow(/au moins/);
  });
});
