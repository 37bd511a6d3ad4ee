import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Activity } from 'botbuilder';
import { buildRuntime, type Runtime } from '../../bot/app';
import { DirectLineAdapter } from '../../bot/channels/directLine/directLineAdapter';
import type { ConversationHistory } from '../../bot/channels/directLine/conversationHistory';
import { DirectLineTokens } from '../../bot/channels/directLine/tokens';
import { readConfig } from '../../bot/config';
import { silentLogger } from '../../bot/logger';
import { SendFailure, sendFailureReason } from '../../bot/sendFailure';
import { MemoryStore } from '../../bot/storage/memoryStore';
import { refusedStatus, startBotServer, startConversation, TEST_SECRET, type BotServer } from '../helpers/directLine';
import { parseExposition, scrape, total, type Sample } from '../helpers/metrics';
import { FROZEN_KB } from '../helpers/paths';

const STREAM = '/v3/directline/conversations/:conversationId/stream';

/** What a scrape added to ttb_http_rejections_total since `before`, per route, status and reason. */
function addedRejections(before: Sample[], after: Sample[]): Record<string, number> {
  const key = (sample: Sample) => `${sample.labels.route} ${sample.labels.status} ${sample.labels.reason}`;
  const added: Record<string, number> = {};
  for (const sample of after.filter((s) => s.name === 'ttb_http_rejections_total')) {
    const was = before.find((s) => s.name === sample.name && key(s) === key(sample))?.value ?? 0;
    if (sample.value > was) added[key(sample)] = sample.value - was;
  }
  return added;
}

/** An upgrade written by hand (what a broken client or a scanner sends): the status line of the answer. */
function rawUpgrade(base: string, path: string, headers: string[]): Promise<string> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => {
      socket.write([`GET ${path} HTTP/1.1`, `Host: ${hostname}:${port}`, 'Connection: Upgrade', 'Upgrade: websocket', ...headers, '', ''].join('\r\n'));
    });
    let answer = '';
    socket.setTimeout(5000, () => socket.destroy(new Error('no answer to the upgrade')));
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    socket.on('close', () => resolve(answer.split('\r\n')[0]));
    socket.on('error', reject);
  });
}

