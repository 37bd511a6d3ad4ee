import { Redis } from 'ioredis';
import { LocalTurnLock, RedisTurnLock, type TurnLock } from '../../bot/storage/turnLock';
import { deleteKeysWithPrefix, describeWithRedis, randomPrefix, TEST_REDIS_URL } from '../helpers/redis';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `count` turns of one conversation at once through the locks; returns the log of starts and ends. */
async function overlapping(locks: TurnLock[], key: string, count: number, turnMs: number): Promise<string[]> {
  const log: string[] = [];
  await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const release = await locks[i % locks.length].acquire(key);
      log.push(`start ${i}`);
      await sleep(turnMs);
      log.push(`end ${i}`);
      await release();
    }),
  );
  return log;
}

/** Whether every turn ended before the next one started. */
function serial(log: string[]): boolean {
  return log.every((line, i) => (i % 2 === 0 ? line.startsWith('start') : line === `end ${log[i - 1].split(' ')[1]}`));
}

describe('LocalTurnLock', () => {
  it('runs the turns of one conversation one at a time, in arrival order', async () => {
    const log = await overlapping([new LocalTurnLock()], 'emulator/c1', 5, 10);
    expect(serial(log)).toBe(true);
    expect(log.filter((line) => line.startsWith('start'))).toEqual(['start 0', 'start 1', 'start 2', 'start 3', 'start 4']);
  });

  it('lets different conversations run at the same time, and forgets a conversation when its turns are done', async () => {
    const lock = new LocalTurnLock();
    const started = Date.now();
    await Promise.all(['a', 'b', 'c'].map((key) => overlapping([lock], key, 1, 100)));
    expect(Date.now() - started).toBeLessThan(250);
    expect(lock.size).toBe(0);
  });

  it('tells a waiting turn once when the wait is long, and still runs it', async () => {
    const lock = new LocalTurnLock({ slowMs: 50 });
    const first = await lock.acquire('k');
    let slow = 0;
    const second = lock.acquire('k', () => (slow += 1));
    await sleep(120);
    expect(slow).toBe(1);
    await first();
    await (await second)();
    expect(slow).toBe(1);
  });
});

describeWithRedis('RedisTurnLock', () => {
  let prefix: string;
  const clients: Redis[] = [];
  const client = () => {
    const redis = new Redis(TEST_REDIS_URL);
    clients.push(redis);
    return redis;
  };
  beforeEach(() => {
    prefix = randomPrefix();
  });
  afterEach(async () => {
    await deleteKeysWithPrefix(clients[0], prefix);
  });
  afterAll(async () => {
    await Promise.all(clients.map((redis) => redis.quit()));
  });

  it('runs the turns of one conversation one at a time across two instances', async () => {
    const timings = { slowMs: 60_000, leaseMs: 5000, maxTurnMs: 60_000 };
    const locks = [new RedisTurnLock(client(), prefix, timings), new RedisTurnLock(client(), prefix, timings)];
    const log = await overlapping(locks, 'emulator/c1', 12, 15);
    expect(log).toHaveLength(24);
    expect(serial(log)).toBe(true);
    expect(await clients[0].exists(`${prefix}lock:emulator/c1`)).toBe(0);
  });

  it('a lease left by a crashed instance frees the conversation when it expires', async () => {
    const redis = client();
    await redis.set(`${prefix}lock:emulator/c2`, 'someone-who-crashed', 'PX', 300);
    const lock = new RedisTurnLock(redis, prefix, { slowMs: 60_000, leaseMs: 5000, maxTurnMs: 60_000 });
    const started = Date.now();
    const release = await lock.acquire('emulator/c2');
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(Date.now() - started).toBeLessThan(2000);
    await release();
  });

  it('a long turn keeps its lease by renewing it; a release never deletes another instance\'s lease', async () => {
    const redis = client();
    const lock = new RedisTurnLock(redis, prefix, { slowMs: 60_000, leaseMs: 300, maxTurnMs: 60_000 });
    const release = await lock.acquire('emulator/c3');
    await sleep(700); // more than two lease lengths
    const holder = await redis.get(`${prefix}lock:emulator/c3`);
    expect(holder).not.toBeNull();
    await redis.set(`${prefix}lock:emulator/c3`, 'another-instance', 'PX', 5000);
    await release();
    expect(await redis.get(`${prefix}lock:emulator/c3`)).toBe('another-instance');
  });
});
