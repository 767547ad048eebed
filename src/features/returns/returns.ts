import type { DeclarantCaller, MemberCaller } from '../../platform/auth/caller.ts';
import { returnKinds, returnOf, type ReturnKind } from './kinds.ts';
import { checkReturnsRead } from './permissions.ts';
import {
  countReturnsAfter,
  lastReturnPosition,
  readPositions,
  returnsAfter,
  returnsBefore,
  saveReadPosition,
  unreadOfPortfolio,
  type StoredReturn,
} from './returns-repository.ts';
import { AppError } from '../../platform/errors.ts';
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
  /**
   * The cursor to ask from next time: the last event's position, or the cursor given. Read
   * backwards (`before`), the oldest event's position, to give as `before` for the older ones.
   */
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

/**
 * A page of the stream: the oldest returns after `after` first; or, given `before`, the newest
 * returns before it first (a timeline read from its end, page after page towards the oldest).
 */
export async function readReturns(
  ex: Executor,
  caller: DeclarantCaller,
  after: number,
  limit: number,
  before?: number,
): Promise<ReturnsPage> {
  checkReturnsRead(caller);
  // One more than asked tells whether another page follows, without a second query.
  const rows =
    before === undefined
      ? await returnsAfter(ex, caller.declarantId, after, limit + 1)
      : await returnsBefore(ex, caller.declarantId, after, before, limit + 1);
  const events = rows.slice(0, limit).map(viewOf);
  return { events, next: events.at(-1)?.position ?? before ?? after, more: rows.length > limit };
}

export interface ReturnCounts {
  /** Returns after the cursor given: what the declarant has not read yet. */
  unread: number;
  byKind: Record<ReturnKind, number>;
  /** The last return's position (the cursor once everything is read), or the cursor given. */
  last: number;
  /** The cursor counted from: the one given, else the person's read position, else 0. */
  from: number;
}

/**
 * The unread returns by kind. A person signed in who gives no cursor counts from the position
 * their account last marked read (`markReturnsRead`); a token counts from the cursor it keeps.
 */
export async function countReturns(
  ex: Executor,
  caller: DeclarantCaller,
  given: number | undefined,
  accountId?: string,
): Promise<ReturnCounts> {
  checkReturnsRead(caller);
  const after =
    given ??
    (accountId === undefined
      ? 0
      : ((await readPositions(ex, accountId, [caller.declarantId])).get(caller.declarantId) ?? 0));
  const rows = await countReturnsAfter(ex, caller.declarantId, after);
  const byKind = Object.fromEntries(returnKinds.map((k) => [k.kind, 0])) as Record<ReturnKind, number>;
  let last = after;
  for (const row of rows) {
    byKind[knownReturn(row.kind).kind] += row.count;
    last = Math.max(last, row.last);
  }
  return { unread: Object.values(byKind).reduce((a, b) => a + b, 0), byKind, last, from: after };
}

/**
 * Marks a declarant's returns read up to `position` for a person's account: the position moves
 * forward only, and never past the declarant's last return (which would hide returns not yet sent).
 */
export async function markReturnsRead(
  ex: Executor,
  caller: DeclarantCaller,
  accountId: string,
  position: number,
  at = new Date(),
): Promise<{ read: number }> {
  checkReturnsRead(caller);
  const last = await lastReturnPosition(ex, caller.declarantId);
  if (position > last) {
    throw new AppError(
      'RETURNS_POSITION_INVALID',
      `La position ${position} dépasse celle du dernier retour de ce déclarant (${last}) : rien n’est marqué lu.`,
      { pointer: '/position' },
    );
  }
  const read = await saveReadPosition(ex, { accountId, declarantId: caller.declarantId, position, at });
  return { read };
}

export interface PortfolioUnread {
  /** Unread returns of the whole portfolio. */
  unread: number;
  declarants: { declarantId: string; unread: number; read: number; last: number }[];
}

/** The unread returns of each declarant of a person's portfolio, in the portfolio's order. */
export async function portfolioUnread(ex: Executor, caller: MemberCaller): Promise<PortfolioUnread> {
  checkReturnsRead(caller);
  const ids = caller.portfolio.map((p) => p.declarantId);
  const rows = new Map((await unreadOfPortfolio(ex, caller.accountId, ids)).map((r) => [r.declarant_id, r]));
  const declarants = ids.map((declarantId) => {
    const row = rows.get(declarantId);
    return { declarantId, unread: row?.unread ?? 0, read: row?.read ?? 0, last: row?.last ?? 0 };
  });
  return { unread: declarants.reduce((sum, d) => sum + d.unread, 0), declarants };
}
