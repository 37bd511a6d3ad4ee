import { randomBytes } from 'node:crypto';
import type { Activity } from 'botbuilder';
import type { Request, Response } from 'restify';
import type { Logger } from '../../logger';
import { parseClientActivity } from './clientActivity';
import type { ConversationHistory } from './conversationHistory';
import { BOT_ACCOUNT, type BotLogic, type DirectLineAdapter, WEBCHAT_CHANNEL_ID } from './directLineAdapter';
import { applyCors, bearer, preflight, publicWebSocketBase, type Route, sendError, watermarkParam } from './http';
import type { OriginPolicy } from './originPolicy';
import type { PostLimiter } from './postLimiter';
import type { DirectLineTokens, TokenClaims } from './tokens';

export const DIRECT_LINE_PATH = '/v3/directline';

/** Activities in one poll answer or WebSocket frame; a client with more to read gets them on its next call. */
export const PAGE_SIZE = 100;

export interface DirectLineDeps {
  tokens: DirectLineTokens;
  history: ConversationHistory;
  origins: OriginPolicy;
  limiter: PostLimiter;
  adapter: DirectLineAdapter;
  logic: BotLogic;
  logger: Logger;
}

/** Who is calling: the server's secret, a conversation's token, or nobody yet (a page starting a chat). */
type Caller = { kind: 'secret' } | { kind: 'token'; claims: TokenClaims } | { kind: 'anonymous' };
type Refusal = { status: number; code: string; message: string };

/**
 * Direct Line 3.0 as the official clients use it with a custom `domain` (see channels.md §3). Posts are answered
 * with the activity id at once and the bot runs afterwards; polls are never answered 429 or 5xx, because
 * directlinejs silently ends its stream on those.
 */
export function directLineRoutes(deps: DirectLineDeps): Route[] {
  const handlers = new DirectLineHandlers(deps);
  const route = (method: Route['method'], path: string, handler: (req: Request, res: Response) => Promise<void>): Route => ({
    method,
    path: `${DIRECT_LINE_PATH}${path}`,
    handler: async (req, res) => {
      if (!applyCors(req, res, deps.origins)) return sendError(res, 403, 'OriginNotAllowed', 'This page may not use this chat');
      try {
        await handler(req, res);
      } catch (error) {
        deps.logger.error({ err: errorMessage(error), route: path }, 'directline: request failed');
        if (!res.headersSent) sendError(res, 500, 'ServiceError', 'The chat service had a problem; try again');
      }
    },
  });
  return [
    { method: 'opts', path: `${DIRECT_LINE_PATH}/*`, handler: async (req, res) => preflight(req, res, deps.origins) },
    route('post', '/tokens/generate', (req, res) => handlers.generate(req, res)),
    route('post', '/tokens/refresh', (req, res) => handlers.refresh(req, res)),
    route('post', '/conversations', (req, res) => handlers.start(req, res)),
    route('get', '/conversations/:conversationId', (req, res) => handlers.reconnect(req, res)),
    route('post', '/conversations/:conversationId/activities', (req, res) => handlers.post(req, res)),
    route('get', '/conversations/:conversationId/activities', (req, res) => handlers.poll(req, res)),
    route('post', '/conversations/:conversationId/upload', async (_req, res) =>
      sendError(res, 400, 'BadArgument', 'File uploads are not accepted by this chat'),
    ),
  ];
}

class DirectLineHandlers {
  constructor(private readonly deps: DirectLineDeps) {}

  /** A token for a new conversation: with the secret (server to server, a user id may be given) or anonymously. */
  async generate(req: Request, res: Response): Promise<void> {
    const caller = this.caller(req);
    if ('status' in caller) return sendError(res, caller.status, caller.code, caller.message);
    if (caller.kind === 'token') return sendError(res, 403, 'Forbidden', 'Generate a token with the secret, not with a token');
    const userId = caller.kind === 'secret' ? (userIdFrom(req.body) ?? newUserId()) : newUserId();
    const conversationId = newConversationId();
    const { token, expiresIn } = this.deps.tokens.issue(conversationId, userId);
    res.json(200, { conversationId, token, expires_in: expiresIn });
  }

