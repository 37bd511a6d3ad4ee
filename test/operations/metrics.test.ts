import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { ConfigError, readConfig } from '../../bot/config';
import { BotMetrics, BoundedValues } from '../../bot/metrics';
import { isInternalAddress } from '../../bot/metricsRoute';
import { refusalReason, refusedBecause, restifyRefusal, snakeCase } from '../../bot/refusal';
import { ChannelApp, startChannelApp, zaloTexts } from '../helpers/channelApp';
import { post, signedZalo, ZALO_SEND } from '../helpers/fakePlatforms';
import { startCaptureServer, waitFor } from '../helpers/http';
import { scrape, total, matching } from '../helpers/metrics';
import { describeWithRedisServer, startOwnRedis, type OwnRedis } from '../helpers/ownRedis';
import { FROZEN_KB } from '../helpers/paths';
import { randomPrefix } from '../helpers/redis';
import { startApp, type RunningApp } from '../server/appHarness';
import events from '../fixtures/channels/zalo-events.json';

let n = 0;
function zaloText(text: string, userId = `55500${String(++n).padStart(5, '0')}`) {
  const id = `metrics-${Date.now().toString(16)}-${++n}`;
  return { id, event: { ...events.user_send_text, sender: { id: userId }, message: { msg_id: id, text } } };
}

function emulatorMessage(serviceUrl: string, conversation: string, text: string) {
  return { type: 'message', id: `bf-${++n}`, channelId: 'emulator', serviceUrl, from: { id: `citizen-${conversation}` }, recipient: { id: 'bot' }, conversation: { id: conversation }, text, locale: 'vi-VN' };
}

async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<number> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  await response.arrayBuffer();
  return response.status;
}

