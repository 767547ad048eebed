import { sql } from 'kysely';
import type { Executor, WebhookStream } from '../../platform/store/schema.ts';

/** The webhook tables (see the webhooks migration): subscriptions and their queue of deliveries. */

export interface SubscriptionRow {
  id: string;
  stream: WebhookStream;
  owner_id: string;
  url: string;
  secret_sealed: Uint8Array;
  cursor: string;
  state: 'active' | 'failing';
  failure: string | null;
  created_at: Date;
  updated_at: Date;
  delivered_at: Date | null;
}

export interface QueueState {
  pending: number;
  /** The oldest pending delivery's attempts so far and when it is tried next. */
  attempts: number | null;
  next_attempt_at: Date | null;
}

export interface DeliveryRow {
  seq: number;
  id: string;
  subscription_id: string;
  payload: string;
  attempts: number;
  next_attempt_at: Date;
}

export interface DueDelivery extends DeliveryRow {
  url: string;
  secret_sealed: Uint8Array;
}

/** The last outbox position: where a new subscription starts when given no cursor. */
export async function lastEventPosition(ex: Executor): Promise<number> {
  const row = await ex
    .selectFrom('event')
    .select((eb) => eb.fn.max('position').as('last'))
    .executeTakeFirst();
  return Number(row?.last ?? 0);
}

export async function findSubscription(
  ex: Executor,
  stream: WebhookStream,
  ownerId: string,
): Promise<SubscriptionRow | undefined> {
  return ex
    .selectFrom('webhook_subscription')
    .selectAll()
    .where('stream', '=', stream)
    .where('owner_id', '=', ownerId)
    .executeTakeFirst();
}

export async function insertSubscription(
  ex: Executor,
  row: Pick<SubscriptionRow, 'id' | 'stream' | 'owner_id' | 'url' | 'secret_sealed' | 'cursor'>,
  at: Date,
): Promise<void> {
  await ex
    .insertInto('webhook_subscription')
    .values({ ...row, created_at: at, updated_at: at })
    .execute();
}

/**
 * A subscription registered again: its new URL and secret, active again, and the deliveries
 * left in its queue due at once. With a cursor, the queue is dropped and the stream restarts there.
 */
export async function replaceSubscription(
  ex: Executor,
  id: string,
  change: Pick<SubscriptionRow, 'url' | 'secret_sealed'> & { cursor: string | null },
  at: Date,
): Promise<void> {
  await ex
    .updateTable('webhook_subscription')
    .set({
      url: change.url,
      secret_sealed: change.secret_sealed,
      state: 'active',
      failure: null,
      updated_at: at,
      ...(change.cursor === null ? {} : { cursor: change.cursor }),
    })
    .where('id', '=', id)
    .execute();
  if (change.cursor === null) {
    await ex
      .updateTable('webhook_delivery')
      .set({ attempts: 0, next_attempt_at: at, last_error: null })
      .where('subscription_id', '=', id)
      .execute();
  } else {
    await ex.deleteFrom('webhook_delivery').where('subscription_id', '=', id).execute();
  }
}

/** Its queue goes with it (`on delete cascade`). */
export async function deleteSubscription(
  ex: Executor,
  stream: WebhookStream,
  ownerId: string,
): Promise<boolean> {
  const result = await ex
    .deleteFrom('webhook_subscription')
    .where('stream', '=', stream)
    .where('owner_id', '=', ownerId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function queueState(ex: Executor, subscriptionId: string): Promise<QueueState> {
  const [count, oldest] = await Promise.all([
    ex
      .selectFrom('webhook_delivery')
      .select((eb) => eb.fn.countAll<number>().as('pending'))
      .where('subscription_id', '=', subscriptionId)
      .executeTakeFirst(),
    ex
      .selectFrom('webhook_delivery')
      .select(['attempts', 'next_attempt_at'])
      .where('subscription_id', '=', subscriptionId)
      .orderBy('seq')
      .limit(1)
      .executeTakeFirst(),
  ]);
  return {
    pending: Number(count?.pending ?? 0),
    attempts: oldest?.attempts ?? null,
    next_attempt_at: oldest?.next_attempt_at ?? null,
  };
}

/** Active subscriptions whose queue is empty: the next events of their stream may be queued. */
export async function subscriptionsToFill(ex: Executor): Promise<SubscriptionRow[]> {
  return ex
    .selectFrom('webhook_subscription as s')
    .selectAll('s')
    .where('s.state', '=', 'active')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('webhook_delivery as d').select('d.seq').whereRef('d.subscription_id', '=', 's.id'),
        ),
      ),
    )
    .orderBy('s.updated_at')
    .execute();
}

