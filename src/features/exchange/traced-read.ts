import type { Kysely } from 'kysely';
import type { BodyCaller, Caller, OperatorCaller } from '../../platform/auth/caller.ts';
import { AppError } from '../../platform/errors.ts';
import type { Database, Executor } from '../../platform/store/schema.ts';
import { inTransaction } from '../../platform/store/transaction.ts';
import type { StatedIdentity } from '../drm/names.ts';
import { parseQueryNir } from '../drm/nir.ts';
import { monthRange } from '../drm/months.ts';
import {
  answerResources,
  answerWindows,
  planResources,
  planWindows,
  type IdentityRefusals,
  type ResourcesPlan,
  type WindowsPlan,
} from '../drm/read.ts';
import type { GrantableField } from './fields.ts';
import {
  checkWindowsGranted,
  grantedFields,
  minimiseResources,
  windowsFields,
  type MinimisedResources,
} from './minimise.ts';
import { checkExchangeRead } from './permissions.ts';
import { checkCaseReference, checkDepth, checkReadContext, type ReadContext } from './read-context.ts';
import { purposeExists } from './read-context-repository.ts';
import { appendTraceEntries } from './trace/access-trace-repository.ts';
import { personHmac, type TraceEntry } from './trace/entry.ts';
import type { TraceKeys } from './trace/keys.ts';
import type { WindowsAnswer } from '../drm/read.ts';

/**
 * The reads of the exchange, single or in batches: every person read states its context, gets an
 * answer cut down to the habilitation's fields and months, and leaves one entry in the access
 * trace, written by the read's own transaction (no answer without its entry, no entry for an
 * answer not given). A single read is a batch of one; a bulk read hands its lines in batches.
 *
 * A batch is ONE transaction: the DRM read of each person (one statement each, what the read
 * needs), then one insert of all the trace entries, last, so that the trace's lock is held only
 * for that insert and the commit.
 */

/** Where the reads are made and traced. */
export interface TraceStore {
  db: Kysely<Database>;
  keys: TraceKeys;
}

/** One person to read: who, the identity stated, the case it is read for. */
export interface PersonRequest {
  nir: string;
  identity: StatedIdentity;
  /** `dossier`: the case reference, 1–64 printable characters. */
  caseReference: string;
  /** Default: now. */
  asOf?: Date;
}

export type ResourcesRequest = PersonRequest & { from: string; to: string };
export type WindowsRequest = PersonRequest & { month?: string };

/** One person's outcome: the minimised answer, or the coded refusal. */
export type ReadOutcome<T> = { ok: true; answer: T } | { ok: false; error: AppError };

export interface TracedReadOptions {
  now?: Date;
  /** The service named in the trace: `lot` for a bulk read's lines, `flux` for a feed re-read. */
  service?: string;
}

/** How one DRM service is planned, checked, read and minimised. */
interface Service<R extends PersonRequest, P extends { nir: string; from: string; to: string }, A> {
  name: string;
  /** Where in the request the first month is, for a refusal of depth. */
  firstMonthPointer: string;
  plan(request: R, now: Date): P;
  served(plan: P): string[];
  fields(granted: GrantableField[]): readonly GrantableField[];
  answer(ex: Executor, plan: P, identity: StatedIdentity, refusals: IdentityRefusals): Promise<A>;
  minimise(answer: A, fields: readonly GrantableField[]): A | MinimisedResources;
}

const resources: Service<ResourcesRequest, ResourcesPlan, unknown> = {
  name: 'ressources',
  firstMonthPointer: '/du',
  plan: (r, now) => planResources(r, now),
  served: (plan) => plan.months,
  fields: (granted) => granted,
  answer: answerResources,
  minimise: (answer, fields) => minimiseResources(answer as Parameters<typeof minimiseResources>[0], fields),
};

const windows: Service<WindowsRequest, WindowsPlan, unknown> = {
  name: 'fenetres',
  firstMonthPointer: '/mois',
  plan: (r, now) => planWindows(r, now),
  served: (plan) => monthRange(plan.from, plan.to),
  fields: (granted) => {
    checkWindowsGranted(granted);
    return windowsFields;
  },
  answer: answerWindows,
  minimise: (answer) => answer,
};

/** The NIR as the trace hashes it: its 13 characters when readable, else the text as given. */
function tracedNir(text: string): string {
  const parsed = parseQueryNir(text);
  return parsed.ok ? parsed.nir : text.replace(/[\s.]/g, '').toUpperCase();
}