describe('GET /metrics (#14)', () => {
  let app: ChannelApp;
  let connector: Awaited<ReturnType<typeof startCaptureServer>>;
  beforeAll(async () => {
    connector = await startCaptureServer();
    app = await startChannelApp();
  });
  afterAll(async () => {
    await app.close();
    await connector.close();
  });

  it('counts turns by channel and intent, latency, unanswered and "did you mean" questions, 👍 per entry, and Zalo sends', async () => {
    const say = async (text: string) => expect(await postJson(`${app.base}/api/messages`, emulatorMessage(connector.url, 'metrics-1', text))).toBe(200);
    await say('đăng ký khai sinh ở đâu');
    await say('👍 Hữu ích');
    await say('xyz qwerty blah');
    await say('lệ phí khai sinh');
    const zalo = zaloText('lam giay khai sinh can giay to gi');
    expect((await post(`${app.base}/api/zalo`, signedZalo(zalo.event))).status).toBe(200);
    await waitFor(() => zaloTexts(app.zalo, zalo.id).join('\n').includes('Giấy chứng sinh'), 8000);
    await waitFor(async () => total((await scrape(app.base)).samples, 'ttb_outbound_messages_total', { channel: 'zalo' }) >= app.zalo.to(ZALO_SEND).length, 3000);

    const { status, samples, text, contentType } = await scrape(app.base);
    expect(status).toBe(200);
    expect(contentType).toContain('text/plain; version=0.0.4');
    const emulator = { channel: 'emulator', type: 'message' };
    expect(total(samples, 'ttb_turns_total', emulator)).toBe(4);
    expect(total(samples, 'ttb_turns_total', { ...emulator, intent: 'entry', outcome: 'answered' })).toBe(1);
    expect(total(samples, 'ttb_turns_total', { ...emulator, intent: 'feedback' })).toBe(1);
    expect(total(samples, 'ttb_turns_total', { ...emulator, intent: 'unknown' })).toBe(1);
    expect(total(samples, 'ttb_turns_total', { ...emulator, intent: 'unsure' })).toBe(1);
    expect(total(samples, 'ttb_turn_duration_seconds_count', { channel: 'emulator' })).toBe(4);
    expect(total(samples, 'ttb_turn_duration_seconds_bucket', { channel: 'emulator', le: '+Inf' })).toBe(4);
    expect(total(samples, 'ttb_turn_duration_seconds_sum', { channel: 'emulator' })).toBeGreaterThan(0);
    expect(total(samples, 'ttb_questions_unanswered_total', { channel: 'emulator' })).toBe(1);
    expect(total(samples, 'ttb_questions_unsure_total', { channel: 'emulator' })).toBe(1);
    expect(total(samples, 'ttb_questions_total', { channel: 'emulator', decision: 'answer' })).toBe(1);
    expect(total(samples, 'ttb_questions_total', { channel: 'emulator', decision: 'none' })).toBe(1);
    expect(total(samples, 'ttb_questions_total', { channel: 'emulator', decision: 'clarify' })).toBe(1);
    expect(matching(samples, 'ttb_feedback_total')).toEqual([{ name: 'ttb_feedback_total', labels: { entry: 'khai-sinh', rating: 'up' }, value: 1 }]);

    expect(total(samples, 'ttb_turns_total', { channel: 'zalo', type: 'message', intent: 'entry', outcome: 'answered' })).toBe(1);
    expect(total(samples, 'ttb_outbound_messages_total', { channel: 'zalo', outcome: 'sent' })).toBe(app.zalo.to(ZALO_SEND).length);
    expect(total(samples, 'ttb_outbound_retries_total')).toBe(0);
    // In-process queues: their depths are read too (4 shards in, 4 out, per channel), all drained by now.
    expect(total(samples, 'ttb_queue_depths_read')).toBe(1);
    expect(matching(samples, 'ttb_queue_jobs', { queue: 'zalo-in-0', state: 'waiting' })).toHaveLength(1);
    expect(matching(samples, 'ttb_queue_jobs', { state: 'waiting' }).map((sample) => sample.labels.queue).sort()).toEqual(
      ['facebook-in', 'facebook-out', 'zalo-in', 'zalo-out'].flatMap((queue) => [0, 1, 2, 3].map((shard) => `${queue}-${shard}`)).sort(),
    );
    expect(total(samples, 'ttb_queue_jobs', { state: 'waiting' })).toBe(0);
    expect(total(samples, 'ttb_knowledge_entries')).toBe(app.runtime.served.kb.entries.length);
    expect(total(samples, 'ttb_workers_reporting')).toBe(1);
    // Node's process metrics, in the same registry.
    expect(total(samples, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(matching(samples, 'nodejs_heap_size_used_bytes')).toHaveLength(1);
    // Ids only: nothing the citizens typed is in a label.
    for (const typed of ['qwerty', 'khai sinh', 'Hữu ích', 'lam giay']) expect(text).not.toContain(typed);
  });

  it('counts webhook rejections by route and reason', async () => {
    const before = (await scrape(app.base)).samples;
    const zalo = zaloText('xin chao');
    const signed = signedZalo(zalo.event);
    expect((await post(`${app.base}/api/zalo`, signedZalo(zalo.event, 'not-the-key'))).status).toBe(401);
    expect((await post(`${app.base}/api/zalo`, { body: signed.body, headers: { 'content-type': 'application/json' } })).status).toBe(401);
    expect((await post(`${app.base}/api/zalo`, { body: '{"event_name": ', headers: signed.headers })).status).toBe(400);
    expect((await post(`${app.base}/api/zalo`, signedZalo({ ...events.user_send_text, message: { text: 'hi' } }))).status).toBe(400);
    expect((await post(`${app.base}/api/zalo`, { body: JSON.stringify({ ...zalo.event, pad: 'x'.repeat(300 * 1024) }), headers: signed.headers })).status).toBe(413);
    expect((await post(`${app.base}/api/zalo`, { body: signed.body, headers: { ...signed.headers, 'content-encoding': 'gzip' } })).status).toBe(415);
    expect(await postJson(`${app.base}/api/messages`, { type: 'message' })).toBe(400);
    expect(await postJson(`${app.base}/api/messages`, emulatorMessage('https://example.org/', 'metrics-2', 'xin chao'))).toBe(401);
    expect((await fetch(`${app.base}/api/messenger?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1`)).status).toBe(403);
    const after = (await scrape(app.base)).samples;
    const added = (route: string, status: string, reason: string) =>
      total(after, 'ttb_http_rejections_total', { route, status, reason }) - total(before, 'ttb_http_rejections_total', { route, status, reason });
    expect({
      signature: added('/api/zalo', '401', 'signature'),
      malformedJson: added('/api/zalo', '400', 'malformed_json'),
      malformedEvent: added('/api/zalo', '400', 'malformed_event'),
      tooLarge: added('/api/zalo', '413', 'too_large'),
      encoding: added('/api/zalo', '415', 'unsupported_encoding'),
      invalidActivity: added('/api/messages', '400', 'invalid_activity'),
      notLoopback: added('/api/messages', '401', 'service_url_not_loopback'),
      verifyToken: added('/api/messenger', '403', 'verify_token'),
    }).toEqual({ signature: 2, malformedJson: 1, malformedEvent: 1, tooLarge: 1, encoding: 1, invalidActivity: 1, notLoopback: 1, verifyToken: 1 });
  });

  it('counts send retries and dead letters by channel', async () => {
    const before = (await scrape(app.base)).samples;
    app.zalo.script(ZALO_SEND, { status: 503 });
    const retried = zaloText('cam on');
    await post(`${app.base}/api/zalo`, signedZalo(retried.event));
    await waitFor(() => zaloTexts(app.zalo, retried.id).length >= 1, 8000);
    app.zalo.script(ZALO_SEND, { body: { error: -201, message: 'Parameters are invalid' } });
    const refused = zaloText('cam on');
    await post(`${app.base}/api/zalo`, signedZalo(refused.event));
    const added = async (name: string, labels: Record<string, string>) => total((await scrape(app.base)).samples, name, labels) - total(before, name, labels);
    await waitFor(async () => (await added('ttb_outbound_dead_letters_total', { channel: 'zalo' })) >= 1, 8000);
    expect(await added('ttb_outbound_retries_total', { channel: 'zalo' })).toBe(1);
    expect(await added('ttb_outbound_dead_letters_total', { channel: 'zalo', reason: 'refused' })).toBe(1);
    const failed = total((await scrape(app.base)).samples, 'ttb_queue_jobs', { state: 'failed' });
    expect(failed).toBe(1);
  });

  it('answers only loopback and private addresses without METRICS_TOKEN: a proxied request is refused 403', async () => {
    expect((await scrape(app.base)).status).toBe(200);
    for (const header of ['x-forwarded-for', 'forwarded', 'x-real-ip']) {
      const refused = await scrape(app.base, { [header]: '203.0.113.9' });
      expect([header, refused.status]).toEqual([header, 403]);
    }
    expect(total((await scrape(app.base)).samples, 'ttb_http_rejections_total', { route: '/metrics', status: '403', reason: 'not_internal' })).toBe(3);
  });
});

describe('GET /metrics with METRICS_TOKEN', () => {
  const token = 'metrics-token-0123456789abcdef';
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp({ METRICS_TOKEN: token });
  });
  afterAll(() => app.stop(2000));

  it('needs the bearer token, from any address', async () => {
    const missing = await fetch(`${app.base}/metrics`);
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toContain('Bearer');
    expect((await scrape(app.base, { authorization: 'Bearer wrong-token-0123456789' })).status).toBe(401);
    expect((await scrape(app.base, { authorization: token })).status).toBe(401);
    const good = await scrape(app.base, { authorization: `Bearer ${token}`, 'x-forwarded-for': '203.0.113.9' });
    expect(good.status).toBe(200);
    expect(total(good.samples, 'ttb_http_rejections_total', { route: '/metrics', status: '401', reason: 'token' })).toBe(3);
  });

  it('METRICS_TOKEN is validated like the other tokens', () => {
    expect(() => readConfig({ METRICS_TOKEN: 'short' })).toThrow(ConfigError);
    expect(() => readConfig({ METRICS_TOKEN: 'short' })).toThrow('METRICS_TOKEN: use at least 16 characters');
    expect(() => readConfig({ METRICS_TOKEN: 'has a space in it, 1234567' })).toThrow('METRICS_TOKEN');
    expect(readConfig({}).metrics).toEqual({ token: '' });
    expect(readConfig({ METRICS_TOKEN: ` ${token} ` }).metrics).toEqual({ token });
  });
});

