import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import type { Logger } from '../../logger';
import type { UpgradeRefused } from '../../server';
import type { ConversationHistory, HistoryListener } from './conversationHistory';
import { PAGE_SIZE } from './directLineRoutes';
import type { OriginPolicy } from './originPolicy';
import type { DirectLineTokens } from './tokens';

const STREAM_PATH = /^\/v3\/directline\/conversations\/([^/]+)\/stream$/;
/** The route a stream's upgrade is counted under (GET /metrics: ttb_http_rejections_total). */
export const STREAM_ROUTE = '/v3/directline/conversations/:conversationId/stream';

export interface StreamOptions {
  history: ConversationHistory;
  tokens: DirectLineTokens;
  origins: OriginPolicy;
  logger: Logger;
  /** Sockets one conversation may hold (several tabs); the oldest is closed beyond it. */
  maxPerConversation?: number;
  /** A socket that has not answered a ping for this long is closed. */
  heartbeatMs?: number;
}

interface Subscriber {
  socket: WebSocket;
  conversationId: string;
  watermark: number;
  pumping: boolean;
  again: boolean;
  alive: boolean;
}

/**
 * The WebSocket side of Direct Line (`streamUrl`): ActivitySet frames `{activities, watermark}`. On connect it
 * sends everything since the watermark in the URL (the client counts as online before its socket opens, so its
 * first message and the bot's answer may already be stored), then whatever is appended, on this instance or,
 * through the history's notices, on another. The client's empty "" pings are ignored; our own pings find dead
 * sockets.
 */
