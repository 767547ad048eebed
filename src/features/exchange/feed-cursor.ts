import { AppError } from '../../platform/errors.ts';

/**
 * Where a body is in its change feed. A feed item is a (person, month) of a resource-line event,
 * and one event may give many items: the cursor is the outbox position of the last item given
 * and, while that event is not finished, the item itself (its person reference and month). A
 * bare position (`123`) means "everything up to event 123"; the body keeps whichever it was last
 * given and asks again from it, after a restart on either side.
 */
export interface FeedCursor {
  position: number;
  /** The last item given within `position`'s event; absent once the event is finished. */
  within?: { person: string; month: string };
}

const inside = /^([0-9]{1,15}):([0-9a-f-]{36}):([0-9]{4}-[0-9]{2})$/;

export function encodeCursor(cursor: FeedCursor): string {
  if (cursor.within === undefined) return String(cursor.position);
  const { person, month } = cursor.within;
  return Buffer.from(`${cursor.position}:${person}:${month}`).toString('base64url');
}

const invalid = () =>
  new AppError(
    'EXCHANGE_CURSOR_INVALID',
    'Le curseur doit être 0 (depuis le début) ou une valeur « suivant » ou « curseur » rendue par le flux.',
    { parameter: 'apres' },
  );

export function decodeCursor(text: string): FeedCursor {
  if (/^[0-9]{1,15}$/.test(text)) return { position: Number(text) };
  if (!/^[A-Za-z0-9_-]{1,120}$/.test(text)) throw invalid();
  const match = inside.exec(Buffer.from(text, 'base64url').toString('latin1'));
  if (!match) throw invalid();
  return { position: Number(match[1]), within: { person: match[2]!, month: match[3]! } };
}
