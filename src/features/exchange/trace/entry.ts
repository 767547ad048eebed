import { createHash, createHmac } from 'node:crypto';
import type { CallerKind } from '../../../platform/auth/caller.ts';

/** One access to one person's data, as the read appends it (position and chain drawn by the database). */
export interface TraceEntry {
  at: Date;
  requestId: string;
  callerKind: Extract<CallerKind, 'body' | 'operator'>;
  bodySiret: string | null;
  habilitationId: string | null;
  purpose: string;
  recipient: string | null;
  caseReference: string;
  /** `ressources`, `fenetres`, `lot`, `flux`: which service answered. */
  service: string;
  personHmac: Buffer;
  /** The fields and months (AAAA-MM) the answer carried; empty for a refusal. */
  fields: readonly string[];
  months: readonly string[];
  /** `served`, or the refusal's code. */
  outcome: string;
}

/**
 * The person as the trace names them: HMAC-SHA256 of their NIR's 13 characters (the key apart),
 * so that the person's space finds their entries from their NIR. A NIR that could not be read is
 * hashed as given, upper-cased: it names nobody.
 */
export function personHmac(key: Buffer, nir13OrText: string): Buffer {
  return createHmac('sha256', key).update(`nir:${nir13OrText}`).digest();
}

/**
 * The canonical content of an entry, the text its `content_sha256` is taken over: a JSON array in
 * a fixed order (no key order to agree on), versioned so that a later format can be told apart.
 */
export function canonicalContent(entry: TraceEntry): string {
  return JSON.stringify([
    'relais-trace/1',
    entry.at.toISOString(),
    entry.requestId,
    entry.callerKind,
    entry.bodySiret,
    entry.habilitationId,
    entry.purpose,
    entry.recipient,
    entry.caseReference,
    entry.service,
    entry.personHmac.toString('hex'),
    entry.fields,
    entry.months,
    entry.outcome,
  ]);
}

export function contentSha256(entry: TraceEntry): Buffer {
  return createHash('sha256').update(canonicalContent(entry)).digest();
}

/** The hash chaining an entry to the one before it: the same formula as the migration's trigger. */
export function chainSha256(previous: Uint8Array, position: number, content: Uint8Array): Buffer {
  const at = Buffer.alloc(8);
  at.writeBigInt64BE(BigInt(position));
  return createHash('sha256').update(previous).update(at).update(content).digest();
}

/** Where a chain starts when nothing was ever cut: 32 zero bytes. */
export const genesisHash = Buffer.alloc(32);
