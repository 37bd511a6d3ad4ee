import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { messengerSignature } from '../../bot/channels/messenger/messengerSignature';
import { zaloSignature } from '../../bot/channels/zalo/zaloSignature';

/** One request a fake platform received. */
export interface Recorded {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  /** Parsed JSON, or the form fields for form bodies. */
  body: Record<string, unknown>;
  /** What the fake answered. */
  answered: { status: number; body: unknown };
  /** When it arrived (epoch ms). */
  at: number;
}

/** How the fake answers one request: a status and a JSON body, or 'drop' to cut the connection. */
export type Answer = { status?: number; body?: unknown; delayMs?: number } | 'drop';

export interface FakePlatform {
  url: string;
  requests: Recorded[];
  /** Answers for the next requests to `path`, used in order before the default. */
  script(path: string, ...answers: Answer[]): void;
  /** Answers every request to `path` with `answer` until called again with null (after any script). */
  override(path: string, answer: Answer | null): void;
  /** Requests to a path (e.g. '/v3.0/oa/message/cs'). */
  to(path: string): Recorded[];
  close(): Promise<void>;
}

type Defaults = (path: string, body: Record<string, unknown>, count: number, headers: http.IncomingHttpHeaders) => Answer;

async function startFake(defaults: Defaults): Promise<FakePlatform> {
  const requests: Recorded[] = [];
  const scripts = new Map<string, Answer[]>();
  const overrides = new Map<string, Answer>();
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const body = parseBody(raw, req.headers['content-type']);
      const count = requests.filter((request) => request.path === url.pathname).length;
      const answer = scripts.get(url.pathname)?.shift() ?? overrides.get(url.pathname) ?? defaults(url.pathname, body, count, req.headers);
      const record: Recorded = { method: req.method ?? '', path: url.pathname, query: url.searchParams, headers: req.headers, body, answered: { status: 0, body: null }, at: Date.now() };
      requests.push(record);
      if (answer === 'drop') {
        req.socket.destroy();
        return;
      }
      const status = answer.status ?? 200;
      record.answered = { status, body: answer.body ?? {} };
      setTimeout(() => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(answer.body ?? {}));
      }, answer.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    script: (path, ...answers) => scripts.set(path, [...(scripts.get(path) ?? []), ...answers]),
    override: (path, answer) => (answer === null ? overrides.delete(path) : overrides.set(path, answer)),
    to: (path) => requests.filter((request) => request.path === path),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (!raw) return {};
  if (contentType?.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(raw));
  try {
    return JSON.parse(raw) as Record<string, unknown>;
  } catch {
    return { raw };
  }
}

export const ZALO_SEND = '/v3.0/oa/message/cs';
export const ZALO_TOKEN = '/v4/oa/access_token';

/**
 * A fake Zalo OA API and OAuth server: sends succeed with a `reply` quota; a refresh returns a new numbered pair.
 * It checks the access token like Zalo: a token other than the current one answers -216 (HTTP 200).
 */
export async function startFakeZalo(initialToken = 'access-0'): Promise<FakePlatform & { currentToken(): string }> {
  let current = initialToken;
  let refreshes = 0;
  const fake = await startFake((path, body, count, headers) => {
    if (path === ZALO_TOKEN) {
      if (body.grant_type === 'authorization_code') {
        return body.code === 'good-code' ? { body: { access_token: 'first-access', refresh_token: 'first-refresh', expires_in: '90000' } } : { body: { error: -14019, error_description: 'Invalid authorization code' } };
      }
      refreshes++;
      current = `access-${refreshes}`;
      return { body: { access_token: current, refresh_token: `refresh-${refreshes}`, expires_in: '90000' } };
    }
    if (path === ZALO_SEND) {
      if (headers.access_token !== current) return { body: { error: -216, message: 'Access token is invalid' } };
      return { body: { error: 0, message: 'Success', data: { message_id: `zmid-${count}`, user_id: 'u', quota: { quota_type: 'reply' } } } };
    }
    return { status: 404, body: { error: -404 } };
  });
  return Object.assign(fake, { currentToken: () => current });
}

export const GRAPH_SEND = '/v25.0/me/messages';

/** A fake Graph API: sends answer {recipient_id, message_id}; sender actions {recipient_id}. */
export async function startFakeGraph(): Promise<FakePlatform> {
  return startFake((path, body, count) => {
    if (path === GRAPH_SEND) {
      const recipient = (body.recipient as { id?: string } | undefined)?.id ?? '';
      return { body: body.sender_action ? { recipient_id: recipient } : { recipient_id: recipient, message_id: `m_sent_${count}` } };
    }
    if (path === '/v25.0/me/messenger_profile') return { body: { result: 'success' } };
    return { status: 404, body: { error: { message: 'Unknown path', code: 803 } } };
  });
}

/** Test secrets, used for the environment and to sign fixtures. */
export const ZALO_ENV = {
  ZALO_APP_ID: '3608465248940903967',
  ZALO_APP_SECRET: 'test-app-secret',
  ZALO_OA_SECRET_KEY: 'test-oa-secret-key',
  ZALO_ACCESS_TOKEN: 'access-0',
  ZALO_REFRESH_TOKEN: 'refresh-0',
};

export const MESSENGER_ENV = {
  MESSENGER_APP_SECRET: 'test-messenger-app-secret',
  MESSENGER_VERIFY_TOKEN: 'test-verify-token',
  MESSENGER_PAGE_TOKEN: 'test-page-token',
};

/** A Zalo webhook request: the body as sent, and its X-ZEvent-Signature. */
export function signedZalo(event: Record<string, unknown>, key = ZALO_ENV.ZALO_OA_SECRET_KEY): { body: string; headers: Record<string, string> } {
  const body = JSON.stringify(event);
  const signature = zaloSignature(String(event.app_id ?? ''), body, String(event.timestamp ?? ''), key);
  return { body, headers: { 'content-type': 'application/json', 'x-zevent-signature': signature } };
}

export function signedMessenger(payload: unknown, secret = MESSENGER_ENV.MESSENGER_APP_SECRET): { body: string; headers: Record<string, string> } {
  const body = JSON.stringify(payload);
  return { body, headers: { 'content-type': 'application/json', 'x-hub-signature-256': messengerSignature(body, secret) } };
}

/** POSTs a request made by signedZalo / signedMessenger (or any body) and returns the status and JSON. */
export async function post(url: string, request: { body: string; headers: Record<string, string> }): Promise<{ status: number; json: Record<string, unknown>; ms: number }> {
  const started = performance.now();
  const response = await fetch(url, { method: 'POST', headers: request.headers, body: request.body });
  const text = await response.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    json = { text };
  }
  return { status: response.status, json, ms: performance.now() - started };
}
