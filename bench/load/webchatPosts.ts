/**
 * How many posts per second the web chat's Direct Line endpoint sustains (`npm run loadtest:webchat`; not a
 * test: it prints figures and asserts nothing). It starts the real server (`bot/index.ts`) as a child process on
 * loopback, opens `--conversations` conversations, then autocannon posts citizen messages to them as fast as
 * `--connections` connections allow for `--seconds`. A post is answered as soon as it is stored, and the bot runs
 * afterwards, so the script also waits for the bot to answer every accepted post and prints how long that took.
 *
 *   npm run loadtest:webchat -- [--seconds 10] [--connections 20] [--conversations 200] [--memory]
 *
 * With Redis (the default, REDIS_URL or the local one) keys live under a random prefix, deleted at the end.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { Redis } from 'ioredis';

const ROOT = join(__dirname, '..', '..');
const MESSAGES = ['đăng ký kết hôn cần giấy tờ gì', 'lam giay khai sinh o dau', 'lệ phí làm hộ chiếu', 'menu', 'dang ky tam tru can gi'];

interface Options {
  seconds: number;
  connections: number;
  conversations: number;
  redisUrl: string | null;
}

interface Conversation {
  conversationId: string;
  token: string;
}

function readOptions(argv: string[]): Options {
  const value = (name: string, fallback: number) => {
    const index = argv.indexOf(`--${name}`);
    return index >= 0 ? Number(argv[index + 1]) : fallback;
  };
  return {
    seconds: Math.min(value('seconds', 10), 120),
    connections: Math.min(value('connections', 20), 200),
    conversations: Math.min(value('conversations', 200), 5000),
    redisUrl: argv.includes('--memory') ? null : process.env.REDIS_URL || 'redis://127.0.0.1:6379',
  };
}

async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2));
  const port = await freePort();
  const prefix = `ttb-bench:${randomUUID()}:`;
  const base = `http://127.0.0.1:${port}`;
  const server = startServer(port, options, prefix);
  try {
    await waitUntilUp(base);
    const conversations = await Promise.all(Array.from({ length: options.conversations }, () => start(base)));
    let next = 0;
    const result = await autocannon({
      url: base,
      connections: options.connections,
      duration: options.seconds,
      requests: [
        {
          method: 'POST',
          setupRequest: (request) => {
            const conversation = conversations[next % conversations.length];
            const text = MESSAGES[next % MESSAGES.length];
            next += 1;
            return {
              ...request,
              path: `/v3/directline/conversations/${conversation.conversationId}/activities`,
              headers: { 'content-type': 'application/json', authorization: `Bearer ${conversation.token}` },
              body: JSON.stringify({ type: 'message', text, channelData: { clientActivityID: randomUUID() } }),
            };
          },
        },
      ],
    });
    const accepted = result['2xx'];
    const drainStarted = Date.now();
    const answered = await waitForAnswers(base, conversations, accepted, 120_000);
    const drainMs = Date.now() - drainStarted;
    const seconds = result.duration;
    const lines = [
      `web chat posts (${options.redisUrl ? 'Redis' : 'memory'}, ${options.connections} connections, ${options.conversations} conversations, ${seconds.toFixed(1)} s)`,
      `  posts accepted: ${accepted} = ${(accepted / seconds).toFixed(0)}/s; refused: ${result.non2xx} (429 from the per-conversation limit counts here), errors: ${result.errors}, timeouts: ${result.timeouts}`,
      `  post latency: p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`,
      `  bot answers: ${answered.posts} of ${accepted} posts answered, ${drainMs} ms after the load stopped` +
        ` (end to end ${(answered.posts / (seconds + drainMs / 1000)).toFixed(0)} turns/s)`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    if (process.env.BENCH_DEBUG) console.log([...seenTexts].sort((x, y) => y[1] - x[1]).slice(0, 12));
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    if (options.redisUrl) await deleteKeys(options.redisUrl, prefix);
  }
}

function startServer(port: number, options: Options, prefix: string): ChildProcess {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    KB_WATCH: 'false',
    REDIS_PREFIX: prefix,
    // The bench measures the endpoint, not the per-conversation limit that protects it.
    DIRECTLINE_POSTS_PER_MINUTE: '100000',
  };
  if (options.redisUrl) env.REDIS_URL = options.redisUrl;
  else delete env.REDIS_URL;
  const child = spawn(join(ROOT, 'node_modules/.bin/tsx'), ['bot/index.ts'], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] });
  return child;
}

async function start(base: string): Promise<Conversation> {
  const response = await fetch(`${base}/v3/directline/conversations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  if (response.status !== 201) throw new Error(`start answered ${response.status}`);
  return (await response.json()) as Conversation;
}

/** Counts, over every conversation, the user posts that have a bot answer after them. */
async function waitForAnswers(base: string, conversations: Conversation[], expected: number, timeoutMs: number): Promise<{ posts: number }> {
  const deadline = Date.now() + timeoutMs;
  let posts = 0;
  while (Date.now() < deadline) {
    const counts = await Promise.all(conversations.map((conversation) => answeredPosts(base, conversation)));
    posts = counts.reduce((total, count) => total + count, 0);
    if (posts >= expected) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return { posts };
}

const seenTexts = new Map<string, number>();

async function answeredPosts(base: string, conversation: Conversation): Promise<number> {
  let watermark = '';
  const roles: string[] = [];
  const replyTo = new Set<string>();
  for (let page = 0; page < 1000; page += 1) {
    const response = await fetch(`${base}/v3/directline/conversations/${conversation.conversationId}/activities?watermark=${watermark}`, {
      headers: { authorization: `Bearer ${conversation.token}` },
    });
    const set = (await response.json()) as { activities: { from: { role: string }; replyToId?: string }[]; watermark: string };
    for (const activity of set.activities) {
      roles.push(activity.from.role);
      if (process.env.BENCH_DEBUG && activity.from.role === 'bot') seenTexts.set(String((activity as { text?: string }).text).slice(0, 50), (seenTexts.get(String((activity as { text?: string }).text).slice(0, 50)) ?? 0) + 1);
      if (activity.from.role === 'bot' && activity.replyToId) replyTo.add(activity.replyToId);
    }
    if (set.activities.length === 0 || set.watermark === watermark) break;
    watermark = set.watermark;
  }
  // Each answered post has at least one bot activity replying to it; the welcome replies to the start.
  return [...replyTo].filter((id) => !id.endsWith('|start')).length;
}

async function waitUntilUp(base: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('the server did not start within 20 s');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function deleteKeys(redisUrl: string, prefix: string): Promise<void> {
  const client = new Redis(redisUrl);
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    if (keys.length > 0) await client.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  client.disconnect();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
