import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { compiledBuild } from '../helpers/compiledBuild';
import { startCaptureServer, waitFor } from '../helpers/http';
import { scrape, total } from '../helpers/metrics';
import { cleanEnv, freePort, ROOT } from '../helpers/processes';
import { deleteKeysWithPrefix, describeWithRedis, randomPrefix, TEST_REDIS_URL } from '../helpers/redis';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { chooseCode } = require('../../bin/start.js') as { chooseCode(root: string): string };

describe('npm start chooses what to run', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'start-choice-'));
    mkdirSync(path.join(root, 'bot'), { recursive: true });
    writeFileSync(path.join(root, 'package.json'), '{}');
    writeFileSync(path.join(root, 'bot', 'index.ts'), '');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const build = (ageSeconds: number) => {
    mkdirSync(path.join(root, 'dist', 'bot'), { recursive: true });
    const file = path.join(root, 'dist', 'bot', 'cluster.js');
    writeFileSync(file, '');
    const when = new Date(Date.now() + ageSeconds * 1000);
    utimesSync(file, when, when);
  };

  it('the sources through tsx on a fresh clone (nothing built)', () => {
    expect(chooseCode(root)).toBe('sources (not built: run "npm run build" for production)');
  });

  it('the compiled server once built', () => {
    build(+60);
    expect(chooseCode(root)).toBe('compiled');
  });

  it('the sources again when they changed after the build, saying so', () => {
    build(-60);
    expect(chooseCode(root)).toBe('sources (dist/ is older than the sources: run "npm run build")');
  });
});