describe('what counts as an internal address', () => {
  it.each([
    ['127.0.0.1', true], ['127.8.9.1', true], ['::1', true], ['::ffff:127.0.0.1', true], ['10.1.2.3', true],
    ['172.16.0.1', true], ['172.31.255.255', true], ['192.168.1.20', true], ['::ffff:192.168.1.20', true],
    ['fd12:3456::1', true], ['fe80::1', true],
    ['172.32.0.1', false], ['172.15.0.1', false], ['8.8.8.8', false], ['100.64.0.1', false], ['203.0.113.9', false],
    ['::ffff:8.8.8.8', false], ['2001:db8::1', false], ['', false], ['not an address', false],
  ])('%s → %p', (address, internal) => {
    expect(isInternalAddress(address)).toBe(internal);
  });
});

describe('refusal reasons', () => {
  it('are named by the refusing code, else by restify\'s error or the status', () => {
    const res = {};
    expect(refusalReason(res, 429)).toBe('rate_limited');
    refusedBecause(res, 'signature');
    expect(refusalReason(res, 401)).toBe('signature');
    expect(refusalReason({}, 418)).toBe('-');
    expect([restifyRefusal('InvalidContentError'), restifyRefusal('PayloadTooLargeError'), restifyRefusal('MethodNotAllowedError'), restifyRefusal(undefined)]).toEqual(['malformed_json', 'too_large', 'method_not_allowed', 'error']);
    expect([snakeCase('TooManyRequests'), snakeCase('BadArgument'), snakeCase('NotFound')]).toEqual(['too_many_requests', 'bad_argument', 'not_found']);
  });
});

