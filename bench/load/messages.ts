/**
 * Load test over POST /api/messages (`npm run loadtest`; a benchmark, not part of `npm test`). It starts the real
 * server as `npm start` does (compiled when built, every core with Redis), or the bare botbuilder echo bot, or
 * drives a server already running; a stand-in Bot Framework connector on loopback receives the replies. It sends
 * Emulator-style activities with autocannon, open loop at a fixed rate (or closed loop as fast as it goes with
 * --max), and prints turns/s, latency percentiles, errors, turns left without a reply, the connections the server
 * opened to the connector, and CPU time per turn of the server and of the load tool itself (autocannon and the
 * connector share this process and the machine's cores with the server). It asserts nothing.
 *
 *   npm run loadtest -- [--rate 200] [--seconds 20] [--warmup 5] [--conversations 400] [--memory]
 *                       [--echo] [--workers N] [--cpus LIST] [--sources] [--max [--connections 16]] [--url URL]
 *                       [--root DIR]
 *
 * --echo      the bare echo bot (bench/load/echoBot.ts) instead of ours, for the ratio
 * --workers   WORKERS for the bot (default: one per core with Redis); --cpus pins the server (taskset -c)
 * --url       drive a server that is already running (its replies must be allowed to reach loopback)
 * --root      run the server of another checkout (e.g. an older commit in a git worktree), to compare
 *
 * Each request is a message of one of `--conversations` conversations, picked at random, so turns of the same
 * conversation sometimes arrive together (as redelivered webhooks do) and the turn lock is exercised. Redis keys
 * live under a random prefix and are deleted at the end.
 */
import { execFileSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { Redis } from 'ioredis';
import { startConnector, type Connector } from './connector';
import { drive, percentile, type DriveResult, type LoadRequest } from './drive';
import { cpuSeconds, freePort, openServerLog, startServer, stopServer, waitForReady } from './servers';

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
  rate: number;
  max: boolean;
  connections: number;
  seconds: number;
  warmup: number;
  conversations: number;
  redisUrl: string | null;
  echo: boolean;
  workers?: string;
  cpus?: string;
  sources: boolean;
  url?: string;
  root?: string;
}

function readOptions(argv: string[]): Options {
  const text = (name: string) => {
    const index = argv.indexOf(`--${name}`);
    return index >= 0 ? argv[index + 1] : undefined;
  };
  const number = (name: string, fallback: number) => Number(text(name) ?? fallback);
  return {
    rate: number('rate', 200),
    max: argv.includes('--max'),
    connections: number('connections', 16),
    seconds: number('seconds', 20),
    warmup: number('warmup', 5),
    conversations: number('conversations', 400),
    redisUrl: argv.includes('--memory') ? null : process.env.REDIS_URL || 'redis://127.0.0.1:6379',
    echo: argv.includes('--echo'),
    workers: text('workers'),
    cpus: text('cpus'),
    sources: argv.includes('--sources'),
    url: text('url'),
    root: text('root'),
  };
}

async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2));
  const prefix = `ttb-bench:${randomUUID()}:`;
  const connector = await startConnector();
  let server: ChildProcess | null = null;
  const log = openServerLog();
  let base = options.url?.replace(/\/$/, '');
  try {
    if (!base) {
      const port = await freePort();
      server = startServer({
        kind: options.echo ? 'echo' : 'bot',
        port,
        cpus: options.cpus,
        root: options.root,
        sources: options.sources,
        log: log.fd,
        env: {
          REDIS_PREFIX: prefix,
          ...(options.redisUrl && !options.echo ? { REDIS_URL: options.redisUrl } : {}),
          ...(options.workers ? { WORKERS: options.workers } : {}),
        },
      });
      base = `http://127.0.0.1:${port}`;
      if (options.cpus) pinSelfAwayFrom(options.cpus);
    }
    await waitForReady(base);
    const ids = Array.from({ length: options.conversations }, () => randomUUID());
    if (options.warmup > 0) await run(base, connector, ids, options, 'warmup', options.warmup); // JIT, connections, caches
    const cpuBefore = server?.pid ? cpuSeconds(server.pid) : null;
    const before = { replies: connector.replies, connections: connector.connections, tool: process.cpuUsage() };
    const result = await run(base, connector, ids, options, 'run', options.seconds);
    const cpu = cpuBefore !== null && server?.pid ? cpuSeconds(server.pid) - cpuBefore : null;
    const toolUsage = process.cpuUsage(before.tool);
    const tool = (toolUsage.user + toolUsage.system) / 1e6;
    await settle(connector, result);
    report(options, result, { replies: connector.replies - before.replies, connections: connector.connections - before.connections }, connector, cpu, tool);
  } finally {
    if (server) await stopServer(server);
    if (server) process.stdout.write(`${log.problems()}\n`);
    await connector.close();
    if (options.redisUrl && !options.echo && !options.url) await deleteKeys(options.redisUrl, prefix);
  }
}

