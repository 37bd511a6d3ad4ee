import type { Logger } from '../../logger';
import type { ChannelStore } from './channelStore';
import type { InboundEvent } from './deliveryTypes';
import type { ShardedQueue } from './shardedQueue';

/** Platforms redeliver for up to 36 h (Meta) or 12 h (Zalo); message ids are remembered a day. */
const DEDUPE_TTL_SECONDS = 86_400;

export interface IntakeDeps {
  queue: ShardedQueue<InboundEvent>;
  store: ChannelStore;
  logger: Logger;
  /** Messages one sender may send per minute; the next one gets a polite "slow down", the rest are dropped. */
  perSenderPerMinute: number;
  now?: () => number;
  /** Resolves once what was queued would survive a failover (runtime.replicated); before the webhook answers. */
  durable?: () => Promise<void>;
}

export interface IntakeResult {
  accepted: number;
  duplicates: number;
  dropped: number;
}

/**
 * The webhook's half of the durable path: drops redelivered events (by message id, 24 h), applies the per-sender
 * rate limit, and stores each accepted event in the inbound queue, in order per user. When the queue cannot take
 * the event (Redis down) or a replica does not have it in time, the error is thrown, so that the webhook answers 503
 * and the platform delivers it again later; events are marked as seen only once they are safely queued.
 */
export class Intake {
  private readonly now: () => number;

  constructor(private readonly deps: IntakeDeps) {
    this.now = deps.now ?? Date.now;
  }

  async accept(events: InboundEvent[]): Promise<IntakeResult> {
    const result: IntakeResult = { accepted: 0, duplicates: 0, dropped: 0 };
    const seenKeys: string[] = [];
    for (const event of events) {
      const seenKey = `seen:${event.channel}:${event.id}`;
      if ((await this.deps.store.get(seenKey)) !== null) {
        result.duplicates++;
        this.deps.logger.info({ channel: event.channel, eventId: event.id }, 'webhook: redelivered event ignored');
        continue;
      }
      const limited = await this.rateLimited(event);
      if (limited === 'drop') {
        result.dropped++;
        continue;
      }
      const queued: InboundEvent = limited === 'warn' ? { ...event, kind: 'slowDown' } : event;
      // A job id is queued once (24 h), so two deliveries of one event racing here still make one turn.
      await this.deps.queue.add(`${event.channel}:${event.userId}`, [{ id: `${event.channel}.${event.id}`, data: queued }]);
      result.accepted++;
      seenKeys.push(seenKey);
    }
    // Not on a replica in time (a failover under way): the error makes the webhook answer 503 and the platform
    // delivers the event again; queueing it again is harmless.
    if (result.accepted > 0 && this.deps.durable) await this.deps.durable();
    // Only now is the event marked as seen: a mark written before could survive a failover that loses the queued
    // event, and the redelivery would then be ignored. Without the mark a redelivery is still queued once.
    await Promise.all(
      seenKeys.map((key) =>
        this.deps.store.claim(key, DEDUPE_TTL_SECONDS).catch((error: Error) => {
          this.deps.logger.warn({ err: error.message }, 'webhook: could not mark the event as seen; a redelivery is still queued once');
        }),
      ),
    );
    return result;
  }

  /** Fixed one-minute windows per sender: over the limit once → one polite answer; beyond → dropped. */
  private async rateLimited(event: InboundEvent): Promise<'ok' | 'warn' | 'drop'> {
    const minute = Math.floor(this.now() / 60_000);
    const count = await this.deps.store.count(`rate:${event.channel}:${event.userId}:${minute}`, 60);
    if (count <= this.deps.perSenderPerMinute) return 'ok';
    if (count === this.deps.perSenderPerMinute + 1) {
      this.deps.logger.warn({ channel: event.channel, limit: this.deps.perSenderPerMinute }, 'webhook: sender over the rate limit; answering once, then dropping');
      return 'warn';
    }
    return 'drop';
  }
}
