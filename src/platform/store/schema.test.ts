import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryStore } from '../../../test/deposit-helpers.ts';
import { rowTables } from '../../features/deposit/row-mapping.ts';
import type { Store } from './database.ts';
import { drmRowTables } from './migrations/202611230002_drm.ts';
import { rowTableNames } from '../../features/deposit/rows-repository.ts';

describe('migrated schema', () => {
  let store: Store;
  beforeAll(async () => {
    store = await memoryStore();
  });
  afterAll(async () => {
    await store.close();
  });

  it('has every column the ingestion writes, and the ingestion fills every column', async () => {
    expect(rowTables.map((t) => t.table).sort()).toEqual([...rowTableNames, ...drmRowTables].sort());
    for (const { table, columns } of rowTables) {
      const { rows } = await sql<{ column_name: string }>`select column_name from information_schema.columns
        where table_schema = current_schema() and table_name = ${table} order by ordinal_position`.execute(
        store.db,
      );
      expect([...columns].sort(), table).toEqual(rows.map((r) => r.column_name).sort());
    }
  });
});
