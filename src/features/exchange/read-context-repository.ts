import type { Executor } from '../../platform/store/schema.ts';

/** Whether `code` is a purpose of the `purpose` table. */
export async function purposeExists(ex: Executor, code: string): Promise<boolean> {
  const row = await ex.selectFrom('purpose').select('code').where('code', '=', code).executeTakeFirst();
  return row !== undefined;
}
