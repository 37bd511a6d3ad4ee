import type { Redis } from 'ioredis';
import { Dossier, DossierStatus, FINAL_STATUSES, publicView } from './dossier';
import type { ChangeEvent, SubscribeOutcome, Subscriber, Subscription, WatchOptions, WatchStore } from './watchStore';

/** Consumer group of the change feed: every instance reads in it, so each change goes to one of them. */
const GROUP = 'notifier';
const STALE_MS = 60_000;
/** How long a sent notice's claim is kept (longer than any retry). */
const CLAIM_SECONDS = 7 * 86_400;
const FEED_LENGTH = 10_000;

/*
 * KEYS: watch key, feed stream. ARGV: new status, code, public dossier JSON.
 * Compare with the last known status and append the change in one step: with several instances polling or
 * receiving the same push, one change is recorded once.
 */
const OBSERVE_SCRIPT = `
local from = redis.call('GET', KEYS[1])
if (not from) or from == ARGV[1] then return false end
redis.call('SET', KEYS[1], ARGV[1], 'KEEPTTL')
return redis.call('XADD', KEYS[2], 'MAXLEN', '~', '${FEED_LENGTH}', '*', 'code', ARGV[2], 'from', from, 'dossier', ARGV[3])
`;

/**
 * Keys (under the prefix): `dossier:subs:{code}` hash chat → subscription JSON; `dossier:chat:{key}` set of codes;
 * `dossier:watch:{code}` last known status; `dossier:watched` sorted set code → expiry; `dossier:changes` stream;
 * `dossier:sent:{event}:{chat}` claims. Every key expires at the latest with its subscriptions.
 */
export class RedisWatchStore implements WatchStore {
  readonly kind = 'redis';
  private readonly now: () => number;
  private groupReady: Promise<void> | null = null;

