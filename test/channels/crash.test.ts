import { Redis } from 'ioredis';
import { BotProcess, startBotProcess } from '../helpers/botProcess';
import { post, signedZalo, startFakeZalo, ZALO_ENV, ZALO_SEND } from '../helpers/fakePlatforms';
import { waitFor } from '../helpers/http';
import { scrape, total } from '../helpers/metrics';
import { FROZEN_KB } from '../helpers/paths';
import { deleteKeysWithPrefix, describeWithRedis, randomPrefix, TEST_REDIS_URL } from '../helpers/redis';
import events from '../fixtures/channels/zalo-events.json';

jest.setTimeout(90_000);

type FakeZalo = Awaited<ReturnType<typeof startFakeZalo>>;

/** Messages Zalo accepted that answer `msgId`, counted per text: exactly once each means nothing was lost or doubled. */
function acceptedTexts(zalo: FakeZalo, msgId: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const request of zalo.to(ZALO_SEND)) {
    if ((request.answered.body as { error?: number } | null)?.error !== 0) continue;
    if ((request.body.recipient as { message_id?: string }).message_id !== msgId) continue;
    const text = String((request.body.message as { text?: string }).text);
    counts.set(text, (counts.get(text) ?? 0) + 1);
  }
  return counts;
}

/**
 * The running bot's queues (webhooks in, sends out) hold no job that could still send (waiting, active, delayed):
 * a message sent twice would have to come from one of them, so once they are empty the counts are final.
 */
async function queuesIdle(bot: BotProcess): Promise<boolean> {
  const { status, samples } = await scrape(bot.base).catch(() => ({ status: 0, samples: [] }));
  if (status !== 200 || total(samples, 'ttb_queue_depths_read') !== 1) return false;
  return ['waiting', 'active', 'delayed'].every((state) => total(samples, 'ttb_queue_jobs', { state }) === 0);
}

describeWithRedis('a crash between the webhook answer and the send (SIGKILL)', () => {
  const prefix = randomPrefix();
  const redis = new Redis(TEST_REDIS_URL);
  let zalo: FakeZalo;
  const running: BotProcess[] = [];
  const env = () => ({
    KB_DIR: FROZEN_KB,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: prefix,
    ...ZALO_ENV,
    ZALO_API_BASE: zalo.url,
    ZALO_OAUTH_BASE: zalo.url,
    CHANNEL_QUEUE_LOCK_SECONDS: '1',
    CHANNEL_SEND_FIRST_RETRY_MS: '300',
  });
  async function start(extra: Record<string, string> = {}): Promise<BotProcess> {
    const bot = await startBotProcess({ ...env(), ...extra });
    running.push(bot);
    return bot;
  }

  beforeAll(async () => {
    zalo = await startFakeZalo();
  });
  afterAll(async () => {
    await Promise.all(running.map((bot) => bot.stop()));
    await zalo.close();
    await deleteKeysWithPrefix(redis, prefix);
    await redis.quit();
  });

  it('killed while the reply is being sent (Zalo failing): after a restart the reply goes out exactly once', async () => {
    const first = await start();
    zalo.override(ZALO_SEND, { status: 503 });
    const event = { ...events.user_send_text, sender: { id: '5000000001' }, message: { msg_id: 'crash-send', text: 'lam giay khai sinh can giay to gi' } };
    const answer = await post(`${first.base}/api/zalo`, signedZalo(event));
    expect(answer.status).toBe(200);
    // The turn ran and its reply is in the outbox, retrying: nothing has reached the user yet.
    expect(await waitFor(() => zalo.to(ZALO_SEND).length > 0, 15_000)).toBe(true);
    await first.kill();
    expect(acceptedTexts(zalo, 'crash-send').size).toBe(0);
    zalo.override(ZALO_SEND, null);
    const second = await start();
    await waitFor(() => [...acceptedTexts(zalo, 'crash-send').keys()].some((text) => text.includes('Giấy chứng sinh')), 30_000);
    expect(await waitFor(() => queuesIdle(second), 15_000, 100)).toBe(true);
    const sent = acceptedTexts(zalo, 'crash-send');
    expect([...sent.keys()].join('\n')).toContain('Giấy chứng sinh');
    expect([...sent.values()].every((count) => count === 1)).toBe(true);
  });

  it('killed after the 200, before its turn ran (a process that only answers webhooks): the next process answers exactly once', async () => {
    await Promise.all(running.splice(0).map((bot) => bot.stop()));
    const webhookOnly = await start({ CHANNEL_WORKERS: 'false' });
    const event = { ...events.user_send_text, sender: { id: '5000000002' }, message: { msg_id: 'crash-turn', text: 'lam giay khai sinh can giay to gi' } };
    expect((await post(`${webhookOnly.base}/api/zalo`, signedZalo(event))).status).toBe(200);
    await webhookOnly.kill();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(acceptedTexts(zalo, 'crash-turn').size).toBe(0);
    const next = await start();
    await waitFor(() => [...acceptedTexts(zalo, 'crash-turn').keys()].some((text) => text.includes('Giấy chứng sinh')), 30_000);
    expect(await waitFor(() => queuesIdle(next), 15_000, 100)).toBe(true);
    const sent = acceptedTexts(zalo, 'crash-turn');
    expect([...sent.keys()].join('\n')).toContain('Giấy chứng sinh');
    expect([...sent.values()].every((count) => count === 1)).toBe(true);
  });
});
