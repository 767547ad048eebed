import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { operator, operatorResolver } from './operator.ts';

const token = 'operateur-de-test-0123456789-abcdefghij';

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: AppError) => [error.code, error.detail, error.source],
  );

describe('operator credential', () => {
  it('resolves the configured token to the operator, who may read resources, manage declarants and bodies, and deposit', async () => {
    expect(await operatorResolver(token).resolve(token)).toBe(operator);
    expect(operator).toEqual({
      kind: 'operator',
      scopes: ['ressources:lire', 'declarants:gerer', 'organismes:gerer', 'depots:gerer'],
      purpose: null,
    });
  });

  it('refuses a missing or different token, in the operator’s words', async () => {
    const resolver = operatorResolver(token);
    expect(await refusal(resolver.resolve(undefined))).toEqual([
      'AUTH_MISSING',
      'En-tête Authorization: Bearer <jeton opérateur> attendu.',
      { header: 'authorization' },
    ]);
    expect(await refusal(resolver.resolve(`${token}x`))).toEqual([
      'AUTH_INVALID',
      'Ce jeton n’est pas le jeton opérateur de ce serveur.',
      { header: 'authorization' },
    ]);
  });

  it('answers DRM_DISABLED to everyone when no token is configured', async () => {
    const resolver = operatorResolver(null);
    for (const given of [undefined, token]) {
      expect((await refusal(resolver.resolve(given)))?.[0]).toBe('DRM_DISABLED');
    }
  });

  it('recognises any text: it tells the token by comparison, so it is tried last among kinds', () => {
    expect(operatorResolver(token).recognises('relais_0123456789abcdef_x')).toBe(true);
  });
});
