import type { Logger } from '../logger';
import { FINAL_STATUSES } from './dossier';
import type { ChangeEvent, Subscription, WatchStore } from './watchStore';

/** Hands one notice to the channel (or to the outbound queue); throws when it cannot. */
export type NoticeSender = (subscription: Subscription, event: ChangeEvent) => Promise<void>;

export interface NotifierOptions {
  /** This instance's name in the feed's consumer group. */
  consumer: string;
  /** How often the feed is read when nothing kicks it. */
  intervalMs: number;
  /** Sends to one chat that fail this many times are given up (and logged). */
  maxAttempts: number;
  /** Changes read per round. */
  batch?: number;
}

/**
 * Tells subscribers about status changes. Each change is read by one instance; each chat is told once per change
 * (a claim in the store), and not at all when it already saw that status. After a final status the dossier's
 * subscriptions end. A change whose sends failed stays in the feed and is tried again later.
 */
export class DossierNotifier {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private again = false;
  private stopped = false;

  constructor(
    private readonly store: WatchStore,
    private readonly send: NoticeSender,
    private readonly logger: Logger,
    private readonly options: NotifierOptions,
  ) {}

  start(): void {
    this.stopped = false;
    if (this.timer) return;
    this.timer = setInterval(() => this.kick(), this.options.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  /** Reads the feed now (after this instance recorded a change), or right after the round in progress. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.round().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
    this.running.catch((error: Error) => this.logger.warn({ err: error.message }, 'dossier notifier: could not read the change feed'));
  }

  /** One round; resolves with the number of notices sent. For tests and for kick(). */
  async runOnce(): Promise<number> {
    while (this.running) await this.running.catch(() => undefined);
    return this.round();
  }

  private async round(): Promise<number> {
    let sent = 0;
    for (const event of await this.store.take(this.options.consumer, this.options.batch ?? 20)) {
      const result = await this.handle(event);
      sent += result.sent;
      if (result.pending) continue;
      if (FINAL_STATUSES.has(event.dossier.status)) await this.store.end(event.code);
      await this.store.done(event.id);
    }
    return sent;
  }

  private async handle(event: ChangeEvent): Promise<{ sent: number; pending: boolean }> {
    let sent = 0;
    let pending = false;
    for (const subscription of await this.store.subscribers(event.code)) {
      if (subscription.seen === event.dossier.status) continue;
      if (!(await this.store.claim(event.id, subscription.key))) continue;
      try {
        await this.send(subscription, event);
        await this.store.markSeen(event.code, subscription.key, event.dossier.status);
        sent++;
        this.logger.info({ code: event.code, status: event.dossier.status, channel: subscription.channel }, 'dossier notice sent');
      } catch (error) {
        const failures = await this.store.release(event.id, subscription.key);
        const giveUp = failures >= this.options.maxAttempts;
        pending ||= !giveUp;
        this.logger.warn(
          { code: event.code, channel: subscription.channel, failures, err: (error as Error).message },
          giveUp ? 'dossier notice given up' : 'dossier notice failed; will retry',
        );
      }
    }
    return { sent, pending };
  }
}