  async refresh(req: Request, res: Response): Promise<void> {
    const caller = this.caller(req);
    if ('status' in caller) return sendError(res, caller.status, caller.code, caller.message);
    if (caller.kind !== 'token') return sendError(res, 401, 'MissingToken', 'Refresh needs a Direct Line token');
    const { conv, user } = caller.claims;
    const { token, expiresIn } = this.deps.tokens.issue(conv, user);
    res.json(200, { conversationId: conv, token, expires_in: expiresIn });
  }

  /** 201 and the welcome when the conversation is new; 200 when this token's conversation already started. */
  async start(req: Request, res: Response): Promise<void> {
    const caller = this.caller(req);
    if ('status' in caller) return sendError(res, caller.status, caller.code, caller.message);
    const conversationId = caller.kind === 'token' ? caller.claims.conv : newConversationId();
    const userId = caller.kind === 'token' ? caller.claims.user : caller.kind === 'secret' ? (userIdFrom(req.body) ?? newUserId()) : newUserId();
    const locale = localeFrom(req.body);
    const created = await this.deps.history.create(conversationId, { userId, locale, createdAt: Date.now() });
    res.json(created ? 201 : 200, this.connection(req, conversationId, userId, 0));
    if (created) this.welcome(req, conversationId, userId, locale);
  }

  /** The reconnect call: a fresh token and a streamUrl that replays from the client's watermark. */
  async reconnect(req: Request, res: Response): Promise<void> {
    const access = await this.conversationAccess(req, 401);
    if ('status' in access) return sendError(res, access.status, access.code, access.message);
    if (!(await this.deps.history.meta(access.conversationId))) return sendError(res, 404, 'NotFound', 'This conversation has ended');
    res.json(200, this.connection(req, access.conversationId, access.userId, watermarkParam(req)));
  }

  async post(req: Request, res: Response): Promise<void> {
    const access = await this.conversationAccess(req, 401);
    if ('status' in access) return sendError(res, access.status, access.code, access.message);
    const { conversationId, userId } = access;
    const parsed = parseClientActivity(req.body, conversationId, userId);
    if (!parsed.ok) return sendError(res, 400, 'BadArgument', parsed.message);
    if (!parsed.runsBot) return void res.json(200, { id: '' });
    const decision = await this.deps.limiter.consume(conversationId);
    if (!decision.allowed) {
      res.header('Retry-After', String(decision.retryAfterSeconds));
      return sendError(res, 429, 'TooManyRequests', `Too many messages; wait ${decision.retryAfterSeconds} s`);
    }
    const stored = await this.deps.history.append(conversationId, parsed.activity, parsed.clientActivityId);
    if (!stored) return sendError(res, 404, 'NotFound', 'This conversation has ended');
    res.json(200, { id: stored.id });
    // A client retrying a post it thinks failed gets the same id, and the bot does not answer twice.
    if (!stored.duplicate) this.runTurn({ ...parsed.activity, id: stored.id, serviceUrl: this.serviceUrl(req) });
  }

  /** Never 429 or 5xx: a poll that cannot be served gets an empty ActivitySet, and the client polls again. */
  async poll(req: Request, res: Response): Promise<void> {
    const watermark = watermarkParam(req);
    try {
      const access = await this.conversationAccess(req, 403);
      if ('status' in access) return sendError(res, access.status === 404 ? 404 : 403, access.code, access.message);
      const page = await this.deps.history.since(access.conversationId, watermark, PAGE_SIZE);
      if (!page) return sendError(res, 404, 'NotFound', 'This conversation has ended');
      res.json(200, { activities: page.activities, watermark: String(page.watermark) });
    } catch (error) {
      this.deps.logger.warn({ err: errorMessage(error) }, 'directline: poll could not be served; answered empty');
      if (!res.headersSent) res.json(200, { activities: [], watermark: String(watermark) });
    }
  }

