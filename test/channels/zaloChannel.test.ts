import { ChannelApp, startChannelApp, zaloTexts } from '../helpers/channelApp';
import { post, signedZalo, ZALO_ENV, ZALO_SEND, ZALO_TOKEN } from '../helpers/fakePlatforms';
import { waitFor } from '../helpers/http';
import events from '../fixtures/channels/zalo-events.json';

type ZaloButton = { title: string; type: string; payload: unknown };

let counter = 0;
/** A user_send_text from a user of its own (so tests do not share a conversation), with a fresh msg_id. */
function textEvent(text: string, userId = `11111${String(++counter).padStart(5, '0')}`, msgId = `m${Date.now().toString(16)}${++counter}`) {
  return { ...events.user_send_text, sender: { id: userId }, message: { msg_id: msgId, text } };
}

/** Requests that answer the message `msgId` (or go to `userId`). */
function answering(app: ChannelApp, id: string) {
  return app.zalo.to(ZALO_SEND).filter((request) => {
    const recipient = request.body.recipient as { message_id?: string; user_id?: string };
    return recipient.message_id === id || recipient.user_id === id;
  });
}

function buttonsOf(body: Record<string, unknown>): ZaloButton[] {
  const message = body.message as { attachment?: { payload?: { buttons?: ZaloButton[] } } };
  return message.attachment?.payload?.buttons ?? [];
}

/**
 * Waits until `count` messages answering `id` were sent (or until `done` holds: what the test reads has arrived),
 * and a little longer to see no extra one.
 */
async function settle(app: ChannelApp, id: string, count: number | (() => boolean)): Promise<void> {
  await waitFor(typeof count === 'number' ? () => zaloTexts(app.zalo, id).length >= count : count, 8000);
  await new Promise((resolve) => setTimeout(resolve, 150));
}

