import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * The few shared-state operations the channel edges need (de-duplication, rate limits, last interactions, held
 * messages, the Zalo token pair and its refresh lock), on Redis when it is configured and in memory otherwise, so
 * the code above it is the same in both modes. Keys are given without prefix; the store adds its own.
 */
export interface ChannelStore {
  readonly kind: 'redis' | 'memory';
  /** Sets the key when it is absent; true when this call set it (a first delivery, a first send). */
  claim(key: string, ttlSeconds: number): Promise<boolean>;
  remove(key: string): Promise<void>;
  /** Counts in a window that starts at the first count and lasts ttlSeconds; returns the count so far. */
  count(key: string, ttlSeconds: number): Promise<number>;
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  getHash(key: string): Promise<Record<string, string>>;
  /** Writes every field at once (one MULTI on Redis), so readers never see half a pair. */
  setHash(key: string, fields: Record<string, string>): Promise<void>;
  /** Appends to a list and keeps the whole list for ttlSeconds from now. */
  push(key: string, value: string, ttlSeconds: number): Promise<void>;
  /** The first `max` items of a list, oldest first. */
  range(key: string, max: number): Promise<string[]>;
  /** Removes the first `count` items of a list (after they were handed on). */
  dropFirst(key: string, count: number): Promise<void>;
  /** A lease: a token when acquired, null when someone else holds it. */
  lock(key: string, ttlMs: number): Promise<string | null>;
  /** Releases the lease only if it is still ours. */
  unlock(key: string, token: string): Promise<void>;
  /** Keys under a sub-prefix (for the command line; SCAN on Redis). */
  keys(subPrefix: string): Promise<string[]>;
}

