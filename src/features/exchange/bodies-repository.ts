import type { Selectable } from 'kysely';
import type { BodyTable, Executor } from '../../platform/store/schema.ts';

export type BodyRow = Selectable<BodyTable>;

/** False when a body with this SIRET already exists. */
export async function insertBody(ex: Executor, body: { siret: string; name: string }): Promise<boolean> {
  const result = await ex
    .insertInto('body')
    .values({ siret: body.siret, name: body.name, disabled_at: null })
    .onConflict((conflict) => conflict.column('siret').doNothing())
    .returning('siret')
    .executeTakeFirst();
  return result !== undefined;
}

export async function findBody(ex: Executor, siret: string): Promise<BodyRow | undefined> {
  return ex.selectFrom('body').selectAll().where('siret', '=', siret).executeTakeFirst();
}

export async function listBodies(ex: Executor): Promise<BodyRow[]> {
  return ex.selectFrom('body').selectAll().orderBy('created_at').orderBy('siret').execute();
}

/** True when the body existed and was still enabled. */
export async function disableBody(ex: Executor, siret: string, at: Date): Promise<boolean> {
  const result = await ex
    .updateTable('body')
    .set({ disabled_at: at })
    .where('siret', '=', siret)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
