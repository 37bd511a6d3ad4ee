import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { Redis } from 'ioredis';
import events from '../fixtures/channels/zalo-events.json';
import { zaloTexts } from '../helpers/channelApp';
import { compiledBuild } from '../helpers/compiledBuild';
import { post, signedZalo, startFakeZalo, ZALO_ENV, ZALO_SEND } from '../helpers/fakePlatforms';
import { startCaptureServer, waitFor } from '../helpers/http';
import { FROZEN_KB } from '../helpers/paths';
import { cleanEnv, freePort, ROOT } from '../helpers/processes';
import { deleteKeysWithPrefix, describeWithRedis, randomPrefix, TEST_REDIS_URL } from '../helpers/redis';

/*
 * SIGTERM in the middle of a steady stream of messages, to the server as `npm start` runs it in production
 * (bin/start.js of a built checkout: the compiled dist/, with Redis). Every request the server accepted (200) has
 * its reply at the connector; every other request is refused (connection refused, or 503 so that the platform
 * sends it again), none hangs, none is cut off without an answer;
 * the process exits 0 within the bound. For Zalo, an accepted webhook is an event in the durable queue (Redis):
 * what the stopped server did not answer yet, the next start of the server answers.
 */

interface Server {
  port: number;
  child: ChildProcess;
  output(): string;
  exit: Promise<{ code: number | null; at: number }>;
}