describe('Zalo OA channel (in-process queues)', () => {
  let app: ChannelApp;
  beforeAll(async () => {
    app = await startChannelApp({ CHANNEL_RATE_LIMIT_PER_MINUTE: '5' });
  });
  afterAll(() => app.close());

  it('a signed text message is answered 200 at once, and its reply quotes the message and names the documents', async () => {
    const event = textEvent('lam giay khai sinh can giay to gi');
    const answer = await post(`${app.base}/api/zalo`, signedZalo(event));
    expect(answer.status).toBe(200);
    expect(answer.ms).toBeLessThan(1000);
    await settle(app, event.message.msg_id, () => zaloTexts(app.zalo, event.message.msg_id).join('\n').includes('Giấy chứng sinh'));
    expect(answering(app, event.message.msg_id).every((request) => request.headers.access_token === ZALO_ENV.ZALO_ACCESS_TOKEN)).toBe(true);
    const text = zaloTexts(app.zalo, event.message.msg_id).join('\n');
    expect(text).toContain('Tờ khai đăng ký khai sinh');
    expect(text).toContain('Giấy chứng sinh');
    expect(app.logs.some((line) => line.msg === 'outbox: sent' && line.quotaType === 'reply')).toBe(true);
  });

  it('buttons stay within Zalo limits and carry payloads; a tap (the payload sent back as text) is understood', async () => {
    const userId = '2222200001';
    const question = textEvent('lam giay khai sinh can giay to gi', userId);
    await post(`${app.base}/api/zalo`, signedZalo(question));
    await settle(app, question.message.msg_id, () => answering(app, question.message.msg_id).some((request) => buttonsOf(request.body).length > 0));
    const withButtons = answering(app, question.message.msg_id).map((request) => request.body).filter((body) => buttonsOf(body).length > 0);
    expect(withButtons.length).toBe(1);
    const buttons = buttonsOf(withButtons[0]);
    expect(buttons.length).toBeLessThanOrEqual(5);
    expect(buttons.every((button) => button.title.length <= 100 && ['oa.query.hide', 'oa.open.url'].includes(button.type))).toBe(true);
    const overview = buttons.find((button) => button.title.includes('Tổng quan'));
    expect(overview).toBeDefined();
    const tap = textEvent(String(overview?.payload), userId);
    await post(`${app.base}/api/zalo`, signedZalo(tap));
    await settle(app, tap.message.msg_id, 1);
    const reply = zaloTexts(app.zalo, tap.message.msg_id).join('\n');
    expect(reply).toContain('Đăng ký khai sinh');
    expect(reply).toMatch(/lệ phí/i);
  });

  it('a missing or wrong signature is refused with 401 and a log line, and nothing is sent', async () => {
    const event = textEvent('xin chao');
    const request = signedZalo(event);
    const missing = await post(`${app.base}/api/zalo`, { body: request.body, headers: { 'content-type': 'application/json' } });
    const wrong = await post(`${app.base}/api/zalo`, signedZalo(event, 'not-the-key'));
    const tampered = await post(`${app.base}/api/zalo`, { ...request, body: request.body.replace('xin chao', 'xin chaoo') });
    expect([missing.status, wrong.status, tampered.status]).toEqual([401, 401, 401]);
    expect(app.logs.filter((line) => line.msg === 'webhook refused: signature').length).toBeGreaterThanOrEqual(3);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(answering(app, event.message.msg_id)).toEqual([]);
  });

  it('a webhook signed with the app secret is accepted too, and the log says which key matched', async () => {
    const event = textEvent('xin chao');
    const answer = await post(`${app.base}/api/zalo`, signedZalo(event, ZALO_ENV.ZALO_APP_SECRET));
    expect(answer.status).toBe(200);
    expect(app.logs.some((line) => line.msg === 'webhook: signature matched this configured key' && line.key === 'ZALO_APP_SECRET')).toBe(true);
    await settle(app, event.message.msg_id, 1);
  });

  it('a redelivered event gets one reply', async () => {
    const event = textEvent('le phi lam can cuoc bao nhieu');
    const answers = [await post(`${app.base}/api/zalo`, signedZalo(event)), await post(`${app.base}/api/zalo`, signedZalo(event))];
    await settle(app, event.message.msg_id, 1);
    const once = zaloTexts(app.zalo, event.message.msg_id).length;
    const again = await post(`${app.base}/api/zalo`, signedZalo(event));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect([...answers, again].map((answer) => [answer.status, answer.json.accepted, answer.json.duplicates])).toEqual([
      [200, 1, 0],
      [200, 0, 1],
      [200, 0, 1],
    ]);
    expect(zaloTexts(app.zalo, event.message.msg_id).length).toBe(once);
    expect(app.logs.some((line) => line.msg === 'webhook: redelivered event ignored')).toBe(true);
  });

  it.each([
    ['not JSON', '{"event_name": "user_send_text", '],
    ['a JSON list', '[1,2,3]'],
    ['an object without app_id or timestamp', '{"event_name":"user_send_text"}'],
  ])('%s is refused with 400, and the server keeps serving', async (_why, body) => {
    const answer = await post(`${app.base}/api/zalo`, { body, headers: signedZalo(events.user_send_text).headers });
    expect(answer.status).toBe(400);
    const asText = await post(`${app.base}/api/zalo`, { body, headers: { 'content-type': 'text/plain', 'x-zevent-signature': 'mac=00' } });
    expect(asText.status).toBeGreaterThanOrEqual(400);
    expect(asText.status).toBeLessThan(500);
    expect((await fetch(`${app.base}/healthz`)).status).toBe(200);
  });

  it('a signed body of an unknown shape is refused with 400 and a log line', async () => {
    const answer = await post(`${app.base}/api/zalo`, signedZalo({ ...events.user_send_text, message: { text: 'hi' } }));
    expect(answer.status).toBe(400);
    expect(answer.json.reason).toBe('no message.msg_id');
    expect(app.logs.some((line) => line.msg === 'webhook refused: unknown shape')).toBe(true);
  });

  it('a compressed body is refused with 415 (a broken gzip body used to take the whole process down)', async () => {
    for (const path of ['/api/zalo', '/api/messages']) {
      const answer = await post(`${app.base}${path}`, { body: 'not gzip at all', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' } });
      expect(answer.status).toBe(415);
    }
    expect((await fetch(`${app.base}/healthz`)).status).toBe(200);
  });

  it('a body over the size limit is refused with 413', async () => {
    const answer = await post(`${app.base}/api/zalo`, signedZalo(textEvent('x'.repeat(300_000))));
    expect(answer.status).toBe(413);
  });

  it('echoes of the OA, receipts and consent events are ignored: 200 and nothing sent', async () => {
    const before = app.zalo.to(ZALO_SEND).length;
    for (const name of ['oa_send_text', 'user_received_message', 'user_seen_message', 'oa_send_consent', 'user_reply_consent'] as const) {
      const answer = await post(`${app.base}/api/zalo`, signedZalo(events[name]));
      expect([name, answer.status, answer.json.accepted]).toEqual([name, 200, 0]);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(app.zalo.to(ZALO_SEND).length).toBe(before);
  });

  it('an image without a caption gets the polite "text only" answer; a follow is greeted by user id', async () => {
    const image = { ...events.user_send_image, sender: { id: '2222200002' }, message: { ...events.user_send_image.message, msg_id: 'img-1' } };
    await post(`${app.base}/api/zalo`, signedZalo(image));
    await settle(app, 'img-1', 1);
    expect(zaloTexts(app.zalo, 'img-1')).toEqual([expect.stringContaining('chỉ đọc được tin nhắn chữ')]);
    await post(`${app.base}/api/zalo`, signedZalo({ ...events.follow, follower: { id: '2222200003' } }));
    await settle(app, '2222200003', 1);
    expect(zaloTexts(app.zalo, '2222200003').join('\n')).toContain('Xin chào');
  });

  it('retries on HTTP 5xx, on -32 and on a dropped connection, then sends once', async () => {
    app.zalo.script(ZALO_SEND, { status: 502, body: {} }, { body: { error: -32, message: 'Rate limit' } }, 'drop');
    const event = textEvent('dang ky ket hon o dau');
    await post(`${app.base}/api/zalo`, signedZalo(event));
    await settle(app, event.message.msg_id, 1);
    const outcomes = answering(app, event.message.msg_id).map((request) => (request.answered.body as { error?: number } | null)?.error ?? request.answered.status);
    expect(outcomes.slice(0, 4)).toEqual([502, -32, 0, 0]);
    expect(app.logs.filter((line) => line.msg === 'outbox: send failed; retrying').length).toBeGreaterThanOrEqual(3);
  });

  it('refreshes the access token on -216 once and sends again with the new one', async () => {
    app.zalo.script(ZALO_SEND, { body: { error: -216, message: 'Access token is invalid' } });
    const before = app.zalo.to(ZALO_TOKEN).length;
    const event = textEvent('dang ky khai tu can gi');
    await post(`${app.base}/api/zalo`, signedZalo(event));
    await settle(app, event.message.msg_id, 1);
    const refreshes = app.zalo.to(ZALO_TOKEN).slice(before);
    expect(refreshes.length).toBe(1);
    expect(refreshes[0].headers.secret_key).toBe(ZALO_ENV.ZALO_APP_SECRET);
    expect(refreshes[0].body).toMatchObject({ refresh_token: ZALO_ENV.ZALO_REFRESH_TOKEN, app_id: ZALO_ENV.ZALO_APP_ID, grant_type: 'refresh_token' });
    const tokens = answering(app, event.message.msg_id).map((request) => request.headers.access_token);
    expect(tokens.slice(0, 2)).toEqual(['access-0', 'access-1']);
    expect(new Set(tokens.slice(1))).toEqual(new Set(['access-1']));
  });

  it('does not retry -230 (no recent interaction): the message is held and goes out before the reply to the next message', async () => {
    const userId = '2222200004';
    app.zalo.script(ZALO_SEND, { body: { error: -230, message: 'User has not interacted with the OA in the past 7 days' } });
    await post(`${app.base}/api/zalo`, signedZalo(textEvent('thu tuc dang ky ket hon', userId, 'held-first')));
    await waitFor(() => app.logs.some((line) => line.msg === 'outbox: not sent now (platform window); held until the user writes again'), 5000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    // One refused try; the rest of that turn's messages wait behind it without being tried.
    expect(answering(app, 'held-first').length).toBe(1);
    expect(app.logs.some((line) => line.reason === 'an earlier message to this user is held')).toBe(true);
    await post(`${app.base}/api/zalo`, signedZalo(textEvent('lam giay khai sinh can giay to gi', userId, 'held-second')));
    await settle(app, 'held-second', 3);
    // The held answer about marriage goes first, now quoting the new message; then the answer about birth.
    const texts = zaloTexts(app.zalo, 'held-second').join('\n');
    expect(texts).toMatch(/kết hôn/i);
    expect(texts.search(/kết hôn/i)).toBeLessThan(texts.indexOf('Giấy chứng sinh'));
  });

  it('a sender over the rate limit gets one polite answer; further messages are dropped', async () => {
    const userId = '2222200005';
    // The limit counts per clock minute: do not start just before one ends.
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 55_000) await new Promise((resolve) => setTimeout(resolve, 60_050 - intoMinute));
    const answers = [];
    for (let n = 0; n < 8; n++) answers.push(await post(`${app.base}/api/zalo`, signedZalo(textEvent(`xin chao ${n}`, userId, `rate-${n}`))));
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    expect(answers.map((answer) => answer.json.dropped)).toEqual([0, 0, 0, 0, 0, 0, 1, 1]);
    await settle(app, 'rate-5', 1);
    expect(zaloTexts(app.zalo, 'rate-5')).toEqual([expect.stringContaining('gửi nhanh quá')]);
    expect(answering(app, 'rate-6')).toEqual([]);
  });

  it('/healthz lists the channels that are on', async () => {
    const health = (await (await fetch(`${app.base}/healthz`)).json()) as { channels: Record<string, unknown> };
    expect(Object.keys(health.channels)).toEqual(['botFramework', 'zalo', 'messenger', 'webchat']);
    expect(health.channels.zalo).toMatchObject({ webhook: '/api/zalo' });
  });
});
