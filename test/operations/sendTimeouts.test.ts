import events from '../fixtures/channels/zalo-events.json';
import { startChannelApp, type ChannelApp } from '../helpers/channelApp';
import { GRAPH_SEND, post, signedMessenger, signedZalo, ZALO_SEND } from '../helpers/fakePlatforms';
import { waitFor } from '../helpers/http';

/*
 * The platform's send API does not answer in time (Zalo's /message/cs, Graph's /me/messages): the call is given
 * up after CHANNEL_SEND_TIMEOUT_MS, the reply stays in the outbox and is sent again, and the citizen gets it. The
 * other send failures (5xx, rate limits, dropped connections, tokens, windows) are in test/channels/.
 *
 * At least once, not exactly once: a platform that took the late call anyway shows the message twice (neither
 * API takes an idempotency key); a lost reply would be worse.
 */
describe('a send to the platform times out', () => {
  let app: ChannelApp;
  beforeAll(async () => {
    app = await startChannelApp({ CHANNEL_SEND_TIMEOUT_MS: '300' });
  });
  afterAll(() => app.close());

  const retriedForTimeout = () =>
    app.logs.filter((line) => line.msg === 'outbox: send failed; retrying' && /network: .*(abort|timeout)/i.test(JSON.stringify(line)));

  it('Zalo: the late send is given up after the timeout and retried; the reply arrives', async () => {
    const msgId = 'timeout-zalo-1';
    app.zalo.script(ZALO_SEND, { delayMs: 800, body: { error: 0, message: 'Success', data: { message_id: 'late' } } });
    const event = { ...events.user_send_text, sender: { id: '5000000001' }, message: { msg_id: msgId, text: 'dang ky ket hon o dau' } };
    expect((await post(`${app.base}/api/zalo`, signedZalo(event))).status).toBe(200);
    const tries = () => app.zalo.to(ZALO_SEND).filter((request) => (request.body.recipient as { message_id?: string }).message_id === msgId);
    expect(await waitFor(() => tries().length >= 2, 8000)).toBe(true);
    const [late, again] = tries();
    // The first try was given up on (logged as a timeout), the same message sent again and accepted.
    expect(again.body.message).toEqual(late.body.message);
    expect((again.answered.body as { error?: number }).error).toBe(0);
    expect(String((again.body.message as { text?: string }).text)).toMatch(/kết hôn/i);
    expect(retriedForTimeout().length).toBeGreaterThanOrEqual(1);
  });

  it('Messenger: the same', async () => {
    const psid = '3000000000009001';
    app.graph.script(GRAPH_SEND, { delayMs: 800, body: { recipient_id: psid, message_id: 'late' } });
    const before = retriedForTimeout().length;
    const body = { object: 'page', entry: [{ id: '1029384756102938', time: Date.now(), messaging: [{ sender: { id: psid }, recipient: { id: '1029384756102938' }, timestamp: Date.now(), message: { mid: 'm_timeout_1', text: 'dang ky ket hon o dau' } }] }] };
    expect((await post(`${app.base}/api/messenger`, signedMessenger(body))).status).toBe(200);
    const sends = () => app.graph.to(GRAPH_SEND).filter((request) => (request.body.recipient as { id?: string }).id === psid && request.body.message);
    expect(await waitFor(() => sends().length >= 2, 8000)).toBe(true);
    const [late, again] = sends();
    expect(again.body.message).toEqual(late.body.message);
    expect(again.answered.status).toBe(200);
    expect(retriedForTimeout().length).toBeGreaterThan(before);
  });
});
