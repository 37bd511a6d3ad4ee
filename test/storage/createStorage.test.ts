import { Redis } from 'ioredis';
import type { Logger } from '../../bot/logger';
import { createLogger, silentLogger } from '../../bot/logger';
import { createStorage, type StorageHandle } from '../../bot/storage/createStorage';
import { MemoryStore } from '../../bot/storage/memoryStore';
import { createRedisConnection, type RedisConnection } from '../../bot/storage/redisConnection';
import { RedisStorage } from '../../bot/storage/redisStorage';
import {
  deleteKeysWithPrefix,
  describeWithRedis,
  randomPrefix,
  RedisRelay,
  startRedisRelay,
  TEST_REDIS_URL,
} from '../helpers/redis';

/** Nothing listens here (the brief's example of an unreachable Redis). */
const DEAD_REDIS_URL = 'redis://127.0.0.1:6390';

interface Opened extends StorageHandle {
  ping(): Promise<void>;
  close(): Promise<void>;
}

const handles: Opened[] = [];

/** The instance's Redis connection (when a URL is given) and the storage on it, as buildRuntime makes them. */
function open(options: { redisUrl?: string; prefix?: string; logger?: Logger }): Opened {
  const logger = options.logger ?? silentLogger();
  const connection: RedisConnection | null = options.redisUrl ? createRedisConnection(options.redisUrl, logger) : null;
  const handle = createStorage({ redis: connection, prefix: options.prefix ?? randomPrefix(), conversationTtlSeconds: 60, userTtlSeconds: 120, logger });
  const opened = {
    ...handle,
    ping: () => connection?.ping() ?? Promise.resolve(),
    close: async () => connection?.close(),
  };
  handles.push(opened);
  return opened;
}

/** A logger whose records the test can read. */
function recordingLogger(): { logger: Logger; records: Array<{ level: number; msg: string }> } {
  const records: Array<{ level: number; msg: string }> = [];
  const logger = createLogger('debug', { write: (line: string) => void records.push(JSON.parse(line)) });
  return { logger, records };
}

const WARN = 40;
const INFO = 30;

afterEach(async () => {
  await Promise.all(handles.splice(0).map((handle) => handle.close()));
});

describe('createStorage without Redis', () => {
  test('gives the memory store when no redisUrl is configured', async () => {
    const handle = open({ redisUrl: undefined });
    expect(handle.kind).toBe('memory');
    expect(handle.storage).toBeInstanceOf(MemoryStore);
    await expect(handle.ping()).resolves.toBeUndefined();
  });

  test('ping() rejects quickly with a short reason when nothing listens', async () => {
    const handle = open({ redisUrl: DEAD_REDIS_URL });
    const started = Date.now();
    await expect(handle.ping()).rejects.toThrow(/Redis (unreachable|not ready).*/);
    expect(Date.now() - started).toBeLessThan(1200);
  });

  test('a storage call fails fast while Redis is down, without queueing', async () => {
    const handle = open({ redisUrl: DEAD_REDIS_URL });
    await handle.ping().catch(() => undefined); // let the first connection attempt fail
    const started = Date.now();
    await expect(handle.storage.read(['web/conversations/c1/'])).rejects.toThrow(/^Storage: Redis read failed/);
    await expect(handle.storage.write({ 'web/conversations/c1/': { a: 1 } })).rejects.toThrow(/^Storage: Redis write failed/);
    expect(Date.now() - started).toBeLessThan(200);
  });

  test('close() right after creation, while still connecting, resolves', async () => {
    await open({ redisUrl: DEAD_REDIS_URL }).close();
    await open({ redisUrl: TEST_REDIS_URL }).close();
  });

  test('an unreachable Redis is logged once, not once per retry', async () => {
    const { logger, records } = recordingLogger();
    open({ redisUrl: DEAD_REDIS_URL, logger });
    await new Promise((resolve) => setTimeout(resolve, 800)); // several reconnection attempts
    const warnings = records.filter((r) => r.level === WARN);
    expect(warnings.map((r) => r.msg)).toEqual(['redis: cannot connect; retrying']);
    expect(records.filter((r) => r.msg === 'redis: connection error').length).toBeGreaterThan(1);
  });
});

describeWithRedis('createStorage with Redis', () => {
  let admin: Redis;
  beforeAll(() => {
    admin = new Redis(TEST_REDIS_URL);
  });
  afterAll(async () => {
    await admin.quit();
  });

  test('gives a RedisStorage with the configured prefix and TTLs; ping() resolves', async () => {
    const prefix = randomPrefix();
    const handle = open({ redisUrl: TEST_REDIS_URL, prefix });
    expect(handle.kind).toBe('redis');
    expect(handle.storage).toBeInstanceOf(RedisStorage);
    await expect(handle.ping()).resolves.toBeUndefined();
    await handle.storage.write({ 'web/conversations/c1/': { a: 1 }, 'web/users/u1/': { b: 1 } });
    expect(await admin.ttl(`${prefix}web/conversations/c1/`)).toBe(60);
    expect(await admin.ttl(`${prefix}web/users/u1/`)).toBe(120);
    await deleteKeysWithPrefix(admin, prefix);
  });

  test('ping() rejects after close()', async () => {
    const handle = open({ redisUrl: TEST_REDIS_URL });
    await handle.ping();
    await handle.close();
    await expect(handle.ping()).rejects.toThrow('Redis connection is closed');
  });

  describe('through an outage', () => {
    let relay: RedisRelay;
    beforeEach(async () => {
      relay = await startRedisRelay();
    });
    afterEach(async () => {
      await relay.close();
    });

    test('fails fast while Redis is away, logs the loss and the recovery once each, and recovers', async () => {
      const { logger, records } = recordingLogger();
      const prefix = randomPrefix();
      const handle = open({ redisUrl: relay.url, prefix, logger });
      await handle.ping();
      await handle.storage.write({ 'web/users/u1/': { v: 1 } });

      await relay.cut();
      await waitFor(() => records.some((r) => r.msg === 'redis: connection lost; reconnecting'));
      const started = Date.now();
      await expect(handle.storage.read(['web/users/u1/'])).rejects.toThrow(/^Storage: Redis read failed/);
      await expect(handle.ping()).rejects.toThrow(/Redis/);
      expect(Date.now() - started).toBeLessThan(1500);
      await new Promise((resolve) => setTimeout(resolve, 500)); // more failed reconnection attempts

      await relay.restore();
      await waitFor(() => records.some((r) => r.msg === 'redis: connection recovered'));
      expect((await handle.storage.read(['web/users/u1/']))['web/users/u1/'].v).toBe(1);
      expect(records.filter((r) => r.level >= WARN).map((r) => r.msg)).toEqual(['redis: connection lost; reconnecting']);
      expect(records.filter((r) => r.level === INFO).map((r) => r.msg)).toEqual(['redis: connected', 'redis: connection recovered']);
      await deleteKeysWithPrefix(admin, prefix);
    });
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
