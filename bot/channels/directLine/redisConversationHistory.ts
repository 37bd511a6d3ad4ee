import type { Activity } from 'botbuilder';
import type { Redis } from 'ioredis';
import type { Logger } from '../../logger';
import {
  activityId,
  type ActivitySet,
  type AppendResult,
  type ConversationHistory,
  type ConversationMeta,
  type HistoryListener,
  withId,
} from './conversationHistory';

/*
 * Keys of one conversation share a hash tag, so a Redis Cluster keeps them on one node:
 *   <prefix>dl:{<id>}:m  hash   user, locale, created
 *   <prefix>dl:{<id>}:h  list   the activities as JSON, without ids (an id is its index)
 *   <prefix>dl:{<id>}:c  hash   clientActivityID -> index, so a retried post is stored once
 * All three expire together, `ttl` seconds after the last activity.
 */

const CREATE = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'user', ARGV[1], 'locale', ARGV[2], 'created', ARGV[3])
redis.call('EXPIRE', KEYS[1], ARGV[4])
return 1`;

/** Returns {index, added}; {-1, 0} when the conversation is unknown or expired. */
const APPEND = `
if redis.call('EXISTS', KEYS[1]) == 0 then return {-1, 0} end
if ARGV[2] ~= '' then
  local seen = redis.call('HGET', KEYS[3], ARGV[2])
  if seen then return {tonumber(seen), 0} end
end
local index = redis.call('RPUSH', KEYS[2], ARGV[1]) - 1
if ARGV[2] ~= '' then
  redis.call('HSET', KEYS[3], ARGV[2], index)
  redis.call('EXPIRE', KEYS[3], ARGV[3])
end
redis.call('EXPIRE', KEYS[1], ARGV[3])
redis.call('EXPIRE', KEYS[2], ARGV[3])
return {index, 1}`;

interface HistoryCommands {
  dlCreate(meta: string, history: string, clients: string, user: string, locale: string, created: string, ttl: number): Promise<number>;
  dlAppend(meta: string, history: string, clients: string, json: string, clientId: string, ttl: number): Promise<[number, number]>;
}

export interface RedisHistoryOptions {
  client: Redis;
  prefix: string;
  ttlSeconds: number;
  logger: Logger;
}

/**
 * History shared by every instance through Redis. New activities are announced on one pub/sub channel so that
 * an instance holding a conversation's WebSocket pushes what another instance stored. Subscribing needs a
 * connection of its own (a subscribed connection cannot run other commands): it is opened on first use.
 */
export class RedisConversationHistory implements ConversationHistory {
  readonly kind = 'redis';
  private readonly client: Redis & HistoryCommands;
  private readonly channel: string;
  private readonly listeners = new Set<HistoryListener>();
  private subscriber: Redis | null = null;

  constructor(private readonly options: RedisHistoryOptions) {
    const client = options.client as Redis & Partial<HistoryCommands>;
    if (!client.dlAppend) {
      client.defineCommand('dlCreate', { numberOfKeys: 3, lua: CREATE });
      client.defineCommand('dlAppend', { numberOfKeys: 3, lua: APPEND });
    }
    this.client = client as Redis & HistoryCommands;
    this.channel = `${options.prefix}dl:appended`;
  }

  async create(conversationId: string, meta: ConversationMeta): Promise<boolean> {
    const [m, h, c] = this.keys(conversationId);
    const created = await this.client.dlCreate(m, h, c, meta.userId, meta.locale ?? '', String(meta.createdAt), this.options.ttlSeconds);
    return created === 1;
  }

  async meta(conversationId: string): Promise<ConversationMeta | null> {
    const fields = await this.client.hgetall(this.keys(conversationId)[0]);
    if (!fields.user) return null;
    return { userId: fields.user, locale: fields.locale || undefined, createdAt: Number(fields.created) };
  }

  async append(conversationId: string, activity: Partial<Activity>, clientActivityId?: string): Promise<AppendResult | null> {
    const [m, h, c] = this.keys(conversationId);
    const [index, added] = await this.client.dlAppend(m, h, c, JSON.stringify(activity), clientActivityId ?? '', this.options.ttlSeconds);
    if (index < 0) return null;
    const result = { id: activityId(conversationId, index), watermark: index + 1, duplicate: added === 0 };
    if (!result.duplicate) this.announce(conversationId, result.watermark);
    return result;
  }

  async since(conversationId: string, watermark: number, limit: number): Promise<ActivitySet | null> {
    const [m, h] = this.keys(conversationId);
    const replies = await this.client.multi().exists(m).lrange(h, watermark, watermark + limit - 1).exec();
    if (!replies) throw new Error('Redis transaction was aborted');
    const [[existsError, exists], [rangeError, range]] = replies as [[Error | null, number], [Error | null, string[]]];
    if (existsError || rangeError) throw existsError ?? rangeError;
    if (exists === 0) return null;
    const activities = range.map((json, offset) => withId(json, conversationId, watermark + offset));
    return { activities, watermark: watermark + activities.length };
  }

  subscribe(listener: HistoryListener): () => void {
    this.listeners.add(listener);
    this.subscriber ??= this.openSubscriber();
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.listeners.clear();
    const subscriber = this.subscriber;
    this.subscriber = null;
    if (subscriber) await subscriber.quit().catch(() => subscriber.disconnect());
  }

  private keys(conversationId: string): [string, string, string] {
    const base = `${this.options.prefix}dl:{${conversationId}}:`;
    return [`${base}m`, `${base}h`, `${base}c`];
  }

  /** Local listeners at once; other instances through pub/sub (this one hears its own notice again: harmless). */
  private announce(conversationId: string, watermark: number): void {
    for (const listener of this.listeners) listener.appended(conversationId, watermark);
    this.client.publish(this.channel, `${watermark} ${conversationId}`).catch((error: Error) => {
      this.options.logger.warn({ err: error.message }, 'directline: could not announce a new activity to other instances');
    });
  }

  private openSubscriber(): Redis {
    // A queue while disconnected is harmless here: the only commands are SUBSCRIBE and its automatic renewal.
    const subscriber = this.options.client.duplicate({ enableOfflineQueue: true, lazyConnect: false });
    let subscribed = false;
    subscriber.on('error', (error: Error) => this.options.logger.debug({ err: error.message }, 'directline: subscriber error'));
    subscriber.on('ready', () => {
      if (subscribed) for (const listener of this.listeners) listener.resync();
      subscribed = true;
    });
    subscriber.on('message', (_channel: string, message: string) => {
      const space = message.indexOf(' ');
      const watermark = Number(message.slice(0, space));
      if (space > 0 && Number.isInteger(watermark)) {
        for (const listener of this.listeners) listener.appended(message.slice(space + 1), watermark);
      }
    });
    subscriber.subscribe(this.channel).catch((error: Error) => {
      this.options.logger.warn({ err: error.message }, 'directline: cannot subscribe to new activities; streams rely on polls');
    });
    return subscriber;
  }
}
