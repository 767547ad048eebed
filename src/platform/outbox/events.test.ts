import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryStore } from '../../../test/deposit-helpers.ts';
import type { Store } from '../store/database.ts';
import { appendEvents, eventsAfter } from './events-repository.ts';

describe('event outbox (PGlite)', () => {
  let store: Store;
  beforeAll(async () => {
    store = await memoryStore();
  });
  afterAll(async () => {
    await store.close();
  });

  it('keeps the events of a committed transaction, in order, and none of a rolled-back one', async () => {
    const at = new Date('2026-04-10T08:00:00Z');
    for (const outcome of ['commit', 'rollback', 'commit'] as const) {
      const session = await store.openSession();
      try {
        await session.begin();
        await appendEvents(session.db, [
          { kind: 'deposit.received', at, data: { outcome } },
          { kind: 'declaration.accepted', at, siret: '12345678900011', month: '2026-03-01' },
        ]);
        if (outcome === 'commit') await session.commit();
        else await session.rollback();
      } finally {
        await session.release();
      }
    }
    const events = await eventsAfter(store.db, 0, 10);
    expect(events.map((e) => [e.kind, e.data])).toEqual([
      ['deposit.received', { outcome: 'commit' }],
      ['declaration.accepted', {}],
      ['deposit.received', { outcome: 'commit' }],
      ['declaration.accepted', {}],
    ]);
    // Positions increase, with the gap left by the rollback.
    expect(events.map((e) => e.position)).toEqual([1, 2, 5, 6]);
    expect(events[1]).toMatchObject({ siret: '12345678900011', month: '2026-03-01', at });
    expect((await eventsAfter(store.db, 2, 10)).map((e) => e.position)).toEqual([5, 6]);
  });
});
