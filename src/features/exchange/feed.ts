import type { Kysely } from 'kysely';
import type { BodyCaller } from '../../platform/auth/caller.ts';
import type { Database } from '../../platform/store/schema.ts';
import { decodeCursor, encodeCursor, type FeedCursor } from './feed-cursor.ts';
import { earliestMonth } from './feed-permissions.ts';
import { feedRows, windowEnd, type ChangeNature, type FeedRow } from './feed-repository.ts';

/**
 * The change feed of a habilitation: the new, corrected or cancelled resource months of the
 * persons it follows, as thin events in outbox order. An event carries no amount and no NIR: the
 * person's opaque reference (given when they were followed), the body's case reference, the month,
 * what happened, and the read to make to see it, under the same purpose. Delivery is at least
 * once: a body that resumes from an earlier cursor is given the items after it again.
 */

export interface FeedItem {
  /** Outbox position of the change: items are in this order, then by person and month. */
  position: number;
  /** Resumes the feed right after this item. */
  curseur: string;
  personne: string;
  dossier: string;
  mois: string;
  nature: ChangeNature;
  lien: {
    methode: 'POST';
    href: '/v1/drm/ressources';
    /** The read's context; the body adds the person's identity (nir, nom, prenoms, dateNaissance) from its case. */
    corps: { destinataire: string; finalite: string; dossier: string; du: string; au: string };
  };
}

export interface FeedPage {
  evenements: FeedItem[];
  /** Where to ask from next time (`apres`), whether or not this page had items. */
  suivant: string;
}

export const defaultLimit = 100;
export const maxLimit = 1000;
/** Resource-line events looked at per call: a page ends there even when it has room left. */
const eventWindow = 1000;

export async function readFeed(
  db: Kysely<Database>,
  caller: BodyCaller,
  after: string,
  limit = defaultLimit,
  now = new Date(),
): Promise<FeedPage> {
  const cursor = decodeCursor(after);
  const last = await windowEnd(db, cursor, eventWindow);
  if (last === null) return { evenements: [], suivant: encodeCursor(cursor) };
  const rows = await feedRows(
    db,
    caller.habilitationId,
    cursor,
    last,
    `${earliestMonth(caller, now)}-01`,
    limit,
  );
  const items = rows.map((row) => itemOf(caller, row));
  // A full page may stop inside an event; otherwise every event of the window is done.
  const next: FeedCursor = rows.length === limit ? cursorAfter(rows.at(-1)!) : { position: last };
  return { evenements: items, suivant: encodeCursor(next) };
}

const cursorAfter = (row: FeedRow): FeedCursor => ({
  position: row.position,
  within: { person: row.person, month: row.month },
});

function itemOf(caller: BodyCaller, row: FeedRow): FeedItem {
  return {
    position: row.position,
    curseur: encodeCursor(cursorAfter(row)),
    personne: row.person,
    dossier: row.dossier,
    mois: row.month,
    nature: row.nature,
    lien: {
      methode: 'POST',
      href: '/v1/drm/ressources',
      corps: {
        destinataire: caller.bodySiret,
        finalite: caller.purpose,
        dossier: row.dossier,
        du: row.month,
        au: row.month,
      },
    },
  };
}
