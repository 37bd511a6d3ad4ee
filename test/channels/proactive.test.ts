import type { ConversationReference } from 'botbuilder';
import { MemoryChannelStore } from '../../bot/channels/delivery/channelStore';
import type { InboundEvent, OutboundMessage } from '../../bot/channels/delivery/deliveryTypes';
import { MemoryShardedQueue } from '../../bot/channels/delivery/memoryShardedQueue';
import { Outbox } from '../../bot/channels/delivery/outbox';
import { GraphApi } from '../../bot/channels/messenger/graphApi';
import { MessengerAdapter } from '../../bot/channels/messenger/messengerAdapter';
import { MessengerSender } from '../../bot/channels/messenger/messengerSender';
import { ZaloSender } from '../../bot/channels/zalo/zaloSender';
import { silentLogger } from '../../bot/logger';
import { turnOf } from '../../bot/turnRunner';
import { ChannelApp, graphTexts, startChannelApp, zaloTexts } from '../helpers/channelApp';
import { GRAPH_SEND, MESSENGER_ENV, post, signedZalo, startFakeGraph, ZALO_SEND } from '../helpers/fakePlatforms';
import { waitFor } from '../helpers/http';
import events from '../fixtures/channels/zalo-events.json';

const HOUR = 3600_000;

function reference(channelId: string, userId: string, activityId?: string): Partial<ConversationReference> {
  return { channelId, serviceUrl: `urn:${channelId}`, user: { id: userId, name: '' }, bot: { id: 'bot', name: '' }, conversation: { id: userId, isGroup: false, conversationType: 'personal', name: '' }, activityId };
}

