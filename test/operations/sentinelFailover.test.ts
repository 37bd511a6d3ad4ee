import { startCaptureServer, waitFor } from '../helpers/http';
import { ChannelApp, startChannelApp, zaloTexts } from '../helpers/channelApp';
import { post, signedZalo } from '../helpers/fakePlatforms';
import { describeWithRedisServer, startSentinelGroup, type SentinelGroup } from '../helpers/ownRedis';
import { randomPrefix } from '../helpers/redis';
import events from '../fixtures/channels/zalo-events.json';

const SCRIPT = ['đăng ký khai sinh', 'Kiểm tra giấy tờ của tôi', 'có', 'có', 'có rồi', 'chưa có', 'lệ phí cấp căn cước', 'cảm ơn'];

/*
 * A Sentinel failover under load, all on loopback: one primary, one replica and three sentinels started here.
 * REDIS_URL names the group; halfway through, the sentinels are told to fail over. Every Bot Framework message
 * is answered (turns wait for the new primary instead of failing), and every Zalo event is answered once it is
 * accepted: a webhook refused during the switch is sent again, as Zalo does.
 */
describeWithRedisServer('a Sentinel failover during load', () => {
  let group: SentinelGroup;
  let app: ChannelApp;
  let connector: Awaited<ReturnType<typeof startCaptureServer>>;

  beforeAll(async () => {
    group = await startSentinelGroup();
    connector = await startCaptureServer();
    app = await startChannelApp({ REDIS_URL: group.url, REDIS_PREFIX: randomPrefix(), REDIS_WAIT_MS: '5000', CHANNEL_QUEUE_LOCK_SECONDS: '2', CHANNEL_RATE_LIMIT_PER_MINUTE: '1000' });
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await connector?.close();
    await group?.close();
  });

  it('loses no message while the primary changes', async () => {
    const sent: string[] = [];
    const statuses: number[] = [];
    const deadline = Date.now() + 7000;
    const emulatorUser = async (u: number) => {
      for (let i = 0; Date.now() < deadline; i++) {
        const id = `bf-${u}-${i}`;
        sent.push(id);
        const response = await fetch(`${app.base}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ type: 'message', id, channelId: 'emulator', serviceUrl: connector.url, from: { id: `citizen-${u}` }, recipient: { id: 'bot' }, conversation: { id: `failover-${u}` }, text: SCRIPT[i % SCRIPT.length], locale: 'vi-VN' }),
        });
        statuses.push(response.status);
        await response.text();
      }
    };
    const zaloIds: string[] = [];
    const refusals: number[] = [];
    const zaloUser = async (u: number) => {
      for (let i = 0; Date.now() < deadline; i++) {
        const id = `zf-${u}-${i}`;
        const event = { ...events.user_send_text, sender: { id: `40000008${String(u).padStart(2, '0')}` }, message: { msg_id: id, text: SCRIPT[i % SCRIPT.length] } };
        // Zalo sends an event again until it gets a 200.
        for (let attempt = 0; attempt < 50; attempt++) {
          const response = await post(`${app.base}/api/zalo`, signedZalo(event));
          if (response.status === 200) break;
          refusals.push(response.status);
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
        zaloIds.push(id);
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
    };
    const load = Promise.all([...Array.from({ length: 12 }, (_, u) => emulatorUser(u)), ...Array.from({ length: 4 }, (_, u) => zaloUser(u))]);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const switched = await group.failover();
    expect(switched.to).not.toBe(switched.from);
    await load;

    // Bot Framework: every request answered 200, every turn got its reply.
    expect(statuses.filter((status) => status !== 200)).toEqual([]);
    const answered = new Set(connector.requests.map((request) => decodeURIComponent(request.url.split('/activities/')[1] ?? '')));
    expect(sent.filter((id) => !answered.has(id))).toEqual([]);
    expect(connector.requests.filter((request) => /trục trặc/.test(String(request.body.text)))).toEqual([]);
    // Zalo: every accepted event answered.
    await waitFor(() => zaloIds.every((id) => zaloTexts(app.zalo, id).length > 0), 20_000, 100);
    expect(zaloIds.filter((id) => zaloTexts(app.zalo, id).length === 0)).toEqual([]);
    // Load, not a trickle: each of the 12 users kept writing through the switch (about 150 messages on a quiet machine).
    expect(sent.length).toBeGreaterThan(12 * 4);
    expect(refusals.every((status) => status === 503)).toBe(true);
  }, 90_000);
});
