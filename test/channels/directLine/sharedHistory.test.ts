import { Redis } from 'ioredis';
import { waitFor } from '../../helpers/http';
import {
  type BotServer,
  botTexts,
  call,
  openStream,
  poll,
  pollUntilBotSays,
  say,
  startBotServer,
  startConversation,
} from '../../helpers/directLine';
import { deleteKeysWithPrefix, describeWithRedis, randomPrefix, startRedisRelay, TEST_REDIS_URL } from '../../helpers/redis';

describeWithRedis('Direct Line history shared through Redis', () => {
  const prefix = randomPrefix();
  let a: BotServer;
  let b: BotServer;
  let admin: Redis;

  beforeAll(async () => {
    const env = { REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix, DIRECTLINE_HISTORY_TTL_SECONDS: '600' };
    [a, b] = await Promise.all([startBotServer(env), startBotServer(env)]);
    admin = new Redis(TEST_REDIS_URL);
  });
  afterAll(async () => {
    await Promise.all([a.close(), b.close()]);
    await deleteKeysWithPrefix(admin, prefix);
    admin.disconnect();
  });

  it('a conversation started and answered on one instance is polled, continued and reconnected on the other', async () => {
    const conversation = await startConversation(a.base);
    const welcome = await pollUntilBotSays(b.base, conversation, 1);
    expect(botTexts(welcome.activities).join('\n')).toMatch(/Xin chào/);
    await say(b.base, conversation, 'đăng ký kết hôn cần giấy tờ gì');
    const answer = await pollUntilBotSays(a.base, conversation, 1, welcome.watermark);
    expect(botTexts(answer.activities).join('\n')).toMatch(/kết hôn/i);
    const reconnect = await call(b.base, 'GET', `/conversations/${conversation.conversationId}?watermark=`, { token: conversation.token });
    expect(reconnect.status).toBe(200);
    const all = await poll(a.base, { conversationId: conversation.conversationId, token: reconnect.body.token as string });
    const texts = all.body.activities.map((activity) => String(activity.text));
    const asked = texts.indexOf('đăng ký kết hôn cần giấy tờ gì');
    expect(texts.slice(0, welcome.activities.length)).toEqual(welcome.activities.map((activity) => activity.text));
    expect(asked).toBe(welcome.activities.length);
    expect(texts.slice(asked + 1).join('\n')).toMatch(/kết hôn/i);
    expect(all.body.activities.map((activity) => activity.id)).toEqual(
      all.body.activities.map((_activity, index) => `${conversation.conversationId}|${String(index).padStart(7, '0')}`),
    );
  });

  it("a WebSocket on one instance receives what was posted to, and answered on, the other", async () => {
    const conversation = await startConversation(a.base);
    await pollUntilBotSays(a.base, conversation, 1);
    const onB = new URL(conversation.streamUrl);
    onB.host = new URL(b.base).host;
    const stream = await openStream(onB.toString());
    try {
      await waitFor(() => stream.activities().length >= 1, 5000);
      await say(a.base, conversation, 'lệ phí đăng ký kết hôn');
      expect(await waitFor(() => botTexts(stream.activities()).length >= 2, 5000)).toBe(true);
      expect(stream.activities().some((activity) => activity.text === 'lệ phí đăng ký kết hôn')).toBe(true);
    } finally {
      await stream.close();
    }
  });

  it('keeps the history in Redis with the configured TTL, under the prefix', async () => {
    const conversation = await startConversation(a.base);
    await pollUntilBotSays(a.base, conversation, 1);
    const keys = await admin.keys(`${prefix}dl:{${conversation.conversationId}}:*`);
    expect(keys.sort()).toEqual([`${prefix}dl:{${conversation.conversationId}}:h`, `${prefix}dl:{${conversation.conversationId}}:m`]);
    for (const key of keys) {
      const ttl = await admin.ttl(key);
      expect(ttl).toBeGreaterThan(500);
      expect(ttl).toBeLessThanOrEqual(600);
    }
  });
});

describeWithRedis('Direct Line while Redis is away', () => {
  const prefix = randomPrefix();
  let app: BotServer;
  let relay: Awaited<ReturnType<typeof startRedisRelay>>;
  let admin: Redis;

  beforeAll(async () => {
    relay = await startRedisRelay();
    app = await startBotServer({ REDIS_URL: relay.url, REDIS_PREFIX: prefix });
    admin = new Redis(TEST_REDIS_URL);
  });
  afterAll(async () => {
    await app.close();
    await relay.close();
    await deleteKeysWithPrefix(admin, prefix);
    admin.disconnect();
  });

  it('answers polls 200 with an empty set (never 5xx), and serves the history again when Redis is back', async () => {
    const conversation = await startConversation(app.base);
    const welcome = await pollUntilBotSays(app.base, conversation, 1);
    await relay.cut();
    try {
      for (let i = 0; i < 3; i += 1) {
        const answer = await poll(app.base, conversation, welcome.watermark);
        expect(answer.status).toBe(200);
        expect(answer.body).toEqual({ activities: [], watermark: welcome.watermark });
      }
      const post = await say(app.base, conversation, 'menu');
      expect(post.status).toBe(500); // not stored: the client retries a 5xx post
      expect(post.body).toEqual({ error: { code: 'ServiceError', message: expect.any(String) } });
    } finally {
      await relay.restore();
    }
    expect(await waitFor(async () => (await say(app.base, conversation, 'menu')).status === 200, 5000, 200)).toBe(true);
    const after = await pollUntilBotSays(app.base, conversation, 1, welcome.watermark);
    expect(after.activities[0].text).toBe('menu');
  });
});
