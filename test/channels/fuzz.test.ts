import { messengerSignature } from '../../bot/channels/messenger/messengerSignature';
import { zaloSignature } from '../../bot/channels/zalo/zaloSignature';
import { BotProcess, residentMb, startBotProcess } from '../helpers/botProcess';
import { MESSENGER_ENV, startFakeGraph, startFakeZalo, ZALO_ENV } from '../helpers/fakePlatforms';
import { FROZEN_KB } from '../helpers/paths';
import { seededRandom } from '../helpers/seededRandom';
import zaloEvents from '../fixtures/channels/zalo-events.json';
import messengerEvents from '../fixtures/channels/messenger-events.json';

jest.setTimeout(120_000);

const BODIES_PER_CHANNEL = 1000;
const WARM_UP = 200;
const CONCURRENCY = 16;

type Rand = () => number;
const pick = <T>(rand: Rand, items: readonly T[]): T => items[Math.floor(rand() * items.length)];
const STRANGE = ['', ' ', 'null', '0', '-1', '1e309', '\u0000', '\ud800', '🇻🇳', 'đ'.repeat(3000), 'a'.repeat(70_000), '"}{"', '<script>', '../../etc/passwd', 'Đăng ký khai sinh'];

function randomValue(rand: Rand, depth = 0): unknown {
  const kind = Math.floor(rand() * (depth > 4 ? 5 : 7));
  if (kind === 0) return null;
  if (kind === 1) return rand() < 0.5;
  if (kind === 2) return pick(rand, [0, -1, 1.5, 2 ** 53 + 1, Number.MAX_SAFE_INTEGER, 1718000100000]);
  if (kind === 3) return pick(rand, STRANGE);
  if (kind === 4) return String.fromCharCode(...Array.from({ length: Math.floor(rand() * 40) }, () => Math.floor(rand() * 0xffff)));
  if (kind === 5) return Array.from({ length: Math.floor(rand() * 4) }, () => randomValue(rand, depth + 1));
  return Object.fromEntries(Array.from({ length: Math.floor(rand() * 4) }, () => [pick(rand, ['id', 'text', 'message', 'sender', 'entry', 'messaging', 'event_name', 'x']), randomValue(rand, depth + 1)]));
}

/** Changes one random place of a JSON value: delete a key, replace a value, wrap it, or empty it. */
function mutate(rand: Rand, value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object' || depth > 6 || rand() < 0.15) {
    return pick(rand, [() => randomValue(rand), () => undefined, () => [value], () => String(value), () => ({})])();
  }
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [...value] : { ...(value as Record<string, unknown>) };
  const keys = Object.keys(copy);
  if (keys.length === 0) return randomValue(rand);
  const key = pick(rand, keys);
  const changed = mutate(rand, (copy as Record<string, unknown>)[key], depth + 1);
  if (changed === undefined && !Array.isArray(copy)) delete (copy as Record<string, unknown>)[key];
  else (copy as Record<string, unknown>)[key] = changed;
  return copy;
}

interface FuzzRequest {
  body: Buffer | string;
  headers: Record<string, string>;
}

