import type { Kysely } from 'kysely';
import type { BodyCaller } from '../../platform/auth/caller.ts';
import type { Database } from '../../platform/store/schema.ts';
import type { StatedIdentity } from '../drm/names.ts';
import type { TraceKeys } from './trace/keys.ts';
import { readResourcesTraced } from './traced-read.ts';

/**
 * What a bulk lot needs of the read: many persons' resources under one context, each answered or
 * refused alone, in input order. The lot job is given the function (see `bulk-jobs.ts`): the
 * server's is {@link tracedBulkRead}; tests may hand a failing or counting one.
 */

export interface BulkContext {
  recipient: string;
  purpose: string;
  /** `AAAA-MM`, both included. */
  from: string;
  to: string;
  asOf?: Date;
  /** Of the request that submitted the lot, to follow it across systems and in the trace. */
  requestId: string;
}

export interface BulkRequest {
  /** As given, 15 characters with the key. */
  nir: string;
  identity: StatedIdentity;
  dossier: string;
}

export type BulkOutcome = { resultat: unknown } | { erreur: { code: string; detail: string } };

export type BatchRead = (
  db: Kysely<Database>,
  caller: BodyCaller,
  context: BulkContext,
  requests: readonly BulkRequest[],
) => Promise<BulkOutcome[]>;

/**
 * The exchange's traced batch read: each line minimised to the habilitation's fields and months,
 * and traced as a single read is, under the service `lot`, in one transaction per chunk.
 */
export function tracedBulkRead(keys: TraceKeys): BatchRead {
  return async (db, caller, context, requests) => {
    const outcomes = await readResourcesTraced(
      { db, keys },
      caller,
      { recipient: context.recipient, purpose: context.purpose, requestId: context.requestId },
      requests.map((r) => ({
        nir: r.nir,
        identity: r.identity,
        caseReference: r.dossier,
        from: context.from,
        to: context.to,
        ...(context.asOf ? { asOf: context.asOf } : {}),
      })),
      { service: 'lot' },
    );
    return outcomes.map((o) =>
      o.ok ? { resultat: o.answer } : { erreur: { code: o.error.code, detail: o.error.detail } },
    );
  };
}
