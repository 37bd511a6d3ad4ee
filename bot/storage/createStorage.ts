import type { Storage } from 'botbuilder';
import type { Logger } from '../logger';
import { MemoryStore } from './memoryStore';
import type { RedisConnection } from './redisConnection';
import { RedisStorage } from './redisStorage';

export interface StorageOptions {
  /** The instance's shared connection; none: memory, for one process on a laptop. */
  redis: RedisConnection | null;
  prefix: string;
  /** 0 = no expiry. */
  conversationTtlSeconds: number;
  /** 0 = no expiry. */
  userTtlSeconds: number;
  logger: Logger;
}

export interface StorageHandle {
  storage: Storage;
  kind: 'memory' | 'redis';
}

/** Chooses the bot's Storage: Redis when the instance has a connection, memory otherwise. */
export function createStorage(options: StorageOptions): StorageHandle {
  if (!options.redis) {
    options.logger.info('storage: memory (no REDIS_URL); state is lost on restart and not shared');
    return { storage: new MemoryStore(), kind: 'memory' };
  }
  const storage = new RedisStorage({
    client: options.redis.client,
    prefix: options.prefix,
    conversationTtlSeconds: options.conversationTtlSeconds,
    userTtlSeconds: options.userTtlSeconds,
  });
  return { storage, kind: 'redis' };
}
