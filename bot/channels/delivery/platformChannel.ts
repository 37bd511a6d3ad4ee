import type { TurnContext } from 'botbuilder';
import type { Runtime } from '../../app';
import { turnOf } from '../../turnRunner';
import type { ChannelModule } from '../channelModule';
import { ChannelDelivery, createChannelDelivery } from './channelDelivery';
import type { RetryPolicy } from './outbox';
import type { ChannelSentence, QueuedChannelAdapter } from './queuedChannelAdapter';

/** What a platform channel needs from the runtime. */
export type PlatformRuntime = Pick<Runtime, 'config' | 'logger' | 'redis' | 'attach' | 'logic'> & Partial<Pick<Runtime, 'replicated' | 'metrics'>>;

/**
 * A chat-platform channel as the composition root mounts it, plus its adapter (proactive sends go through
 * adapter.continueConversation) and its queues (the command line, tests).
 */
export interface PlatformChannel extends ChannelModule {
  health(): Record<string, unknown>;
  adapter: QueuedChannelAdapter;
  delivery: ChannelDelivery;
}

/** Webhook bodies above this are refused (413): real events are a few kilobytes, Meta batches rarely 100 kB. */
export const WEBHOOK_MAX_BYTES = 256 * 1024;

/** The send retries configured for this instance. */
export function retryFor(runtime: PlatformRuntime): RetryPolicy {
  const { sendAttempts, firstRetryMs } = runtime.config.channelQueues;
  return { attempts: sendAttempts, firstDelayMs: firstRetryMs, maxDelayMs: Math.max(firstRetryMs, 30_000) };
}

/** The channel's store and queues; their depths and the workers' Redis connection go to the metrics. */
export function deliveryFor(channel: string, runtime: PlatformRuntime): ChannelDelivery {
  const { shards, lockSeconds, workers } = runtime.config.channelQueues;
  const metrics = runtime.metrics;
  const delivery = createChannelDelivery({
    channel,
    redis: runtime.redis,
    prefix: runtime.config.redisPrefix,
    queue: { shards, lockMs: lockSeconds * 1000 },
    workers,
    logger: runtime.logger,
    onWorkerRedisError: metrics ? () => metrics.redisError(`${channel}-workers`) : undefined,
  });
  metrics?.watchQueues(async () => [...(await delivery.inbound.depths()), ...(await delivery.outbound.depths())]);
  return delivery;
}

/** The channel's own sentences, written to the turn's reply (rendered and sent like any other), in its language. */
export async function channelSay(context: TurnContext, sentence: ChannelSentence): Promise<void> {
  const turn = turnOf(context);
  turn.reply.say(turn.t(sentence));
}

/**
 * Starts the workers (when this process runs them), retrying every 2 s while Redis cannot be reached at start;
 * returns a function that stops the retrying.
 */
export function startWorkers(name: string, adapter: QueuedChannelAdapter, runtime: PlatformRuntime): () => void {
  if (!runtime.config.channelQueues.workers) {
    runtime.logger.info({ channel: name }, 'channel workers off in this process (CHANNEL_WORKERS=false): webhooks are queued for others');
    return () => {};
  }
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const attempt = () => {
    adapter.start().then(
      () => runtime.logger.debug({ channel: name }, 'channel workers started'),
      (error: Error) => {
        if (stopped) return;
        runtime.logger.warn({ channel: name, err: error.message }, 'channel workers cannot start yet; retrying in 2 s');
        timer = setTimeout(attempt, 2000);
      },
    );
  };
  attempt();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
