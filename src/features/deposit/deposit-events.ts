import type { OutboxEvent } from '../../platform/outbox/events-repository.ts';
import type { RaisedFlag } from '../drm/drm-repository.ts';
import type { DepositDecision } from './deposit-decide.ts';
import type { Decision } from './lifecycle.ts';
import { givesResourceLines } from './row-listener.ts';

/**
 * What a recorded deposit tells the outbox, in this order: the deposit; for each declaration in
 * file order, the one it closes (replaced or cancelled, and its resource lines closed), then its
 * own fate (accepted or rejected, and its resource lines added); the identity flags raised.
 * References only: a reader finds a declaration's persons through its key, where access is ruled.
 * A closed declaration's line count is in its own `resource_lines.added`.
 */
export function depositEvents(decided: DepositDecision, flags: readonly RaisedFlag[]): OutboxEvent[] {
  const { received, outcome, decidedAt: at } = decided;
  const deposit = { at, deposit_id: received.id, declarant_id: received.declarant_id };
  const events: OutboxEvent[] = [
    {
      ...deposit,
      kind: 'deposit.received',
      data: {
        status: outcome.status,
        sha256: received.sha256,
        declarations: outcome.declarations,
        individuals: outcome.individuals,
        blocking: outcome.blocking,
        nonBlocking: outcome.non_blocking,
        // Said only when so: readers then know this deposit is not the file's.
        ...(outcome.refused_for_sender === true ? { refusedForSender: true } : {}),
      },
    },
  ];
  for (const d of decided.decisions) {
    const closed = d.closes;
    if (closed !== null) {
      const about = {
        ...deposit,
        declaration_id: closed.id,
        declaration_key: closed.key,
        siret: closed.siret,
        month: closed.month,
        data: { by: d.id },
      };
      events.push({
        ...about,
        kind: closed.status === 'cancelled' ? 'declaration.cancelled' : 'declaration.replaced',
      });
      if (givesResourceLines(closed.nature)) events.push({ ...about, kind: 'resource_lines.closed' });
    }
    events.push(...fateOf(d, deposit));
  }
  for (const flag of flags) {
    events.push({
      ...deposit,
      kind: 'identity_flag.raised',
      declaration_key: flag.declaration_key,
      data: { flagId: flag.id, kind: flag.kind },
    });
  }
  return events;
}

function fateOf(
  d: Decision,
  deposit: Pick<OutboxEvent, 'at' | 'deposit_id' | 'declarant_id'>,
): OutboxEvent[] {
  const { identity } = d;
  const about = {
    ...deposit,
    declaration_id: d.id,
    declaration_key: d.key,
    siret: identity.siret,
    month: identity.month,
  };
  const kinds = { nature: identity.nature, type: identity.type, position: identity.position };
  if (d.status === 'rejected') return [{ ...about, kind: 'declaration.rejected', data: kinds }];
  const accepted: OutboxEvent = {
    ...about,
    kind: 'declaration.accepted',
    data: { ...kinds, individuals: d.individuals, late: d.late },
  };
  if (d.resourceLines === 0) return [accepted];
  return [accepted, { ...about, kind: 'resource_lines.added', data: { lines: d.resourceLines } }];
}