function run(base: string, connector: Connector, ids: string[], options: Options, phase: string, seconds: number): Promise<DriveResult> {
  let sequence = 0;
  const next = (): LoadRequest => {
    sequence += 1;
    const conversation = ids[Math.floor(Math.random() * ids.length)];
    const id = `${phase}-${sequence}`;
    const activity = {
      type: 'message',
      id,
      channelId: 'emulator',
      serviceUrl: connector.url,
      from: { id: `user-${conversation}`, name: 'Citizen' },
      recipient: { id: 'bot', name: 'Thủ tục bot' },
      conversation: { id: conversation },
      text: MESSAGES[Math.floor(Math.random() * MESSAGES.length)],
      locale: 'vi-VN',
    };
    return { id, path: '/api/messages', body: JSON.stringify(activity) };
  };
  return drive({ base, seconds, rate: options.max ? null : options.rate, connections: options.connections, next });
}

/** Replies of the last turns may still be on their way: wait up to 5 s for every sent turn to be answered. */
async function settle(connector: Connector, result: DriveResult): Promise<void> {
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline && result.sent.some((id) => !connector.answered(id))) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function report(options: Options, result: DriveResult, counts: { replies: number; connections: number }, connector: Connector, cpu: number | null, tool: number): void {
  const sorted = [...result.latencies].sort((a, b) => a - b);
  const ok = Object.entries(result.statuses).filter(([code]) => code.startsWith('2')).reduce((sum, [, n]) => sum + n, 0);
  const unanswered = result.sent.filter((id) => !connector.answered(id)).length;
  const target = options.url ?? (options.echo ? 'echo bot' : `bot (WORKERS=${options.workers ?? 'default'})`);
  const load = options.max ? `closed loop, ${options.connections} connections` : `open loop at ${options.rate} turns/s`;
  const perTurn = (seconds: number) => ((seconds * 1000) / Math.max(1, result.latencies.length)).toFixed(2);
  const lines = [
    `${target}; storage: ${options.echo ? 'none' : options.redisUrl ? 'redis' : 'memory'}; ${load} for ${options.seconds} s over ${options.conversations} conversations${options.cpus ? `; server on CPU ${options.cpus}` : ''}`,
    `turns/s: ${(result.latencies.length / result.seconds).toFixed(1)} (sent ${result.sent.length}; statuses ${JSON.stringify(result.statuses)}; errors ${result.errors}; timeouts ${result.timeouts})`,
    `latency ms: p50 ${percentile(sorted, 0.5)}, p90 ${percentile(sorted, 0.9)}, p99 ${percentile(sorted, 0.99)}, max ${sorted.at(-1)}`,
    `replies: ${counts.replies} over ${counts.connections} new connections to the connector; turns without a reply: ${unanswered}; non-2xx: ${result.latencies.length - ok}`,
    ...(cpu === null ? [] : [`server CPU: ${cpu.toFixed(1)} s, ${perTurn(cpu)} ms per turn`]),
    `load tool CPU (autocannon + stand-in connector, this process): ${tool.toFixed(1)} s, ${perTurn(tool)} ms per turn`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** With the server pinned, the load generator keeps to the other CPUs, so the two do not share a core. */
function pinSelfAwayFrom(cpus: string): void {
  const taken = new Set(cpus.split(',').map(Number));
  const others = Array.from({ length: availableParallelism() }, (_, i) => i).filter((i) => !taken.has(i));
  if (others.length) execFileSync('taskset', ['-a', '-cp', others.join(','), String(process.pid)], { stdio: 'ignore' });
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