describe('proactive messages through continueConversation (what dossier notifications use)', () => {
  let app: ChannelApp;
  beforeAll(async () => {
    app = await startChannelApp();
  });
  afterAll(() => app.close());
  const adapter = (name: string) => app.channels.find((channel) => channel.name === name)?.adapter as NonNullable<ChannelApp['channels'][number]['adapter']>;

  it('to a Zalo user who wrote recently: sent to the user id (nothing to quote); a repeated activityId sends nothing twice', async () => {
    const userId = '6000000001';
    await post(`${app.base}/api/zalo`, signedZalo({ ...events.user_send_text, sender: { id: userId }, message: { msg_id: 'pro-1', text: 'cam on' } }));
    await waitFor(() => zaloTexts(app.zalo, 'pro-1').length > 0, 5000);
    for (let n = 0; n < 2; n++) {
      await adapter('zalo').continueConversation(reference('zalo', userId, 'status.000.17.22.H56-210531-0001.9'), async (context) => {
        turnOf(context).reply.say('Hồ sơ của bạn đã có kết quả.');
      });
    }
    await waitFor(() => zaloTexts(app.zalo, userId).length > 0, 5000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(zaloTexts(app.zalo, userId)).toEqual(['Hồ sơ của bạn đã có kết quả.']);
  });

  it('to a user the bot has not heard from: held, then delivered first when they write', async () => {
    const userId = '6000000002';
    await adapter('zalo').continueConversation(reference('zalo', userId), async (context) => {
      turnOf(context).reply.say('Hồ sơ của bạn cần bổ sung giấy tờ.');
    });
    await waitFor(() => app.logs.some((line) => line.msg === 'outbox: not sent now (platform window); held until the user writes again' && line.kind === 'proactive'), 5000);
    expect(app.zalo.to(ZALO_SEND).filter((request) => JSON.stringify(request.body).includes(userId))).toEqual([]);
    await post(`${app.base}/api/zalo`, signedZalo({ ...events.user_send_text, sender: { id: userId }, message: { msg_id: 'pro-2', text: 'xin chao' } }));
    await waitFor(() => zaloTexts(app.zalo, 'pro-2').length >= 2, 5000);
    expect(zaloTexts(app.zalo, 'pro-2')[0]).toBe('Hồ sơ của bạn cần bổ sung giấy tờ.');
  });

  it('runtime.proactive (what issue 11 calls) goes through the Zalo adapter and its outbox', async () => {
    const userId = '6000000005';
    await post(`${app.base}/api/zalo`, signedZalo({ ...events.user_send_text, sender: { id: userId }, message: { msg_id: 'pro-5', text: 'cam on' } }));
    await waitFor(() => zaloTexts(app.zalo, 'pro-5').length > 0, 5000);
    await app.runtime.proactive(reference('zalo', userId, 'status.x.9'), (turn) => {
      turn.reply.say('Hồ sơ đã xử lý xong.');
    });
    await waitFor(() => zaloTexts(app.zalo, userId).includes('Hồ sơ đã xử lý xong.'), 5000);
    expect(zaloTexts(app.zalo, userId)).toContain('Hồ sơ đã xử lý xong.');
  });

  it('on Messenger: an UPDATE within 24 h of the person\'s last message', async () => {
    const psid = '6000000003';
    const messenger = app.channels.find((channel) => channel.name === 'messenger');
    await messenger?.adapter.handle({ channel: 'facebook', id: 'm_pro_3', kind: 'text', userId: psid, botId: 'page', text: 'cam on', timestamp: Date.now(), raw: {} });
    await waitFor(() => graphTexts(app.graph, psid).length > 0, 5000);
    await adapter('messenger').continueConversation(reference('facebook', psid), async (context) => {
      turnOf(context).reply.say('Hồ sơ của bạn đã có kết quả.');
    });
    await waitFor(() => graphTexts(app.graph, psid).includes('Hồ sơ của bạn đã có kết quả.'), 5000);
    const update = app.graph.to(GRAPH_SEND).find((request) => JSON.stringify(request.body).includes('đã có kết quả') && (request.body.recipient as { id: string }).id === psid);
    expect(update?.body.messaging_type).toBe('UPDATE');
  });
});

describe('platform windows', () => {
  const message: OutboundMessage = { channel: 'zalo', userId: 'u', kind: 'proactive', message: { text: 'x' }, createdAt: 0, holds: 0 };
  const now = 1_800_000_000_000;

  it('Zalo: free within 48 h, allowed (charged) up to 7 days, refused after, and refused with no known interaction', () => {
    const zalo = new ZaloSender({} as never, {} as never, silentLogger());
    expect(zalo.mayDeliver(message, now - 47 * HOUR, now)).toEqual({ ok: true });
    expect(zalo.mayDeliver(message, now - 72 * HOUR, now)).toEqual({ ok: true, note: expect.stringContaining('may charge') });
    expect(zalo.mayDeliver(message, now - 7 * 24 * HOUR - 1, now)).toMatchObject({ ok: false });
    expect(zalo.mayDeliver(message, null, now)).toMatchObject({ ok: false });
  });

  it('Messenger: within 24 h only', () => {
    const messenger = new MessengerSender({} as never);
    expect(messenger.mayDeliver(message, now - 23 * HOUR, now)).toEqual({ ok: true });
    expect(messenger.mayDeliver(message, now - 25 * HOUR, now)).toMatchObject({ ok: false, reason: expect.stringContaining('24 h') });
  });
});

describe('Messenger typing indicator', () => {
  it('a turn longer than a moment shows "typing" first, in a request of its own', async () => {
    const graph = await startFakeGraph();
    const logger = silentLogger();
    const store = new MemoryChannelStore();
    const options = { shards: 2, attempts: 1, backoffMs: 10, lockMs: 1000 };
    const inbound = new MemoryShardedQueue<InboundEvent>('facebook-in', options, logger);
    const outbound = new MemoryShardedQueue<OutboundMessage>('facebook-out', options, logger);
    const api = new GraphApi({ apiBase: graph.url, apiVersion: 'v25.0', pageToken: MESSENGER_ENV.MESSENGER_PAGE_TOKEN, appSecret: MESSENGER_ENV.MESSENGER_APP_SECRET });
    const outbox = new Outbox({ queue: outbound, store, sender: new MessengerSender(api), logger });
    const slow = async (context: { sendActivity(text: string): Promise<unknown> }) => {
      await new Promise((resolve) => setTimeout(resolve, 1200));
      await context.sendActivity('Xong');
    };
    const adapter = new MessengerAdapter({ inbound, outbox, logic: slow as never, say: async () => undefined, logger }, api);
    try {
      await adapter.start();
      await adapter.handle({ channel: 'facebook', id: 'm_slow', kind: 'text', userId: '6000000004', botId: 'page', text: 'x', timestamp: Date.now(), raw: {} });
      await waitFor(() => graph.to(GRAPH_SEND).length >= 2, 5000);
      const [typing, reply] = graph.to(GRAPH_SEND).map((request) => request.body);
      expect(typing).toEqual({ recipient: { id: '6000000004' }, sender_action: 'typing_on' });
      expect(reply).toMatchObject({ messaging_type: 'RESPONSE', message: { text: 'Xong' } });
    } finally {
      await inbound.close();
      await outbound.close();
      await graph.close();
    }
  });
});