describe('label values are bounded', () => {
  it('keeps the first values, folds the rest and anything that is not an id into "other"', () => {
    const values = new BoundedValues(2);
    expect([values.of('zalo'), values.of('facebook'), values.of('msteams'), values.of('zalo'), values.of(undefined)]).toEqual(['zalo', 'facebook', 'other', 'zalo', '-']);
    const ids = new BoundedValues(10);
    expect([ids.of('khai-sinh'), ids.of('flow:checklist'), ids.of('/api/zalo'), ids.of('tôi là An'), ids.of('x'.repeat(81))]).toEqual(['khai-sinh', 'flow:checklist', '/api/zalo', 'other', 'other']);
  });

  it('a forged channel id, a made-up entry id or a flood of channels never adds unbounded series', async () => {
    const metrics = new BotMetrics({ processMetrics: false });
    for (let i = 0; i < 200; i++) {
      metrics.turn({ channel: `forged-${i}`, type: 'message', intent: 'entry', decision: undefined, outcome: 'answered', seconds: 0.01, degraded: false, events: [{ type: 'feedback', entryId: `made-up-${i}`, useful: true, conversationId: 'c' }], entries: new Set<string>() });
    }
    const body = (await metrics.scrape()).body;
    expect(new Set([...body.matchAll(/channel="([^"]+)"/g)].map((match) => match[1])).size).toBeLessThanOrEqual(33);
    expect(body).toContain('ttb_feedback_total{entry="other",rating="up"} 200');
    expect(body).not.toContain('made-up');
  });
});

describe('knowledge reloads', () => {
  let dir: string;
  let app: RunningApp;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ttb-metrics-kb-'));
    cpSync(FROZEN_KB, dir, { recursive: true });
    app = await startApp({ KB_DIR: dir });
  });
  afterAll(async () => {
    await app.stop(2000);
    rmSync(dir, { recursive: true, force: true });
  });

  it('are counted by outcome, and the entries served are reported', async () => {
    const file = path.join(dir, 'procedures/khai-sinh.yaml');
    const good = readFileSync(file, 'utf8');
    app.runtime.knowledge.reload();
    writeFileSync(file, good.replace('aliases:\n', 'aliases:\n  - giấy khai sinh cho bé mới sinh\n'));
    app.runtime.knowledge.reload();
    writeFileSync(file, 'id: khai-sinh\ntitle: [unclosed\n');
    app.runtime.knowledge.reload();
    const { samples } = await scrape(app.base);
    expect(matching(samples, 'ttb_knowledge_reloads_total').map((sample) => [sample.labels.outcome, sample.value]).sort()).toEqual([
      ['refused', 1],
      ['unchanged', 1],
      ['updated', 1],
    ]);
    expect(total(samples, 'ttb_knowledge_entries')).toBe(app.runtime.served.kb.entries.length);
    expect(total(samples, 'ttb_knowledge_loaded_timestamp_seconds')).toBeCloseTo(app.runtime.served.kb.loadedAt.getTime() / 1000, 1);
  });
});