/** One body: random bytes, random JSON, a mutated fixture or a cut one; signed correctly most of the time. */
function fuzzBody(rand: Rand, channel: 'zalo' | 'messenger'): FuzzRequest {
  const fixtures: unknown[] = Object.values(channel === 'zalo' ? zaloEvents : messengerEvents);
  const roll = rand();
  let body: Buffer | string;
  if (roll < 0.1) body = Buffer.from(Array.from({ length: Math.floor(rand() * 3000) }, () => Math.floor(rand() * 256)));
  else if (roll < 0.25) body = JSON.stringify(randomValue(rand)) ?? 'undefined';
  else if (roll < 0.35) body = JSON.stringify(pick(rand, fixtures)).slice(0, Math.floor(rand() * 400));
  else {
    let value = pick(rand, fixtures);
    for (let n = 1 + Math.floor(rand() * 4); n > 0; n--) value = mutate(rand, value);
    body = JSON.stringify(value) ?? '';
  }
  const headers: Record<string, string> = { 'content-type': pick(rand, ['application/json', 'application/json', 'application/json', 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=utf-8']) };
  if (rand() < 0.05) headers['content-encoding'] = pick(rand, ['gzip', 'br']);
  const raw = typeof body === 'string' ? body : body.toString('utf8');
  if (rand() < 0.75) {
    if (channel === 'messenger') headers['x-hub-signature-256'] = messengerSignature(raw, MESSENGER_ENV.MESSENGER_APP_SECRET);
    else headers['x-zevent-signature'] = signZalo(raw);
  } else if (rand() < 0.5) {
    headers[channel === 'messenger' ? 'x-hub-signature-256' : 'x-zevent-signature'] = pick(rand, ['sha256=00', 'mac=', 'garbage', `mac=${'a'.repeat(64)}`]);
  }
  return { body, headers };
}

function signZalo(raw: string): string {
  try {
    const value = JSON.parse(raw) as Record<string, unknown>;
    return zaloSignature(String(value.app_id ?? ''), raw, String(value.timestamp ?? ''), ZALO_ENV.ZALO_OA_SECRET_KEY);
  } catch {
    return zaloSignature('', raw, '', ZALO_ENV.ZALO_OA_SECRET_KEY);
  }
}

/** Sends the bodies with a few in flight at once; returns every status (0 = no answer). */
async function send(url: string, requests: FuzzRequest[]): Promise<number[]> {
  const statuses: number[] = [];
  let next = 0;
  const lane = async () => {
    while (next < requests.length) {
      const request = requests[next++];
      try {
        const response = await fetch(url, { method: 'POST', headers: request.headers, body: request.body, signal: AbortSignal.timeout(10_000) });
        await response.arrayBuffer();
        statuses.push(response.status);
      } catch {
        statuses.push(0);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, lane));
  return statuses;
}

/** The bot's own node process (its pid), for its memory. */
function botPid(bot: BotProcess): number {
  return bot.child.pid as number;
}

describe('fuzzing the webhooks (1,000 random and mutated bodies per channel)', () => {
  it('never answers 5xx, stays up, and its memory stays flat', async () => {
    const zalo = await startFakeZalo();
    const graph = await startFakeGraph();
    // A bot that does not start must not leave the fakes listening (jest would never exit).
    const bot = await startBotProcess({
      KB_DIR: FROZEN_KB,
      LOG_LEVEL: 'warn',
      ...ZALO_ENV,
      ZALO_API_BASE: zalo.url,
      ZALO_OAUTH_BASE: zalo.url,
      ...MESSENGER_ENV,
      MESSENGER_API_BASE: graph.url,
      CHANNEL_RATE_LIMIT_PER_MINUTE: '10000',
    }).catch(async (error: unknown) => {
      await Promise.all([zalo.close(), graph.close()]);
      throw error;
    });
    try {
      const rand = seededRandom(20261201);
      const warmUp = [...Array(WARM_UP)].map((_, n) => fuzzBody(rand, n % 2 ? 'zalo' : 'messenger'));
      await send(`${bot.base}/api/zalo`, warmUp.filter((_, n) => n % 2));
      await send(`${bot.base}/api/messenger`, warmUp.filter((_, n) => n % 2 === 0));
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const before = await residentMb(botPid(bot));
      const statuses = [
        ...(await send(`${bot.base}/api/zalo`, [...Array(BODIES_PER_CHANNEL)].map(() => fuzzBody(rand, 'zalo')))),
        ...(await send(`${bot.base}/api/messenger`, [...Array(BODIES_PER_CHANNEL)].map(() => fuzzBody(rand, 'messenger')))),
      ];
      await new Promise((resolve) => setTimeout(resolve, 2000));
      const after = await residentMb(botPid(bot));
      const counts = statuses.reduce<Record<number, number>>((all, status) => ({ ...all, [status]: (all[status] ?? 0) + 1 }), {});
      expect(statuses.length).toBe(2 * BODIES_PER_CHANNEL);
      expect(statuses.filter((status) => status === 0 || status >= 500)).toEqual([]);
      // The mix reached every stage: accepted, refused as unsigned, refused as malformed.
      expect(counts[200]).toBeGreaterThan(50);
      expect(counts[401]).toBeGreaterThan(50);
      expect(counts[400]).toBeGreaterThan(50);
      expect(bot.exited()).toBe(false);
      expect((await fetch(`${bot.base}/healthz`)).status).toBe(200);
      expect(after - before).toBeLessThan(40);
      expect(bot.output()).not.toMatch(/uncaught|unhandled/i);
      process.stdout.write(`fuzz: ${JSON.stringify(counts)}; RSS ${before.toFixed(0)} → ${after.toFixed(0)} MB\n`);
    } catch (error) {
      process.stderr.write(`bot output (last 3,000 characters):\n${bot.output().slice(-3000)}\n`);
      throw error;
    } finally {
      await bot.stop();
      await Promise.all([zalo.close(), graph.close()]);
    }
  });
});

