import { openPglite } from './pglite-store.ts';
import { openPostgres } from './postgres-store.ts';
import type { Store, StoreTarget } from './store.ts';

export { DatabaseLockedError } from './data-dir-lock.ts';
export type { Store, StoreTarget } from './store.ts';

/** One file per dialect behind this interface: `pglite-store.ts`, `postgres-store.ts`. */
export async function openStore(target: StoreTarget): Promise<Store> {
  return target.kind === 'pglite' ? openPglite(target.dataDir) : openPostgres(target);
}
