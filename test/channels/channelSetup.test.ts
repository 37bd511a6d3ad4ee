import { runChannelSetup } from '../../bot/cli/channelSetup';
import { MESSENGER_ENV, startFakeGraph, startFakeZalo, ZALO_ENV, ZALO_TOKEN } from '../helpers/fakePlatforms';

describe('npm run channel:setup', () => {
  it('zalo-token exchanges the consent code for the first pair and prints the two lines to set', async () => {
    const zalo = await startFakeZalo();
    try {
      const lines: string[] = [];
      const env = { ZALO_APP_ID: ZALO_ENV.ZALO_APP_ID, ZALO_APP_SECRET: ZALO_ENV.ZALO_APP_SECRET, ZALO_OAUTH_BASE: zalo.url };
      expect(await runChannelSetup(['zalo-token', 'good-code', 'verifier-1'], env, (line) => lines.push(line))).toBe(0);
      expect(lines.slice(0, 2)).toEqual(['ZALO_ACCESS_TOKEN=first-access', 'ZALO_REFRESH_TOKEN=first-refresh']);
      const [request] = zalo.to(ZALO_TOKEN);
      expect(request.headers.secret_key).toBe(ZALO_ENV.ZALO_APP_SECRET);
      expect(request.body).toEqual({ code: 'good-code', app_id: ZALO_ENV.ZALO_APP_ID, grant_type: 'authorization_code', code_verifier: 'verifier-1' });
      await expect(runChannelSetup(['zalo-token', 'stale-code'], env, () => undefined)).rejects.toThrow('Invalid authorization code');
      expect(await runChannelSetup(['zalo-token', 'good-code'], {}, () => undefined)).toBe(1);
    } finally {
      await zalo.close();
    }
  });

  it('messenger-profile sets the Get Started button, the greeting and a persistent menu of the main menu\'s items', async () => {
    const graph = await startFakeGraph();
    try {
      const lines: string[] = [];
      expect(await runChannelSetup(['messenger-profile'], { ...MESSENGER_ENV, MESSENGER_API_BASE: graph.url }, (line) => lines.push(line))).toBe(0);
      const [request] = graph.to('/v25.0/me/messenger_profile');
      expect(request.body.get_started).toEqual({ payload: 'GET_STARTED' });
      const greetings = request.body.greeting as { locale: string; text: string }[];
      expect(greetings.map((greeting) => greeting.locale)).toEqual(['default', 'en_US']);
      expect(greetings.every((greeting) => greeting.text.length <= 160)).toBe(true);
      expect(greetings[0].text).toContain('Xin chào');
      const [menu] = request.body.persistent_menu as { locale: string; call_to_actions: { title: string; payload: string }[] }[];
      expect(menu.call_to_actions.map((item) => item.payload)).toEqual(['~m.ask', '~m.status', '~m.online', '~m.officer', '~m.privacy']);
      expect(menu.call_to_actions[3].title).toBe('Gặp cán bộ');
    } finally {
      await graph.close();
    }
  });

  it('prints the usage for anything else', async () => {
    const lines: string[] = [];
    expect(await runChannelSetup([], {}, (line) => lines.push(line))).toBe(2);
    expect(lines.join('\n')).toContain('zalo-token CODE');
  });
});
