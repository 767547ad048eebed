import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { AppError } from '../../platform/errors.ts';
import { inTransaction } from '../../platform/store/transaction.ts';
import type { Database, WebhookStream } from '../../platform/store/schema.ts';
import { newSigningSecret, sealSecret } from './secret.ts';
import { streams } from './streams.ts';
import { checkWebhookUrl } from './url.ts';
import {
  deleteSubscription,
  findSubscription,
  insertSubscription,
  listSubscriptions,
  lastEventPosition,
  queueState,
  replaceSubscription,
  type SubscriptionRow,
} from './webhooks-repository.ts';

/**
 * A stream's owner (a habilitation for `flux`, a declarant for `retours`, already checked by the
 * caller's permissions) registers, reads and removes the one webhook of its stream.
 */

export interface WebhookView {
  url: string;
  etat: 'actif' | 'en_echec';
  /** Why it is failing: the last error, or why its owner may no longer read the stream. */
  echec: string | null;
  /** Messages queued, not yet acknowledged by the receiver. */
  enAttente: number;
  /** Failed attempts of the oldest queued message, and when it is tried next. */
  tentatives: number;
  prochainEssai: string | null;
  derniereLivraison: string | null;
  creeLe: string;
  modifieLe: string;
}

export interface RegisteredWebhook extends WebhookView {
  /** Given once: only its sealed form is kept. */
  secret: string;
}

export interface Registration {
  url: string;
  /** The pull API's cursor to start after; absent, from now on (or where it was, when registered again). */
  apres?: string;
}

export interface WebhookContext {
  db: Kysely<Database>;
  /** Seals the signing secrets (see `secret.ts`). */
  key: Buffer;
  allowHttp: boolean;
  now?: () => Date;
}

const iso = (date: Date | null) => date?.toISOString() ?? null;

async function viewOf(db: Kysely<Database>, row: SubscriptionRow): Promise<WebhookView> {
  const queue = await queueState(db, row.id);
  return {
    url: row.url,
    etat: row.state === 'active' ? 'actif' : 'en_echec',
    echec: row.failure,
    enAttente: queue.pending,
    tentatives: queue.attempts ?? 0,
    prochainEssai: row.state === 'active' ? iso(queue.next_attempt_at) : null,
    derniereLivraison: iso(row.delivered_at),
    creeLe: row.created_at.toISOString(),
    modifieLe: row.updated_at.toISOString(),
  };
}

/**
 * Registers the stream's webhook, or replaces its URL and secret: a new secret each time, and a
 * failing webhook becomes active again with the messages it had left, so that nothing is lost
 * while the receiver was down.
 */
export async function registerWebhook(
  context: WebhookContext,
  stream: WebhookStream,
  ownerId: string,
  registration: Registration,
): Promise<{ created: boolean; webhook: RegisteredWebhook }> {
  const { db, key, allowHttp, now = () => new Date() } = context;
  const url = checkWebhookUrl(registration.url, allowHttp);
  if (registration.apres !== undefined) streams[stream].checkCursor(registration.apres);
  const secret = newSigningSecret();
  const at = now();
  const row = await inTransaction(db, async (tx) => {
    const existing = await findSubscription(tx, stream, ownerId);
    const sealed = sealSecret(key, secret);
    if (existing) {
      await replaceSubscription(
        tx,
        existing.id,
        { url, secret_sealed: sealed, cursor: registration.apres ?? null },
        at,
      );
    } else {
      const cursor = registration.apres ?? String(await lastEventPosition(tx));
      await insertSubscription(
        tx,
        { id: randomUUID(), stream, owner_id: ownerId, url, secret_sealed: sealed, cursor },
        at,
      );
    }
    return { created: !existing, row: (await findSubscription(tx, stream, ownerId))! };
  });
  return { created: row.created, webhook: { ...(await viewOf(db, row.row)), secret } };
}

const none = (stream: WebhookStream) =>
  new AppError(
    'WEBHOOK_NOT_FOUND',
    `Aucun webhook n’est enregistré pour ${stream === 'flux' ? 'ce flux' : 'ces retours'} : enregistrez-en un avec PUT.`,
  );

export async function showWebhook(
  db: Kysely<Database>,
  stream: WebhookStream,
  ownerId: string,
): Promise<WebhookView> {
  const row = await findSubscription(db, stream, ownerId);
  if (!row) throw none(stream);
  return viewOf(db, row);
}

/** Its queued messages are dropped: the pull API still gives the events. */
export async function removeWebhook(
  db: Kysely<Database>,
  stream: WebhookStream,
  ownerId: string,
): Promise<void> {
  if (!(await deleteSubscription(db, stream, ownerId))) throw none(stream);
}

export interface AdminWebhookView {
  id: string;
  flux: WebhookStream;
  /** The habilitation (`flux`) or the declarant (`retours`). */
  proprietaire: string;
  url: string;
  etat: WebhookView['etat'];
  echec: string | null;
  enAttente: number;
  creeLe: string;
  derniereLivraison: string | null;
}

export async function listWebhooks(db: Kysely<Database>): Promise<AdminWebhookView[]> {
  return (await listSubscriptions(db)).map((row) => ({
    id: row.id,
    flux: row.stream,
    proprietaire: row.owner_id,
    url: row.url,
    etat: row.state === 'active' ? 'actif' : 'en_echec',
    echec: row.failure,
    enAttente: Number(row.pending),
    creeLe: row.created_at.toISOString(),
    derniereLivraison: iso(row.delivered_at),
  }));
}
