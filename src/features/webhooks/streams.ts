import type { Kysely } from 'kysely';
import type { Database, WebhookStream } from '../../platform/store/schema.ts';
import { findDeclarant } from '../declarant/declarants-repository.ts';
import { declarantCaller } from '../declarant/declarants.ts';
import { bodyCaller } from '../exchange/body-resolver.ts';
import { decodeCursor } from '../exchange/feed-cursor.ts';
import { readFeed } from '../exchange/feed.ts';
import { findCredential } from '../exchange/habilitations-repository.ts';
import { readReturns } from '../returns/returns.ts';

/**
 * What a webhook pushes: the next page of its owner's stream, read through the pull API's own
 * functions, so that a message holds exactly what `GET /v1/flux` or `GET /v1/retours` would give
 * from the same cursor (thin events, no amount, no NIR) and its `next` cursor.
 */

export type StreamRead =
  | { kind: 'page'; events: number; data: Record<string, unknown>; next: string }
  /** The owner may no longer read its stream (revoked habilitation or token, disabled body). */
  | { kind: 'closed'; reason: string };

interface Stream {
  /** The message's `type`, as Standard Webhooks names them. */
  type: string;
  /** Throws the pull API's own error when `cursor` is not one of its cursors. */
  checkCursor(cursor: string): void;
  /** Whether nothing can follow `cursor` while the outbox ends at `last`: no need to read. */
  caughtUp(cursor: string, last: number): boolean;
  /**
   * The page after `cursor`. `last` is the outbox's last position, read before: positions follow
   * commit order, so a stream that finds nothing up to it may move its cursor there.
   */
  read(
    db: Kysely<Database>,
    ownerId: string,
    cursor: string,
    page: { limit: number; last: number; now: Date },
  ): Promise<StreamRead>;
}

const feedStream: Stream = {
  type: 'flux.evenements',
  checkCursor: (cursor) => void decodeCursor(cursor),
  caughtUp(cursor, last) {
    const decoded = decodeCursor(cursor);
    return decoded.within === undefined && decoded.position >= last;
  },
  async read(db, habilitationId, cursor, { limit, now }) {
    const habilitation = await findCredential(db, habilitationId);
    if (!habilitation || habilitation.revoked_at !== null)
      return { kind: 'closed', reason: 'L’habilitation a été révoquée.' };
    if (habilitation.body_disabled_at !== null)
      return { kind: 'closed', reason: 'L’organisme a été désactivé.' };
    const page = await readFeed(db, bodyCaller(habilitation), cursor, limit, now);
    return { kind: 'page', events: page.evenements.length, data: { ...page }, next: page.suivant };
  },
};

const returnsStream: Stream = {
  type: 'retours.evenements',
  checkCursor: () => {},
  caughtUp: (cursor, last) => Number(cursor) >= last,
  async read(db, declarantId, cursor, { limit, last }) {
    const declarant = await findDeclarant(db, declarantId);
    if (!declarant || declarant.revoked_at !== null)
      return { kind: 'closed', reason: 'Le jeton du déclarant a été révoqué.' };
    const page = await readReturns(db, declarantCaller(declarant), Number(cursor), limit);
    return {
      kind: 'page',
      events: page.events.length,
      data: { events: page.events, next: page.next },
      // Nothing for this declarant up to `last`: the next read starts there, not from the same place.
      next: String(page.events.length === 0 ? Math.max(page.next, last) : page.next),
    };
  },
};

export const streams: Readonly<Record<WebhookStream, Stream>> = { flux: feedStream, retours: returnsStream };