export class ConversationStreams implements HistoryListener {
  private readonly server = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  private readonly byConversation = new Map<string, Set<Subscriber>>();
  private readonly heartbeat: NodeJS.Timeout;
  /** Set on the first socket: an instance nobody streams from needs no notices (nor, with Redis, a connection). */
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly options: StreamOptions) {
    this.heartbeat = setInterval(() => this.checkAlive(), options.heartbeatMs ?? 30_000);
    this.heartbeat.unref();
    // A handshake ws itself refuses (no Sec-WebSocket-Key, a version it does not speak, not a GET...) is answered
    // here, so that it is counted like the others.
    this.server.on('wsClientError', (error: Error, socket: Duplex, req: IncomingMessage) => {
      const refused = this.handshakes.get(req);
      const status = /method/i.test(error.message) ? 405 : 400;
      answer(socket, status, 'BadArgument', error.message);
      refused?.(STREAM_ROUTE, status, 'bad_handshake');
    });
  }

  /** The refusal callback of each upgrade ws is handling (its handshake errors come back by request). */
  private readonly handshakes = new WeakMap<IncomingMessage, UpgradeRefused>();

  /** Handles an HTTP upgrade if it is for a stream (true), else leaves it alone (false). Refusals go to `refused`. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, refused: UpgradeRefused = () => undefined): boolean {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = STREAM_PATH.exec(url.pathname);
    if (!match) return false;
    void this.accept(req, socket, head, decodeURIComponent(match[1]), url.searchParams, refused);
    return true;
  }

  get openSockets(): number {
    let count = 0;
    for (const set of this.byConversation.values()) count += set.size;
    return count;
  }

  appended(conversationId: string, watermark: number): void {
    for (const subscriber of this.byConversation.get(conversationId) ?? []) {
      if (subscriber.watermark < watermark) this.pump(subscriber);
    }
  }

  resync(): void {
    for (const set of this.byConversation.values()) for (const subscriber of set) this.pump(subscriber);
  }

  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    this.unsubscribe?.();
    for (const set of this.byConversation.values()) for (const { socket } of set) socket.close(1001, 'server stopping');
    this.byConversation.clear();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async accept(req: IncomingMessage, socket: Duplex, head: Buffer, conversationId: string, query: URLSearchParams, refused: UpgradeRefused): Promise<void> {
    const refuse = (status: number, code: string, reason: string) => {
      answer(socket, status, code, code);
      refused(STREAM_ROUTE, status, reason);
    };
    if (!this.options.origins.allows(req.headers.origin, req.headers.host)) return refuse(403, 'OriginNotAllowed', 'origin_not_allowed');
    const check = this.options.tokens.verify(query.get('t') ?? '');
    if (!check.ok) return check.reason === 'expired' ? refuse(403, 'TokenExpired', 'token_expired') : refuse(403, 'Forbidden', 'token_invalid');
    if (check.claims.conv !== conversationId) return refuse(403, 'Forbidden', 'token_other_conversation');
    try {
      if (!(await this.options.history.meta(conversationId))) return refuse(404, 'NotFound', 'conversation_not_found');
    } catch (error) {
      this.options.logger.warn({ err: (error as Error).message }, 'directline: stream refused, history unavailable');
      return refuse(503, 'ServiceUnavailable', 'history_unavailable');
    }
    const watermark = /^\d{1,9}$/.test(query.get('watermark') ?? '') ? Number(query.get('watermark')) : 0;
    this.handshakes.set(req, refused);
    this.server.handleUpgrade(req, socket, head, (ws) => this.open(ws, conversationId, watermark));
  }

  private open(socket: WebSocket, conversationId: string, watermark: number): void {
    this.unsubscribe ??= this.options.history.subscribe(this);
    const subscriber: Subscriber = { socket, conversationId, watermark, pumping: false, again: false, alive: true };
    const set = this.byConversation.get(conversationId) ?? new Set<Subscriber>();
    this.byConversation.set(conversationId, set);
    set.add(subscriber);
    const max = this.options.maxPerConversation ?? 4;
    for (const older of set) if (set.size > max && older !== subscriber) this.drop(older, 4000, 'too many streams');
    socket.on('pong', () => (subscriber.alive = true));
    socket.on('message', () => undefined); // the client's "" keep-alives; a stream carries nothing upstream
    socket.on('error', (error) => this.options.logger.debug({ err: error.message }, 'directline: stream error'));
    socket.on('close', () => this.forget(subscriber));
    this.pump(subscriber);
  }

  /** Sends what the subscriber has not seen yet; one pass at a time per socket, repeated if more arrived. */
  private pump(subscriber: Subscriber): void {
    if (subscriber.pumping) {
      subscriber.again = true;
      return;
    }
    subscriber.pumping = true;
    void this.drain(subscriber).finally(() => {
      subscriber.pumping = false;
      if (subscriber.again) {
        subscriber.again = false;
        this.pump(subscriber);
      }
    });
  }

  private async drain(subscriber: Subscriber): Promise<void> {
    try {
      for (;;) {
        if (subscriber.socket.readyState !== WebSocket.OPEN) return;
        const page = await this.options.history.since(subscriber.conversationId, subscriber.watermark, PAGE_SIZE);
        if (!page) return this.drop(subscriber, 1000, 'conversation ended');
        if (page.activities.length === 0) return;
        subscriber.socket.send(JSON.stringify({ activities: page.activities, watermark: String(page.watermark) }));
        subscriber.watermark = page.watermark;
        if (page.activities.length < PAGE_SIZE) return;
      }
    } catch (error) {
      // The next notice (or the client's reconnect, which replays) delivers what could not be read now.
      this.options.logger.warn({ err: (error as Error).message }, 'directline: stream could not read the history');
    }
  }

  private checkAlive(): void {
    for (const set of this.byConversation.values()) {
      for (const subscriber of set) {
        if (!subscriber.alive) {
          subscriber.socket.terminate();
          continue;
        }
        subscriber.alive = false;
        subscriber.socket.ping();
      }
    }
  }

  private drop(subscriber: Subscriber, code: number, reason: string): void {
    this.forget(subscriber);
    subscriber.socket.close(code, reason);
  }

  private forget(subscriber: Subscriber): void {
    const set = this.byConversation.get(subscriber.conversationId);
    set?.delete(subscriber);
    if (set?.size === 0) this.byConversation.delete(subscriber.conversationId);
  }
}

/** An HTTP answer on the socket of a refused upgrade, in Direct Line's error shape. */
function answer(socket: Duplex, status: number, code: string, message: string): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body = JSON.stringify({ error: { code, message } });
  const reason = { 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 503: 'Service Unavailable' }[status] ?? 'Error';
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
