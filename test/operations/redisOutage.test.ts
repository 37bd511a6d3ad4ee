import { startCaptureServer, waitFor } from '../helpers/http';
import { ChannelApp, startChannelApp, zaloTexts } from '../helpers/channelApp';
import { post, signedZalo } from '../helpers/fakePlatforms';
import { describeWithRedisServer, startOwnRedis, type OwnRedis } from '../helpers/ownRedis';
import { randomPrefix } from '../helpers/redis';
import events from '../fixtures/channels/zalo-events.json';

/*
 * Redis stopped and started again in the middle of conversations, with the bot's own redis-server (never the
 * shared one): knowledge answers go on from memory, /readyz says why it is not ready, what needs state says it is
 * briefly unavailable, a Zalo webhook is refused with 503 (so Zalo sends it again) rather than accepted and lost,
 * and once Redis is back the papers check goes on where it was and every accepted message has its reply.
 */
describeWithRedisServer('Redis stopped and restarted during a conversation', () => {
  let redis: OwnRedis;
  let app: ChannelApp;
  let connector: Awaited<ReturnType<typeof startCaptureServer>>;
  const user = '4000000777';
  let n = 0;

  const zalo = async (text: string) => {
    n += 1;
    const id = `outage-${n}`;
    const event = { ...events.user_send_text, sender: { id: user }, message: { msg_id: id, text } };
    return { id, event, response: await post(`${app.base}/api/zalo`, signedZalo(event)) };
  };
  const repliesTo = async (id: string, count = 1) => {
    await waitFor(() => zaloTexts(app.zalo, id).length >= count, 10_000);
    return zaloTexts(app.zalo, id).join('\n');
  };
  const emulator = async (text: string) => {
    n += 1;
    const before = connector.requests.length;
    const response = await fetch(`${app.base}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', id: `bf-${n}`, channelId: 'emulator', serviceUrl: connector.url, from: { id: 'citizen-bf' }, recipient: { id: 'bot' }, conversation: { id: 'outage-bf' }, text, locale: 'vi-VN' }),
    });
    return { status: response.status, text: connector.requests.slice(before).map((request) => String(request.body.text ?? '')).join('\n') };
  };
  const ready = async () => {
    const response = await fetch(`${app.base}/readyz`);
    return { status: response.status, body: (await response.json()) as { failures?: { name: string; reason: string }[] } };
  };

  beforeAll(async () => {
    redis = await startOwnRedis();
    connector = await startCaptureServer();
    app = await startChannelApp({ REDIS_URL: redis.url, REDIS_PREFIX: randomPrefix(), REDIS_WAIT_MS: '300', CHANNEL_QUEUE_LOCK_SECONDS: '2' });
  }, 30_000);

  afterAll(async () => {
    await app.close();
    await connector.close();
    await redis.close();
  });

  it('answers from memory while Redis is down, refuses webhooks with 503, then goes on where it was', async () => {
    // Before: a papers check started on both channels.
    const asked = await zalo('làm giấy khai sinh cần giấy tờ gì');
    expect(asked.response.status).toBe(200);
    expect(await repliesTo(asked.id)).toMatch(/khai sinh/i);
    const check = await zalo('Kiểm tra giấy tờ của tôi');
    const firstQuestion = await repliesTo(check.id);
    expect(firstQuestion).toMatch(/\?/);
    expect((await emulator('đăng ký khai sinh')).status).toBe(200);
    const bfCheck = await emulator('Kiểm tra giấy tờ của tôi');
    expect(bfCheck.text).toMatch(/\?/);

    await redis.stop();

    // During: knowledge from memory, state and queue briefly unavailable, readiness says why.
    const knowledge = await emulator('đăng ký tạm trú ở đâu');
    expect(knowledge.status).toBe(200);
    expect(knowledge.text).toMatch(/tạm trú/i);
    const reply = await emulator('có');
    expect(reply.status).toBe(200);
    expect(reply.text).toMatch(/tạm gián đoạn/);
    const notReady = await ready();
    expect(notReady.status).toBe(503);
    expect(notReady.body.failures?.[0]).toMatchObject({ name: 'redis', reason: expect.any(String) });
    const refused = await zalo('có');
    expect(refused.response.status).toBe(503);

    await redis.start();
    expect(await waitFor(async () => (await ready()).status === 200, 10_000, 100)).toBe(true);

    // After: Zalo sends the refused event again; the papers check goes on from its first question.
    const again = await post(`${app.base}/api/zalo`, signedZalo(refused.event));
    expect(again.status).toBe(200);
    const next = await repliesTo(refused.id);
    expect(next).toMatch(/\?/);
    expect(next).not.toBe(firstQuestion);
    expect(next).not.toMatch(/tạm gián đoạn/);
    const bfNext = await emulator('có');
    expect(bfNext.text).toMatch(/\?/);
    expect(bfNext.text).not.toMatch(/tạm gián đoạn/);
    // Every message accepted was answered.
    for (const id of [asked.id, check.id, refused.id]) expect(zaloTexts(app.zalo, id).length).toBeGreaterThan(0);
  }, 60_000);
});
