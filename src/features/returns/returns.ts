import type { DeclarantCaller } from '../../platform/auth/caller.ts';
import { returnKinds, returnOf, type ReturnKind } from './kinds.ts';
import { checkReturnsRead } from './permissions.ts';
import { countReturnsAfter, returnsAfter, type StoredReturn } from './returns-repository.ts';
import type { Executor } from '../../platform/store/schema.ts';

/**
 * The returns stream of a declarant: everything the platform sent back to it, in the order it
 * was sent, each with the addresses where it is read. A reader keeps `next` and asks again from
 * there: positions are the outbox's, which follow commit order, so nothing appears later behind
 * a position already read.
 */

export interface ReturnView {
  position: number;
  kind: ReturnKind;
  label: string;
  at: string;
  depositId: string | null;
  /** Counts and statuses, as the outbox holds them (the deposit's status, its anomalies…). */
  summary: Record<string, unknown>;
  links: Record<string, string>;
}

export interface ReturnsPage {
  events: ReturnView[];
  /** The cursor to ask from next time: the last event's position, or the cursor given. */
  next: number;
  /** Whether more events follow this page (ask again at once from `next`). */
  more: boolean;
}

/** Where each kind of return is read; the certificate's verification page is public. */
function linksOf(stored: StoredReturn, kind: ReturnKind): Record<string, string> {
  if (stored.deposit_id === null) return {};
  const deposit = `/v1/depots/${stored.deposit_id}`;
  switch (kind) {
    case 'ACCUSE_RECEPTION':
      return { deposit, file: `${deposit}/fichier` };
    case 'BILAN_ANOMALIES':
      return { deposit, report: `${deposit}/bilan`, reportPage: `${deposit}/bilan?format=html` };
    case 'CERTIFICAT_CONFORMITE':
      return {
        deposit,
        certificate: `${deposit}/certificat`,
        ...(stored.code !== null ? { verification: `/verifier/${stored.code}` } : {}),
      };
  }
}

/** The repository reads the known returns only: anything else is a programming error. */
function knownReturn(event: string) {
  const known = returnOf(event);
  if (!known) throw new Error(`an event of kind ${event} was read as a return`);
  return known;
}

function viewOf(stored: StoredReturn): ReturnView {
  const known = knownReturn(stored.kind);
  return {
    position: stored.position,
    kind: known.kind,
    label: known.label,
    at: stored.at.toISOString(),
    depositId: stored.deposit_id,
    summary: stored.data,
    links: linksOf(stored, known.kind),
  };
}

export async function readReturns(
  ex: Executor,
  caller: DeclarantCaller,
  after: number,
  limit: number,
): Promise<ReturnsPage> {
  checkReturnsRead(caller);
  // One more than asked tells whether another page follows, without a second query.
  const rows = await returnsAfter(ex, caller.declarantId, after, limit + 1);
  const events = rows.slice(0, limit).map(viewOf);
  return { events, next: events.at(-1)?.position ?? after, more: rows.length > limit };
}

export interface ReturnCounts {
  /** Returns after the cursor given: what the declarant has not read yet. */
  unread: number;
  byKind: Record<ReturnKind, number>;
  /** The last return's position (the cursor once everything is read), or the cursor given. */
  last: number;
}

export async function countReturns(
  ex: Executor,
  caller: DeclarantCaller,
  after: number,
): Promise<ReturnCounts> {
  checkReturnsRead(caller);
  const rows = await countReturnsAfter(ex, caller.declarantId, after);
  const byKind = Object.fromEntries(returnKinds.map((k) => [k.kind, 0])) as Record<ReturnKind, number>;
  let last = after;
  for (const row of rows) {
    byKind[knownReturn(row.kind).kind] += row.count;
    last = Math.max(last, row.last);
  }
  return { unread: Object.values(byKind).reduce((a, b) => a + b, 0), byKind, last };
}
