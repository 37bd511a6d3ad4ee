import { Redis } from 'ioredis';
import { RedisChannelStore } from '../../bot/channels/delivery/channelStore';
import type { OutboundMessage } from '../../bot/channels/delivery/deliveryTypes';
import { ZaloApi } from '../../bot/channels/zalo/zaloApi';
import { ZaloSender } from '../../bot/channels/zalo/zaloSender';
import { ZaloTokens } from '../../bot/channels/zalo/zaloTokens';
import { silentLogger } from '../../bot/logger';
import { startFakeZalo, ZALO_ENV, ZALO_SEND, ZALO_TOKEN } from '../helpers/fakePlatforms';
import { deleteKeysWithPrefix, describeWithRedis, randomPrefix, TEST_REDIS_URL } from '../helpers/redis';

/** One bot instance's token and send parts, on its own Redis connection. */
function instance(client: Redis, prefix: string, base: string) {
  const store = new RedisChannelStore(client, prefix);
  const api = new ZaloApi({ apiBase: base, oauthBase: base, appId: ZALO_ENV.ZALO_APP_ID, appSecret: ZALO_ENV.ZALO_APP_SECRET });
  const tokens = new ZaloTokens({ store, api, initial: { accessToken: 'access-0', refreshToken: 'refresh-0' }, logger: silentLogger() });
  return { store, tokens, sender: new ZaloSender(api, tokens, silentLogger()) };
}

function message(userId: string): OutboundMessage {
  return { channel: 'zalo', userId, kind: 'reply', replyTo: `msg-${userId}`, message: { text: 'Xin chào' }, createdAt: Date.now(), holds: 0 };
}

describeWithRedis('Zalo tokens across instances (Redis)', () => {
  const prefix = randomPrefix();
  const clients = [new Redis(TEST_REDIS_URL), new Redis(TEST_REDIS_URL)];
  afterAll(async () => {
    await deleteKeysWithPrefix(clients[0], prefix);
    await Promise.all(clients.map((client) => client.quit()));
  });

  it('two instances that both get -216 at once refresh once, store the new pair for all, and both send with it', async () => {
    // Zalo already considers access-0 expired: every send with it answers -216.
    const zalo = await startFakeZalo('expired');
    try {
      const [a, b] = clients.map((client) => instance(client, prefix, zalo.url));
      const results = await Promise.all([a.sender.send(message('1001')), b.sender.send(message('1002')), a.sender.send(message('1003'))]);
      expect(results.every((result) => result.details?.quotaType === 'reply')).toBe(true);
      const refreshes = zalo.to(ZALO_TOKEN);
      expect(refreshes.length).toBe(1);
      expect(refreshes[0].body).toMatchObject({ refresh_token: 'refresh-0', grant_type: 'refresh_token', app_id: ZALO_ENV.ZALO_APP_ID });
      const accepted = zalo.to(ZALO_SEND).filter((request) => (request.answered.body as { error: number }).error === 0);
      expect(accepted.map((request) => request.headers.access_token)).toEqual(['access-1', 'access-1', 'access-1']);
      expect(await a.store.getHash('zalo:token')).toMatchObject({ access: 'access-1', refresh: 'refresh-1' });
      // A third instance started later uses the stored pair, not the environment's spent one.
      const c = instance(clients[1], prefix, zalo.url);
      expect(await c.tokens.accessToken()).toBe('access-1');
    } finally {
      await zalo.close();
    }
  });

  it('a second -216 after the refresh is not retried again (a dead letter, not a loop)', async () => {
    const zalo = await startFakeZalo('access-1');
    try {
      zalo.script(ZALO_SEND, { body: { error: -216 } }, { body: { error: -216 } });
      const a = instance(clients[0], `${prefix}second:`, zalo.url);
      await expect(a.sender.send(message('2001'))).rejects.toMatchObject({ kind: 'fail', code: -216 });
      expect(zalo.to(ZALO_TOKEN).length).toBe(1);
      expect(zalo.to(ZALO_SEND).length).toBe(2);
    } finally {
      await zalo.close();
    }
  });
});
