import restify from 'restify';
import type { CloudAdapter, TurnContext } from 'botbuilder';
import type { Logger } from './logger';

/** What /healthz reports; gathered fresh on each call. */
export interface HealthReport {
  version: string;
  knowledge: { version: string; entries: number; loadedAt: string } | null;
  storage: 'memory' | 'redis';
  uptimeSeconds: number;
}

/** A dependency that must answer for the instance to take traffic (Redis, the knowledge base...). */
export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
}

export interface ServerDeps {
  adapter: CloudAdapter;
  logic: (context: TurnContext) => Promise<void>;
  health: () => HealthReport;
  readiness: ReadinessCheck[];
  logger: Logger;
}

/** The HTTP edge: Bot Framework messages, health and readiness. Channel webhooks are mounted by their adapters. */
export function createServer(deps: ServerDeps): restify.Server {
  const server = restify.createServer({ name: 'thu-tuc-bot', handleUncaughtExceptions: false });
  server.use(restify.plugins.queryParser());
  server.use(restify.plugins.bodyParser({ mapParams: false, maxBodySize: 1_000_000 }));
  server.pre(restify.plugins.pre.reqIdHeaders({ headers: ['x-request-id', 'request-id'] }));
  server.pre(tagRequest());
  server.on('after', (req: restify.Request, res: restify.Response) => logResponse(deps.logger, req, res));
  server.on('restifyError', (req: restify.Request, _res: restify.Response, err: Error, next: (err?: Error) => void) => {
    deps.logger.warn({ reqId: req.id(), err: { message: err.message, name: err.name } }, 'request refused');
    next();
  });

  server.post('/api/messages', async (req: restify.Request, res: restify.Response) => {
    await deps.adapter.process(req, res, deps.logic);
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

function logResponse(logger: Logger, req: restify.Request, res: restify.Response): void {
  const ms = Date.now() - req.time();
  const entry = { reqId: req.id(), method: req.method, route: req.getRoute()?.path ?? req.path(), status: res.statusCode, ms };
  if (req.path() === '/healthz' || req.path() === '/readyz') logger.debug(entry, 'request');
  else logger.info(entry, 'request');
}
