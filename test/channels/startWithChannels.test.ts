import { readConfig } from '../../bot/config';
import { startBotProcess } from '../helpers/botProcess';
import { graphTexts, zaloTexts } from '../helpers/channelApp';
import { MESSENGER_ENV, post, signedMessenger, signedZalo, startFakeGraph, startFakeZalo, ZALO_ENV } from '../helpers/fakePlatforms';
import { waitFor } from '../helpers/http';
import { FROZEN_KB } from '../helpers/paths';
import { cleanEnv, runScript } from '../helpers/processes';
import zaloEvents from '../fixtures/channels/zalo-events.json';
import messengerEvents from '../fixtures/channels/messenger-events.json';

jest.setTimeout(60_000);

describe('npm start with ZALO_* and MESSENGER_* set, the API bases on a local recorder', () => {
  it('"lam giay khai sinh can giay to gi" on either platform gets a reply naming the birth registration documents', async () => {
    const zalo = await startFakeZalo();
    const graph = await startFakeGraph();
    const bot = await startBotProcess({ KB_DIR: FROZEN_KB, ...ZALO_ENV, ZALO_API_BASE: zalo.url, ZALO_OAUTH_BASE: zalo.url, ...MESSENGER_ENV, MESSENGER_API_BASE: graph.url });
    try {
      const health = (await (await fetch(`${bot.base}/healthz`)).json()) as { channels: Record<string, unknown> };
      expect(Object.keys(health.channels)).toEqual(['botFramework', 'zalo', 'messenger', 'webchat']);
    expect(health.channels.zalo).toMatchObject({ webhook: '/api/zalo' });
      expect((await post(`${bot.base}/api/zalo`, signedZalo(zaloEvents.user_send_text))).status).toBe(200);
      expect((await post(`${bot.base}/api/messenger`, signedMessenger(messengerEvents.text))).status).toBe(200);
      await waitFor(() => zaloTexts(zalo).some((text) => text.includes('Giấy chứng sinh')) && graphTexts(graph).some((text) => text.includes('Giấy chứng sinh')), 15_000);
      for (const texts of [zaloTexts(zalo, zaloEvents.user_send_text.message.msg_id), graphTexts(graph, '6789012345678901')]) {
        const reply = texts.join('\n');
        expect(reply).toContain('Đăng ký khai sinh');
        expect(reply).toContain('Tờ khai đăng ký khai sinh');
        expect(reply).toContain('Giấy chứng sinh');
      }
    } finally {
      await bot.stop();
      await Promise.all([zalo.close(), graph.close()]);
    }
  });

  it('half a set of variables stops the start with one line naming what is missing', () => {
    const result = runScript('bot/index.ts', [], '', cleanEnv({ ZALO_APP_ID: '123', ZALO_ACCESS_TOKEN: 'a' }));
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(
      'Configuration error: ZALO_APP_SECRET: Zalo is half configured: ZALO_APP_ID, ZALO_ACCESS_TOKEN set, but ZALO_APP_SECRET, ZALO_OA_SECRET_KEY, ZALO_REFRESH_TOKEN missing (set all of them, or none to leave Zalo off)',
    );
  });
});

describe('channel configuration', () => {
  it('leaves a channel off when none of its variables is set, and reads defaults when all are', () => {
    expect(readConfig({}).zalo).toBeUndefined();
    expect(readConfig({}).messenger).toBeUndefined();
    expect(readConfig({ ...ZALO_ENV }).zalo).toMatchObject({ apiBase: 'https://openapi.zalo.me', oauthBase: 'https://oauth.zaloapp.com', appId: ZALO_ENV.ZALO_APP_ID });
    expect(readConfig({ ...MESSENGER_ENV }).messenger).toMatchObject({ apiBase: 'https://graph.facebook.com', apiVersion: 'v25.0' });
    expect(readConfig({}).channelQueues).toEqual({ shards: 4, lockSeconds: 15, ratePerMinute: 20, workers: true, sendAttempts: 7, firstRetryMs: 1000, sendTimeoutMs: 10_000 });
  });

  it('names what is missing from half a Messenger set, and refuses a bad version or URL', () => {
    expect(() => readConfig({ MESSENGER_PAGE_TOKEN: 't' })).toThrow('MESSENGER_APP_SECRET: Messenger is half configured: MESSENGER_PAGE_TOKEN set, but MESSENGER_APP_SECRET, MESSENGER_VERIFY_TOKEN missing');
    expect(() => readConfig({ ...MESSENGER_ENV, MESSENGER_API_VERSION: '25' })).toThrow('MESSENGER_API_VERSION: "25" is not a Graph API version such as v25.0');
    expect(() => readConfig({ ...ZALO_ENV, ZALO_API_BASE: 'ftp://x' })).toThrow('ZALO_API_BASE: "ftp:" is not http: or https:');
    expect(() => readConfig({ CHANNEL_QUEUE_SHARDS: '0' })).toThrow('CHANNEL_QUEUE_SHARDS: 0 is outside 1..64');
  });
});
