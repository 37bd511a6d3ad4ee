import type { Logger } from '../../logger';
import type { DeliveryObserver } from '../../metrics';
import type { ChannelStore } from './channelStore';
import { OutboundMessage, PlatformSender, SendError } from './deliveryTypes';
import { PermanentFailure, QueueJob, ShardedQueue } from './shardedQueue';

/** Retries of one send inside its job (the shard waits, so later messages to the user stay behind it). */
export interface RetryPolicy {
  attempts: number;
  firstDelayMs: number;
  maxDelayMs: number;
}

/** About 1 min in all: 1, 2, 4, 8, 16, 30 s (±20 %). */
export const DEFAULT_RETRY: RetryPolicy = { attempts: 7, firstDelayMs: 1000, maxDelayMs: 30_000 };

/** How long the last interaction of a user is remembered (longer than the longest window, Zalo's 7 days). */
const INTERACTION_TTL_SECONDS = 8 * 86_400;
/** How long a message held by a window waits for the user to write again. */
const HELD_TTL_SECONDS = 30 * 86_400;
/** A message held this many times (the user wrote, and it was refused again) goes to the dead letters. */
const MAX_HOLDS = 3;
/** How many held messages one interaction releases. */
const MAX_RELEASE = 50;
/** How long a successful send is remembered, so a job re-run after a crash does not send it twice. */
const SENT_TTL_SECONDS = 86_400;

export interface OutboxDeps {
  queue: ShardedQueue<OutboundMessage>;
  store: ChannelStore;
  sender: PlatformSender;
  logger: Logger;
  retry?: RetryPolicy;
  now?: () => number;
  /** Counts sends, retries, holds and dead letters (GET /metrics). */
  metrics?: DeliveryObserver;
}

/**
 * Every message a channel sends goes through here: replies of a turn and, for later issues, notifications.
 * Durable (the queue), in order per recipient (one shard per recipient key), retried with exponential backoff on
 * network errors, 5xx and the platform's retryable codes, never retried on other refusals (dead letters, see
 * `npm run outbox`), and held back when the platform's window is closed: held messages go out, in order, before
 * the reply to the next message of that user.
 */
export class Outbox {
  private readonly retry: RetryPolicy;
  private readonly now: () => number;

  constructor(private readonly deps: OutboxDeps) {
    this.retry = deps.retry ?? DEFAULT_RETRY;
    this.now = deps.now ?? Date.now;
  }

  get channel(): string {
    return this.deps.sender.channel;
  }

  /** Queues messages for one user, in order. Jobs with ids seen in the last 24 h are ignored (re-runs). */
  async enqueue(userId: string, jobs: QueueJob<OutboundMessage>[]): Promise<void> {
    await this.deps.queue.add(this.recipientKey(userId), jobs);
  }

  /** Starts sending. */
  async start(): Promise<void> {
    await this.deps.queue.process((message, info) => this.deliver(message, info.id));
  }

  /** The user wrote, tapped, followed...: their window opens again. */
  async recordInteraction(userId: string, at = this.now()): Promise<void> {
    await this.deps.store.set(this.interactionKey(userId), String(at), INTERACTION_TTL_SECONDS);
  }

  async lastInteraction(userId: string): Promise<number | null> {
    const value = await this.deps.store.get(this.interactionKey(userId));
    return value === null ? null : Number(value);
  }

  /**
   * Queues what the window held for this user, oldest first, ahead of anything added after it; a held reply now
   * answers `replyTo` (the message the user just sent). Ids are made from `eventId`, so a re-run adds nothing twice.
   */
  async releaseHeld(userId: string, eventId: string, replyTo?: string): Promise<number> {
    const key = this.heldKey(userId);
    const items = await this.deps.store.range(key, MAX_RELEASE);
    if (items.length === 0) return 0;
    const jobs = items.flatMap((json, index) => {
      const message = parseHeld(json);
      if (!message) return [];
      return [{ id: `${eventId}.held.${index}`, data: { ...message, replyTo: replyTo ?? message.replyTo } }];
    });
    await this.enqueue(userId, jobs);
    await this.deps.store.dropFirst(key, items.length);
    this.deps.logger.info({ channel: this.channel, count: jobs.length }, 'outbox: held messages released; the user wrote again');
    return jobs.length;
  }

  /** Messages held for a user (for the command line). */
  async held(userId: string): Promise<OutboundMessage[]> {
    const items = await this.deps.store.range(this.heldKey(userId), MAX_RELEASE);
    return items.map(parseHeld).filter((message): message is OutboundMessage => message !== null);
  }

