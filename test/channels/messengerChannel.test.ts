import { ChannelApp, graphTexts, startChannelApp } from '../helpers/channelApp';
import { GRAPH_SEND, MESSENGER_ENV, post, signedMessenger } from '../helpers/fakePlatforms';
import { waitFor } from '../helpers/http';
import events from '../fixtures/channels/messenger-events.json';

const PAGE = '1029384756102938';
let counter = 0;

/** A body with one event from `psid` (a fresh mid each time). */
function messaging(psid: string, event: Record<string, unknown>) {
  return { object: 'page', entry: [{ id: PAGE, time: Date.now(), messaging: [{ sender: { id: psid }, recipient: { id: PAGE }, timestamp: Date.now(), ...event }] }] };
}

function text(psid: string, words: string) {
  return messaging(psid, { message: { mid: `m_test_${++counter}`, text: words } });
}

function sentTo(app: ChannelApp, psid: string) {
  return app.graph.to(GRAPH_SEND).filter((request) => (request.body.recipient as { id?: string }).id === psid);
}

async function settle(app: ChannelApp, psid: string, count: number): Promise<void> {
  await waitFor(() => graphTexts(app.graph, psid).length >= count, 8000);
  await new Promise((resolve) => setTimeout(resolve, 150));
}

type QuickReply = { content_type: string; title: string; payload: string };

