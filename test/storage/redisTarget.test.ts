import { describeRedisTarget, parseRedisUrl, redisOptionsFor, RedisUrlError } from '../../bot/storage/redisTarget';

describe('REDIS_URL', () => {
  it('passes one Redis through to ioredis as it is', () => {
    expect(parseRedisUrl('rediss://:pw@cache:6380/2')).toEqual({ kind: 'single', url: 'rediss://:pw@cache:6380/2' });
    expect(describeRedisTarget(parseRedisUrl('redis://:pw@cache:6380/2'))).toBe('cache:6380');
  });

  it('reads a Sentinel group: hosts (default port 26379), primary name, database, both passwords', () => {
    const target = parseRedisUrl('redis+sentinel://:secret@10.0.0.5:26379,10.0.0.6,[::1]:26381/ttb-primary/3?sentinelPassword=other');
    expect(target).toEqual({
      kind: 'sentinel',
      name: 'ttb-primary',
      sentinels: [
        { host: '10.0.0.5', port: 26379 },
        { host: '10.0.0.6', port: 26379 },
        { host: '::1', port: 26381 },
      ],
      password: 'secret',
      sentinelPassword: 'other',
      db: 3,
      tls: false,
    });
    expect(describeRedisTarget(target)).toBe('sentinel group "ttb-primary" via 10.0.0.5:26379,10.0.0.6:26379,::1:26381');
    expect(JSON.stringify(describeRedisTarget(target))).not.toContain('secret');
  });

  it('gives ioredis the sentinels, the primary role and a client that follows a failover', () => {
    const { url, options } = redisOptionsFor(parseRedisUrl('rediss+sentinel://u:p@h1:1,h2:2/m'), { commandTimeout: 1000 });
    expect(url).toBeUndefined();
    expect(options).toMatchObject({ sentinels: [{ host: 'h1', port: 1 }, { host: 'h2', port: 2 }], name: 'm', role: 'master', username: 'u', password: 'p', db: 0, commandTimeout: 1000, failoverDetector: true, enableTLSForSentinelMode: true });
    expect((options.reconnectOnError as (e: Error) => unknown)(new Error("READONLY You can't write against a read only replica."))).toBe(1);
    expect((options.reconnectOnError as (e: Error) => unknown)(new Error('ERR other'))).toBe(false);
  });

  it.each([
    ['redis+sentinel://h1:26379', /needs the primary's name/],
    ['redis+sentinel://:pw@h1:x/m', /"h1:x" in "redis\+sentinel:\/\/\*\*\*@h1:x\/m" is not host\[:port\]/],
    ['redis+sentinel://h1/m/zero', /"zero" is not a database number/],
    ['http://cache:6379', /"http:" is not redis:, rediss: or redis\+sentinel:/],
  ])('refuses %p', (raw, message) => {
    expect(() => parseRedisUrl(raw)).toThrow(RedisUrlError);
    expect(() => parseRedisUrl(raw)).toThrow(message);
  });
});
