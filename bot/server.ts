import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import restify from 'restify';
import type { ReloadError } from './knowledge/knowledgeStore';
import type { Logger } from './logger';
import { refusalReason, refusedBecause, restifyRefusal } from './refusal';

/** What /healthz reports; gathered fresh on each call. */
export interface HealthReport {
  version: string;
  /**
   * The version served; `reloadError` says why the folder's current content is not served instead (an edit with
   * errors: the last good version goes on answering), null when the folder is what is served.
   */
  knowledge: { version: string; entries: number; loadedAt: string; reloadError: ReloadError | null } | null;
  storage: 'memory' | 'redis';
  uptimeSeconds: number;
  /** The process answering (with several workers, each answers for itself). */
  pid: number;
}

/** A dependency that must answer for the instance to take traffic (Redis, the knowledge base...). */
export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
}

/** One HTTP route a channel (or the core) serves. Handlers answer through `res`; a thrown error is a 500. */
export interface Route {
  method: 'get' | 'post' | 'put' | 'del' | 'opts' | 'patch';
  path: string;
  handler(req: restify.Request, res: restify.Response): Promise<void>;
}

/**
 * Takes an HTTP upgrade (WebSocket) it recognises and returns true; false leaves it to the next one. An upgrade it
 * takes and then refuses (an answer written on the socket, now or later) is told to `refused`, with the route
 * pattern (never the path, which holds ids), the status and a reason, like a refused request.
 */
export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer, refused: UpgradeRefused) => boolean;

export type UpgradeRefused = (route: string, status: number, reason: string) => void;

export interface ServerDeps {
  routes: Route[];
  /** Unclaimed upgrades are answered 404. */
  upgrades?: UpgradeHandler[];
  health: () => HealthReport & Record<string, unknown>;
  readiness: ReadinessCheck[];
  logger: Logger;
  /** Told about every request answered 4xx/5xx (the metrics), once its answer is sent. */
  onRefused?: (route: string, status: number, reason: string) => void;
}

/** How long an idle kept-alive connection stays open (see createServer). */
const KEEP_ALIVE_MS = 65_000;

/** The HTTP edge: the routes channel modules bring, health and readiness. Not listening yet. */
export function createServer(deps: ServerDeps): restify.Server {
  const server = restify.createServer({ name: 'thu-tuc-bot', handleUncaughtExceptions: false });
  // Node closes a kept-alive connection after 5 s idle, racing a client that reuses it at that moment ("other side
  // closed" on a POST, seen under load): idle connections stay open longer than a proxy's or a platform's client
  // keeps them (about 60 s), so the client is the one that closes them. Headers may take as long.
  server.server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.server.headersTimeout = KEEP_ALIVE_MS + 1000;
  server.use(restify.plugins.queryParser());
  server.use(restify.plugins.bodyParser({ mapParams: false, maxBodySize: 1_000_000 }));
  server.pre(restify.plugins.pre.reqIdHeaders({ headers: ['x-request-id', 'request-id'] }));
  server.pre(tagRequest());
  server.pre(refuseContentEncoding(deps.logger));
  // A refusal before routing (a compressed body) is counted under its path when that is one of the routes.
  const paths = new Set(deps.routes.map((route) => route.path));
  server.on('after', (req: restify.Request, res: restify.Response) => {
    logResponse(deps.logger, req, res);
    if (res.statusCode < 400 || !deps.onRefused) return;
    const route = req.getRoute()?.path?.toString() ?? (paths.has(req.path()) ? req.path() : 'unmatched');
    deps.onRefused(route, res.statusCode, refusalReason(res, res.statusCode));
  });
  server.on('restifyError', (req: restify.Request, res: restify.Response, err: Error, next: (err?: Error) => void) => {
    refusedBecause(res, restifyRefusal(err?.name));
    deps.logger.warn({ reqId: req.id(), err: { message: err.message, name: err.name } }, 'request refused');
    if (req.path().startsWith('/v3/directline/')) directLineErrorShape(err);
    next();
  });
  for (const route of deps.routes) {
    server[route.method](route.path, async (req: restify.Request, res: restify.Response) => {
      try {
        await route.handler(req, res);
      } catch (error) {
        deps.logger.error({ reqId: req.id(), route: route.path, err: error }, 'route failed');
        refusedBecause(res, 'route_failed');
        if (!res.headersSent) res.json(500, { error: 'internal error' });
      }
    });
  }
  // Upgrades are counted and logged like requests (the 'after' event above never sees them).
  const upgradeRefused: UpgradeRefused = (route, status, reason) => {
    deps.logger.info({ route, status, reason }, 'upgrade refused');
    deps.onRefused?.(route, status, reason);
  };
  const upgrades = deps.upgrades ?? [];
  server.server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (upgrades.some((upgrade) => upgrade(req, socket, head, upgradeRefused))) return;
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
    upgradeRefused('unmatched', 404, 'not_found');
  });
  server.get('/healthz', async (_req: restify.Request, res: restify.Response) => {
    res.json(200, { status: 'ok', ...deps.health() });
  });
  server.get('/readyz', async (_req: restify.Request, res: restify.Response) => {
    const failures = await failingChecks(deps.readiness);
    if (failures.length === 0) res.json(200, { status: 'ready' });
    else res.json(503, { status: 'not ready', failures });
  });
  return server;
}

