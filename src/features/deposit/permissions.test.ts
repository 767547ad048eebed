import { describe, expect, it } from 'vitest';
import type { DeclarantCaller } from '../../platform/auth/caller.ts';
import { declarantCaller } from '../declarant/declarants.ts';
import { AppError } from '../../platform/errors.ts';
import {
  checkDeclarationInPerimeter,
  checkDeclarationsRead,
  checkDepositOwner,
  checkDepositsRead,
  checkEstablishmentInPerimeter,
  depositor,
  outsidePerimeter,
} from './permissions.ts';

const company = declarantCaller({ id: 'd-1', scope: '732829320' });
const establishment: DeclarantCaller = { ...company, declarantId: 'd-2', perimeter: '73282932000074' };
const readOnly: DeclarantCaller = { ...company, scopes: ['depots:lire'] };

function refusal(check: () => unknown): [string, string, unknown] | null {
  try {
    check();
    return null;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return [error.code, error.detail, error.source];
  }
}

describe('deposit permissions', () => {
  it('files a deposit for the calling declarant, when its token allows depositing', () => {
    expect(depositor(company)).toEqual({ id: 'd-1', scope: '732829320' });
    expect(refusal(() => depositor(readOnly))?.[0]).toBe('AUTH_SCOPE');
  });

  it('shows a deposit to the declarant who made it only, as unknown to any other', () => {
    expect(refusal(() => checkDepositOwner(company, { id: 'x', declarant_id: 'd-1' }))).toBeNull();
    for (const declarant_id of ['d-2', null]) {
      expect(refusal(() => checkDepositOwner(company, { id: 'x', declarant_id }))).toEqual([
        'DEPOSIT_NOT_FOUND',
        'Aucun dépôt x.',
        { parameter: 'id' },
      ]);
    }
  });

  it('requires the reading scopes', () => {
    expect(refusal(() => checkDepositsRead(readOnly))).toBeNull();
    expect(refusal(() => checkDeclarationsRead(readOnly))).toEqual([
      'AUTH_SCOPE',
      'Ce jeton ne permet pas de lire les déclarations (droit « declarations:lire » absent).',
      { header: 'Authorization' },
    ]);
  });

  it('shows the declarations of the establishments of the perimeter, whoever filed them', () => {
    const own = { id: 'y', siret: '73282932000074' };
    expect(refusal(() => checkDeclarationInPerimeter(company, own))).toBeNull();
    expect(refusal(() => checkDeclarationInPerimeter(establishment, own))).toBeNull();
    expect(
      refusal(() => checkDeclarationInPerimeter(establishment, { id: 'y', siret: '73282932000082' })),
    ).toEqual(['DECLARATION_NOT_FOUND', 'Aucune déclaration y.', { parameter: 'id' }]);
    expect(refusal(() => checkDeclarationInPerimeter(company, { id: 'y', siret: null }))?.[0]).toBe(
      'DECLARATION_NOT_FOUND',
    );
    expect(refusal(() => checkEstablishmentInPerimeter(company, '55210055400013'))).toEqual([
      'DECLARATION_FORBIDDEN',
      "L'établissement 55210055400013 est hors de votre périmètre (732829320).",
      { parameter: 'siret' },
    ]);
  });

  it('says why a declaration outside the perimeter is refused in a deposit', () => {
    expect(outsidePerimeter({ scope: '732829320' }, '73282932000074')).toBeNull();
    expect(outsidePerimeter({ scope: '73282932000074' }, '73282932000082')).toBe(
      "L'établissement 73282932000082 n'appartient pas au périmètre 73282932000074 du déclarant.",
    );
    expect(outsidePerimeter({ scope: '732829320' }, null)).toBe(
      "L'établissement (SIRET illisible) n'appartient pas au périmètre 732829320 du déclarant.",
    );
  });
});