describeWithRedis('the compiled server on every core', () => {
  const prefix = randomPrefix();
  let redis: Redis;
  let child: ChildProcess;
  let port: number;
  let output = '';

  beforeAll(async () => {
    // What `npm run build` emits (shared with the SIGTERM test), started as `npm start` starts it.
    const build = compiledBuild();
    redis = new Redis(TEST_REDIS_URL);
    port = await freePort();
    child = spawn(process.execPath, [path.join(build, 'bin', 'start.js')], {
      cwd: ROOT,
      env: cleanEnv({ PORT: String(port), HOST: '127.0.0.1', REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix, WORKERS: '2', KB_WATCH: 'false', LOG_LEVEL: 'info' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const ready = await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => null))?.status === 200, 30_000, 100);
    expect({ ready, output: ready ? '' : output }).toEqual({ ready: true, output: '' });
  }, 150_000);

  afterAll(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    await deleteKeysWithPrefix(redis, prefix);
    await redis.quit();
  });

  it('answers from two worker processes on one port, each logging one line per turn', async () => {
    const connector = await startCaptureServer();
    try {
      // Both workers listen once the second has started: keep asking until two pids answered.
      const pids = new Set<number>();
      await waitFor(async () => {
        const agent = await fetch(`http://127.0.0.1:${port}/healthz`, { headers: { connection: 'close' } });
        pids.add(((await agent.json()) as { pid: number }).pid);
        return pids.size === 2;
      }, 20_000, 20);
      expect(pids.size).toBe(2);
      const response = await fetch(`http://127.0.0.1:${port}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'message', id: 'm1', channelId: 'emulator', serviceUrl: connector.url, from: { id: 'u1' }, recipient: { id: 'bot' }, conversation: { id: 'c1' }, text: 'đăng ký khai sinh ở đâu' }),
      });
      expect(response.status).toBe(200);
      expect(connector.requests).toHaveLength(1);
      expect(String(connector.requests[0].body.text)).toMatch(/khai sinh/i);
      await waitFor(() => output.includes('"msg":"turn"'), 2000);
      const turn = JSON.parse(output.split('\n').find((line) => line.includes('"msg":"turn"'))!) as Record<string, unknown>;
      expect(turn).toMatchObject({ level: 30, channel: 'emulator', intent: 'entry', entry: 'khai-sinh', decision: 'answer', outcome: 'answered', reqId: expect.any(String) });
      expect(output).not.toContain('đăng ký khai sinh ở đâu');
      expect(output).toContain('"code":"compiled"');
    } finally {
      await connector.close();
    }
  });

  it('serves the web chat from both workers: one token secret for all (none is configured), the page and bundle found from dist/', async () => {
    const base = `http://127.0.0.1:${port}`;
    const close = { connection: 'close' };
    const start = await fetch(`${base}/v3/directline/conversations`, { method: 'POST', headers: { 'content-type': 'application/json', ...close }, body: '{}' });
    expect(start.status).toBe(201);
    const { conversationId, token } = (await start.json()) as { conversationId: string; token: string };
    // Both workers listen once the second has started: wait for two pids, then poll a few times more.
    const pids = new Set<number>();
    await waitFor(async () => {
      pids.add(((await (await fetch(`${base}/healthz`, { headers: close })).json()) as { pid: number }).pid);
      return pids.size === 2;
    }, 20_000, 20);
    expect(pids.size).toBe(2);
    const statuses = new Set<number>();
    for (let i = 0; i < 8; i += 1) {
      const poll = await fetch(`${base}/v3/directline/conversations/${conversationId}/activities?watermark=`, { headers: { authorization: `Bearer ${token}`, ...close } });
      statuses.add(poll.status);
    }
    expect([...statuses]).toEqual([200]);
    expect((await fetch(`${base}/`, { headers: close })).status).toBe(200);
    expect((await fetch(`${base}/webchat/4.18.1/webchat-minimal.js`, { headers: close })).status).toBe(200);
  });

  it('GET /metrics reaches one worker and reports both: the turns of both workers add up', async () => {
    const connector = await startCaptureServer();
    const base = `http://127.0.0.1:${port}`;
    const close = { connection: 'close' };
    try {
      const { knowledge } = (await (await fetch(`${base}/healthz`, { headers: close })).json()) as { knowledge: { entries: number } };
      const entries = knowledge.entries;
      const before = await scrape(base, close);
      expect(before.status).toBe(200);
      expect(total(before.samples, 'ttb_workers_reporting')).toBe(2);
      expect(total(before.samples, 'ttb_cluster_workers')).toBe(2);
      // What was logged from here on (output ends with a whole line: the logger writes whole lines).
      const offset = output.length;
      const turnLines = () => output.slice(offset).split('\n').filter((line) => line.includes('"msg":"turn"'));
      const turns = 6;
      for (let i = 0; i < turns; i += 1) {
        const response = await fetch(`${base}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...close },
          body: JSON.stringify({ type: 'message', id: `metrics-${i}`, channelId: 'emulator', serviceUrl: connector.url, from: { id: `u-m${i}` }, recipient: { id: 'bot' }, conversation: { id: `c-metrics-${i}` }, text: 'đăng ký khai sinh ở đâu' }),
        });
        expect(response.status).toBe(200);
      }
      // The primary hands connections out in turn: both workers ran some of these turns (their log lines say so).
      expect(await waitFor(() => turnLines().length >= turns, 3000)).toBe(true);
      const pids = new Set(turnLines().map((line) => (JSON.parse(line) as { pid: number }).pid));
      expect(pids.size).toBe(2);
      // Whichever worker answers the scrape, the counts are the sum of both.
      for (let i = 0; i < 4; i += 1) {
        const after = await scrape(base, close);
        expect(after.status).toBe(200);
        expect(total(after.samples, 'ttb_workers_reporting')).toBe(2);
        const added = (name: string, labels: Record<string, string>) => total(after.samples, name, labels) - total(before.samples, name, labels);
        expect(added('ttb_turns_total', { channel: 'emulator', type: 'message', intent: 'entry' })).toBe(turns);
        expect(added('ttb_turn_duration_seconds_count', { channel: 'emulator' })).toBe(turns);
        // Shared readings are not doubled: the knowledge base is one, whatever the number of workers.
        expect(total(after.samples, 'ttb_knowledge_entries')).toBe(entries);
      }
      expect((await fetch(`${base}/metrics`, { headers: { ...close, 'x-forwarded-for': '203.0.113.9' } })).status).toBe(403);
    } finally {
      await connector.close();
    }
  });

  it('a worker that dies keeps its counts in the totals (they never go down), and its replacement reports too', async () => {
    const base = `http://127.0.0.1:${port}`;
    const close = { connection: 'close' };
    const before = await scrape(base, close);
    const turnsBefore = total(before.samples, 'ttb_turns_total');
    expect(turnsBefore).toBeGreaterThan(0);
    const { pid } = (await (await fetch(`${base}/healthz`, { headers: close })).json()) as { pid: number };
    process.kill(pid, 'SIGKILL');
    const replaced = await waitFor(async () => {
      const now = await scrape(base, close).catch(() => null);
      return now?.status === 200 && total(now.samples, 'ttb_cluster_worker_restarts_total') === 1 && total(now.samples, 'ttb_workers_reporting') === 2;
    }, 20_000, 200);
    expect(replaced).toBe(true);
    const after = await scrape(base, close);
    expect(total(after.samples, 'ttb_turns_total')).toBe(turnsBefore);
    expect(total(after.samples, 'ttb_turn_duration_seconds_count')).toBe(total(before.samples, 'ttb_turn_duration_seconds_count'));
  }, 30_000);

  it('stops every worker on SIGTERM and exits 0', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    const code = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve('timeout'), 15_000))]);
    expect(code).toBe(0);
    expect(output.match(/"msg":"stopped"/g)).toHaveLength(2);
  }, 20_000);
});
