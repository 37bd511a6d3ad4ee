import { randomUUID } from 'node:crypto';
import type { Storage, StoreItem, StoreItems } from 'botbuilder';
import type { Redis } from 'ioredis';
import { RedisScript } from './redisScript';
import { CREATE_ONLY_ETAG, StateConflictError, StorageUnavailableError } from './storageErrors';

export interface RedisStorageOptions {
  /** Injected so that storages can share one connection or use their own; the caller owns (and closes) it. */
  client: Redis;
  /** Put before every key, so several bots or environments can share one Redis. */
  prefix?: string;
  /** For `{channelId}/conversations/{conversationId}/...` keys. Undefined or 0: no expiry. */
  conversationTtlSeconds?: number;
  /** For `{channelId}/users/{userId}/...` keys. Undefined or 0: no expiry. */
  userTtlSeconds?: number;
  /** For any other key. Undefined or 0: no expiry. */
  defaultTtlSeconds?: number;
}

export const DEFAULT_PREFIX = 'ttb:';

// botbuilder's ConversationState (and PrivateConversationState) and UserState keys.
const CONVERSATION_KEY = /^[^/]*\/conversations\//;
const USER_KEY = /^[^/]*\/users\//;

/*
 * Check-and-set for every item of one write, atomically on the server, because several bot instances share one
 * Redis. Per key, ARGV holds (expected eTag or '' for "write whatever is there", JSON to store, TTL in seconds or 0).
 * All or nothing: when any key conflicts, nothing is written and the 1-based index of the first conflicting key
 * comes back, so that a turn's conversation and user state are saved together or not at all.
 */
const WRITE_SCRIPT = `
for i, key in ipairs(KEYS) do
  local expected = ARGV[3 * i - 2]
  if expected ~= '' then
    local old = redis.call('GET', key)
    if old and (expected == '${CREATE_ONLY_ETAG}' or cjson.decode(old).eTag ~= expected) then
      return i
    end
  end
end
for i, key in ipairs(KEYS) do
  local value, ttl = ARGV[3 * i - 1], tonumber(ARGV[3 * i])
  if ttl > 0 then
    redis.call('SET', key, value, 'EX', ttl)
  else
    redis.call('SET', key, value)
  end
end
return 0
`;
const WRITE = new RedisScript(WRITE_SCRIPT);

/**
 * botbuilder Storage on Redis, with the eTag semantics of MemoryStore: an item whose eTag differs from the stored
 * one is refused with a StateConflictError (and nothing of that write is stored), "*" or no eTag overwrites, and
 * each successful write stores a new eTag.
 * Items are stored as JSON (eTag included), one Redis string per key.
 */
export class RedisStorage implements Storage {
  private readonly client: Redis;
  private readonly prefix: string;
  private readonly ttls: { conversation: number; user: number; other: number };

  constructor(options: RedisStorageOptions) {
    this.client = options.client;
    this.prefix = options.prefix ?? DEFAULT_PREFIX;
    this.ttls = {
      conversation: checkedTtl('conversationTtlSeconds', options.conversationTtlSeconds),
      user: checkedTtl('userTtlSeconds', options.userTtlSeconds),
      other: checkedTtl('defaultTtlSeconds', options.defaultTtlSeconds),
    };
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    if (keys.length === 0) return {};
    const values = await this.redis('read', () => this.client.mget(keys.map((key) => this.prefix + key)));
    const items: StoreItems = {};
    keys.forEach((key, i) => {
      const value = values[i];
      if (value !== null && value !== undefined) items[key] = parseItem(key, value);
    });
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    const keys = Object.keys(changes);
    if (keys.length === 0) return;
    const args = keys.flatMap((key) => this.writeArgs(key, changes[key]));
    const conflict = Number(await this.redis('write', () => this.runWriteScript(keys, args)));
    if (conflict > 0) throw new StateConflictError(keys[conflict - 1]);
  }

  async delete(keys: string[]): Promise<void> {
    if (!keys) throw new ReferenceError('Keys are required when deleting.');
    if (keys.length === 0) return;
    await this.redis('delete', () => this.client.del(...keys.map((key) => this.prefix + key)));
  }

  private writeArgs(key: string, item: StoreItem | null | undefined): string[] {
    const eTag = item?.eTag;
    const expected = !eTag || eTag === '*' ? '' : String(eTag);
    // Spread copies like MemoryStorage's Object.assign: the caller's object keeps its old eTag.
    const value = JSON.stringify({ ...item, eTag: randomUUID() });
    return [expected, value, String(this.ttlFor(key))];
  }

  private ttlFor(key: string): number {
    if (CONVERSATION_KEY.test(key)) return this.ttls.conversation;
    if (USER_KEY.test(key)) return this.ttls.user;
    return this.ttls.other;
  }

  private runWriteScript(keys: string[], args: string[]): Promise<unknown> {
    return WRITE.run(this.client, keys.map((key) => this.prefix + key), args);
  }

  /** Gives Redis failures a message that says what the bot was doing; the original stays as `cause`. */
  private async redis<T>(action: string, operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      throw new StorageUnavailableError(`Storage: Redis ${action} failed: ${errorMessage(error)}`, { cause: error });
    }
  }
}

function checkedTtl(name: string, seconds: number | undefined): number {
  const ttl = seconds ?? 0;
  if (!Number.isInteger(ttl) || ttl < 0) {
    throw new RangeError(`RedisStorage: ${name} must be a whole number of seconds >= 0 (0 = no expiry), got ${seconds}`);
  }
  return ttl;
}

function parseItem(key: string, value: string): StoreItem {
  try {
    return JSON.parse(value) as StoreItem;
  } catch (error) {
    throw new Error(`Storage: value of "${key}" in Redis is not JSON: ${errorMessage(error)}`, { cause: error });
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
