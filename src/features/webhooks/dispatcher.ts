import type { Kysely } from 'kysely';
import { PollingLoop } from '../../platform/jobs/polling.ts';
import type { Log } from '../../platform/log.ts';
import { inTransaction } from '../../platform/store/transaction.ts';
import type { Database } from '../../platform/store/schema.ts';
import { uuidv7 } from '../../platform/store/ids.ts';
import { openSecret } from './secret.ts';
import { retryDelayMs, type WebhookSettings } from './settings.ts';
import { signedHeaders } from './signature.ts';
import { streams } from './streams.ts';
import {
  advanceCursor,
  claimDelivery,
  deliveryDone,
  deliveryFailed,
  dueDeliveries,
  insertDelivery,
  markFailing,
  lastEventPosition,
  subscriptionsToFill,
  type DueDelivery,
  type SubscriptionRow,
} from './webhooks-repository.ts';

export interface DispatcherOptions {
  /** For tests: the clock of timestamps, signatures and retries. */
  now?: () => Date;
  /** For tests: the jitter's draw, in [0, 1). */
  random?: () => number;
}

/** Deliveries sent at once, per round. */
const perRound = 20;

/**
 * Delivers webhooks in this process. Each round first queues, for every active subscription whose
 * queue is empty, the next page of its stream as one message (its cursor moves in the same
 * transaction, so an event is queued once); then sends, for every subscription, its oldest
 * message if due. A 2xx removes the message; anything else, or no answer in time, puts it off
 * (exponential backoff with jitter) and, after the last attempt, marks the subscription failing.
 * The queue is in the database: a restart resumes from what it holds.
 */
export class WebhookDispatcher {
  private readonly now: () => Date;
  private readonly random: () => number;
  private readonly loop: PollingLoop;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly key: Buffer,
    private readonly settings: WebhookSettings,
    private readonly log: Log,
    options: DispatcherOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.random = options.random ?? Math.random;
    this.loop = new PollingLoop(
      async () => (await this.runRound()) > 0,
      settings.pollMs,
      (error) => log.warn({ err: error }, 'webhooks : file inaccessible, nouvel essai plus tard'),
    );
  }

  start(): void {
    this.loop.start();
  }

  /** Stops polling and waits for the round in hand. */
  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** Runs rounds until one does nothing (what is due now is sent); returns messages queued and sent. */
  async runUntilIdle(): Promise<number> {
    let done = 0;
    for (let round = await this.runRound(); round > 0; round = await this.runRound()) done += round;
    return done;
  }

  /** One round: what was queued plus what was attempted. */
  async runRound(): Promise<number> {
    let queued = 0;
    const last = await lastEventPosition(this.db);
    for (const subscription of await subscriptionsToFill(this.db)) {
      if (streams[subscription.stream].caughtUp(subscription.cursor, last)) continue;
      if (await this.queueNext(subscription, last)) queued++;
    }
    const due = await dueDeliveries(this.db, this.now(), perRound);
    const sent = await Promise.all(due.map((delivery) => this.attempt(delivery)));
    return queued + sent.filter(Boolean).length;
  }

  /** Queues the next page of a subscription's stream; true when its cursor moved. */
  private async queueNext(subscription: SubscriptionRow, last: number): Promise<boolean> {
    const stream = streams[subscription.stream];
    const now = this.now();
    return inTransaction(this.db, async (tx) => {
      const read = await stream.read(tx, subscription.owner_id, subscription.cursor, {
        limit: this.settings.batchSize,
        last,
        now,
      });
      if (read.kind === 'closed') {
        await markFailing(tx, subscription.id, read.reason, now);
        return true;
      }
      if (read.next === subscription.cursor) return false;
      if (!(await advanceCursor(tx, subscription.id, subscription.cursor, read.next))) return false;
      if (read.events > 0) {
        const payload = JSON.stringify({ type: stream.type, timestamp: now.toISOString(), data: read.data });
        await insertDelivery(
          tx,
          {
            id: `msg_${uuidv7(now.getTime())}`,
            subscription_id: subscription.id,
            payload,
            events: read.events,
          },
          now,
        );
      }
      return true;
    });
  }

  /** One attempt at a due delivery; false when another process took it first. */
  private async attempt(delivery: DueDelivery): Promise<boolean> {
    const now = this.now();
    // Past the lease, another process may send it again: longer than the request may take.
    const leaseUntil = new Date(now.getTime() + 2 * this.settings.timeoutMs + 60_000);
    if (!(await claimDelivery(this.db, delivery.seq, now, leaseUntil))) return false;
    const error = await this.send(delivery, now);
    const at = this.now();
    if (error === null) {
      await deliveryDone(this.db, delivery, at);
      return true;
    }
    const attempts = delivery.attempts + 1;
    const context = { subscription: delivery.subscription_id, webhookId: delivery.id, attempts, error };
    if (attempts >= this.settings.maxAttempts) {
      await deliveryFailed(this.db, delivery.seq, { attempts, error, nextAttemptAt: at });
      await markFailing(
        this.db,
        delivery.subscription_id,
        `Message non livré après ${attempts} tentatives (dernière erreur : ${error}). Enregistrez de nouveau le webhook pour reprendre.`,
        at,
      );
      this.log.warn(context, 'webhook en échec : livraison abandonnée jusqu’à un nouvel enregistrement');
      return true;
    }
    const delay = retryDelayMs(this.settings, attempts, this.random());
    await deliveryFailed(this.db, delivery.seq, {
      attempts,
      error,
      nextAttemptAt: new Date(at.getTime() + delay),
    });
    this.log.info({ ...context, retryInMs: delay }, 'webhook non livré, nouvel essai prévu');
    return true;
  }

  /** Null when the receiver answered 2xx, else why not, in French. */
  private async send(delivery: DueDelivery, now: Date): Promise<string | null> {
    const secret = openSecret(this.key, delivery.secret_sealed);
    try {
      const response = await fetch(delivery.url, {
        method: 'POST',
        headers: signedHeaders(secret, delivery.id, now, delivery.payload),
        body: delivery.payload,
        // A redirect is not a receipt: the receiver must give its final address.
        redirect: 'manual',
        signal: AbortSignal.timeout(this.settings.timeoutMs),
      });
      await response.body?.cancel();
      return response.status >= 200 && response.status < 300 ? null : `réponse HTTP ${response.status}`;
    } catch (error) {
      if (error instanceof DOMException && error.name === 'TimeoutError')
        return `pas de réponse en ${this.settings.timeoutMs / 1000} s`;
      const cause =
        error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
      return `envoi impossible (${cause})`;
    }
  }
}