describe('Messenger channel (in-process queues)', () => {
  let app: ChannelApp;
  beforeAll(async () => {
    app = await startChannelApp();
  });
  afterAll(() => app.close());

  it('GET /api/messenger answers the subscription check with the challenge, and 403 to a wrong token', async () => {
    const query = (token: string) => `hub.mode=subscribe&hub.verify_token=${encodeURIComponent(token)}&hub.challenge=1158201444`;
    const right = await fetch(`${app.base}/api/messenger?${query(MESSENGER_ENV.MESSENGER_VERIFY_TOKEN)}`);
    expect(right.status).toBe(200);
    expect(await right.text()).toBe('1158201444');
    const wrong = await fetch(`${app.base}/api/messenger?${query('guess')}`);
    expect(wrong.status).toBe(403);
    const none = await fetch(`${app.base}/api/messenger`);
    expect(none.status).toBe(403);
  });

  it('a signed text message is answered 200 at once; the reply is a RESPONSE naming the documents', async () => {
    const answer = await post(`${app.base}/api/messenger`, signedMessenger(events.text));
    expect(answer.status).toBe(200);
    expect(answer.ms).toBeLessThan(1000);
    const psid = '6789012345678901';
    await settle(app, psid, 2);
    const requests = sentTo(app, psid);
    expect(requests.every((request) => request.body.messaging_type === 'RESPONSE')).toBe(true);
    expect(requests.every((request) => request.query.get('access_token') === MESSENGER_ENV.MESSENGER_PAGE_TOKEN && request.query.get('appsecret_proof'))).toBe(true);
    const reply = graphTexts(app.graph, psid).join('\n');
    expect(reply).toContain('Tờ khai đăng ký khai sinh');
    expect(reply).toContain('Giấy chứng sinh');
  });

  it('buttons become quick replies within the limits; a quick-reply tap is understood', async () => {
    const psid = '3000000000000001';
    await post(`${app.base}/api/messenger`, signedMessenger(text(psid, 'lam giay khai sinh can giay to gi')));
    await settle(app, psid, 2);
    const withReplies = sentTo(app, psid).map((request) => request.body.message as { quick_replies?: QuickReply[] }).filter((message) => message.quick_replies);
    expect(withReplies.length).toBe(1);
    const replies = withReplies[0].quick_replies as QuickReply[];
    expect(replies.length).toBeLessThanOrEqual(13);
    expect(replies.every((reply) => reply.content_type === 'text' && reply.title.length <= 20 && reply.payload.length <= 1000)).toBe(true);
    const overview = replies.find((reply) => reply.title.includes('Tổng quan')) as QuickReply;
    const before = graphTexts(app.graph, psid).length;
    await post(`${app.base}/api/messenger`, signedMessenger(messaging(psid, { message: { mid: 'm_tap_1', text: overview.title, quick_reply: { payload: overview.payload } } })));
    await settle(app, psid, before + 1);
    const reply = graphTexts(app.graph, psid).slice(before).join('\n');
    expect(reply).toContain('Đăng ký khai sinh');
    expect(reply).toMatch(/lệ phí/i);
  });

  it('a postback is understood (a menu title, a persistent-menu token); Get Started greets', async () => {
    const psid = '3000000000000002';
    await post(`${app.base}/api/messenger`, signedMessenger(messaging(psid, { postback: { mid: 'm_pb_1', title: 'Nộp trực tuyến', payload: 'Nộp trực tuyến' } })));
    await settle(app, psid, 1);
    expect(graphTexts(app.graph, psid).join('\n')).toMatch(/trực tuyến/i);
    const officer = '3000000000000010';
    await post(`${app.base}/api/messenger`, signedMessenger(messaging(officer, { postback: { mid: 'm_pm_1', title: 'Gặp cán bộ', payload: '~m.officer' } })));
    await settle(app, officer, 1);
    expect(graphTexts(app.graph, officer).join('\n')).toMatch(/cán bộ/i);
    const greeted = '3000000000000003';
    await post(`${app.base}/api/messenger`, signedMessenger(messaging(greeted, { postback: { mid: 'm_gs_1', title: 'Get Started', payload: 'GET_STARTED' } })));
    await settle(app, greeted, 1);
    expect(graphTexts(app.graph, greeted).join('\n')).toContain('Xin chào');
  });

  it('a sticker gets the polite "text only" answer; echoes, deliveries and reads send nothing', async () => {
    const psid = '3000000000000004';
    const sticker = messaging(psid, { message: { mid: 'm_st_1', sticker_id: 369239263222822, attachments: [{ type: 'sticker', payload: { url: 'https://scontent.example/s.png' } }] } });
    await post(`${app.base}/api/messenger`, signedMessenger(sticker));
    await settle(app, psid, 1);
    expect(graphTexts(app.graph, psid)).toEqual([expect.stringContaining('chỉ đọc được tin nhắn chữ')]);
    const before = app.graph.to(GRAPH_SEND).length;
    for (const body of [events.echo, events.delivery, events.read]) {
      const answer = await post(`${app.base}/api/messenger`, signedMessenger(body));
      expect([answer.status, answer.json.accepted]).toEqual([200, 0]);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(app.graph.to(GRAPH_SEND).length).toBe(before);
  });

  it('every event of a batch is answered, each to its own sender', async () => {
    const answer = await post(`${app.base}/api/messenger`, signedMessenger(events.batch));
    expect(answer.json).toMatchObject({ accepted: 2 });
    await settle(app, '7789012345678902', 1);
    expect(graphTexts(app.graph, '7789012345678902').length).toBeGreaterThanOrEqual(1);
  });

  it('a missing or wrong signature is refused with 401; malformed bodies with 400', async () => {
    const body = text('3000000000000005', 'xin chao');
    const unsigned = await post(`${app.base}/api/messenger`, { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    const wrong = await post(`${app.base}/api/messenger`, signedMessenger(body, 'not-the-secret'));
    expect([unsigned.status, wrong.status]).toEqual([401, 401]);
    const notJson = await post(`${app.base}/api/messenger`, { body: '{"object":', headers: { 'content-type': 'application/json' } });
    const noEntry = await post(`${app.base}/api/messenger`, signedMessenger({ object: 'page' }));
    expect([notJson.status, noEntry.status]).toEqual([400, 400]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sentTo(app, '3000000000000005')).toEqual([]);
  });

  it('a redelivered event gets one reply', async () => {
    const psid = '3000000000000006';
    const body = text(psid, 'cam on');
    await post(`${app.base}/api/messenger`, signedMessenger(body));
    await settle(app, psid, 1);
    const once = sentTo(app, psid).length;
    const again = await post(`${app.base}/api/messenger`, signedMessenger(body));
    expect(again.json).toMatchObject({ accepted: 0, duplicates: 1 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sentTo(app, psid).length).toBe(once);
  });

  it('retries on 5xx and on code 2 (temporary), then sends once', async () => {
    const psid = '3000000000000007';
    app.graph.script(GRAPH_SEND, { status: 500, body: { error: { message: 'Internal', code: 1 } } }, { status: 400, body: { error: { message: 'Temporary', code: 2 } } });
    await post(`${app.base}/api/messenger`, signedMessenger(text(psid, 'cam on')));
    await settle(app, psid, 1);
    const statuses = sentTo(app, psid).map((request) => request.answered.status);
    expect(statuses.slice(0, 3)).toEqual([500, 400, 200]);
    expect(statuses.slice(3).every((status) => status === 200)).toBe(true);
  });

  it('does not retry outside the 24 h window (10/2018278): held, and delivered before the reply to the next message', async () => {
    const psid = '3000000000000008';
    app.graph.script(GRAPH_SEND, { status: 400, body: { error: { message: 'outside of allowed window', code: 10, error_subcode: 2018278 } } });
    await post(`${app.base}/api/messenger`, signedMessenger(text(psid, 'dang ky ket hon can gi')));
    await waitFor(() => app.logs.some((line) => line.msg === 'outbox: not sent now (platform window); held until the user writes again' && line.channel === 'facebook'), 5000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sentTo(app, psid).length).toBe(1);
    await post(`${app.base}/api/messenger`, signedMessenger(text(psid, 'lam giay khai sinh can giay to gi')));
    await settle(app, psid, 3);
    const texts = graphTexts(app.graph, psid).join('\n');
    expect(texts.search(/kết hôn/i)).toBeGreaterThanOrEqual(0);
    expect(texts.search(/kết hôn/i)).toBeLessThan(texts.indexOf('Giấy chứng sinh'));
  });

  it('does not retry a refused message (code 100): it becomes a dead letter', async () => {
    const psid = '3000000000000009';
    app.graph.script(GRAPH_SEND, { status: 400, body: { error: { message: 'Invalid parameter', code: 100 } } });
    await post(`${app.base}/api/messenger`, signedMessenger(text(psid, 'xin chao')));
    const messenger = app.channels.find((channel) => channel.name === 'messenger');
    await waitFor(async () => ((await messenger?.delivery.outbound.deadLetters()) ?? []).length > 0, 5000);
    const [letter] = (await messenger?.delivery.outbound.deadLetters()) ?? [];
    expect(letter.reason).toContain('code 100');
    expect(letter.data.userId).toBe(psid);
  });
});