/**
 * Moves a subscription's cursor, only from where it was read: another process that queued the
 * same events first wins, and this one's transaction is rolled back.
 */
export async function advanceCursor(ex: Executor, id: string, from: string, to: string): Promise<boolean> {
  const result = await ex
    .updateTable('webhook_subscription')
    .set({ cursor: to })
    .where('id', '=', id)
    .where('cursor', '=', from)
    .where('state', '=', 'active')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function insertDelivery(
  ex: Executor,
  delivery: { id: string; subscription_id: string; payload: string; events: number },
  at: Date,
): Promise<void> {
  await ex
    .insertInto('webhook_delivery')
    .values({ ...delivery, next_attempt_at: at, created_at: at })
    .execute();
}

/** The oldest delivery of each active subscription, when it is due: only it may be sent. */
export async function dueDeliveries(ex: Executor, now: Date, limit: number): Promise<DueDelivery[]> {
  const heads = ex
    .selectFrom('webhook_delivery as d')
    .innerJoin('webhook_subscription as s', 's.id', 'd.subscription_id')
    .distinctOn('d.subscription_id')
    .select([
      'd.seq',
      'd.id',
      'd.subscription_id',
      'd.payload',
      'd.attempts',
      'd.next_attempt_at',
      's.url',
      's.secret_sealed',
    ])
    .where('s.state', '=', 'active')
    .orderBy('d.subscription_id')
    .orderBy('d.seq')
    .as('head');
  return ex
    .selectFrom(heads)
    .selectAll()
    .where('head.next_attempt_at', '<=', now)
    .orderBy('head.next_attempt_at')
    .limit(limit)
    .execute();
}

/**
 * Takes a due delivery for one attempt, until `leaseUntil`: another process sees it due again only
 * if this one died while sending it.
 */
export async function claimDelivery(
  ex: Executor,
  seq: number,
  now: Date,
  leaseUntil: Date,
): Promise<boolean> {
  const result = await ex
    .updateTable('webhook_delivery')
    .set({ next_attempt_at: leaseUntil })
    .where('seq', '=', seq)
    .where('next_attempt_at', '<=', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function deliveryDone(ex: Executor, delivery: DeliveryRow, at: Date): Promise<void> {
  await ex.deleteFrom('webhook_delivery').where('seq', '=', delivery.seq).execute();
  await ex
    .updateTable('webhook_subscription')
    .set({ delivered_at: at })
    .where('id', '=', delivery.subscription_id)
    .execute();
}

export async function deliveryFailed(
  ex: Executor,
  seq: number,
  failure: { attempts: number; error: string; nextAttemptAt: Date },
): Promise<void> {
  await ex
    .updateTable('webhook_delivery')
    .set({ attempts: failure.attempts, last_error: failure.error, next_attempt_at: failure.nextAttemptAt })
    .where('seq', '=', seq)
    .execute();
}

export async function markFailing(ex: Executor, id: string, failure: string, at: Date): Promise<void> {
  await ex
    .updateTable('webhook_subscription')
    .set({ state: 'failing', failure, updated_at: at })
    .where('id', '=', id)
    .execute();
}

/** Every subscription, with its queue's length, for the operator. */
export async function listSubscriptions(ex: Executor) {
  return ex
    .selectFrom('webhook_subscription as s')
    .select([
      's.id',
      's.stream',
      's.owner_id',
      's.url',
      's.state',
      's.failure',
      's.created_at',
      's.delivered_at',
      sql<number>`(select count(*) from webhook_delivery d where d.subscription_id = s.id)`.as('pending'),
    ])
    .orderBy('s.created_at')
    .execute();
}
