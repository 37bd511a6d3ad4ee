import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import { readConfig } from '../../bot/config';
import { buildApp, type App } from '../../bot/index';
import { silentLogger } from '../../bot/logger';
import { waitFor } from './http';
import { FROZEN_KB } from './paths';

/** A secret tests share with the server, so that they can make tokens of their own (expired ones...). */
export const TEST_SECRET = 'test-secret-0123456789-abcdefghijklmnopqrstuvwxyz';

export interface BotServer {
  base: string;
  app: App;
  close(): Promise<void>;
}

/** The whole bot on a free loopback port, with the web chat on, as `npm start` builds it. */
export async function startBotServer(env: Record<string, string> = {}): Promise<BotServer> {
  const config = readConfig({ KB_DIR: FROZEN_KB, KB_WATCH: 'false', DIRECTLINE_SECRET: TEST_SECRET, ...env });
  const app = buildApp(config, silentLogger());
  const { server } = app;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  // With Redis, wait for the connections (the server refuses commands instead of queueing them); the probe
  // leaves one empty conversation under the test's prefix.
  if (env.REDIS_URL) await waitFor(async () => (await call(base, 'POST', '/conversations', { body: {} })).status === 201, 5000, 50);
  const close = async () => {
    server.server.closeIdleConnections();
    await app.stop(2000);
    server.server.closeAllConnections();
  };
  return { base, app, close };
}

export interface Answer<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

/** One Direct Line call as a client makes it. */
export async function call<T = Record<string, unknown>>(
  base: string,
  method: 'GET' | 'POST' | 'OPTIONS',
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) headers.Authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`${base}/v3/directline${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as T, headers: response.headers };
}

export interface Conversation {
  conversationId: string;
  token: string;
  expires_in: number;
  streamUrl: string;
}

export interface ActivitySet {
  activities: Array<Record<string, any>>;
  watermark: string;
}

export async function startConversation(base: string, token?: string): Promise<Conversation> {
  const answer = await call<Conversation>(base, 'POST', '/conversations', { token, body: { locale: 'vi-VN' } });
  if (answer.status !== 201) throw new Error(`start answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

export function poll(base: string, conversation: { conversationId: string; token: string }, watermark = ''): Promise<Answer<ActivitySet>> {
  return call<ActivitySet>(base, 'GET', `/conversations/${conversation.conversationId}/activities?watermark=${watermark}`, {
    token: conversation.token,
  });
}

let clientIds = 0;

export function say(base: string, conversation: { conversationId: string; token: string }, text: string, extra: Record<string, unknown> = {}) {
  return call<{ id: string }>(base, 'POST', `/conversations/${conversation.conversationId}/activities`, {
    token: conversation.token,
    body: { type: 'message', text, from: { id: 'r_web', role: 'user' }, channelData: { clientActivityID: `c${++clientIds}` }, ...extra },
  });
}

/** Polls until the bot has answered `count` times after `watermark`; the activities seen, user echoes included. */
export async function pollUntilBotSays(
  base: string,
  conversation: { conversationId: string; token: string },
  count: number,
  watermark = '',
  timeoutMs = 10_000,
): Promise<ActivitySet> {
  const seen: ActivitySet = { activities: [], watermark };
  await waitFor(async () => {
    const answer = await poll(base, conversation, seen.watermark);
    if (answer.status !== 200) throw new Error(`poll answered ${answer.status}`);
    seen.activities.push(...answer.body.activities);
    seen.watermark = answer.body.watermark;
    return seen.activities.filter((activity) => activity.from?.role === 'bot').length >= count;
  }, timeoutMs, 100);
  return seen;
}

/** A WebSocket on a streamUrl that records every frame. */
export interface Stream {
  socket: WebSocket;
  frames: ActivitySet[];
  activities(): Array<Record<string, any>>;
  close(): Promise<void>;
}

export async function openStream(url: string, headers: Record<string, string> = {}): Promise<Stream> {
  const socket = new WebSocket(url, { headers });
  const frames: ActivitySet[] = [];
  socket.on('message', (data) => frames.push(JSON.parse(String(data)) as ActivitySet));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
    socket.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
  });
  return {
    socket,
    frames,
    activities: () => frames.flatMap((frame) => frame.activities),
    close: () =>
      new Promise<void>((resolve) => {
        if (socket.readyState === WebSocket.CLOSED) return resolve();
        socket.once('close', () => resolve());
        socket.close();
      }),
  };
}

/** The upgrade's HTTP status when the server refuses a stream. */
export function refusedStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    socket.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      socket.terminate();
    });
    socket.once('open', () => {
      socket.close();
      reject(new Error('the stream was accepted'));
    });
    socket.once('error', () => undefined);
  });
}

export function botTexts(activities: Array<Record<string, any>>): string[] {
  return activities.filter((activity) => activity.from?.role === 'bot').map((activity) => String(activity.text ?? ''));
}