  constructor(
    private readonly client: Redis,
    private readonly prefix: string,
    private readonly options: WatchOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  async subscribe(code: string, subscriber: Subscriber, seen: DossierStatus): Promise<SubscribeOutcome> {
    if (FINAL_STATUSES.has(seen)) return 'final';
    const expiresAt = this.now() + this.options.subscriptionMs;
    const ttl = Math.ceil(this.options.subscriptionMs / 1000);
    const subscription: Subscription = { ...subscriber, code, seen, expiresAt };
    const results = await this.client
      .multi()
      .hset(this.k(`subs:${code}`), subscriber.key, JSON.stringify(subscription))
      .expire(this.k(`subs:${code}`), ttl)
      .sadd(this.k(`chat:${subscriber.key}`), code)
      .expire(this.k(`chat:${subscriber.key}`), ttl)
      .set(this.k(`watch:${code}`), seen, 'EX', ttl, 'NX')
      .expire(this.k(`watch:${code}`), ttl)
      .zadd(this.k('watched'), expiresAt, code)
      .exec();
    return results?.[0]?.[1] === 1 ? 'added' : 'renewed';
  }

  async unsubscribe(code: string, key: string): Promise<boolean> {
    const [[, removed], , [, left]] = (await this.client
      .multi()
      .hdel(this.k(`subs:${code}`), key)
      .srem(this.k(`chat:${key}`), code)
      .hlen(this.k(`subs:${code}`))
      .exec()) as [Error | null, number][];
    if (left === 0) await this.end(code);
    return removed === 1;
  }

  async unsubscribeAll(key: string): Promise<string[]> {
    const codes = await this.codesOf(key);
    for (const code of codes) await this.unsubscribe(code, key);
    return codes;
  }

  async codesOf(key: string): Promise<string[]> {
    const codes = await this.client.smembers(this.k(`chat:${key}`));
    const live = await Promise.all(codes.map(async (code) => (await this.subscription(code, key)) !== null));
    return codes.filter((_, i) => live[i]).sort();
  }

  async subscribers(code: string): Promise<Subscription[]> {
    const all = await this.client.hvals(this.k(`subs:${code}`));
    const now = this.now();
    return all.map((json) => JSON.parse(json) as Subscription).filter((s) => s.expiresAt > now);
  }

  async markSeen(code: string, key: string, status: DossierStatus): Promise<void> {
    const sub = await this.subscription(code, key);
    if (sub) await this.client.hset(this.k(`subs:${code}`), key, JSON.stringify({ ...sub, seen: status }));
  }

  async end(code: string): Promise<void> {
    const keys = await this.client.hkeys(this.k(`subs:${code}`));
    const multi = this.client.multi().del(this.k(`subs:${code}`), this.k(`watch:${code}`)).zrem(this.k('watched'), code);
    for (const key of keys) multi.srem(this.k(`chat:${key}`), code);
    await multi.exec();
  }

  async watched(limit: number): Promise<string[]> {
    await this.client.zremrangebyscore(this.k('watched'), '-inf', this.now());
    return this.client.zrangebyscore(this.k('watched'), this.now(), '+inf', 'LIMIT', 0, limit);
  }

  async observe(dossier: Dossier): Promise<boolean> {
    const keys = [this.k(`watch:${dossier.code}`), this.k('changes')];
    const id = await this.client.eval(OBSERVE_SCRIPT, 2, ...keys, dossier.status, dossier.code, JSON.stringify(publicView(dossier)));
    return id !== null;
  }

  async take(consumer: string, count: number): Promise<ChangeEvent[]> {
    await this.ensureGroup();
    const stream = this.k('changes');
    const [, stale] = (await this.client.xautoclaim(stream, GROUP, consumer, this.options.staleMs ?? STALE_MS, '0-0', 'COUNT', count)) as [string, Entry[]];
    const fresh = (await this.client.xreadgroup('GROUP', GROUP, consumer, 'COUNT', count, 'STREAMS', stream, '>')) as
      | [string, Entry[]][]
      | null;
    return [...stale, ...(fresh?.[0]?.[1] ?? [])].filter((entry) => entry[1] !== null).map(toEvent);
  }

  async done(eventId: string): Promise<void> {
    await this.client.multi().xack(this.k('changes'), GROUP, eventId).xdel(this.k('changes'), eventId).exec();
  }

  async claim(eventId: string, key: string): Promise<boolean> {
    return (await this.client.set(this.k(`sent:${eventId}:${key}`), '1', 'EX', CLAIM_SECONDS, 'NX')) === 'OK';
  }

  async release(eventId: string, key: string): Promise<number> {
    const failures = this.k(`failed:${eventId}:${key}`);
    const [, [, count]] = (await this.client
      .multi()
      .del(this.k(`sent:${eventId}:${key}`))
      .incr(failures)
      .expire(failures, CLAIM_SECONDS)
      .exec()) as [Error | null, number][];
    return count;
  }

  private async subscription(code: string, key: string): Promise<Subscription | null> {
    const json = await this.client.hget(this.k(`subs:${code}`), key);
    const sub = json ? (JSON.parse(json) as Subscription) : null;
    return sub && sub.expiresAt > this.now() ? sub : null;
  }

  /** Creates the consumer group once (from the start of the feed, so changes recorded before are not lost). */
  private ensureGroup(): Promise<void> {
    this.groupReady ??= this.client
      .xgroup('CREATE', this.k('changes'), GROUP, '0', 'MKSTREAM')
      .then(
        () => undefined,
        (error: Error) => {
          if (!/BUSYGROUP/.test(error.message)) {
            this.groupReady = null;
            throw error;
          }
        },
      );
    return this.groupReady;
  }

  private k(name: string): string {
    return `${this.prefix}dossier:${name}`;
  }
}

type Entry = [string, string[] | null];

function toEvent([id, fields]: Entry): ChangeEvent {
  const map = new Map<string, string>();
  for (let i = 0; fields && i < fields.length; i += 2) map.set(fields[i], fields[i + 1]);
  return { id, code: map.get('code') ?? '', from: map.get('from') as DossierStatus, dossier: JSON.parse(map.get('dossier') ?? '{}') };
}
