import type { RedisOptions } from 'ioredis';

/** The default port of Redis Sentinel. */
const SENTINEL_PORT = 26379;

/** Where REDIS_URL points: one Redis, or a Sentinel group that names the current primary. */
export type RedisTarget =
  | { kind: 'single'; url: string }
  | {
      kind: 'sentinel';
      name: string;
      sentinels: { host: string; port: number }[];
      username?: string;
      password?: string;
      sentinelUsername?: string;
      sentinelPassword?: string;
      db?: number;
      tls: boolean;
    };

/** A REDIS_URL that cannot be used; the message says what is wrong and what the form is. */
export class RedisUrlError extends Error {}

const SENTINEL_FORM = 'redis+sentinel://[[user]:password@]host[:port][,host[:port]...]/<primary name>[/<db>]';

/**
 * Reads REDIS_URL: `redis://` or `rediss://` for one Redis (ioredis reads those itself), or
 * `redis+sentinel://` / `rediss+sentinel://` for a Sentinel group:
 *
 *     redis+sentinel://:secret@10.0.0.5:26379,10.0.0.6:26379,10.0.0.7:26379/ttb-primary/0?sentinelPassword=other
 *
 * The password before `@` is the primary's (and its replicas'); `sentinelPassword` (and `sentinelUsername`) in
 * the query are the sentinels' own, when they have one. `rediss+sentinel` uses TLS to the sentinels and to Redis.
 */
export function parseRedisUrl(raw: string): RedisTarget {
  const match = /^(rediss?)\+sentinel:\/\/(.*)$/i.exec(raw.trim());
  if (!match) return singleTarget(raw.trim());
  const [, scheme, rest] = match;
  const [beforeQuery, query = ''] = rest.split('?', 2);
  const at = beforeQuery.lastIndexOf('@');
  const credentials = at >= 0 ? beforeQuery.slice(0, at) : '';
  const [hostList, name, db, ...extra] = beforeQuery.slice(at + 1).split('/');
  if (!name || extra.length > 0) throw new RedisUrlError(`"${redacted(raw)}" needs the primary's name after the hosts: ${SENTINEL_FORM}`);
  if (db !== undefined && db !== '' && !/^\d+$/.test(db)) throw new RedisUrlError(`"${db}" is not a database number`);
  const params = new URLSearchParams(query);
  const [username, password] = splitCredentials(credentials);
  return {
    kind: 'sentinel',
    name: decodeURIComponent(name),
    sentinels: hostList.split(',').map((host) => sentinelAddress(host, raw)),
    ...(username ? { username } : {}),
    ...(password ? { password } : {}),
    ...(params.get('sentinelUsername') ? { sentinelUsername: params.get('sentinelUsername')! } : {}),
    ...(params.get('sentinelPassword') ? { sentinelPassword: params.get('sentinelPassword')! } : {}),
    ...(db ? { db: Number(db) } : {}),
    tls: scheme.toLowerCase() === 'rediss',
  };
}

/** ioredis options for a target, on top of the client settings given. */
export function redisOptionsFor(target: RedisTarget, base: RedisOptions): { url?: string; options: RedisOptions } {
  if (target.kind === 'single') return { url: target.url, options: base };
  return {
    options: {
      ...base,
      sentinels: target.sentinels,
      name: target.name,
      role: 'master',
      username: target.username,
      password: target.password,
      sentinelUsername: target.sentinelUsername,
      sentinelPassword: target.sentinelPassword,
      db: target.db ?? 0,
      ...(target.tls ? { tls: {}, enableTLSForSentinelMode: true } : {}),
      // Subscribe to the sentinels' +switch-master: the client moves to the new primary as soon as they agree.
      failoverDetector: true,
      // Keep asking the sentinels for as long as it takes (ioredis's default gives up after a while).
      sentinelRetryStrategy: (attempt: number) => Math.min(attempt * 100, 2000),
      // A primary demoted under us answers READONLY: reconnect, which asks the sentinels for the new one.
      reconnectOnError: (error: Error) => (error.message.startsWith('READONLY') ? 1 : false),
    },
  };
}

/** host:port for logs, without any password. */
export function describeRedisTarget(target: RedisTarget): string {
  if (target.kind === 'sentinel') return `sentinel group "${target.name}" via ${target.sentinels.map((s) => `${s.host}:${s.port}`).join(',')}`;
  try {
    const url = new URL(target.url);
    return `${url.hostname}:${url.port || '6379'}`;
  } catch {
    return 'redis';
  }
}

function singleTarget(url: string): RedisTarget {
  let protocol: string;
  try {
    protocol = new URL(url).protocol.toLowerCase();
  } catch {
    throw new RedisUrlError(`"${url}" is not a URL (expected redis://host:port or ${SENTINEL_FORM})`);
  }
  if (protocol !== 'redis:' && protocol !== 'rediss:') throw new RedisUrlError(`"${protocol}" is not redis:, rediss: or redis+sentinel:`);
  return { kind: 'single', url };
}

function sentinelAddress(text: string, raw: string): { host: string; port: number } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  const plain = /^([^:[\]]+)(?::(\d+))?$/.exec(text);
  const found = bracketed ?? plain;
  if (!found) throw new RedisUrlError(`"${text}" in "${redacted(raw)}" is not host[:port]`);
  const port = found[2] ? Number(found[2]) : SENTINEL_PORT;
  if (port < 1 || port > 65535) throw new RedisUrlError(`port ${port} of "${text}" is outside 1..65535`);
  return { host: found[1], port };
}

function splitCredentials(text: string): [string | undefined, string | undefined] {
  if (!text) return [undefined, undefined];
  const colon = text.indexOf(':');
  if (colon < 0) return [undefined, decodeURIComponent(text)];
  return [decodeURIComponent(text.slice(0, colon)) || undefined, decodeURIComponent(text.slice(colon + 1)) || undefined];
}

function redacted(raw: string): string {
  return raw.replace(/\/\/[^@/]*@/, '//***@');
}