describeWithRedisServer('GET /metrics while Redis is away', () => {
  let redis: OwnRedis;
  let app: ChannelApp;
  beforeAll(async () => {
    redis = await startOwnRedis();
    app = await startChannelApp({ REDIS_URL: redis.url, REDIS_PREFIX: randomPrefix() });
  }, 30_000);
  afterAll(async () => {
    await app.close();
    await redis.close();
  });

  it('reads the BullMQ queue depths while Redis answers', async () => {
    const { samples } = await scrape(app.base);
    expect(total(samples, 'ttb_queue_depths_read')).toBe(1);
    expect(matching(samples, 'ttb_queue_jobs', { queue: 'zalo-out-3', state: 'delayed' })).toHaveLength(1);
    expect(matching(samples, 'ttb_redis_up', { connection: 'main' })[0]?.value).toBe(1);
  });

  it('answers at once when Redis does not answer (paused): queue depths absent and marked unread', async () => {
    const pauser = new Redis(redis.url);
    try {
      await pauser.call('CLIENT', 'PAUSE', '2500', 'ALL');
      const paused = await scrape(app.base);
      expect(paused.status).toBe(200);
      expect(paused.ms).toBeLessThan(1500);
      expect(total(paused.samples, 'ttb_queue_depths_read')).toBe(0);
      expect(matching(paused.samples, 'ttb_queue_jobs')).toEqual([]);
      expect(total(paused.samples, 'ttb_turns_total')).toBeGreaterThanOrEqual(0);
    } finally {
      await new Promise((resolve) => setTimeout(resolve, 2600));
      pauser.disconnect();
    }
  }, 15_000);

  it('answers at once when Redis is down, counts its errors, and reads the queues again once it is back', async () => {
    await redis.stop();
    try {
      await waitFor(async () => total((await scrape(app.base)).samples, 'ttb_redis_errors_total', { connection: 'main' }) > 0, 5000);
      const down = await scrape(app.base);
      expect(down.status).toBe(200);
      expect(down.ms).toBeLessThan(1500);
      expect(total(down.samples, 'ttb_queue_depths_read')).toBe(0);
      expect(matching(down.samples, 'ttb_queue_jobs')).toEqual([]);
      expect(matching(down.samples, 'ttb_redis_up', { connection: 'main' })[0]?.value).toBe(0);
      expect(total(down.samples, 'ttb_redis_errors_total', { connection: 'main' })).toBeGreaterThan(0);
      // A webhook that cannot be queued is counted as such.
      expect((await post(`${app.base}/api/zalo`, signedZalo(zaloText('xin chao').event))).status).toBe(503);
      expect(total((await scrape(app.base)).samples, 'ttb_http_rejections_total', { route: '/api/zalo', status: '503', reason: 'queue_unavailable' })).toBe(1);
    } finally {
      await redis.start();
    }
    expect(await waitFor(async () => total((await scrape(app.base)).samples, 'ttb_queue_depths_read') === 1, 8000)).toBe(true);
  }, 30_000);
});
