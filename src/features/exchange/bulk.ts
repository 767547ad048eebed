import type { Kysely } from 'kysely';
import type { BodyCaller } from '../../platform/auth/caller.ts';
import { AppError } from '../../platform/errors.ts';
import { enqueueJob } from '../../platform/jobs/jobs-repository.ts';
import { uuidv7 } from '../../platform/store/ids.ts';
import type { Database } from '../../platform/store/schema.ts';
import { inTransaction } from '../../platform/store/transaction.ts';
import { monthRange } from '../drm/months.ts';
import { maxMonths } from '../drm/read.ts';
import { expireLotJob, runLotJob } from './bulk-job-kinds.ts';
import { findLot, insertLot, outcomesAfter, type BulkLot, type NewLotLine } from './bulk-repository.ts';
import { checkDepth, checkReadContext } from './read-context.ts';
import type { NdjsonLine } from './ndjson-body.ts';
import { isRefusal, parsePersonLine } from './person-line.ts';

/**
 * Bulk reads: a body submits up to 100,000 persons under one context, and the lot is read by a job
 * (`bulk-jobs.ts`) in chunks, its progress recorded with each chunk's answers, so that it resumes
 * where it was after a crash. The answers are read back as NDJSON in input order, one result or
 * one coded refusal per line. A lot is its habilitation's alone.
 *
 * Nothing personal outlives its need: a line's request (NIR, identity) is erased as its answer is
 * written, and every line of the lot, answers included, is deleted {@link retentionDays} days after
 * submission by a job enqueued with the lot; the lot then answers that it expired.
 */

export const retentionDays = 7;

export interface LotParameters {
  /** SIRET of the establishment that uses the data. */
  destinataire: string;
  finalite: string;
  du: string;
  au: string;
  asOf?: string;
}

export interface LotStatus {
  id: string;
  etat: 'en_attente' | 'en_cours' | 'termine' | 'expire';
  lignes: number;
  traitees: number;
  refusees: number;
  /** From 0 to 1. */
  progression: number;
  destinataire: string;
  finalite: string;
  du: string;
  au: string;
  creeLe: string;
  termineLe: string | null;
  expireLe: string;
  resultat: string | null;
}

const states = { pending: 'en_attente', running: 'en_cours', done: 'termine', expired: 'expire' } as const;

export const lotPath = (id: string) => `/v1/drm/lots/${id}`;

function statusOf(lot: BulkLot): LotStatus {
  return {
    id: lot.id,
    etat: states[lot.state],
    lignes: lot.lines,
    traitees: lot.answered,
    refusees: lot.refused,
    progression: lot.lines === 0 ? 1 : Math.round((lot.answered / lot.lines) * 1000) / 1000,
    destinataire: lot.recipient,
    finalite: lot.purpose,
    du: lot.months_from,
    au: lot.months_to,
    creeLe: lot.created_at.toISOString(),
    termineLe: lot.finished_at?.toISOString() ?? null,
    expireLe: lot.expires_at.toISOString(),
    resultat: lot.state === 'done' ? `${lotPath(lot.id)}/resultat` : null,
  };
}

function checkPeriod(parameters: LotParameters, now: Date): void {
  if (parameters.au < parameters.du) {
    throw new AppError('REQUEST_INVALID', `au (${parameters.au}) précède du (${parameters.du}).`, {
      parameter: 'au',
    });
  }
  if (monthRange(parameters.du, parameters.au).length > maxMonths) {
    throw new AppError('REQUEST_INVALID', `Au plus ${maxMonths} mois par lot.`, { parameter: 'au' });
  }
  if (parameters.asOf !== undefined && new Date(parameters.asOf).getTime() > now.getTime()) {
    throw new AppError(
      'REQUEST_INVALID',
      'asOf est dans le futur : seul ce qui est déjà connu peut être restitué.',
      {
        parameter: 'asOf',
      },
    );
  }
}

/** A line refused as it came, as its answer will read. */
const refusedLine = (line: number, dossier: string | null, error: { code: string; detail: string }) =>
  JSON.stringify({ ligne: line, dossier, erreur: error });

