import { describe, expect, it } from 'vitest';
import type { DeclarantCaller } from '../../platform/auth/caller.ts';
import { operator } from '../../platform/auth/operator.ts';
import { checkResourcesRead } from './permissions.ts';

describe('DRM permissions', () => {
  it('lets the callers granted ressources:lire read resources, and no one else', () => {
    expect(() => checkResourcesRead(operator)).not.toThrow();
    const declarant: DeclarantCaller = {
      kind: 'declarant',
      declarantId: 'd-1',
      perimeter: '732829320',
      scopes: ['depots:deposer', 'depots:lire', 'declarations:lire'],
      purpose: null,
    };
    expect(() => checkResourcesRead(declarant)).toThrow(
      expect.objectContaining({
        code: 'AUTH_SCOPE',
        detail:
          'Ce jeton ne permet pas de lire les ressources des personnes (droit « ressources:lire » absent).',
      }),
    );
  });
});
