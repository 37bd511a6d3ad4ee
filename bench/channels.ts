/**
 * Benchmark of the chat-platform channels (issue 9). Run: `npx tsx bench/channels.ts` (or `npm run bench`).
 *
 * 1. Webhook answer time: signed Zalo events (unique message ids, 500 users) at 200 events/s for 15 s against one
 *    bot process (`node --import tsx bot/index.ts`) whose Zalo API base is a fake OA on loopback; autocannon keeps
 *    the rate and measures. The same process runs the turns and the sends meanwhile (the default). Measured with
 *    in-process queues (no Redis), with BullMQ on Redis, and with a process that only answers webhooks
 *    (CHANNEL_WORKERS=false, the deployment for heavy traffic).
 * 2. Turns a worker sustains: 2,000 events queued on Redis by a process that only answers webhooks, then one worker
 *    process started; turns/s = events answered / time from its first reply to its last.
 *    Also the worker's CPU time per turn, which does not depend on how busy the machine is.
 * `BENCH_ONLY=worker` runs only part 2. Loopback only; bounded in count and time. It prints figures; it asserts nothing.
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import autocannon from 'autocannon';
import { Redis } from 'ioredis';
import { zaloSignature } from '../bot/channels/zalo/zaloSignature';
import { BotProcess, startBotProcess } from '../test/helpers/botProcess';
import { startFakeZalo, ZALO_ENV, ZALO_SEND } from '../test/helpers/fakePlatforms';
import { waitFor } from '../test/helpers/http';
import { FROZEN_KB } from '../test/helpers/paths';
import { deleteKeysWithPrefix, randomPrefix } from '../test/helpers/redis';

const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const RATE = 200;
const SECONDS = 15;
const USERS = 500;
const QUEUED_TURNS = 2000;
const QUESTIONS = [
  'lam giay khai sinh can giay to gi',
  'le phi cap can cuoc bao nhieu',
  'dang ky ket hon o dau',
  'thu tuc dang ky thuong tru',
  'cam on',
  'lam so do lan dau mat bao lau',
  'xin chao',
  'nop ho so truc tuyen nhu the nao',
];

type FakeZalo = Awaited<ReturnType<typeof startFakeZalo>>;

let sequence = 0;
/** One signed user_send_text with a fresh message id, from one of USERS users. */
function signedEvent(): { body: string; headers: Record<string, string> } {
  const n = sequence++;
  const event = {
    app_id: ZALO_ENV.ZALO_APP_ID,
    user_id_by_app: '552177279717587730',
    event_name: 'user_send_text',
    timestamp: String(Date.now()),
    sender: { id: String(7_000_000_000 + (n % USERS)) },
    recipient: { id: '388613280878808645' },
    message: { msg_id: `bench${process.pid}x${n}`, text: QUESTIONS[n % QUESTIONS.length] },
  };
  const body = JSON.stringify(event);
  return { body, headers: { 'content-type': 'application/json', 'x-zevent-signature': zaloSignature(event.app_id, body, event.timestamp, ZALO_ENV.ZALO_OA_SECRET_KEY) } };
}

function botEnv(zalo: FakeZalo, extra: Record<string, string>): Record<string, string> {
  return { KB_DIR: FROZEN_KB, LOG_LEVEL: 'error', ...ZALO_ENV, ZALO_API_BASE: zalo.url, ZALO_OAUTH_BASE: zalo.url, CHANNEL_RATE_LIMIT_PER_MINUTE: '10000', ...extra };
}

async function webhookLatency(label: string, extra: Record<string, string>): Promise<void> {
  const zalo = await startFakeZalo();
  const bot = await startBotProcess(botEnv(zalo, extra));
  try {
    const result = await autocannon({
      url: `${bot.base}/api/zalo`,
      method: 'POST',
      connections: 20,
      overallRate: RATE,
      duration: SECONDS,
      requests: [{ setupRequest: (request) => ({ ...request, ...signedEvent() }) }],
    });
    const ok = result['2xx'];
    const { p50, p90, p99, max } = result.latency;
    if (extra.CHANNEL_WORKERS !== 'false') await waitFor(() => zalo.to(ZALO_SEND).length >= ok, 60_000, 200);
    print(`webhook ${label}: ${ok} answered 200 of ${result.requests.total} at ${RATE}/s for ${SECONDS} s; non-2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts}`);
    print(`  answer time ms: p50 ${p50}  p90 ${p90}  p99 ${p99}  max ${max}   (replies sent meanwhile: ${zalo.to(ZALO_SEND).length})`);
  } finally {
    await bot.stop();
    await zalo.close();
  }
}

async function workerThroughput(prefix: string): Promise<void> {
  const zalo = await startFakeZalo();
  const env = botEnv(zalo, { REDIS_URL, REDIS_PREFIX: prefix });
  const intake: BotProcess = await startBotProcess({ ...env, CHANNEL_WORKERS: 'false' });
  try {
    for (let n = 0; n < QUEUED_TURNS; n += 50) {
      await Promise.all(Array.from({ length: 50 }, async () => {
        const { body, headers } = signedEvent();
        const response = await fetch(`${intake.base}/api/zalo`, { method: 'POST', headers, body });
        await response.arrayBuffer();
      }));
    }
  } finally {
    await intake.stop();
  }
  const worker = await startBotProcess(env);
  try {
    const cpuBefore = cpuSeconds(worker.child.pid as number);
    const answered = () => new Set(zalo.to(ZALO_SEND).map((request) => (request.body.recipient as { message_id?: string }).message_id)).size;
    await waitFor(() => answered() >= QUEUED_TURNS, 300_000, 200);
    const cpu = cpuSeconds(worker.child.pid as number) - cpuBefore;
    const times = zalo.to(ZALO_SEND).map((request) => request.at);
    const seconds = (Math.max(...times) - Math.min(...times)) / 1000;
    print(`worker: ${answered()} queued turns answered (${zalo.to(ZALO_SEND).length} messages sent) in ${seconds.toFixed(1)} s = ${(answered() / seconds).toFixed(0)} turns/s (one process, 4 shards)`);
    // CPU time per turn does not depend on how busy the machine is: it says what one core could sustain.
    print(`  worker CPU: ${((cpu * 1000) / answered()).toFixed(1)} ms per turn (turn + its sends + queue work) = about ${(answered() / cpu).toFixed(0)} turns/s per core`);
  } finally {
    await worker.stop();
    await zalo.close();
  }
}

/** User + system CPU time of a process so far (Linux /proc; clock ticks of 1/100 s). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function main(): Promise<void> {
  // Other work on the machine moves these figures a lot: say how busy it was.
  print(`machine: ${cpus().length} cores, load average ${loadavg().map((load) => load.toFixed(1)).join(' ')}`);
  if (process.env.BENCH_ONLY !== 'worker') await webhookLatency('(in-process queues, no Redis)', {});
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
  } catch {
    print(`Redis at ${REDIS_URL} does not answer: the Redis figures are skipped.`);
    return;
  }
  const prefix = randomPrefix().replace('ttb-test:', 'ttb-bench:');
  try {
    if (process.env.BENCH_ONLY !== 'worker') {
      await webhookLatency('(BullMQ on Redis)', { REDIS_URL, REDIS_PREFIX: prefix });
      await webhookLatency('(BullMQ on Redis, a process that only answers webhooks)', { REDIS_URL, REDIS_PREFIX: `${prefix}h:`, CHANNEL_WORKERS: 'false' });
    }
    await workerThroughput(`${prefix}w:`);
  } finally {
    await deleteKeysWithPrefix(redis, prefix);
    await redis.quit();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