const UNLOCK_SCRIPT = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0`;
const COUNT_SCRIPT = `local n = redis.call('incr', KEYS[1]) if n == 1 then redis.call('expire', KEYS[1], ARGV[1]) end return n`;

/** The store on a shared ioredis client (fail-fast options: an outage is an error at once, never a hang). */
export class RedisChannelStore implements ChannelStore {
  readonly kind = 'redis' as const;

  constructor(
    private readonly client: Redis,
    private readonly prefix: string,
  ) {}

  async claim(key: string, ttlSeconds: number): Promise<boolean> {
    return (await this.client.set(this.prefix + key, '1', 'EX', ttlSeconds, 'NX')) === 'OK';
  }

  async remove(key: string): Promise<void> {
    await this.client.del(this.prefix + key);
  }

  async count(key: string, ttlSeconds: number): Promise<number> {
    return Number(await this.client.eval(COUNT_SCRIPT, 1, this.prefix + key, ttlSeconds));
  }

  async get(key: string): Promise<string | null> {
    return this.client.get(this.prefix + key);
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    await this.client.set(this.prefix + key, value, 'EX', ttlSeconds);
  }

  async getHash(key: string): Promise<Record<string, string>> {
    return this.client.hgetall(this.prefix + key);
  }

  async setHash(key: string, fields: Record<string, string>): Promise<void> {
    await this.client.multi().del(this.prefix + key).hset(this.prefix + key, fields).exec();
  }

  async push(key: string, value: string, ttlSeconds: number): Promise<void> {
    await this.client.multi().rpush(this.prefix + key, value).expire(this.prefix + key, ttlSeconds).exec();
  }

  async range(key: string, max: number): Promise<string[]> {
    return this.client.lrange(this.prefix + key, 0, max - 1);
  }

  async dropFirst(key: string, count: number): Promise<void> {
    if (count > 0) await this.client.ltrim(this.prefix + key, count, -1);
  }

  async lock(key: string, ttlMs: number): Promise<string | null> {
    const token = randomUUID();
    return (await this.client.set(this.prefix + key, token, 'PX', ttlMs, 'NX')) === 'OK' ? token : null;
  }

  async unlock(key: string, token: string): Promise<void> {
    await this.client.eval(UNLOCK_SCRIPT, 1, this.prefix + key, token);
  }

  async keys(subPrefix: string): Promise<string[]> {
    const pattern = `${(this.prefix + subPrefix).replace(/[*?[\]\\]/g, '\\$&')}*`;
    const found: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = await this.client.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
      found.push(...batch.map((key) => key.slice(this.prefix.length)));
      cursor = next;
    } while (cursor !== '0');
    return found;
  }
}

interface MemoryItem {
  value: string | string[] | Record<string, string>;
  expiresAt: number;
}

/** At most this many keys in memory: past it the oldest are dropped, so a flood cannot grow the process. */
const MEMORY_MAX_KEYS = 200_000;

/** The store for one process without Redis: the same semantics, lost on restart. */
export class MemoryChannelStore implements ChannelStore {
  readonly kind = 'memory' as const;
  private readonly items = new Map<string, MemoryItem>();

  constructor(private readonly now: () => number = Date.now) {}

  async claim(key: string, ttlSeconds: number): Promise<boolean> {
    if (this.read(key) !== undefined) return false;
    this.write(key, '1', ttlSeconds * 1000);
    return true;
  }

  async remove(key: string): Promise<void> {
    this.items.delete(key);
  }

  async count(key: string, ttlSeconds: number): Promise<number> {
    const item = this.live(key);
    const next = item ? Number(item.value) + 1 : 1;
    if (item) item.value = String(next);
    else this.write(key, '1', ttlSeconds * 1000);
    return next;
  }

  async get(key: string): Promise<string | null> {
    const value = this.read(key);
    return typeof value === 'string' ? value : null;
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    this.write(key, value, ttlSeconds * 1000);
  }

  async getHash(key: string): Promise<Record<string, string>> {
    const value = this.read(key);
    return value && typeof value === 'object' && !Array.isArray(value) ? { ...value } : {};
  }

  async setHash(key: string, fields: Record<string, string>): Promise<void> {
    this.write(key, { ...fields }, Number.POSITIVE_INFINITY);
  }

  async push(key: string, value: string, ttlSeconds: number): Promise<void> {
    const current = this.read(key);
    this.write(key, [...(Array.isArray(current) ? current : []), value], ttlSeconds * 1000);
  }

  async range(key: string, max: number): Promise<string[]> {
    const value = this.read(key);
    return Array.isArray(value) ? value.slice(0, max) : [];
  }

  async dropFirst(key: string, count: number): Promise<void> {
    const item = this.live(key);
    if (!item || !Array.isArray(item.value)) return;
    item.value = item.value.slice(count);
    if (item.value.length === 0) this.items.delete(key);
  }

  async lock(key: string, ttlMs: number): Promise<string | null> {
    if (this.read(key) !== undefined) return null;
    const token = randomUUID();
    this.write(key, token, ttlMs);
    return token;
  }

  async unlock(key: string, token: string): Promise<void> {
    if (this.read(key) === token) this.items.delete(key);
  }

  async keys(subPrefix: string): Promise<string[]> {
    return [...this.items.keys()].filter((key) => key.startsWith(subPrefix) && this.live(key));
  }

  private live(key: string): MemoryItem | undefined {
    const item = this.items.get(key);
    if (item && item.expiresAt <= this.now()) {
      this.items.delete(key);
      return undefined;
    }
    return item;
  }

  private read(key: string): MemoryItem['value'] | undefined {
    return this.live(key)?.value;
  }

  private write(key: string, value: MemoryItem['value'], ttlMs: number): void {
    this.items.delete(key);
    this.items.set(key, { value, expiresAt: this.now() + ttlMs });
    if (this.items.size > MEMORY_MAX_KEYS) this.evict();
  }

  /** Drops expired keys, then the oldest written ones that expire at all (a Map iterates in insertion order). */
  private evict(): void {
    const now = this.now();
    for (const [key, item] of this.items) if (item.expiresAt <= now) this.items.delete(key);
    for (const [key, item] of this.items) {
      if (this.items.size <= MEMORY_MAX_KEYS * 0.9) break;
      if (Number.isFinite(item.expiresAt)) this.items.delete(key);
    }
  }
}