/**
 * Records the lot and enqueues its reading, in one transaction: a lot is never recorded without
 * its job, nor its job without its expiry. Lines that are not persons are answered at once.
 */
export async function submitLot(
  db: Kysely<Database>,
  caller: BodyCaller,
  parameters: LotParameters,
  lines: readonly NdjsonLine[],
  requestId: string,
  now = new Date(),
): Promise<LotStatus> {
  checkReadContext(caller, {
    recipient: parameters.destinataire,
    purpose: parameters.finalite,
    requestId,
  });
  checkPeriod(parameters, now);
  // Refused whole here rather than line after line by the read: every line would be.
  checkDepth(caller, parameters.du, now, '/du');
  const rows: NewLotLine[] = lines.map((l) => {
    const parsed = parsePersonLine(l);
    if (isRefusal(parsed))
      return { line: l.line, request: null, outcome: refusedLine(l.line, parsed.dossier, parsed.error) };
    return {
      line: l.line,
      request: JSON.stringify({ nir: parsed.nir, identity: parsed.identity, dossier: parsed.dossier }),
      outcome: null,
    };
  });
  const id = uuidv7(now.getTime());
  const expiresAt = new Date(now.getTime() + retentionDays * 86_400_000);
  return inTransaction(db, async (tx) => {
    await insertLot(
      tx,
      {
        id,
        habilitation_id: caller.habilitationId,
        recipient: parameters.destinataire,
        purpose: parameters.finalite,
        months_from: parameters.du,
        months_to: parameters.au,
        as_of: parameters.asOf ?? null,
        lines: rows.length,
        expires_at: expiresAt,
      },
      rows,
    );
    await enqueueJob(tx, { kind: runLotJob, payload: { lotId: id, requestId }, maxAttempts: 10 });
    await enqueueJob(tx, { kind: expireLotJob, payload: { lotId: id }, runAt: expiresAt });
    return statusOf((await findLot(tx, id, caller.habilitationId))!);
  });
}

async function ownLot(db: Kysely<Database>, caller: BodyCaller, id: string): Promise<BulkLot> {
  const lot = await findLot(db, id, caller.habilitationId);
  if (lot === null) {
    throw new AppError(
      'EXCHANGE_LOT_NOT_FOUND',
      'Aucun lot de cette habilitation ne porte cet identifiant.',
      {
        parameter: 'id',
      },
    );
  }
  return lot;
}

export async function lotStatus(db: Kysely<Database>, caller: BodyCaller, id: string): Promise<LotStatus> {
  return statusOf(await ownLot(db, caller, id));
}

/** Answers read per statement while streaming a result. */
const resultPage = 2000;

/**
 * The lot's answers as NDJSON lines, in input order, read page by page as they are sent. Refused
 * before the first byte when the lot is not finished, or has expired.
 */
export async function lotResult(
  db: Kysely<Database>,
  caller: BodyCaller,
  id: string,
): Promise<AsyncGenerator<string>> {
  const lot = await ownLot(db, caller, id);
  if (lot.state === 'expired') {
    throw new AppError(
      'EXCHANGE_LOT_EXPIRED',
      `Les réponses de ce lot ont été effacées le ${lot.expires_at.toISOString()}, ${retentionDays} jours après son dépôt : déposez-le à nouveau.`,
      { parameter: 'id' },
    );
  }
  if (lot.state !== 'done') {
    throw new AppError(
      'EXCHANGE_LOT_RUNNING',
      `Le lot n’est pas terminé (${lot.answered} lignes traitées sur ${lot.lines}) : suivez sa progression sur ${lotPath(id)}.`,
      { parameter: 'id' },
    );
  }
  return (async function* () {
    let after = 0;
    for (;;) {
      const page = await outcomesAfter(db, id, after, resultPage);
      if (page.length === 0) return;
      yield page.map((p) => `${p.outcome}\n`).join('');
      after = page.at(-1)!.line;
    }
  })();
}
