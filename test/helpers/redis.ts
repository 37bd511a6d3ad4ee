import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import type { Redis } from 'ioredis';

/** The Redis that tests use: REDIS_URL, or the local default. */
export const TEST_REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

/*
 * jest collects tests synchronously, so whether Redis answers must be known before describe() returns: a short
 * child process does the asynchronous probe (with the project's own ioredis, so auth, TLS and db in the URL work).
 */
const PROBE_SCRIPT = `
const Redis = require(process.env.PROBE_IOREDIS);
const client = new Redis(process.env.PROBE_URL, {
  lazyConnect: true, connectTimeout: 1000, maxRetriesPerRequest: 0, retryStrategy: () => null,
});
let firstError;
client.on('error', (error) => { firstError = firstError || error; });
client.connect().then(() => client.ping()).then(
  () => { client.disconnect(); process.exit(0); },
  (error) => { process.stderr.write(String((firstError || error).message)); process.exit(1); },
);
`;

let probed: string | null | undefined;

/** Why Redis cannot be used, or null when it answers PING. Probed once per test file. */
export function redisUnavailableReason(): string | null {
  if (probed !== undefined) return probed;
  try {
    execFileSync(process.execPath, ['-e', PROBE_SCRIPT], {
      env: { ...process.env, PROBE_URL: TEST_REDIS_URL, PROBE_IOREDIS: require.resolve('ioredis') },
      timeout: 5000,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    probed = null;
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    probed = stderr || (error instanceof Error ? error.message : String(error));
  }
  return probed;
}

/**
 * describe() for tests that need a real Redis. Project rule: when Redis does not answer, the tests fail if
 * CI=true, and are skipped with the reason printed otherwise.
 */
export function describeWithRedis(name: string, fn: () => void): void {
  const reason = redisUnavailableReason();
  if (reason === null) {
    describe(name, fn);
    return;
  }
  const message = `Redis at ${TEST_REDIS_URL} does not answer (${reason})`;
  if (process.env.CI === 'true') {
    describe(name, () => {
      test('Redis is reachable (required when CI=true)', () => {
        throw new Error(`${message}. CI requires Redis: start it or set REDIS_URL.`);
      });
    });
    return;
  }
  // Straight to stderr: jest hides console output of a file whose tests are all skipped.
  process.stderr.write(`Skipping "${name}": ${message}. Start Redis or set REDIS_URL to run these tests.\n`);
  describe.skip(`${name} [skipped: ${message}]`, fn);
}

/** A prefix of its own for each test, so tests never see each other's keys. */
export function randomPrefix(): string {
  return `ttb-test:${randomUUID()}:`;
}

/** Deletes every key under the prefix (SCAN, not KEYS, so a shared Redis is not blocked). */
export async function deleteKeysWithPrefix(client: Redis, prefix: string): Promise<void> {
  const pattern = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
    if (keys.length > 0) await client.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

/** A TCP relay in front of Redis that a test can cut and restore, to play a Redis outage. */
export interface RedisRelay {
  url: string;
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startRedisRelay(targetUrl = TEST_REDIS_URL): Promise<RedisRelay> {
  const target = new URL(targetUrl);
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 6379), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => [client, upstream].forEach((s) => s.destroy()));
    }
    client.pipe(upstream).pipe(client);
  });
  await listen(server, 0);
  const port = (server.address() as net.AddressInfo).port;
  const url = new URL(targetUrl);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  const cut = async () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    sockets.forEach((socket) => socket.destroy());
    await closed;
  };
  return { url: url.toString(), cut, restore: () => listen(server, port), close: cut };
}

function listen(server: net.Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}