  private caller(req: Request): Caller | Refusal {
    const value = bearer(req);
    if (value === undefined) return { kind: 'anonymous' };
    if (this.deps.tokens.isSecret(value)) return { kind: 'secret' };
    const check = this.deps.tokens.verify(value);
    if (check.ok) return { kind: 'token', claims: check.claims };
    if (check.reason === 'expired') return { status: 403, code: 'TokenExpired', message: 'The token has expired; start a new conversation' };
    return { status: 403, code: 'Forbidden', message: 'The token is not valid' };
  }

  /**
   * The conversation in the path, if the caller may use it: a token only ever opens its own conversation.
   * `missingStatus` is 401 for calls that may say so, 403 for polls (401 would end the client's polling).
   */
  private async conversationAccess(req: Request, missingStatus: 401 | 403): Promise<{ conversationId: string; userId: string } | Refusal> {
    const conversationId = String(req.params?.conversationId ?? '');
    const caller = this.caller(req);
    if ('status' in caller) return caller;
    if (caller.kind === 'anonymous') return { status: missingStatus, code: 'MissingToken', message: 'Authorization: Bearer <token> is required' };
    if (caller.kind === 'token') {
      if (caller.claims.conv !== conversationId) return { status: 403, code: 'Forbidden', message: 'This token belongs to another conversation' };
      return { conversationId, userId: caller.claims.user };
    }
    const meta = await this.deps.history.meta(conversationId);
    if (!meta) return { status: 404, code: 'NotFound', message: 'Unknown conversation' };
    return { conversationId, userId: meta.userId };
  }

  private connection(req: Request, conversationId: string, userId: string, watermark: number) {
    const { token, expiresIn } = this.deps.tokens.issue(conversationId, userId);
    const stream = `${publicWebSocketBase(req)}${DIRECT_LINE_PATH}/conversations/${encodeURIComponent(conversationId)}/stream`;
    return { conversationId, token, expires_in: expiresIn, streamUrl: `${stream}?watermark=${watermark}&t=${encodeURIComponent(token)}` };
  }

  /** What the official service does on start: the bot hears that the bot and the user joined. */
  private welcome(req: Request, conversationId: string, userId: string, locale: string | undefined): void {
    this.runTurn({
      type: 'conversationUpdate',
      id: `${conversationId}|start`,
      channelId: WEBCHAT_CHANNEL_ID,
      serviceUrl: this.serviceUrl(req),
      timestamp: new Date(),
      locale,
      from: { id: userId, name: '', role: 'user' },
      recipient: BOT_ACCOUNT,
      conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
      membersAdded: [BOT_ACCOUNT, { id: userId, name: '' }],
    });
  }

  private runTurn(activity: Partial<Activity>): void {
    this.deps.adapter.receive(activity, this.deps.logic).catch((error: unknown) => {
      this.deps.logger.error({ err: errorMessage(error), conversationId: activity.conversation?.id }, 'directline: turn failed');
    });
  }

  private serviceUrl(req: Request): string {
    return `${publicWebSocketBase(req).replace(/^ws/, 'http')}${DIRECT_LINE_PATH}`;
  }
}

function newConversationId(): string {
  return randomBytes(16).toString('base64url');
}

function newUserId(): string {
  return `dl_${randomBytes(12).toString('base64url')}`;
}

/** A user id given with the secret; Web Chat expects ids embedded in tokens to start with dl_. */
function userIdFrom(body: unknown): string | undefined {
  const id = (body as { user?: { id?: unknown } } | undefined)?.user?.id;
  if (typeof id !== 'string' || !/^[\w.:@-]{1,64}$/.test(id)) return undefined;
  return id.startsWith('dl_') ? id : `dl_${id}`;
}

function localeFrom(body: unknown): string | undefined {
  const value = (body as { locale?: unknown } | undefined)?.locale;
  return typeof value === 'string' && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}$/.test(value) ? value : undefined;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
