import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { logBindings, requireScope, type DeclarantCaller } from './caller.ts';
import { operator } from './operator.ts';

const declarant: DeclarantCaller = {
  kind: 'declarant',
  declarantId: '01a20000-0000-7000-8000-000000000001',
  perimeter: '732829320',
  scopes: ['depots:lire'],
  purpose: null,
};

describe('caller', () => {
  it('says who in the logs as before: the declarant id, or that it is the operator', () => {
    expect(logBindings(declarant)).toEqual({ declarantId: declarant.declarantId });
    expect(logBindings(operator)).toEqual({ caller: 'operator' });
  });

  it('refuses, 403 in French, a caller whose credential does not grant the scope', () => {
    expect(() => requireScope(declarant, 'depots:lire', 'de lire les dépôts')).not.toThrow();
    let error: unknown;
    try {
      requireScope(declarant, 'ressources:lire', 'de lire les ressources des personnes');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: 'AUTH_SCOPE',
      detail:
        'Ce jeton ne permet pas de lire les ressources des personnes (droit « ressources:lire » absent).',
      source: { header: 'Authorization' },
    });
  });
});
