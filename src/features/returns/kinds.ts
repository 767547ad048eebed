import type { EventKind } from '../../platform/store/schema.ts';

/**
 * What the platform sends back to a declarant, by the name the returns stream gives it, with the
 * outbox event that carries it and a French label for the timeline. Later returns (feedback
 * reports, substitution notices) are added here, with their event kind in `schema.ts`.
 */
export const returnKinds = [
  { kind: 'ACCUSE_RECEPTION', event: 'return.acknowledgement', label: 'Accusé de réception' },
  { kind: 'BILAN_ANOMALIES', event: 'return.anomaly_report', label: 'Bilan des anomalies' },
  { kind: 'CERTIFICAT_CONFORMITE', event: 'return.certificate', label: 'Certificat de conformité' },
] as const satisfies readonly { kind: string; event: EventKind; label: string }[];

export type ReturnKind = (typeof returnKinds)[number]['kind'];
export type ReturnEventKind = (typeof returnKinds)[number]['event'];

const byEvent = new Map<string, (typeof returnKinds)[number]>(returnKinds.map((k) => [k.event, k]));

/** The return an outbox event carries; undefined for an event that is no return. */
export function returnOf(event: string): (typeof returnKinds)[number] | undefined {
  return byEvent.get(event);
}

/** The prefix every return event kind has: the stream reads the outbox's events of this prefix. */
export const returnEventPrefix = 'return.';