async function startServer(env: Record<string, string>, waitForWorkers = Number(env.WORKERS ?? '1')): Promise<Server> {
  const port = await freePort();
  // The compiled server (built once, shared with test/cli/production.test.ts), started as `npm start` starts it.
  const child = spawn(process.execPath, [path.join(compiledBuild(), 'bin/start.js')], {
    cwd: ROOT,
    env: cleanEnv({ PORT: String(port), HOST: '127.0.0.1', KB_DIR: FROZEN_KB, KB_WATCH: 'false', LOG_LEVEL: 'info', ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exit = new Promise<{ code: number | null; at: number }>((resolve) => child.once('exit', (code) => resolve({ code, at: Date.now() })));
  const ready = await waitFor(async () => child.exitCode === null && (await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => null))?.status === 200, 30_000, 100);
  if (!ready) {
    child.kill('SIGKILL');
    throw new Error(`the server did not start:\n${output.slice(-2000)}`);
  }
  if (!(await waitFor(() => output.includes('"code":"compiled"'), 5000))) {
    child.kill('SIGKILL');
    throw new Error(`the server did not run the compiled code:\n${output.slice(-2000)}`);
  }
  // With workers, the others start once the first listens: load both.
  const pids = new Set<number>();
  const workers = waitForWorkers;
  const all = await waitFor(async () => {
    const health = await fetch(`http://127.0.0.1:${port}/healthz`, { headers: { connection: 'close' } }).catch(() => null);
    if (health?.status === 200) pids.add(((await health.json()) as { pid: number }).pid);
    return pids.size >= workers;
  }, 30_000, 20);
  if (!all) throw new Error(`only ${pids.size} of ${workers} workers answered:\n${output.slice(-2000)}`);
  return { port, child, output: () => output, exit };
}

/** SIGTERM to exit, at most (turns in flight finish first; the instance's own deadline is 10 s). */
const STOP_BOUND_MS = 5000;
/**
 * How a request the server did not take may end: 503 on a connection that was open (the platform sends it again), no
 * connection, or ECONNRESET when the client wrote on a kept-alive socket in the instant the stopping server closed it
 * unread (the keep-alive race every HTTP/1.1 client meets; seen in a clean-clone CI run). Each check below also
 * requires that such a message ran no turn, so a reset is never a lost answer.
 */
const REFUSED = /^(503|ECONNREFUSED|ECONNRESET)$/;

type Outcome = { id: string; sentAt: number; status?: number; error?: string; ms: number };

/** How a request that got no HTTP answer ended: ECONNREFUSED, ECONNRESET, timeout... */
function errorCode(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if ((error as Error).name === 'TimeoutError') return 'TIMEOUT';
  return cause?.code ?? cause?.message ?? String(error);
}

describeWithRedis('SIGTERM during load', () => {
  const admin = new Redis(TEST_REDIS_URL, { lazyConnect: true });
  let prefix: string;
  beforeAll(() => admin.connect());
  beforeEach(() => {
    prefix = randomPrefix();
  });
  afterEach(() => deleteKeysWithPrefix(admin, prefix));
  afterAll(() => admin.quit());

  // With WORKERS=2 the same run passes too, except that the cluster primary resets the few connections it accepted
  // for workers that have stopped listening (before reading them); left out for the suite's time: the workers' stop
  // path is the test after the Zalo one, and test/cli/production.test.ts.
  it('Bot Framework stream: every accepted message answered, the rest refused, exit 0', async () => {
    const workers = '1';
    const connector = await startCaptureServer();
    const server = await startServer({ REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix, WORKERS: workers });
    const outcomes: Outcome[] = [];
    let sent = 0;
    let signalledAt = 0;
    const deadline = Date.now() + 15_000;
    const TOTAL = 300;
    const texts = ['xin chào', 'làm giấy khai sinh', 'đăng ký kết hôn cần gì', 'cảm ơn'];
    const sender = async () => {
      while (sent < TOTAL && Date.now() < deadline) {
        const n = sent++;
        const id = `load-${n}`;
        const started = Date.now();
        const activity = { type: 'message', id, channelId: 'emulator', serviceUrl: connector.url, from: { id: `citizen-${n}` }, recipient: { id: 'bot' }, conversation: { id: `sigterm-${n}` }, text: texts[n % texts.length], locale: 'vi-VN' };
        try {
          const response = await fetch(`http://127.0.0.1:${server.port}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity), signal: AbortSignal.timeout(8000) });
          await response.arrayBuffer();
          outcomes.push({ id, sentAt: started, status: response.status, ms: Date.now() - started });
        } catch (error) {
          outcomes.push({ id, sentAt: started, error: errorCode(error), ms: Date.now() - started });
        }
        if (n === 100 && !signalledAt) {
          signalledAt = Date.now();
          server.child.kill('SIGTERM');
        }
      }
    };
    try {
      await Promise.all(Array.from({ length: 12 }, () => sender()));
      const { code, at } = await Promise.race([server.exit, new Promise<{ code: string; at: number }>((resolve) => setTimeout(() => resolve({ code: 'still running', at: 0 }), 15_000))]);
      const replied = new Set(connector.requests.map((request) => decodeURIComponent(request.url.split('/activities/')[1] ?? '')));
      const summary: Record<string, number> = {};
      for (const outcome of outcomes) {
        const key = `${outcome.status ?? outcome.error}${replied.has(outcome.id) ? ' replied' : ''}`;
        summary[key] = (summary[key] ?? 0) + 1;
      }
      process.stdout.write(`SIGTERM during load (${workers} worker(s)): ${JSON.stringify({ summary, exitMs: at - signalledAt, slowestMs: Math.max(...outcomes.map((o) => o.ms)) })}\n`);
      // Exited 0, within the bound, with requests accepted before the stop and refused after it.
      expect(code).toBe(0);
      expect(at - signalledAt).toBeLessThan(STOP_BOUND_MS);
      expect(outcomes.filter((o) => o.status === 200 && o.sentAt < signalledAt).length).toBeGreaterThan(50);
      expect(outcomes.filter((o) => o.status !== 200 && o.sentAt > signalledAt).length).toBeGreaterThan(0);
      for (const outcome of outcomes) {
        if (outcome.status === 200) {
          // Accepted: answered.
          expect({ id: outcome.id, replied: replied.has(outcome.id) }).toEqual({ id: outcome.id, replied: true });
        } else {
          // Refused, never a hang, never a connection cut once read, never a turn without its 200.
          expect({ id: outcome.id, outcome: String(outcome.status ?? outcome.error), ran: replied.has(outcome.id) }).toEqual({ id: outcome.id, outcome: expect.stringMatching(REFUSED), ran: false });
        }
      }
    } finally {
      if (server.child.exitCode === null) server.child.kill('SIGKILL');
      await connector.close();
    }
  }, 60_000);
  it('Zalo webhook stream with the durable queue: every accepted event answered, the backlog by the next start', async () => {
    const zalo = await startFakeZalo();
    // A platform that takes 100 ms per send: the turns fall behind the webhooks, so there is a backlog to stop on.
    zalo.override(ZALO_SEND, { body: { error: 0, message: 'Success', data: { message_id: 'z', quota: { quota_type: 'reply' } } }, delayMs: 100 });
    const env = { REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix, WORKERS: '1', ...ZALO_ENV, ZALO_API_BASE: zalo.url, ZALO_OAUTH_BASE: zalo.url, CHANNEL_SEND_FIRST_RETRY_MS: '50' };
    let server = await startServer(env);
    const outcomes: { id: string; status?: number; error?: string }[] = [];
    let sent = 0;
    let signalledAt = 0;
    const TOTAL = 200;
    const deadline = Date.now() + 15_000;
    const sender = async () => {
      while (sent < TOTAL && Date.now() < deadline) {
        const n = sent++;
        const id = `zalo-stop-${n}`;
        const event = { ...events.user_send_text, sender: { id: `70000${String(n).padStart(5, '0')}` }, message: { msg_id: id, text: n % 2 ? 'làm giấy khai sinh' : 'đăng ký kết hôn ở đâu' } };
        try {
          const answer = await post(`http://127.0.0.1:${server.port}/api/zalo`, signedZalo(event));
          outcomes.push({ id, status: answer.status });
        } catch (error) {
          outcomes.push({ id, error: errorCode(error) });
        }
        if (n === 80 && !signalledAt) {
          signalledAt = Date.now();
          server.child.kill('SIGTERM');
        }
      }
    };
    try {
      await Promise.all(Array.from({ length: 8 }, () => sender()));
      const { code, at } = await Promise.race([server.exit, new Promise<{ code: string; at: number }>((resolve) => setTimeout(() => resolve({ code: 'still running', at: 0 }), 15_000))]);
      expect(code).toBe(0);
      expect(at - signalledAt).toBeLessThan(STOP_BOUND_MS + 2000);
      const accepted = outcomes.filter((o) => o.status === 200).map((o) => o.id);
      const answered = () => accepted.filter((id) => zaloTexts(zalo, id).length > 0);
      const beforeRestart = answered().length;
      // Refused ones: 503 (Zalo sends them again) or no connection, and nothing was sent for them.
      for (const outcome of outcomes.filter((o) => o.status !== 200)) {
        expect({ id: outcome.id, outcome: String(outcome.status ?? outcome.error), sent: zaloTexts(zalo, outcome.id).length }).toEqual({ id: outcome.id, outcome: expect.stringMatching(REFUSED), sent: 0 });
      }
      expect(accepted.length).toBeGreaterThan(50);
      // The next start answers the rest from the queue.
      server = await startServer(env);
      expect(await waitFor(() => answered().length === accepted.length, 20_000, 100)).toBe(true);
      process.stdout.write(`SIGTERM during a Zalo stream: ${JSON.stringify({ accepted: accepted.length, refused: outcomes.length - accepted.length, answeredBeforeStop: beforeRestart, answeredAfterRestart: accepted.length - beforeRestart, exitMs: at - signalledAt })}\n`);
      expect(beforeRestart).toBeLessThan(accepted.length);
    } finally {
      if (server.child.exitCode === null) {
        server.child.kill('SIGTERM');
        await server.exit;
      }
      await zalo.close();
    }
  }, 90_000);
  it('two workers, SIGTERM while the second is still starting: both stop, exit 0 at once', async () => {
    const server = await startServer({ REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix, WORKERS: '2' }, 1);
    const signalledAt = Date.now();
    server.child.kill('SIGTERM');
    const { code, at } = await Promise.race([server.exit, new Promise<{ code: string; at: number }>((resolve) => setTimeout(() => resolve({ code: 'still running', at: 0 }), 15_000))]);
    if (server.child.exitCode === null) server.child.kill('SIGKILL');
    expect(code).toBe(0);
    expect(at - signalledAt).toBeLessThan(STOP_BOUND_MS);
  }, 60_000);
});
