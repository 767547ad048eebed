import type { DeclarantCaller } from '../../platform/auth/caller.ts';
import { AppError } from '../../platform/errors.ts';
import type { DeclarationRow, Executor } from '../../platform/store/schema.ts';
import { cells, readDeclarationPage } from './declaration-content.ts';
import {
  declarationsInScope,
  declarationsOfEstablishment,
  findDeclaration,
} from './declarations-repository.ts';
import {
  checkDeclarationInPerimeter,
  checkDeclarationsRead,
  checkEstablishmentInPerimeter,
  declarationNotFound,
} from './permissions.ts';
import { contextOf, countRowsOf } from './rows-repository.ts';
import { declarationView } from './views.ts';

/**
 * What a declarant reads of the declarations of its perimeter, whoever filed them, including the
 * versions since replaced or cancelled.
 */

export interface DeclarationsQuery {
  siret?: string;
  /** `AAAA-MM`; only with `siret`. */
  month?: string;
  limit: number;
}

export async function listDeclarations(ex: Executor, caller: DeclarantCaller, query: DeclarationsQuery) {
  checkDeclarationsRead(caller);
  const { siret, month, limit } = query;
  if (siret !== undefined) checkEstablishmentInPerimeter(caller, siret);
  if (siret === undefined && month !== undefined) {
    throw new AppError('REQUEST_INVALID', 'Le paramètre month demande aussi siret.', {
      parameter: 'siret',
    });
  }
  const rows =
    siret !== undefined
      ? await declarationsOfEstablishment(ex, siret, month ? `${month}-01` : null, limit)
      : await declarationsInScope(ex, caller.perimeter, limit);
  return { declarations: rows.map(declarationView) };
}

async function readable(ex: Executor, caller: DeclarantCaller, id: string): Promise<DeclarationRow> {
  checkDeclarationsRead(caller);
  const row = await findDeclaration(ex, id);
  if (!row) throw declarationNotFound(id);
  // Named as asked (the path may spell the UUID in capitals): the refusal quotes it.
  checkDeclarationInPerimeter(caller, { id, siret: row.siret });
  return row;
}

/** Identity, lifecycle, company, establishment, and the count of stored rows per table. */
export async function readDeclaration(ex: Executor, caller: DeclarantCaller, id: string) {
  const row = await readable(ex, caller, id);
  const { company, establishment } = await contextOf(ex, row.key);
  return {
    declaration: declarationView(row),
    company: company ? cells(company) : null,
    establishment: establishment ? cells(establishment) : null,
    rows: await countRowsOf(ex, row.key),
  };
}

/** One page of the individuals, as deposited; `after` is the line of the last one received. */
export async function readDeclarationIndividuals(
  ex: Executor,
  caller: DeclarantCaller,
  id: string,
  page: { after: number; limit: number },
) {
  const row = await readable(ex, caller, id);
  return readDeclarationPage(ex, row.key, page.after, page.limit);
}
