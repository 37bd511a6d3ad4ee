import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { startCaptureServer } from '../helpers/http';
import { guardNetwork, type NetGuard } from '../helpers/netGuard';
import { postActivity, startApp, type RunningApp } from './appHarness';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** A small seeded generator (mulberry32): the same 1,000 activities every run, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const JUNK: unknown[] = [
  null, 0, -1, 1e308, Number.NaN, true, '', ' ', 'x'.repeat(5000), [], {}, [1, 2], { id: 5 }, { id: '' }, { token: 7 },
  '\u0000\u0007\u202e', '🤖👍🏽', '\ud800', '~1.0', '~m.officer', '~zz.zz', '999', '2', { nested: { deeper: [{ a: [[[]]] }] } },
  'Kiểm tra giấy tờ của tôi', 'tiếp tục', 'thoát', 'co', `dang ky khai sinh ${'rất dài '.repeat(400)}`,
];
const TYPES = ['message', 'message', 'message', 'message', 'message', 'message', 'conversationUpdate', 'event', 'typing', 'invoke', 'MESSAGE', 'endOfConversation'];
const TEXTS = ['xin chao', 'dang ky khai sinh', 'Kiểm tra giấy tờ của tôi', 'co', 'khong', 'co roi', 'tiep tuc', 'gap can bo', 'menu', '1', '7', 'English please', ''];
const KEYS = ['type', 'id', 'channelId', 'serviceUrl', 'from', 'recipient', 'conversation', 'text', 'locale', 'value', 'membersAdded', 'attachments', 'channelData', 'timestamp', 'replyToId', 'name'];

/** 1,000 activities: valid ones, and mutations of them (fields removed, retyped, oversized, nested junk). */
function activities(count: number, serviceUrl: string): Array<string | Record<string, unknown>> {
  const next = random(20261201);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
  const serviceUrls = [serviceUrl, serviceUrl, serviceUrl, serviceUrl, 'not a url', 'ftp://127.0.0.1/', 'https://example.com/', '', 'http://[::1]:1/'];
  const out: Array<string | Record<string, unknown>> = [];
  for (let i = 0; i < count; i++) {
    const roll = next();
    if (roll < 0.04) {
      out.push(pick(['{"type": "message", ', '[]', '"text"', '42', 'null', '{}', '{"type":']));
      continue;
    }
    const activity: Record<string, unknown> = {
      type: pick(TYPES),
      id: `fuzz-${i}`,
      channelId: pick(['emulator', 'emulator', 'zalo', 'facebook', 'webchat', 'msteams']),
      serviceUrl: next() < 0.85 ? serviceUrl : pick(serviceUrls),
      from: { id: `user-${Math.floor(next() * 20)}`, name: 'Citizen' },
      recipient: { id: 'bot', name: 'Thủ tục bot' },
      // Twenty conversations only: state is kept per conversation, so its size stays bounded.
      conversation: { id: `conversation-${Math.floor(next() * 20)}` },
      text: pick(TEXTS),
      locale: pick(['vi-VN', 'en-US', 'xx', '']),
    };
    if (activity.type === 'conversationUpdate') activity.membersAdded = [{ id: 'user-1' }, { id: 'bot' }];
    if (next() < 0.2) activity.value = { token: pick(['~1.0', '~2.1', '~m.ask', '~m.nothing', 'junk']) };
    const mutations = roll < 0.5 ? 0 : 1 + Math.floor(next() * 3);
    for (let m = 0; m < mutations; m++) mutate(activity, next, pick);
    out.push(activity);
  }
  return out;
}

function mutate(activity: Record<string, unknown>, next: () => number, pick: <T>(list: readonly T[]) => T): void {
  const key = pick(KEYS);
  const kind = next();
  if (kind < 0.3) delete activity[key];
  else if (kind < 0.6) activity[key] = pick(JUNK);
  else if (kind < 0.8 && typeof activity[key] === 'object' && activity[key] !== null) {
    (activity[key] as Record<string, unknown>)[pick(['id', 'name', 'role', 'isGroup', 'token'])] = pick(JUNK);
  } else activity.text = pick(JUNK);
}

/** Runs the requests with a few in parallel, as a busy channel does; resolves with every status. */
async function sendAll(base: string, bodies: Array<string | Record<string, unknown>>, parallel: number): Promise<number[]> {
  const statuses: number[] = new Array(bodies.length);
  let cursor = 0;
  const worker = async () => {
    while (cursor < bodies.length) {
      const index = cursor++;
      const response = await postActivity(base, bodies[index]);
      await response.arrayBuffer();
      statuses[index] = response.status;
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return statuses;
}

function heapMb(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1e6;
}

describe('1,000 random and mutated activities to /api/messages', () => {
  let app: RunningApp;
  let guard: NetGuard;
  let connector: Awaited<ReturnType<typeof startCaptureServer>>;
  beforeAll(async () => {
    guard = guardNetwork();
    connector = await startCaptureServer();
    app = await startApp();
  });
  afterAll(async () => {
    await app.stop(2000);
    await connector.close();
    guard.restore();
  });

  it('get no 5xx; the process keeps serving; memory stays flat', async () => {
    const bodies = activities(1200, connector.url);
    const warmUp = await sendAll(app.base, bodies.slice(0, 200), 16);
    const before = heapMb();
    connector.requests.splice(0);
    const statuses = await sendAll(app.base, bodies.slice(200), 16);
    const after = heapMb();

    const counts = [...warmUp, ...statuses].reduce<Record<number, number>>((acc, status) => ({ ...acc, [status]: (acc[status] ?? 0) + 1 }), {});
    expect({ counts, serverErrors: [...warmUp, ...statuses].filter((status) => status >= 500).length }).toEqual({ counts, serverErrors: 0 });
    // The mix really exercised both sides: turns that ran and replied, and refusals.
    expect(counts[200]).toBeGreaterThan(400);
    expect(counts[400]).toBeGreaterThan(100);
    expect(counts[401]).toBeGreaterThan(0);
    expect(connector.requests.length).toBeGreaterThan(300);
    expect((await fetch(`${app.base}/healthz`)).status).toBe(200);
    expect(app.runtime.turns.inFlight).toBe(0);
    expect(after - before).toBeLessThan(15);
    expect(guard.outside()).toEqual([]);
  }, 120_000);
});
