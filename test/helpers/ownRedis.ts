import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from './processes';

/*
 * Redis servers a test starts, stops and restarts itself, on free loopback ports: the shared Redis at 6379 is
 * never stopped. Data is kept in an append-only file written at every command, so a stopped and restarted server
 * has everything it acknowledged.
 */

export const REDIS_SERVER = process.env.REDIS_SERVER_BIN || 'redis-server';

/** Why redis-server cannot be started here, or null. */
export function redisServerMissing(): string | null {
  const probe = spawnSync(REDIS_SERVER, ['--version'], { encoding: 'utf8', timeout: 5000 });
  return probe.status === 0 ? null : `${REDIS_SERVER} --version failed (${probe.error?.message ?? probe.stderr})`;
}

/** describe() for tests that start their own redis-server: fails under CI=true when it is missing, else skips. */
export function describeWithRedisServer(name: string, fn: () => void): void {
  const missing = redisServerMissing();
  if (!missing) return describe(name, fn);
  if (process.env.CI === 'true') {
    describe(name, () => test('redis-server is installed (required when CI=true)', () => {
      throw new Error(missing);
    }));
    return;
  }
  process.stderr.write(`Skipping "${name}": ${missing}\n`);
  describe.skip(`${name} [skipped: ${missing}]`, fn);
}

export interface OwnRedis {
  port: number;
  url: string;
  /** Stops the server (SIGTERM: it finishes its append-only file) and waits until it has exited. */
  stop(): Promise<void>;
  /** Starts it again on the same port with the same data; resolves when it answers PING. */
  start(): Promise<void>;
  /** Stops it and removes its data. */
  close(): Promise<void>;
}

interface ServerOptions {
  port?: number;
  dir?: string;
  args?: string[];
}

export async function startOwnRedis(options: ServerOptions = {}): Promise<OwnRedis> {
  const port = options.port ?? (await freePort());
  const dir = options.dir ?? mkdtempSync(path.join(tmpdir(), 'own-redis-'));
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes', '--appendfsync', 'always', '--dir', dir, ...(options.args ?? [])];
  const { start, stop } = await redisProcess(args, port);
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    stop,
    start,
    close: async () => {
      await stop();
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A Sentinel group on loopback: a primary, a replica, three sentinels (quorum 2), all started here. */
export interface SentinelGroup {
  name: string;
  primary: OwnRedis;
  replica: OwnRedis;
  sentinels: OwnRedis[];
  /** REDIS_URL naming the group. */
  url: string;
  /** Asks a sentinel to fail over now; resolves when the sentinels name a new primary. */
  failover(): Promise<{ from: number; to: number }>;
  close(): Promise<void>;
}

export async function startSentinelGroup(name = 'ttb-test'): Promise<SentinelGroup> {
  const primary = await startOwnRedis();
  const replica = await startOwnRedis({ args: ['--replicaof', '127.0.0.1', String(primary.port)] });
  await waitFor(async () => (await info(replica.port, 'replication')).includes('master_link_status:up'), 10_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'own-sentinels-'));
  const sentinels: OwnRedis[] = [];
  for (let i = 0; i < 3; i++) {
    const port = await freePort();
    const file = path.join(dir, `sentinel-${port}.conf`);
    writeFileSync(
      file,
      [
        `port ${port}`,
        'bind 127.0.0.1',
        `dir ${dir}`,
        `sentinel monitor ${name} 127.0.0.1 ${primary.port} 2`,
        `sentinel down-after-milliseconds ${name} 1000`,
        `sentinel failover-timeout ${name} 5000`,
        `sentinel parallel-syncs ${name} 1`,
        '',
      ].join('\n'),
    );
    sentinels.push(await startSentinel(port, file));
  }
  const current = async () => {
    const client = new Redis({ port: sentinels[0].port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, disconnectTimeout: 50 });
    try {
      await client.connect();
      const [, port] = (await client.call('SENTINEL', 'get-master-addr-by-name', name)) as [string, string];
      return Number(port);
    } finally {
      client.disconnect();
    }
  };
  // Every sentinel must know the replica and the other sentinels before a failover can be agreed on.
  await waitFor(async () => {
    const client = new Redis({ port: sentinels[0].port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, disconnectTimeout: 50 });
    try {
      await client.connect();
      const replicas = (await client.call('SENTINEL', 'replicas', name)) as unknown[];
      const peers = (await client.call('SENTINEL', 'sentinels', name)) as unknown[];
      return replicas.length >= 1 && peers.length >= 2;
    } finally {
      client.disconnect();
    }
  }, 15_000);
  return {
    name,
    primary,
    replica,
    sentinels,
    url: `redis+sentinel://${sentinels.map((s) => `127.0.0.1:${s.port}`).join(',')}/${name}`,
    failover: async () => {
      const from = await current();
      const client = new Redis({ port: sentinels[0].port, host: '127.0.0.1', maxRetriesPerRequest: 0, disconnectTimeout: 50 });
      try {
        await client.call('SENTINEL', 'failover', name);
      } finally {
        client.disconnect();
      }
      await waitFor(async () => (await current()) !== from, 15_000);
      return { from, to: await current() };
    },
    close: async () => {
      for (const server of [...sentinels, replica, primary]) await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function startSentinel(port: number, file: string): Promise<OwnRedis> {
  const { start, stop } = await redisProcess([file, '--sentinel'], port);
  return { port, url: `redis://127.0.0.1:${port}`, start, stop, close: stop };
}

async function info(port: number, section: string): Promise<string> {
  const client = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, disconnectTimeout: 50 });
  try {
    await client.connect();
    return await client.info(section);
  } catch {
    return '';
  } finally {
    client.disconnect();
  }
}

async function waitForPing(port: number): Promise<void> {
  const ok = await waitFor(async () => {
    const client = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, disconnectTimeout: 50, retryStrategy: () => null });
    client.on('error', () => undefined);
    try {
      await client.connect();
      return (await client.ping()) === 'PONG';
    } catch {
      return false;
    } finally {
      client.disconnect();
    }
  }, 10_000);
  if (!ok) throw new Error(`redis-server on port ${port} did not answer within 10 s`);
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

/** A redis-server (or sentinel) child on `port`, started now; start() again after stop() restarts it. */
async function redisProcess(args: string[], port: number): Promise<{ start(): Promise<void>; stop(): Promise<void> }> {
  let child: ChildProcess | null = null;
  const start = async () => {
    child = spawn(REDIS_SERVER, args, { stdio: 'ignore' });
    await waitForPing(port);
  };
  const stop = async () => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGTERM');
    await exited;
  };
  await start();
  return { start, stop };
}
