import type { BotAdapter, TurnContext } from 'botbuilder';
import type { Redis } from 'ioredis';
import type restify from 'restify';
import { turnLocale } from '../../../dialogs/turnLocale';
import type { Config } from '../../config';
import type { I18n } from '../../i18n';
import type { Logger } from '../../logger';
import { ChannelDelivery, createChannelDelivery } from './channelDelivery';
import type { RetryPolicy } from './outbox';
import type { BotLogic, ChannelSentence, QueuedChannelAdapter } from './queuedChannelAdapter';

/** What a platform channel needs from the runtime (a subset of the core's Runtime). */
export interface PlatformRuntime {
  config: Config;
  logger: Logger;
  /** The instance's one shared Redis client, or null without REDIS_URL. */
  redis: Redis | null;
  i18n: I18n;
  attach<A extends BotAdapter>(adapter: A): A;
  logic: BotLogic;
}

export interface Route {
  method: 'get' | 'post' | 'put' | 'del' | 'opts';
  path: string;
  handler(req: restify.Request, res: restify.Response): Promise<void>;
}

/** A channel as the composition root mounts it (the core's ChannelModule), plus its adapter for proactive sends. */
export interface PlatformChannel {
  name: string;
  routes: Route[];
  health(): Record<string, unknown>;
  close(): Promise<void>;
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

export function deliveryFor(channel: string, runtime: PlatformRuntime): ChannelDelivery {
  const { shards, lockSeconds, workers } = runtime.config.channelQueues;
  return createChannelDelivery({
    channel,
    redis: runtime.redis,
    prefix: runtime.config.redisPrefix,
    queue: { shards, lockMs: lockSeconds * 1000 },
    workers,
    logger: runtime.logger,
  });
}

/** The channel's own sentences, in the turn's language. */
export function channelSay(i18n: I18n): (context: TurnContext, sentence: ChannelSentence) => Promise<void> {
  return async (context, sentence) => {
    await context.sendActivity(i18n.t(turnLocale(context), sentence));
  };
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
