import type { Executor } from '../../platform/store/schema.ts';

export interface PurposeRow {
  code: string;
  label: string;
  legal_reference: string;
}

export async function listPurposes(ex: Executor): Promise<PurposeRow[]> {
  return ex.selectFrom('purpose').select(['code', 'label', 'legal_reference']).orderBy('code').execute();
}

export async function findPurpose(ex: Executor, code: string): Promise<PurposeRow | undefined> {
  return ex
    .selectFrom('purpose')
    .select(['code', 'label', 'legal_reference'])
    .where('code', '=', code)
    .executeTakeFirst();
}

/** False when the code is already taken. */
export async function insertPurpose(ex: Executor, purpose: PurposeRow): Promise<boolean> {
  const result = await ex
    .insertInto('purpose')
    .values(purpose)
    .onConflict((conflict) => conflict.column('code').doNothing())
    .returning('code')
    .executeTakeFirst();
  return result !== undefined;
}
