import type { Kysely } from 'kysely';
import type { BodyCaller } from '../../platform/auth/caller.ts';
import { isAppError } from '../../platform/errors.ts';
import type { Database } from '../../platform/store/schema.ts';
import type { StatedIdentity } from '../drm/names.ts';
import { readResources } from '../drm/read.ts';

/**
 * What a bulk lot needs of the read: many persons' resources under one context, each answered or
 * refused alone, in input order. The lot job is given the function (see `bulk-jobs.ts`), so that
 * it runs on whatever read the server serves.
 */

export interface BulkContext {
  recipient: string;
  purpose: string;
  /** `AAAA-MM`, both included. */
  from: string;
  to: string;
  asOf?: Date;
  /** Of the request that submitted the lot, to follow it across systems. */
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
 * The DRM unit read, one person after the other, each refusal kept as that person's outcome. It
 * neither minimises nor traces: it stands for the exchange's traced batch read until that one is
 * wired in.
 */
export const unitReadsInTurn: BatchRead = async (db, caller, context, requests) => {
  const outcomes: BulkOutcome[] = [];
  for (const request of requests) {
    try {
      const resultat = await readResources(db, caller, {
        nir: request.nir,
        identity: request.identity,
        from: context.from,
        to: context.to,
        ...(context.asOf ? { asOf: context.asOf } : {}),
      });
      outcomes.push({ resultat });
    } catch (error) {
      if (!isAppError(error)) throw error;
      outcomes.push({ erreur: { code: error.code, detail: error.detail } });
    }
  }
  return outcomes;
};
