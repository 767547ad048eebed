import { describe, expect, it } from 'vitest';
import { databaseUrl, sayWhenSkipped, withPostgresStore } from '../../../test/deposit-helpers.ts';
import type { Store } from '../store/database.ts';
import { appendEvents, eventsAfter } from './events-repository.ts';

sayWhenSkipped('src/platform/outbox/events.pg.test.ts');

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!databaseUrl)('event positions (PostgreSQL)', () => {
  let store: Store;
  withPostgresStore('relais_test_events', (opened) => (store = opened));

  /** One writer: a transaction appending `count` events, slow to commit, sometimes rolled back. */
  async function writer(id: number, count: number, rollback: boolean): Promise<void> {
    const session = await store.openSession();
    try {
      await session.begin();
      await appendEvents(
        session.db,
        Array.from({ length: count }, (_, i) => ({
          kind: 'deposit.received' as const,
          at: new Date(),
          data: { writer: id, index: i },
        })),
      );
      // The tail between the append and COMMIT, where a plain sequence lets a later number overtake.
      await pause(Math.random() * 15);
      if (rollback) await session.rollback();
      else await session.commit();
    } finally {
      await session.release();
    }
  }

  it('lets a reader polling past its cursor see every committed event, in commit order', async () => {
    const writers = Array.from({ length: 40 }, (_, i) => i);
    const seen: number[] = [];
    let cursor = 0;
    let writing = true;
    const reader = (async () => {
      for (;;) {
        const last = !writing;
        const events = await eventsAfter(store.db, cursor, 1000);
        for (const event of events) {
          seen.push(event.position);
          cursor = event.position;
        }
        if (last && events.length === 0) return;
        await pause(1);
      }
    })();
    // Eight at a time, so that commits interleave.
    for (let i = 0; i < writers.length; i += 8) {
      await Promise.all(writers.slice(i, i + 8).map((w) => writer(w, 1 + (w % 3), w % 7 === 3)));
    }
    writing = false;
    await reader;
    const stored = await store.db
      .selectFrom('event')
      .select(['position', 'data'])
      .orderBy('position')
      .execute();
    expect(seen).toEqual(stored.map((e) => e.position));
    // Rolled-back writers left nothing; committed ones all their events, contiguous.
    const expected = writers.filter((w) => w % 7 !== 3).reduce((n, w) => n + 1 + (w % 3), 0);
    expect(stored).toHaveLength(expected);
    const byWriter = new Map<number, number[]>();
    for (const e of stored) {
      const { writer: w } = e.data as { writer: number };
      byWriter.set(w, [...(byWriter.get(w) ?? []), e.position]);
    }
    for (const positions of byWriter.values())
      expect(positions.at(-1)! - positions[0]!).toBe(positions.length - 1);
  });

  it('makes a second writer wait for the first one to commit before drawing its position', async () => {
    const first = await store.openSession();
    const second = await store.openSession();
    try {
      await first.begin();
      await second.begin();
      await appendEvents(first.db, [{ kind: 'deposit.received', at: new Date(), data: { who: 'first' } }]);
      let secondDone = false;
      const appending = appendEvents(second.db, [
        { kind: 'deposit.received', at: new Date(), data: { who: 'second' } },
      ]).then(() => (secondDone = true));
      await pause(100);
      expect(secondDone).toBe(false);
      await first.commit();
      await appending;
      await second.commit();
    } finally {
      await first.release();
      await second.release();
    }
    const last = await store.db
      .selectFrom('event')
      .select(['position', 'data'])
      .orderBy('position', 'desc')
      .limit(2)
      .execute();
    expect(last.map((e) => (e.data as { who: string }).who)).toEqual(['second', 'first']);
  });

  it('refuses to change or remove an event', async () => {
    await appendEvents(store.db, [{ kind: 'deposit.received', at: new Date() }]);
    await expect(store.db.deleteFrom('event').execute()).rejects.toThrow(/append-only/);
    await expect(store.db.updateTable('event').set({ siret: 'x' }).execute()).rejects.toThrow(/append-only/);
  });
});
