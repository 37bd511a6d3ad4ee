/**
 * Load test of POST /api/messages (`npm run loadtest`; not part of `npm test`). It starts the real server
 * (`bot/index.ts`) as a child process on loopback, with Redis, and a stand-in for the Bot Framework connector that
 * receives the replies, then sends Emulator-style activities at a fixed rate with autocannon and prints turns/s,
 * latency percentiles and errors. It asserts nothing.
 *
 *   npm run loadtest -- [--rate 200] [--seconds 20] [--conversations 400] [--memory] [--root DIR]
 *
 * `--root DIR` runs the server of another checkout (e.g. an older commit in a git worktree), to compare.
 *
 * Each request is a message of one of `--conversations` conversations, picked at random, so some turns of the same
 * conversation arrive together (as redelivered webhooks do) and the turn lock is exercised. Redis keys live under
 * a random prefix and are deleted at the end.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { Redis } from 'ioredis';

const ROOT = join(__dirname, '..', '..');
const MESSAGES = [
  'xin chao',
  'dang ky khai sinh',
  'lam ho chieu het bao nhieu tien',
  'can mang gi',
  'Kiểm tra giấy tờ của tôi',
  'co',
  'khong',
  'co roi',
  'chua co',
  'tiep tuc',
  'dang ky tam tru o dau',
  'menu',
  '1',
  'Đăng ký khai sinh quá hạn 60 ngày thì sao?',
];

interface Options {
  root: string;
  rate: number;
  seconds: number;
  conversations: number;
  redisUrl: string | null;
}

function readOptions(argv: string[]): Options {
  const value = (name: string, fallback: number) => {
    const index = argv.indexOf(`--${name}`);
    return index >= 0 ? Number(argv[index + 1]) : fallback;
  };
  const root = argv.indexOf('--root');
  return {
    root: root >= 0 ? argv[root + 1] : ROOT,
    rate: value('rate', 200),
    seconds: value('seconds', 20),
    conversations: value('conversations', 400),
    redisUrl: argv.includes('--memory') ? null : process.env.REDIS_URL || 'redis://127.0.0.1:6379',
  };
}

async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2));
  const prefix = `ttb-bench:${randomUUID()}:`;
  const connector = await startConnector();
  const port = await freePort();
  const server = startServer(options.root, port, options.redisUrl, prefix);
  try {
    await waitForHealth(port);
    const base = `http://127.0.0.1:${port}`;
    const ids = Array.from({ length: options.conversations }, () => randomUUID());
    await run(base, connector.url, ids, { ...options, seconds: 5 }); // warm-up: JIT, Redis connection, caches
    const sentBefore = connector.count();
    const result = await run(base, connector.url, ids, options);
    report(options, result, connector.count() - sentBefore);
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    await connector.close();
    if (options.redisUrl) await deleteKeys(options.redisUrl, prefix);
  }
}

function run(base: string, serviceUrl: string, ids: string[], options: Options): Promise<autocannon.Result> {
  let sequence = 0;
  return autocannon({
    url: base,
    connections: 64,
    overallRate: options.rate,
    duration: options.seconds,
    timeout: 30,
    requests: [
      {
        method: 'POST',
        path: '/api/messages',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => {
          sequence += 1;
          const id = ids[Math.floor(Math.random() * ids.length)];
          const activity = {
            type: 'message',
            id: `bench-${sequence}`,
            channelId: 'emulator',
            serviceUrl,
            from: { id: `user-${id}`, name: 'Citizen' },
            recipient: { id: 'bot', name: 'Thủ tục bot' },
            conversation: { id },
            text: MESSAGES[Math.floor(Math.random() * MESSAGES.length)],
            locale: 'vi-VN',
          };
          return { ...request, body: JSON.stringify(activity) };
        },
      },
    ],
  });
}

function report(options: Options, result: autocannon.Result, replies: number): void {
  const turns = result.requests.total / options.seconds;
  const lines = [
    `storage: ${options.redisUrl ? 'redis' : 'memory'}; offered ${options.rate} turns/s for ${options.seconds} s over ${options.conversations} conversations`,
    `turns/s: ${turns.toFixed(1)} (2xx ${result['2xx']}, non-2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts})`,
    `latency ms: p50 ${result.latency.p50}, p90 ${result.latency.p90}, p99 ${result.latency.p99}, max ${result.latency.max}`,
    `replies received by the connector: ${replies}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

function startServer(root: string, port: number, redisUrl: string | null, prefix: string): ChildProcess {
  const { REDIS_URL: _ignored, ...env } = process.env;
  const child = spawn(join(ROOT, 'node_modules/.bin/tsx'), [join(root, 'bot/index.ts')], {
    cwd: root,
    env: {
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      KB_WATCH: 'false',
      LOG_LEVEL: 'warn',
      REDIS_PREFIX: prefix,
      ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return child;
}

async function waitForHealth(port: number): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the server did not become ready within 20 s');
}

/** Answers like the Bot Framework connector: 200 and an id for every reply the bot posts. */
async function startConnector(): Promise<{ url: string; count(): number; close(): Promise<void> }> {
  let received = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `reply-${received}` }));
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    count: () => received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function deleteKeys(redisUrl: string, prefix: string): Promise<void> {
  const client = new Redis(redisUrl);
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    if (keys.length) await client.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  await client.quit();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
