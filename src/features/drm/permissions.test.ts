import { describe, expect, it } from 'vitest';
import { declarantCaller } from '../declarant/declarants.ts';
import { operator } from '../../platform/auth/operator.ts';
import { checkResourcesRead } from './permissions.ts';

describe('DRM permissions', () => {
  it('lets the callers granted ressources:lire read resources, and no one else', () => {
    expect(() => checkResourcesRead(operator)).not.toThrow();
    const declarant = declarantCaller({ id: 'd-1', scope: '732829320' });
    expect(() => checkResourcesRead(declarant)).toThrow(
      expect.objectContaining({
        code: 'AUTH_SCOPE',
        detail:
          'Ce jeton ne permet pas de lire les ressources des personnes (droit « ressources:lire » absent).',
      }),
    );
  });
});