/** restify's own refusals (a malformed JSON body...) in the shape Direct Line clients read. */
function directLineErrorShape(err: Error): void {
  const code = (err as { code?: unknown }).code;
  Object.assign(err, { toJSON: () => ({ error: { code: typeof code === 'string' ? code : err.name, message: err.message } }) });
}

async function failingChecks(checks: ReadinessCheck[]): Promise<{ name: string; reason: string }[]> {
  const results = await Promise.all(
    checks.map(async ({ name, check }) => {
      try {
        await check();
        return null;
      } catch (error) {
        return { name, reason: error instanceof Error ? error.message : String(error) };
      }
    }),
  );
  return results.filter((failure): failure is { name: string; reason: string } => failure !== null);
}

/** Echoes the request id (restify takes it from a proxy's request-id header when present) for tracing. */
function tagRequest(): restify.RequestHandler {
  return (req, res, next) => {
    res.setHeader('x-request-id', req.id());
    next();
  };
}

/**
 * Compressed request bodies are refused before the body parser sees them: restify's gunzip stream has no error
 * listener, so one request with `content-encoding: gzip` and a broken body would take the process down. Neither
 * the Bot Framework connector nor the chat platforms compress what they send.
 */
function refuseContentEncoding(logger: Logger): restify.RequestHandler {
  return (req, res, next) => {
    const encoding = req.headers['content-encoding']?.trim().toLowerCase();
    if (!encoding || encoding === 'identity') return next();
    logger.warn({ reqId: req.id(), encoding: encoding.slice(0, 20) }, 'request refused: compressed body');
    refusedBecause(res, 'unsupported_encoding');
    res.json(415, { error: 'compressed request bodies are not accepted' });
    return next(false);
  };
}

/**
 * Requests are logged at info only when refused, failed or slow: every turn has its own info line (bot/turnMeter.ts)
 * with the same reqId, and one line per turn is what the logs can afford under load. The rest go to debug.
 */
function logResponse(logger: Logger, req: restify.Request, res: restify.Response): void {
  const ms = Date.now() - req.time();
  const entry = { reqId: req.id(), method: req.method, route: req.getRoute()?.path ?? req.path(), status: res.statusCode, ms };
  if (res.statusCode >= 400 || ms >= SLOW_REQUEST_MS) logger.info(entry, 'request');
  else logger.debug(entry, 'request');
}

/** A request slower than this is logged at info whatever its status. */
const SLOW_REQUEST_MS = 1000;
