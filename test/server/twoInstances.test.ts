import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { startCaptureServer, waitFor, type CapturedRequest } from '../helpers/http';
import { deleteKeysWithPrefix, describeWithRedis, randomPrefix, TEST_REDIS_URL } from '../helpers/redis';
import { message, postActivity, startApp, type RunningApp } from './appHarness';

/** Replies (texts in order) per activity id, and the order in which turns answered, for one conversation. */
function repliesOf(requests: CapturedRequest[], conversationId: string): { order: string[]; texts: Map<string, string[]> } {
  const prefix = `/v3/conversations/${encodeURIComponent(conversationId)}/activities/`;
  const order: string[] = [];
  const texts = new Map<string, string[]>();
  for (const request of requests) {
    if (!request.url.startsWith(prefix)) continue;
    const id = decodeURIComponent(request.url.slice(prefix.length));
    if (order[order.length - 1] !== id) order.push(id);
    texts.set(id, [...(texts.get(id) ?? []), String(request.body.text ?? '')]);
  }
  return { order, texts };
}

/** The stored state of a conversation and its user, without eTags (they differ by nature). */
async function storedState(redis: Redis, prefix: string, conversationId: string, userId: string): Promise<unknown> {
  const read = async (key: string) => {
    const raw = await redis.get(`${prefix}${key}`);
    if (!raw) return null;
    const { eTag: _eTag, ...rest } = JSON.parse(raw) as Record<string, unknown>;
    return rest;
  };
  return {
    conversation: await read(`emulator/conversations/${conversationId}/`),
    user: await read(`emulator/users/${userId}/`),
  };
}

const SETUP = ['dang ky khai sinh', 'Kiểm tra giấy tờ của tôi'];
const MIX = ['co', 'khong', 'co roi', 'chua co', 'khong ro', 'tiep tuc', 'Kiểm tra giấy tờ của tôi', 'dang ky tam tru', 'co', '2', 'co roi', 'thoat'];
const MESSAGES = Array.from({ length: 50 }, (_, i) => MIX[(i * 7) % MIX.length]);

describeWithRedis('two instances on one Redis', () => {
  let prefix: string;
  let a: RunningApp;
  let b: RunningApp;
  let redis: Redis;
  let connector: Awaited<ReturnType<typeof startCaptureServer>>;

  beforeAll(async () => {
    prefix = randomPrefix();
    redis = new Redis(TEST_REDIS_URL);
    connector = await startCaptureServer();
    const env = { REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix };
    // The "one moment" note is tested elsewhere; here every reply must come from a turn.
    const lockTimings = { slowMs: 60_000, leaseMs: 10_000, maxTurnMs: 60_000 };
    a = await startApp(env, { lockTimings });
    b = await startApp(env, { lockTimings });
    // Redis may take a moment to accept the connections on a busy machine.
    const ready = (app: RunningApp) => waitFor(async () => (await fetch(`${app.base}/readyz`)).status === 200, 10_000, 100);
    expect(await ready(a)).toBe(true);
    expect(await ready(b)).toBe(true);
  });
  afterAll(async () => {
    await Promise.all([a.stop(2000), b.stop(2000)]);
    await connector.close();
    await deleteKeysWithPrefix(redis, prefix);
    await redis.quit();
  });

  it('50 messages of one conversation sent at once, alternately to both, through a papers check: each answered once, in one turn; the final state is the serial run\'s', async () => {
    const conversationId = `concurrent-${randomUUID()}`;
    const send = (app: RunningApp, id: string, conversation: string, user: string, text: string) =>
      postActivity(app.base, message(connector.url, text, { id, conversation: { id: conversation }, from: { id: user, name: 'Citizen' } }));

    for (const [i, text] of SETUP.entries()) expect((await send(a, `setup-${i}`, conversationId, 'user-c', text)).status).toBe(200);
    const statuses = await Promise.all(MESSAGES.map((text, i) => send(i % 2 === 0 ? a : b, `m-${i}`, conversationId, 'user-c', text).then((r) => r.status)));
    expect(statuses).toEqual(MESSAGES.map(() => 200));

    const concurrent = repliesOf(connector.requests, conversationId);
    const turns = concurrent.order.filter((id) => id.startsWith('m-'));
    // Every message answered, each by exactly one turn whose replies were not interleaved with another's.
    expect(turns).toHaveLength(50);
    expect(new Set(turns).size).toBe(50);

    // The same messages, one after the other, in the order the turns ran, on one instance.
    const serialId = `serial-${randomUUID()}`;
    for (const [i, text] of SETUP.entries()) await send(a, `setup-${i}`, serialId, 'user-s', text);
    for (const id of turns) await send(a, id, serialId, 'user-s', MESSAGES[Number(id.slice(2))]);
    const serial = repliesOf(connector.requests, serialId);

    for (const id of turns) expect({ id, replies: concurrent.texts.get(id) }).toEqual({ id, replies: serial.texts.get(id) });
    expect(await storedState(redis, prefix, conversationId, 'user-c')).toEqual(await storedState(redis, prefix, serialId, 'user-s'));
    // A check that proves something: the run went through the papers check and past it.
    const all = [...concurrent.texts.values()].flat().join('\n');
    expect(all).toContain('Bạn đã có');
    expect(all).toContain('Kết quả kiểm tra giấy tờ');
  }, 60_000);
});