  private async deliver(message: OutboundMessage, jobId: string): Promise<void> {
    const log = this.deps.logger.child({ channel: this.channel, jobId, kind: message.kind });
    if ((await this.deps.store.get(this.sentKey(jobId))) !== null) {
      log.info('outbox: already sent before a restart; not sending again');
      return;
    }
    const last = await this.lastInteraction(message.userId);
    // Once a message to this user was held, later ones wait behind it (order) until the user writes again.
    const closedAt = await this.deps.store.get(this.closedKey(message.userId));
    if (closedAt !== null && (last ?? 0) <= Number(closedAt)) return this.hold(message, 'an earlier message to this user is held', log);
    const verdict = this.deps.sender.mayDeliver(message, last, this.now());
    if (!verdict.ok) return this.hold(message, verdict.reason, log);
    if (verdict.note) log.info({ note: verdict.note }, 'outbox: window note');
    for (let attempt = 1; ; attempt++) {
      try {
        const receipt = await this.deps.sender.send(message);
        this.deps.metrics?.sent(this.channel);
        await this.markSent(jobId, log);
        log.info({ attempt, ...receipt.details }, 'outbox: sent');
        return;
      } catch (error) {
        if (!(error instanceof SendError)) throw error;
        const details = { attempt, code: error.code, err: error.message };
        if (error.kind === 'hold') return this.hold(message, error.message, log);
        if (error.kind === 'fail') {
          this.deps.metrics?.deadLetter(this.channel, 'refused');
          log.error(details, 'outbox: refused by the platform; kept as a dead letter (npm run outbox -- list)');
          throw new PermanentFailure(`refused: ${error.message}`);
        }
        if (attempt >= this.retry.attempts) {
          this.deps.metrics?.deadLetter(this.channel, 'retries_exhausted');
          log.error(details, 'outbox: still failing after every retry; kept as a dead letter (npm run outbox -- list)');
          throw new PermanentFailure(`gave up after ${attempt} attempts: ${error.message}`);
        }
        const delay = this.backoff(attempt);
        this.deps.metrics?.retried(this.channel);
        log.warn({ ...details, retryInMs: delay }, 'outbox: send failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  private async hold(message: OutboundMessage, reason: string, log: Logger): Promise<void> {
    if (message.holds + 1 >= MAX_HOLDS) {
      this.deps.metrics?.deadLetter(this.channel, 'held_too_often');
      log.warn({ reason, holds: message.holds + 1 }, 'outbox: held too many times; kept as a dead letter');
      throw new PermanentFailure(`held ${message.holds + 1} times: ${reason}`);
    }
    await this.deps.store.push(this.heldKey(message.userId), JSON.stringify({ ...message, holds: message.holds + 1 }), HELD_TTL_SECONDS);
    await this.deps.store.set(this.closedKey(message.userId), String(this.now()), HELD_TTL_SECONDS);
    this.deps.metrics?.held(this.channel);
    log.info({ reason }, 'outbox: not sent now (platform window); held until the user writes again');
  }

  /** A failure to remember the send must not make the job run (and send) again. */
  private async markSent(jobId: string, log: Logger): Promise<void> {
    try {
      await this.deps.store.set(this.sentKey(jobId), '1', SENT_TTL_SECONDS);
    } catch (error) {
      log.warn({ err: error instanceof Error ? error.message : String(error) }, 'outbox: could not record the send');
    }
  }

  private backoff(attempt: number): number {
    const base = Math.min(this.retry.firstDelayMs * 2 ** (attempt - 1), this.retry.maxDelayMs);
    return Math.round(base * (0.8 + Math.random() * 0.4));
  }

  private recipientKey(userId: string): string {
    return `${this.channel}:${userId}`;
  }

  private interactionKey(userId: string): string {
    return `last:${this.channel}:${userId}`;
  }

  private heldKey(userId: string): string {
    return `held:${this.channel}:${userId}`;
  }

  /** When a message to the user was last held: the window is closed until they write after that. */
  private closedKey(userId: string): string {
    return `closed:${this.channel}:${userId}`;
  }

  private sentKey(jobId: string): string {
    return `sent:${this.channel}:${jobId}`;
  }
}

function parseHeld(json: string): OutboundMessage | null {
  try {
    const value = JSON.parse(json) as OutboundMessage;
    return value && typeof value === 'object' && typeof value.userId === 'string' ? value : null;
  } catch {
    return null;
  }
}
