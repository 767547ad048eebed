import type { OutboxEvent } from '../../platform/outbox/events-repository.ts';
import type { DepositDecision } from '../deposit/deposit-decide.ts';
import type { ReturnEventKind } from './kinds.ts';

/**
 * What a recorded deposit sends back to its declarant, as outbox events written with the
 * deposit's own, after them: the acknowledgement always; the anomaly report when the report has
 * something to read (an anomaly, or a declaration rejected); the certificate when one was issued.
 * A deposit made without a declarant (`relais ingest` on the server itself) sends nothing back:
 * there is nobody to send it to. The data are counts and statuses, as for every event.
 */
export function depositReturns(decided: DepositDecision, certified: boolean): OutboxEvent[] {
  const { received, outcome, decidedAt: at } = decided;
  if (received.declarant_id === null) return [];
  const about = { at, deposit_id: received.id, declarant_id: received.declarant_id };
  const blocking = outcome.blocking ?? 0;
  const nonBlocking = outcome.non_blocking ?? 0;
  const rejected = decided.decisions.length - decided.accepted.length;
  const returns: { kind: ReturnEventKind; data: Record<string, unknown> }[] = [
    { kind: 'return.acknowledgement', data: { status: outcome.status } },
  ];
  if (blocking + nonBlocking > 0 || rejected > 0 || outcome.status !== 'accepted') {
    returns.push({ kind: 'return.anomaly_report', data: { status: outcome.status, blocking, nonBlocking } });
  }
  if (certified) {
    returns.push({ kind: 'return.certificate', data: { declarations: decided.accepted.length } });
  }
  return returns.map((r) => ({ ...about, ...r }));
}
