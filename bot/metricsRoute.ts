import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type restify from 'restify';
import type { Logger } from './logger';
import type { Scrape } from './metrics';
import { refusedBecause } from './refusal';
import type { Route } from './server';

export interface MetricsRouteOptions {
  /** METRICS_TOKEN: with it, a scrape needs `Authorization: Bearer <token>` from any address; without it, only
   * loopback and private addresses, on requests that did not come through a proxy, are answered. */
  token: string;
  scrape: () => Promise<Scrape>;
  logger: Logger;
}

/** How long a scrape may take before it is answered 503 (Prometheus' own default timeout is 10 s). */
export const SCRAPE_DEADLINE_MS = 4000;

/** GET /metrics: the Prometheus exposition, protected by a bearer token or answered to internal addresses only. */
export function metricsRoute(options: MetricsRouteOptions): Route {
  const token = options.token ? digest(options.token) : null;
  return {
    method: 'get',
    path: '/metrics',
    async handler(req: restify.Request, res: restify.Response) {
      if (token) {
        const given = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
        if (!given || !timingSafeEqual(digest(given), token)) {
          refusedBecause(res, 'token');
          res.header('WWW-Authenticate', 'Bearer realm="metrics"');
          return void res.json(401, { error: 'GET /metrics needs Authorization: Bearer <METRICS_TOKEN>' });
        }
      } else if (!isInternalRequest(req)) {
        refusedBecause(res, 'not_internal');
        return void res.json(403, { error: 'without METRICS_TOKEN, /metrics answers only loopback and private addresses, not through a proxy' });
      }
      let scrape: Scrape;
      try {
        scrape = await withinDeadline(options.scrape(), SCRAPE_DEADLINE_MS);
      } catch (error) {
        options.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'metrics: scrape failed');
        refusedBecause(res, 'scrape_failed');
        return void res.json(503, { error: 'metrics are not available right now' });
      }
      res.setHeader('content-type', scrape.contentType);
      res.setHeader('cache-control', 'no-store');
      res.sendRaw(200, scrape.body);
    },
  };
}

/**
 * A request from loopback or a private network (10/8, 172.16/12, 192.168/16, fc00::/7, fe80::/10)
 * that carries no proxy header: behind a reverse proxy every request comes from the proxy's own (internal)
 * address, so a proxied request is treated as coming from outside.
 */
export function isInternalRequest(req: Pick<restify.Request, 'headers' | 'socket'>): boolean {
  const headers = req.headers;
  if (headers['x-forwarded-for'] || headers.forwarded || headers['x-real-ip']) return false;
  return isInternalAddress(req.socket?.remoteAddress ?? '');
}

export function isInternalAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  const ip = mapped ? mapped[1] : address;
  const family = isIP(ip);
  if (family === 4) {
    const [a, b] = ip.split('.').map(Number);
    return a === 127 || a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
  }
  if (family === 6) {
    const lower = ip.toLowerCase();
    if (lower === '::1') return true;
    const first = parseInt(lower.split(':')[0] || '0', 16);
    return (first & 0xfe00) === 0xfc00 || (first & 0xffc0) === 0xfe80;
  }
  return false;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

function withinDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
