import net from 'node:net';
import { setImmediate as nextLoop } from 'node:timers/promises';
import { buildRuntime, type Runtime } from '../../bot/app';
import { readConfig } from '../../bot/config';
import { createLogger } from '../../bot/logger';
import { createRedisClient } from '../../bot/storage/redisConnection';
import { FROZEN_KB } from '../helpers/paths';
import { describeWithRedis, randomPrefix, TEST_REDIS_URL } from '../helpers/redis';

/*
 * The Redis-at-start race. An instance opens its Redis connection, then the event loop is blocked for longer than
 * the 1 s connect and command timeouts (the next instance in the same process builds its understanding for about
 * a second, as test/server/twoInstances.test.ts does; a CPU starved under load does the same). Node runs expired
 * timers before it reads the network, so ioredis's plain timers fired with the answer already in the socket: the
 * connection was dropped as "connect ETIMEDOUT", a command answered in time failed as "Command timed out", and
 * turns ran without the shared lock. The timeouts now read the network before they give up
 * (bot/storage/patientRedis.ts), and still give up on a Redis that really does not answer.
 */

/** Keeps the event loop busy for `ms`, as a synchronous build does. */
function blockLoop(ms: number): void {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    // busy on purpose
  }
}

describeWithRedis('a busy event loop while Redis connects', () => {
  const runtimes: Runtime[] = [];
  afterAll(async () => {
    for (const runtime of runtimes) await runtime.close();
  });

  it('two instances built one after the other in one process, the loop then blocked 1.5 s: the first connection is not dropped', async () => {
    const lines: Record<string, unknown>[] = [];
    const logger = createLogger('debug', { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
    const config = readConfig({ KB_DIR: FROZEN_KB, KB_WATCH: 'false', REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: randomPrefix() });
    const first = buildRuntime(config, logger);
    runtimes.push(first);
    const events: string[] = [];
    for (const event of ['connect', 'ready', 'close', 'error']) first.redis?.on(event, (error?: Error) => events.push(error ? `${event}: ${error.message}` : event));
    // The first instance's socket now exists and is connecting; the second is built while it does.
    await nextLoop();
    const started = Date.now();
    runtimes.push(buildRuntime(config, logger));
    // However long that build took on this machine, the loop stays busy past the 1 s timeouts.
    blockLoop(Math.max(0, 1500 - (Date.now() - started)));
    const unblocked = Date.now();
    await first.readiness[0].check();
    // Ready as soon as the loop reads the network, with no reconnection in between.
    expect(Date.now() - unblocked).toBeLessThan(500);
    expect(events).toEqual(['connect', 'ready']);
    expect(lines.filter((line) => String(line.msg).startsWith('redis: cannot connect'))).toEqual([]);
  });

  it('a command answered while the loop is blocked is not failed as timed out', async () => {
    const client = createRedisClient(TEST_REDIS_URL, { lazyConnect: true });
    client.on('error', () => undefined);
    try {
      await client.connect();
      const key = `${randomPrefix()}busy`;
      const answered = client.set(key, 'v', 'EX', 10).then(() => client.get(key));
      blockLoop(1500);
      await expect(answered).resolves.toBe('v');
      const duplicate = client.duplicate({ lazyConnect: false });
      duplicate.on('error', () => undefined);
      try {
        await new Promise((resolve) => duplicate.once('ready', resolve));
        const again = duplicate.get(key);
        blockLoop(1500);
        await expect(again).resolves.toBe('v');
      } finally {
        duplicate.disconnect();
      }
    } finally {
      client.disconnect();
    }
  });
});

describe('patient Redis timeouts still time out', () => {
  it('a server that accepts the connection and never answers: the connection fails after its 1 s timeouts (CLIENT SETINFO, then the ready check), not never', async () => {
    const silent = net.createServer((socket) => socket.on('data', () => undefined));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as net.AddressInfo;
    const client = createRedisClient(`redis://127.0.0.1:${port}`, { retryStrategy: () => null });
    const started = Date.now();
    try {
      const failure = await new Promise<Error>((resolve) => client.once('error', resolve));
      expect(failure.message).toMatch(/timed out/i);
      expect(Date.now() - started).toBeGreaterThanOrEqual(900);
      expect(Date.now() - started).toBeLessThan(4000);
    } finally {
      client.disconnect();
      silent.close();
    }
  });
});
