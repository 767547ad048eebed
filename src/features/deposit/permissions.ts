import {
  requireScope,
  type Caller,
  type DeclarantCaller,
  type MemberCaller,
} from '../../platform/auth/caller.ts';
import { AppError } from '../../platform/errors.ts';
import type { Declarant } from '../../platform/store/schema.ts';
import { inScope } from '../declarant/declarants.ts';

/**
 * Who may do what with deposits and declarations, as pure functions of the caller and the
 * resource. A deposit is its declarant's; a declaration is its establishment's, read by every
 * declarant whose perimeter holds its SIRET, whoever filed it.
 */

/**
 * The declarant a request acts for: a declarant's token, itself; a signed-in member, the declarant
 * of their portfolio the request names (`chosen`), which may be left unnamed when the portfolio
 * holds only one. The member then has, for that declarant, what its own token would give.
 */
export function actingDeclarant(
  caller: DeclarantCaller | MemberCaller,
  chosen: string | undefined,
): DeclarantCaller {
  if (caller.kind === 'declarant') return caller;
  const { portfolio } = caller;
  if (chosen === undefined && portfolio.length !== 1) {
    throw new AppError(
      'PORTFOLIO_CHOICE',
      portfolio.length === 0
        ? 'Aucun déclarant n’est lié à votre compte : demandez à l’opérateur de Relais de vous rattacher à votre entreprise.'
        : `Votre compte agit pour ${portfolio.length} déclarants : précisez lequel (paramètre « declarant » ou en-tête « Relais-Declarant »).`,
      { parameter: 'declarant' },
    );
  }
  const entry = chosen === undefined ? portfolio[0]! : portfolio.find((p) => p.declarantId === chosen);
  if (!entry) {
    throw new AppError('PORTFOLIO_FORBIDDEN', `Le déclarant ${chosen} n’est pas dans votre portefeuille.`, {
      parameter: 'declarant',
    });
  }
  return {
    kind: 'declarant',
    declarantId: entry.declarantId,
    perimeter: entry.perimeter,
    scopes: caller.scopes,
    purpose: null,
  };
}

/** The declarant a deposit is filed for: the caller, once its token allows depositing. */
export function depositor(caller: DeclarantCaller): Pick<Declarant, 'id' | 'scope'> {
  requireScope(caller, 'depots:deposer', 'de déposer des déclarations');
  return { id: caller.declarantId, scope: caller.perimeter };
}

/** Why a declaration of `siret` is refused to a declarant filing it, or null when it may. */
export function outsidePerimeter(declarant: Pick<Declarant, 'scope'>, siret: string | null): string | null {
  return inScope(declarant.scope, siret)
    ? null
    : `L'établissement ${siret ?? '(SIRET illisible)'} n'appartient pas au périmètre ${declarant.scope} du déclarant.`;
}

export function checkDepositsRead(caller: DeclarantCaller): void {
  requireScope(caller, 'depots:lire', 'de lire les dépôts');
}

/**
 * Another declarant's deposit is answered as one that does not exist, word for word: a 403 would
 * tell a caller which ids exist.
 */
export function checkDepositOwner(
  caller: DeclarantCaller,
  deposit: { id: string; declarant_id: string | null },
): void {
  if (deposit.declarant_id !== caller.declarantId) throw depositNotFound(deposit.id);
}

export const depositNotFound = (id: string) =>
  new AppError('DEPOSIT_NOT_FOUND', `Aucun dépôt ${id}.`, { parameter: 'id' });

export const declarationNotFound = (id: string) =>
  new AppError('DECLARATION_NOT_FOUND', `Aucune déclaration ${id}.`, { parameter: 'id' });

export function checkDeclarationsRead(caller: DeclarantCaller): void {
  requireScope(caller, 'declarations:lire', 'de lire les déclarations');
}

export function checkEstablishmentInPerimeter(caller: DeclarantCaller, siret: string): void {
  if (!inScope(caller.perimeter, siret)) {
    throw new AppError(
      'DECLARATION_FORBIDDEN',
      `L'établissement ${siret} est hors de votre périmètre (${caller.perimeter}).`,
      { parameter: 'siret' },
    );
  }
}

/** A declaration outside the caller's perimeter is answered as one that does not exist (see above). */
export function checkDeclarationInPerimeter(
  caller: DeclarantCaller,
  declaration: { id: string; siret: string | null },
): void {
  if (!inScope(caller.perimeter, declaration.siret)) throw declarationNotFound(declaration.id);
}

/**
 * The operator deposits for itself (no declarant: no perimeter, as `relais ingest` on the
 * database) or for a declarant it names; a declarant's own token deposits at `/v1/depots` only.
 */
export function checkOperatorDeposit(caller: Caller): void {
  requireScope(caller, 'depots:gerer', 'de déposer en tant qu’opérateur');
}
