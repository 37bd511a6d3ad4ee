import type { Storage, StoreItems } from 'botbuilder';
import { Redis } from 'ioredis';
import { MemoryStore } from '../../bot/storage/memoryStore';
import { RedisStorage } from '../../bot/storage/redisStorage';
import { CREATE_ONLY_ETAG, StateConflictError } from '../../bot/storage/storageErrors';
import { deleteKeysWithPrefix, describeWithRedis, randomPrefix, TEST_REDIS_URL } from '../helpers/redis';

const conflict = (key: string) => `Storage: error writing "${key}" due to eTag conflict.`;

/** Runs one storage call; a failure becomes its message so that outcomes can be compared as data. */
async function outcome(run: () => Promise<unknown>): Promise<unknown> {
  try {
    return { ok: normaliseETags(await run()) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** eTags differ between stores (a counter vs. random ids); whether there is one is what matters. */
function normaliseETags(value: unknown): unknown {
  if (!value || typeof value !== 'object') return value;
  const items = value as StoreItems;
  return Object.fromEntries(
    Object.entries(items).map(([key, item]) => [key, { ...item, eTag: typeof item.eTag === 'string' ? '<eTag>' : item.eTag }]),
  );
}

/**
 * One sequence of reads, writes and deletes, with eTags taken from earlier reads. MemoryStore is the reference:
 * RedisStorage must give the same outcome at every step.
 */
async function runScenario(storage: Storage): Promise<unknown[]> {
  const eTag = async (key: string) => ((await storage.read([key]))[key] as { eTag: string }).eTag;
  const steps: Array<() => Promise<unknown>> = [];
  const remembered: Record<string, string> = {};
  const step = (run: () => Promise<unknown>) => steps.push(run);

  step(() => storage.write({ a: { n: 1 } }));
  step(async () => void (remembered.a1 = await eTag('a')));
  step(() => storage.write({ a: { n: 2, eTag: remembered.a1 } }));
  step(() => storage.write({ a: { n: 3, eTag: remembered.a1 } })); // stale
  step(() => storage.read(['a']));
  step(() => storage.write({ a: { n: 4, eTag: '*' } }));
  step(() => storage.write({ a: { n: 5 } }));
  step(() => storage.write({ a: { n: 6, eTag: '' } }));
  step(() => storage.read(['a', 'missing']));
  step(async () => void (remembered.a2 = await eTag('a')));
  step(() => storage.write({ b: { m: 1 } }));
  step(() => storage.write({ b: { m: 2, eTag: remembered.a2 }, c: { k: 1 } })); // b conflicts: c is not written either
  step(() => storage.read(['a', 'b', 'c']));
  step(() => storage.write({ d: { eTag: 'never-stored' } })); // nothing stored yet: written
  step(() => storage.write({ e: { n: 1, eTag: CREATE_ONLY_ETAG } })); // absent: created
  step(() => storage.write({ e: { n: 2, eTag: CREATE_ONLY_ETAG } })); // exists now: conflict
  step(() => storage.write({ b: { eTag: 'stale' }, a: { eTag: 'stale' } })); // the first conflict is named
  step(() => storage.delete(['a', 'missing']));
  step(() => storage.read(['a', 'b', 'c', 'd']));
  step(() => storage.write({ a: { n: 7, eTag: remembered.a2 } })); // deleted: written
  step(() => storage.read(['a']));
  step(() => storage.write({}));
  step(() => storage.read([]));

  const outcomes: unknown[] = [];
  for (const run of steps) outcomes.push(await outcome(run));
  return outcomes;
}

describeWithRedis('RedisStorage', () => {
  const clients: Redis[] = [];
  const prefixes: string[] = [];
  let admin: Redis;

  const newClient = () => {
    const client = new Redis(TEST_REDIS_URL);
    clients.push(client);
    return client;
  };
  const newStorage = (options: Partial<ConstructorParameters<typeof RedisStorage>[0]> = {}) => {
    const prefix = options.prefix ?? randomPrefix();
    prefixes.push(prefix);
    return { storage: new RedisStorage({ client: admin, prefix, ...options }), prefix };
  };

  beforeAll(() => {
    admin = newClient();
  });
  afterEach(async () => {
    await Promise.all(prefixes.splice(0).map((prefix) => deleteKeysWithPrefix(admin, prefix)));
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.quit()));
  });

  describe('read, write, delete', () => {
    test('writes JSON under the prefix and reads it back with an eTag', async () => {
      const { storage, prefix } = newStorage();
      await storage.write({ 'x/y': { text: 'Giấy khai sinh', list: [1, 2], nested: { ok: true } } });
      const items = await storage.read(['x/y']);
      expect(items['x/y']).toEqual({ text: 'Giấy khai sinh', list: [1, 2], nested: { ok: true }, eTag: expect.any(String) });
      expect(JSON.parse((await admin.get(`${prefix}x/y`)) ?? 'null')).toEqual(items['x/y']);
    });

    test('omits missing keys, and reads nothing for no keys', async () => {
      const { storage } = newStorage();
      await storage.write({ here: { v: 1 } });
      expect(await storage.read(['missing', 'here', 'also-missing'])).toEqual({ here: { v: 1, eTag: expect.any(String) } });
      expect(await storage.read([])).toEqual({});
    });

    test('reads, writes and deletes many keys at once', async () => {
      const { storage } = newStorage();
      const keys = Array.from({ length: 50 }, (_, i) => `k${i}`);
      await storage.write(Object.fromEntries(keys.map((key, i) => [key, { i }])));
      const items = await storage.read(keys);
      expect(keys.map((key) => items[key].i)).toEqual(keys.map((_, i) => i));
      await storage.delete(keys.slice(0, 25).concat('never-written'));
      expect(Object.keys(await storage.read(keys)).sort()).toEqual(keys.slice(25).sort());
    });

    test('does not change the caller\'s object, and gives each write a new eTag', async () => {
      const { storage } = newStorage();
      const item = { v: 1, eTag: '*' };
      await storage.write({ a: item });
      const first = (await storage.read(['a'])).a.eTag;
      await storage.write({ a: { v: 2 } });
      expect(item).toEqual({ v: 1, eTag: '*' });
      expect((await storage.read(['a'])).a.eTag).not.toBe(first);
    });

    test('writes still work after Redis forgot its scripts (as after a restart)', async () => {
      const { storage } = newStorage();
      await storage.write({ a: { v: 1 } });
      await admin.script('FLUSH');
      await storage.write({ a: { v: 2 } });
      expect((await storage.read(['a'])).a.v).toBe(2);
    });

    test('rejects missing arguments like MemoryStore', async () => {
      const { storage } = newStorage();
      const missing = undefined as unknown as string[];
      await expect(storage.read(missing)).rejects.toThrow(ReferenceError);
      await expect(storage.write(undefined as unknown as StoreItems)).rejects.toThrow(ReferenceError);
    });

    test('refuses TTLs that are not whole seconds', () => {
      expect(() => newStorage({ conversationTtlSeconds: 1.5 })).toThrow(/conversationTtlSeconds/);
      expect(() => newStorage({ userTtlSeconds: -1 })).toThrow(/userTtlSeconds/);
    });
  });

  describe('eTags', () => {
    test('a stale eTag fails and names the key; "*" and no eTag overwrite', async () => {
      const { storage } = newStorage();
      await storage.write({ a: { v: 1 } });
      const stale = (await storage.read(['a'])).a.eTag;
      await storage.write({ a: { v: 2, eTag: stale } });
      await expect(storage.write({ a: { v: 3, eTag: stale } })).rejects.toThrow(conflict('a'));
      expect((await storage.read(['a'])).a.v).toBe(2);
      await storage.write({ a: { v: 4, eTag: '*' } });
      expect((await storage.read(['a'])).a.v).toBe(4);
      await storage.write({ a: { v: 5 } });
      expect((await storage.read(['a'])).a.v).toBe(5);
    });

    test('the shared scenario gives the same outcomes as MemoryStore', async () => {
      const expected = await runScenario(new MemoryStore());
      const actual = await runScenario(newStorage().storage);
      expect(actual).toEqual(expected);
      // Guard against a scenario that proves nothing: it does contain conflicts, and a refused write stores nothing.
      expect(expected.filter((o) => JSON.stringify(o).includes('eTag conflict'))).toHaveLength(4);
      expect(expected[12]).toEqual({ ok: { a: { n: 6, eTag: '<eTag>' }, b: { m: 1, eTag: '<eTag>' } } });
    });

    test('a conflict is a typed StateConflictError naming the key', async () => {
      const { storage } = newStorage();
      await storage.write({ k: { n: 1, eTag: CREATE_ONLY_ETAG } });
      const error = await storage.write({ k: { n: 2, eTag: CREATE_ONLY_ETAG } }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StateConflictError);
      expect((error as StateConflictError).key).toBe('k');
    });
  });

  describe('TTLs', () => {
    const ttlOptions = { conversationTtlSeconds: 1, userTtlSeconds: 120, defaultTtlSeconds: 30 };

    test('conversation, user and other keys each get their own TTL', async () => {
      const { storage, prefix } = newStorage(ttlOptions);
      await storage.write({ 'web/conversations/c1/': { a: 1 }, 'web/users/u1/': { b: 1 }, 'web/other': { c: 1 } });
      await expectPttl(`${prefix}web/conversations/c1/`, 1);
      await expectPttl(`${prefix}web/users/u1/`, 120);
      await expectPttl(`${prefix}web/other`, 30);
    });

    test('private conversation state counts as conversation state', async () => {
      const { storage, prefix } = newStorage(ttlOptions);
      await storage.write({ 'web/conversations/c1/users/u1/': { a: 1 } });
      await expectPttl(`${prefix}web/conversations/c1/users/u1/`, 1);
    });

    test('no TTL configured means no expiry, and a write then removes an earlier TTL', async () => {
      const { storage, prefix } = newStorage();
      await admin.set(`${prefix}web/conversations/c1/`, '{"eTag":"x"}', 'EX', 60);
      await storage.write({ 'web/conversations/c1/': { a: 1 } });
      expect(await admin.pttl(`${prefix}web/conversations/c1/`)).toBe(-1);
    });

    test('each write refreshes the TTL', async () => {
      const { storage, prefix } = newStorage({ conversationTtlSeconds: 60 });
      const key = 'web/conversations/c1/';
      await storage.write({ [key]: { a: 1 } });
      await admin.pexpire(`${prefix}${key}`, 500); // as if most of the TTL had passed
      await storage.write({ [key]: { a: 2 } });
      await expectPttl(`${prefix}${key}`, 60);
    });

    test('conversation state expires', async () => {
      const { storage, prefix } = newStorage(ttlOptions);
      await storage.write({ 'web/conversations/c1/': { a: 1 } });
      await expectPttl(`${prefix}web/conversations/c1/`, 1);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      expect(await storage.read(['web/conversations/c1/'])).toEqual({});
    });

    async function expectPttl(redisKey: string, seconds: number): Promise<void> {
      const pttl = await admin.pttl(redisKey);
      expect(pttl).toBeGreaterThan(seconds * 1000 - 500);
      expect(pttl).toBeLessThanOrEqual(seconds * 1000);
    }
  });

  describe('several instances on one Redis', () => {
    const twoInstances = () => {
      const prefix = randomPrefix();
      prefixes.push(prefix);
      return [new RedisStorage({ client: newClient(), prefix }), new RedisStorage({ client: newClient(), prefix })];
    };

    test('see each other\'s writes, and an eTag read from one conflicts after the other wrote', async () => {
      const [one, two] = twoInstances();
      await one.write({ s: { v: 1 } });
      const seen = await two.read(['s']);
      expect(seen.s.v).toBe(1);
      await one.write({ s: { ...seen.s, v: 2 } }); // one uses the eTag that two read: fine, nothing changed since
      await expect(two.write({ s: { ...seen.s, v: 3 } })).rejects.toThrow(conflict('s'));
      expect((await two.read(['s'])).s.v).toBe(2);
    });

    test('concurrent writes with the same eTag: exactly one succeeds', async () => {
      const [one, two] = twoInstances();
      for (let round = 0; round < 20; round++) {
        await one.write({ s: { round } });
        const { eTag } = (await one.read(['s'])).s;
        const results = await Promise.allSettled([
          one.write({ s: { round, by: 'one', eTag } }),
          two.write({ s: { round, by: 'two', eTag } }),
        ]);
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        const winner = results[0].status === 'fulfilled' ? 'one' : 'two';
        expect((await two.read(['s'])).s.by).toBe(winner);
      }
    });
  });

  test('Redis failures are reported, not swallowed', async () => {
    const client = new Redis(TEST_REDIS_URL, { lazyConnect: true });
    client.disconnect(); // never connected, now closed: every command fails
    const storage = new RedisStorage({ client, prefix: randomPrefix() });
    await expect(storage.read(['a'])).rejects.toThrow(/^Storage: Redis read failed: /);
    await expect(storage.write({ a: {} })).rejects.toThrow(/^Storage: Redis write failed: /);
    await expect(storage.delete(['a'])).rejects.toThrow(/^Storage: Redis delete failed: /);
  });

  test('values that are not JSON are an error naming the key', async () => {
    const { storage, prefix } = newStorage();
    await admin.set(`${prefix}bad`, 'not json');
    await expect(storage.read(['bad'])).rejects.toThrow(/"bad" in Redis is not JSON/);
  });
});
