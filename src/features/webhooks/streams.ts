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
  read(db: Kysely<Database>, ownerId: string, cursor: string, limit: number, now: Date): Promise<StreamRead>;
}

const feedStream: Stream = {
  type: 'flux.evenements',
  checkCursor: (cursor) => void decodeCursor(cursor),
  async read(db, habilitationId, cursor, limit, now) {
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
  async read(db, declarantId, cursor, limit) {
    const declarant = await findDeclarant(db, declarantId);
    if (!declarant || declarant.revoked_at !== null)
      return { kind: 'closed', reason: 'Le jeton du déclarant a été révoqué.' };
    const page = await readReturns(db, declarantCaller(declarant), Number(cursor), limit);
    return {
      kind: 'page',
      events: page.events.length,
      data: { events: page.events, next: page.next },
      next: String(page.next),
    };
  },
};

export const streams: Readonly<Record<WebhookStream, Stream>> = { flux: feedStream, retours: returnsStream };
