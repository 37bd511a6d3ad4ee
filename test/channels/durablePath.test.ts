import { Redis } from 'ioredis';
import { runOutbox } from '../../bot/cli/outbox';
import { ChannelApp, startChannelApp, zaloTexts } from '../helpers/channelApp';
import { post, signedZalo, startFakeGraph, startFakeZalo, ZALO_SEND } from '../helpers/fakePlatforms';
import { waitFor } from '../helpers/http';
import { deleteKeysWithPrefix, describeWithRedis, randomPrefix, startRedisRelay, TEST_REDIS_URL } from '../helpers/redis';
import events from '../fixtures/channels/zalo-events.json';

function textEvent(text: string, userId: string, msgId: string) {
  return { ...events.user_send_text, sender: { id: userId }, message: { msg_id: msgId, text } };
}

function quoted(request: { body: Record<string, unknown> }): string | undefined {
  return (request.body.recipient as { message_id?: string }).message_id;
}

describeWithRedis('the durable path on Redis (BullMQ), two instances', () => {
  const prefix = randomPrefix();
  const env = { REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix, CHANNEL_QUEUE_LOCK_SECONDS: '2' };
  let zalo: Awaited<ReturnType<typeof startFakeZalo>>;
  let graph: Awaited<ReturnType<typeof startFakeGraph>>;
  let a: ChannelApp;
  let b: ChannelApp;
  const redis = new Redis(TEST_REDIS_URL);

  beforeAll(async () => {
    zalo = await startFakeZalo();
    graph = await startFakeGraph();
    a = await startChannelApp(env, { zalo, graph });
    b = await startChannelApp(env, { zalo, graph });
  });
  afterAll(async () => {
    await Promise.all([a.close(), b.close()]);
    await Promise.all([zalo.close(), graph.close()]);
    await deleteKeysWithPrefix(redis, prefix);
    await redis.quit();
  });

  it('an event delivered to one instance and redelivered to the other gets one reply', async () => {
    const event = textEvent('lam giay khai sinh can giay to gi', '4000000001', 'dup-1');
    const first = await post(`${a.base}/api/zalo`, signedZalo(event));
    const second = await post(`${b.base}/api/zalo`, signedZalo(event));
    expect([first.json.accepted, second.json.duplicates]).toEqual([1, 1]);
    await waitFor(() => zaloTexts(zalo, 'dup-1').join('\n').includes('Giấy chứng sinh'), 8000);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const texts = zaloTexts(zalo, 'dup-1');
    // One reply: the messages of one turn (however many the renderer makes of it), none of them twice.
    expect(texts.length).toBeGreaterThanOrEqual(1);
    expect(texts).toEqual([...new Set(texts)]);
    expect(texts.join('\n')).toContain('Giấy chứng sinh');
  });

  it('keeps the order per user across instances, through retries of the first send', async () => {
    const userId = '4000000002';
    zalo.script(ZALO_SEND, { status: 503 }, { status: 503 });
    const questions = ['thu tuc dang ky ket hon', 'lam giay khai sinh can giay to gi', 'le phi cap can cuoc', 'cam on'];
    for (const [n, question] of questions.entries()) {
      const instance = n % 2 === 0 ? a : b;
      expect((await post(`${instance.base}/api/zalo`, signedZalo(textEvent(question, userId, `order-${n}`)))).status).toBe(200);
    }
    await waitFor(() => zaloTexts(zalo, 'order-3').length > 0, 15_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const accepted = zalo
      .to(ZALO_SEND)
      .filter((request) => (request.answered.body as { error?: number } | null)?.error === 0)
      .map(quoted)
      .filter((id): id is string => Boolean(id?.startsWith('order-')));
    // Replies come grouped by the message they answer, in the order the messages were sent.
    const sequence = accepted.map((id) => Number(id.slice('order-'.length)));
    expect(sequence).toEqual([...sequence].sort((x, y) => x - y));
    expect(new Set(sequence)).toEqual(new Set([0, 1, 2, 3]));
    expect(zalo.to(ZALO_SEND).filter((request) => request.answered.status === 503).length).toBe(2);
  });

  it('a refused send becomes a dead letter that `npm run outbox -- list` shows and `retry ID` sends', async () => {
    zalo.script(ZALO_SEND, { body: { error: -201, message: 'Parameters are invalid' } });
    await post(`${a.base}/api/zalo`, signedZalo(textEvent('cam on', '4000000003', 'dead-1')));
    const lines: string[] = [];
    const runEnv = { REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix };
    await waitFor(async () => {
      lines.splice(0);
      await runOutbox(['list'], runEnv, (line) => lines.push(line));
      return lines.some((line) => line.includes('-201'));
    }, 8000);
    const letter = lines.find((line) => line.includes('-201')) as string;
    expect(letter).toMatch(/\tzalo\t…0003\t/);
    expect(letter).toContain('refused: Zalo error -201');
    const id = letter.split('\t')[0];
    const sentBefore = zaloTexts(zalo, 'dead-1').length;
    const output: string[] = [];
    expect(await runOutbox(['retry', id], runEnv, (line) => output.push(line))).toBe(0);
    expect(output).toEqual(['1 message queued again']);
    await waitFor(() => zaloTexts(zalo, 'dead-1').length > sentBefore, 8000);
    expect(zaloTexts(zalo, 'dead-1').length).toBe(sentBefore + 1);
    const after: string[] = [];
    await runOutbox(['list'], runEnv, (line) => after.push(line));
    expect(after.some((line) => line.startsWith(`${id}\t`))).toBe(false);
    expect(await runOutbox(['retry', 'j.nothing'], runEnv, () => undefined)).toBe(1);
  });

  it('a message held by the window is listed by `npm run outbox -- held`', async () => {
    zalo.script(ZALO_SEND, { body: { error: -230, message: 'User has not interacted with the OA in the past 7 days' } });
    await post(`${b.base}/api/zalo`, signedZalo(textEvent('cam on', '4000000004', 'held-1')));
    const lines: string[] = [];
    await waitFor(async () => {
      lines.splice(0);
      await runOutbox(['held'], { REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix }, (line) => lines.push(line));
      return lines.some((line) => line.includes('…0004'));
    }, 8000);
    expect(lines.find((line) => line.includes('…0004'))).toMatch(/^zalo\t…0004\t\d+ held$/);
  });
});

describeWithRedis('a Redis outage at the webhook', () => {
  const prefix = randomPrefix();
  const redis = new Redis(TEST_REDIS_URL);
  afterAll(async () => {
    await deleteKeysWithPrefix(redis, prefix);
    await redis.quit();
  });

  it('answers 503 within a second (the platform delivers again), then 200 and one reply once Redis is back', async () => {
    const relay = await startRedisRelay();
    const app = await startChannelApp({ REDIS_URL: relay.url, REDIS_PREFIX: prefix, CHANNEL_QUEUE_LOCK_SECONDS: '2' });
    try {
      const event = textEvent('lam giay khai sinh can giay to gi', '4100000001', 'outage-1');
      await relay.cut();
      const refused = await post(`${app.base}/api/zalo`, signedZalo(event));
      expect(refused.status).toBe(503);
      expect(refused.ms).toBeLessThan(1000);
      expect(app.logs.some((line) => line.msg === 'webhook: could not queue the event; the platform will deliver it again')).toBe(true);
      await relay.restore();
      let accepted = refused;
      await waitFor(async () => {
        accepted = await post(`${app.base}/api/zalo`, signedZalo(event));
        return accepted.status === 200;
      }, 10_000, 300);
      expect(accepted.json).toMatchObject({ accepted: 1 });
      await waitFor(() => zaloTexts(app.zalo, 'outage-1').some((text) => text.includes('Giấy chứng sinh')), 10_000);
      const again = await post(`${app.base}/api/zalo`, signedZalo(event));
      expect(again.json).toMatchObject({ duplicates: 1 });
    } finally {
      await app.close();
      await relay.close();
    }
  });
});
