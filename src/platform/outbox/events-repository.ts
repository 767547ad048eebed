import type { Executor, NewEvent, StoredEvent } from '../store/schema.ts';

/** An event to append: references only (ids, keys, SIRET, month, counts), never a NIR or a name. */
export type OutboxEvent = Omit<NewEvent, 'position' | 'data'> & { data?: Record<string, unknown> };

/**
 * Appends events in the caller's transaction, in the order given. The database draws their
 * positions under the outbox lock (see the outbox migration), held until the transaction ends:
 * call this last, right before COMMIT, so that other writers wait only for the commit itself.
 */
export async function appendEvents(ex: Executor, events: readonly OutboxEvent[]): Promise<void> {
  if (events.length === 0) return;
  await ex
    .insertInto('event')
    .values(events.map(({ data, ...event }) => ({ ...event, data: JSON.stringify(data ?? {}) })))
    .execute();
}

/**
 * The events after `cursor` (a position already read; 0 to start), oldest first. A reader keeps
 * the position of the last event it handled and asks again from there: positions follow commit
 * order, so no event can appear later below a position already seen (gaps are rolled back).
 */
export async function eventsAfter(ex: Executor, cursor: number, limit: number): Promise<StoredEvent[]> {
  return ex
    .selectFrom('event')
    .selectAll()
    .where('position', '>', cursor)
    .orderBy('position')
    .limit(limit)
    .execute();
}