async function tracedBatch<R extends PersonRequest, P extends { nir: string; from: string; to: string }>(
  store: TraceStore,
  caller: Caller,
  given: ReadContext,
  requests: readonly R[],
  service: Service<R, P, unknown>,
  options: TracedReadOptions,
): Promise<ReadOutcome<unknown>[]> {
  checkExchangeRead(caller);
  const context = checkReadContext(caller, given);
  const now = options.now ?? new Date();
  const granted = grantedFields(caller);
  const refusals: IdentityRefusals = caller.kind === 'body' ? 'indistinct' : 'explicit';
  // Checks that need no database come first, per person: a refused line costs no statement.
  const planned = requests.map((request) => {
    try {
      checkCaseReference(request.caseReference);
      const plan = service.plan(request, now);
      checkDepth(caller, plan.from, now, service.firstMonthPointer);
      return { plan, fields: service.fields(granted) };
    } catch (error) {
      if (error instanceof AppError) return error;
      throw error;
    }
  });
  return inTransaction(store.db, async (tx) => {
    if (caller.kind === 'operator') await checkOperatorPurpose(tx, context.purpose);
    const outcomes: ReadOutcome<unknown>[] = [];
    const entries: TraceEntry[] = [];
    for (const [i, request] of requests.entries()) {
      const step = planned[i]!;
      let outcome: ReadOutcome<unknown>;
      if (step instanceof AppError) outcome = { ok: false, error: step };
      else {
        try {
          const answer = await service.answer(tx, step.plan, request.identity, refusals);
          outcome = { ok: true, answer: service.minimise(answer, step.fields) };
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          outcome = { ok: false, error };
        }
      }
      outcomes.push(outcome);
      entries.push(
        traceEntry(store.keys, caller, context, request, {
          at: now,
          service: options.service ?? service.name,
          fields: outcome.ok && !(step instanceof AppError) ? step.fields : [],
          months: outcome.ok && !(step instanceof AppError) ? service.served(step.plan) : [],
          outcome: outcome.ok ? 'served' : outcome.error.code,
        }),
      );
    }
    await appendTraceEntries(tx, store.keys, entries);
    return outcomes;
  });
}

/** The operator names a purpose of the table: its reads are traced under it like a body's. */
async function checkOperatorPurpose(ex: Executor, purpose: string): Promise<void> {
  if (!(await purposeExists(ex, purpose))) {
    throw new AppError(
      'EXCHANGE_PURPOSE',
      `Finalité inconnue « ${purpose} » : voir la table des finalités.`,
      {
        pointer: '/finalite',
      },
    );
  }
}

function traceEntry(
  keys: TraceKeys,
  caller: BodyCaller | OperatorCaller,
  context: ReadContext,
  request: PersonRequest,
  what: Pick<TraceEntry, 'at' | 'service' | 'fields' | 'months' | 'outcome'>,
): TraceEntry {
  return {
    ...what,
    requestId: context.requestId,
    callerKind: caller.kind,
    bodySiret: caller.kind === 'body' ? caller.bodySiret : null,
    habilitationId: caller.kind === 'body' ? caller.habilitationId : null,
    purpose: context.purpose,
    recipient: context.recipient,
    // A refused case reference may be any text (a control character, 10 kB): it is not kept.
    caseReference: what.outcome === 'EXCHANGE_CASE' ? '' : request.caseReference,
    personHmac: personHmac(keys.person, tracedNir(request.nir)),
  };
}

/**
 * Resources of each person of `requests`, in input order, each minimised to the caller's
 * habilitation or refused with a code; one trace entry per person. The caller and the context
 * are checked first: a refused caller or context throws, and nothing is read nor traced.
 */
export async function readResourcesTraced(
  store: TraceStore,
  caller: Caller,
  context: ReadContext,
  requests: readonly ResourcesRequest[],
  options: TracedReadOptions = {},
): Promise<ReadOutcome<MinimisedResources>[]> {
  return tracedBatch(store, caller, context, requests, resources, options) as Promise<
    ReadOutcome<MinimisedResources>[]
  >;
}

/** The reference windows of each person of `requests`, like `readResourcesTraced`. */
export async function readWindowsTraced(
  store: TraceStore,
  caller: Caller,
  context: ReadContext,
  requests: readonly WindowsRequest[],
  options: TracedReadOptions = {},
): Promise<ReadOutcome<WindowsAnswer>[]> {
  return tracedBatch(store, caller, context, requests, windows, options) as Promise<
    ReadOutcome<WindowsAnswer>[]
  >;
}
