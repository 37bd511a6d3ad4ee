import { Redis } from 'ioredis';
import type { Logger } from '../../logger';
import { BullShardedQueue } from './bullShardedQueue';
import { ChannelStore, MemoryChannelStore, RedisChannelStore } from './channelStore';
import type { InboundEvent, OutboundMessage } from './deliveryTypes';
import { MemoryShardedQueue } from './memoryShardedQueue';
import { DEFAULT_QUEUE_OPTIONS, QueueOptions, ShardedQueue } from './shardedQueue';

export interface ChannelDeliveryOptions {
  /** 'zalo' | 'facebook': names the queues (`<channel>-in-<i>`, `<channel>-out-<i>`). */
  channel: string;
  /** The instance's shared Redis client (fail-fast options), or null for the in-process mode. */
  redis: Redis | null;
  /** REDIS_PREFIX: store keys are `<prefix>ch:…`, BullMQ keys `<prefix>bull:…`. */
  prefix: string;
  queue?: Partial<QueueOptions>;
  /** Whether this process runs workers (it always queues). */
  workers: boolean;
  logger: Logger;
  /** Told about each error of the workers' own Redis connection (the metrics). */
  onWorkerRedisError?: () => void;
}

/** The durable parts of one channel: its store, its inbound queue (turns) and its outbound queue (sends). */
export interface ChannelDelivery {
  kind: 'redis' | 'memory';
  store: ChannelStore;
  inbound: ShardedQueue<InboundEvent>;
  outbound: ShardedQueue<OutboundMessage>;
  close(): Promise<void>;
}

/**
 * With Redis: BullMQ queues (producers on the shared client, so a webhook during an outage fails at once and
 * answers 503; workers on a connection of their own, as BullMQ's blocking reads require) and the Redis store.
 * Without: the same queues and store in memory.
 */
export function createChannelDelivery(options: ChannelDeliveryOptions): ChannelDelivery {
  const queueOptions: QueueOptions = { ...DEFAULT_QUEUE_OPTIONS, ...options.queue };
  if (!options.redis) {
    const memory = <T>(name: string) => new MemoryShardedQueue<T>(`${options.channel}-${name}`, queueOptions, options.logger);
    const inbound = memory<InboundEvent>('in');
    const outbound = memory<OutboundMessage>('out');
    return { kind: 'memory', store: new MemoryChannelStore(), inbound, outbound, close: () => closeQueues(inbound, outbound) };
  }
  const producer = options.redis;
  const workerConnection = options.workers ? workerClient(producer, options.logger, options.onWorkerRedisError) : producer;
  const bull = <T>(name: string) =>
    new BullShardedQueue<T>({ name: `${options.channel}-${name}`, prefix: `${options.prefix}bull`, producer, workerConnection, options: queueOptions, logger: options.logger });
  const inbound = bull<InboundEvent>('in');
  const outbound = bull<OutboundMessage>('out');
  return {
    kind: 'redis',
    store: new RedisChannelStore(producer, `${options.prefix}ch:`),
    inbound,
    outbound,
    close: async () => {
      await closeQueues(inbound, outbound);
      if (workerConnection !== producer) workerConnection.disconnect();
    },
  };
}

/** Turns finish first (they add sends), then the sends. */
async function closeQueues(inbound: ShardedQueue<InboundEvent>, outbound: ShardedQueue<OutboundMessage>): Promise<void> {
  await inbound.close();
  await outbound.close();
}

/** BullMQ workers block on Redis and must retry forever: maxRetriesPerRequest null, offline queue on. */
function workerClient(shared: Redis, logger: Logger, onError?: () => void): Redis {
  const client = shared.duplicate({ maxRetriesPerRequest: null, enableOfflineQueue: true, commandTimeout: undefined, autoResendUnfulfilledCommands: true });
  client.on('error', (error: Error) => {
    onError?.();
    logger.debug({ err: error.message }, 'channel workers: Redis connection error');
  });
  return client;
}