describe('WebSocket upgrades refused are counted like refused requests (#14)', () => {
  let server: BotServer;
  beforeAll(async () => {
    server = await startBotServer();
  });
  afterAll(() => server.close());

  it('by reason: origin, token (invalid, expired, another conversation), unknown conversation, bad handshake, no such stream', async () => {
    const before = (await scrape(server.base)).samples;
    const mine = await startConversation(server.base);
    const theirs = await startConversation(server.base);
    const withToken = (url: string, token: string) => {
      const changed = new URL(url);
      changed.searchParams.set('t', token);
      return changed.toString();
    };
    const expired = new DirectLineTokens(TEST_SECRET, 1800, () => Date.now() - 3600_000).issue(mine.conversationId, 'dl_user').token;
    const nowhere = new DirectLineTokens(TEST_SECRET).issue('no-such-conversation', 'dl_user').token;
    const streamPath = (id: string, token: string) => `/v3/directline/conversations/${id}/stream?t=${encodeURIComponent(token)}`;
    expect(await refusedStatus(mine.streamUrl, { Origin: 'https://evil.example' })).toBe(403);
    expect(await refusedStatus(withToken(mine.streamUrl, `${mine.token.slice(0, -2)}xx`))).toBe(403);
    expect(await refusedStatus(withToken(mine.streamUrl, expired))).toBe(403);
    expect(await refusedStatus(withToken(theirs.streamUrl, mine.token))).toBe(403);
    expect(await refusedStatus(`${server.base.replace('http', 'ws')}${streamPath('no-such-conversation', nowhere)}`)).toBe(404);
    // No Sec-WebSocket-Key: refused by ws itself, after our checks passed.
    expect(await rawUpgrade(server.base, streamPath(mine.conversationId, mine.token), ['Sec-WebSocket-Version: 13'])).toBe('HTTP/1.1 400 Bad Request');
    expect(await rawUpgrade(server.base, '/somewhere/else', ['Sec-WebSocket-Version: 13', 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=='])).toBe('HTTP/1.1 404 Not Found');
    // A stream that opens is not a refusal.
    const ws = new (await import('ws')).default(mine.streamUrl);
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    ws.close();

    const after = (await scrape(server.base)).samples;
    expect(addedRejections(before, after)).toEqual({
      [`${STREAM} 403 origin_not_allowed`]: 1,
      [`${STREAM} 403 token_invalid`]: 1,
      [`${STREAM} 403 token_expired`]: 1,
      [`${STREAM} 403 token_other_conversation`]: 1,
      [`${STREAM} 404 conversation_not_found`]: 1,
      [`${STREAM} 400 bad_handshake`]: 1,
      'unmatched 404 not_found': 1,
    });
  });
});

/** A stand-in for the Bot Framework connector that answers every reply with `status`. */
async function refusingConnector(status: number): Promise<{ url: string; requests: number; close(): Promise<void> }> {
  const state = { requests: 0 };
  const server = http.createServer((req, res) => {
    state.requests += 1;
    req.resume();
    req.on('end', () => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'Refused', message: 'refused by the test' } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get requests() {
      return state.requests;
    },
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

describe('replies that could not be sent are counted by channel and reason (#14)', () => {
  it('Bot Framework: a connector that refuses the reply (HTTP 403) is http_4xx', async () => {
    const connector = await refusingConnector(403);
    const server = await startBotServer();
    try {
      const activity = { type: 'message', id: 'a-1', channelId: 'emulator', serviceUrl: connector.url, from: { id: 'u-1' }, recipient: { id: 'bot' }, conversation: { id: 'c-send-1' }, text: 'đăng ký khai sinh ở đâu', locale: 'vi-VN' };
      const response = await fetch(`${server.base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
      await response.arrayBuffer();
      expect(connector.requests).toBeGreaterThan(0);
      const { samples } = await scrape(server.base);
      expect(total(samples, 'ttb_reply_send_failures_total', { channel: 'emulator', reason: 'http_4xx' })).toBe(1);
      expect(total(samples, 'ttb_reply_send_failures_total')).toBe(1);
      expect(total(samples, 'ttb_turns_total', { channel: 'emulator', outcome: 'error' })).toBe(1);
    } finally {
      await server.close();
      await connector.close();
    }
  });

  it('Bot Framework: a connector that never answers is given up after CHANNEL_SEND_TIMEOUT_MS (timeout)', async () => {
    // Takes the request and never answers: only the send's own bound can end the turn.
    const hanging = http.createServer(() => undefined);
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    const server = await startBotServer({ CHANNEL_SEND_TIMEOUT_MS: '300' });
    try {
      const serviceUrl = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}`;
      const activity = { type: 'message', id: 'a-2', channelId: 'emulator', serviceUrl, from: { id: 'u-2' }, recipient: { id: 'bot' }, conversation: { id: 'c-send-2' }, text: 'xin chào', locale: 'vi-VN' };
      const response = await fetch(`${server.base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity), signal: AbortSignal.timeout(15_000) });
      await response.arrayBuffer();
      const { samples } = await scrape(server.base);
      expect(total(samples, 'ttb_reply_send_failures_total', { channel: 'emulator', reason: 'timeout' })).toBe(1);
      expect(server.app.runtime.turns.inFlight).toBe(0);
    } finally {
      await server.close();
      hanging.closeAllConnections();
      await new Promise((resolve) => hanging.close(resolve));
    }
  });

  describe('web chat: the history cannot be written, or the conversation has expired', () => {
    let runtime: Runtime;
    beforeAll(() => {
      const config = readConfig({ KB_DIR: FROZEN_KB, KB_WATCH: 'false', LOG_LEVEL: 'silent' });
      runtime = buildRuntime(config, silentLogger(), { storage: { storage: new MemoryStore(), kind: 'memory' }, watch: false });
    });
    afterAll(() => runtime.close());

    const turn = async (history: Partial<ConversationHistory>, n: number) => {
      const adapter = runtime.attach(new DirectLineAdapter(history as ConversationHistory));
      const activity: Partial<Activity> = { type: 'message', id: `w-${n}`, channelId: 'webchat', from: { id: `dl_${n}`, name: '' }, recipient: { id: 'bot', name: 'Thủ tục bot' }, conversation: { id: `wc-${n}` } as Activity['conversation'], text: 'xin chào', locale: 'vi-VN' };
      await adapter.receive(activity, runtime.logic);
    };

    it('storage (Redis away) and expired', async () => {
      await turn({ append: async () => Promise.reject(new Error('Connection is closed.')) }, 1);
      await turn({ append: async () => null }, 2);
      await turn({ append: async () => null }, 3);
      const samples = parseExposition((await runtime.metrics.scrape()).body);
      expect(total(samples, 'ttb_reply_send_failures_total', { channel: 'webchat', reason: 'storage' })).toBe(1);
      expect(total(samples, 'ttb_reply_send_failures_total', { channel: 'webchat', reason: 'expired' })).toBe(2);
      expect(total(samples, 'ttb_turns_total', { channel: 'webchat', outcome: 'error' })).toBe(3);
    });
  });

  it('reads the reason from the error and its causes', () => {
    const withCause = (cause: unknown) => new Error('replies could not be delivered', { cause });
    const fetchFailed = new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }) });
    expect([
      sendFailureReason(Object.assign(new Error('y'), { name: 'RestError', statusCode: 503 })),
      sendFailureReason(Object.assign(new Error('y'), { name: 'RestError', statusCode: 429 })),
      sendFailureReason(Object.assign(new Error('connect ECONNREFUSED'), { name: 'RestError', code: 'ECONNREFUSED' })),
      sendFailureReason(withCause(fetchFailed)),
      sendFailureReason(new DOMException('The operation was aborted due to timeout', 'TimeoutError')),
      sendFailureReason(Object.assign(new Error('socket hang up'), { code: 'ETIMEDOUT' })),
      sendFailureReason(withCause(new SendFailure('expired', 'gone'))),
      sendFailureReason(new Error('something else')),
      sendFailureReason('not even an error'),
    ]).toEqual(['http_5xx', 'http_4xx', 'network', 'network', 'timeout', 'timeout', 'expired', 'other', 'other']);
  });
});
