import type { Request, Response } from 'restify';
import { refusedBecause, snakeCase } from '../../refusal';
import type { Route } from '../../server';
import type { OriginPolicy } from './originPolicy';

export type { Route };

/** The headers directlinejs sends on every call (RxJS adds X-Requested-With). */
const ALLOWED_HEADERS = 'Authorization, Content-Type, x-ms-bot-agent, X-Requested-With, Accept';

/** The bearer value of the Authorization header; directlinejs sends `Bearer undefined` when it has no token. */
export function bearer(req: Request): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  if (!match || match[1] === 'undefined' || match[1] === 'null') return undefined;
  return match[1];
}

/** Errors as Direct Line has them: {"error":{"code","message"}}. */
export function sendError(res: Response, status: number, code: string, message: string): void {
  refusedBecause(res, snakeCase(code));
  res.json(status, { error: { code, message } });
}

export function origin(req: Request): string | undefined {
  const value = req.headers.origin;
  return typeof value === 'string' ? value : undefined;
}

/**
 * Sets the CORS headers for an allowed page; false (and nothing set) when the request's page is not allowed.
 * Every Direct Line answer goes through here, errors included, so that the browser lets the client read them.
 */
export function applyCors(req: Request, res: Response, origins: OriginPolicy): boolean {
  const from = origin(req);
  if (!origins.allows(from, req.headers.host)) return false;
  res.header('Vary', 'Origin');
  if (from !== undefined) {
    res.header('Access-Control-Allow-Origin', from);
    res.header('Access-Control-Expose-Headers', 'Retry-After');
  }
  return true;
}

/** The answer to a CORS preflight: 204 for an allowed page, 403 otherwise. */
export function preflight(req: Request, res: Response, origins: OriginPolicy): void {
  if (!applyCors(req, res, origins)) {
    sendError(res, 403, 'OriginNotAllowed', 'This page may not use this chat (see WEBCHAT_ALLOWED_ORIGINS)');
    return;
  }
  res.header('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
  res.header('Access-Control-Allow-Headers', ALLOWED_HEADERS);
  res.header('Access-Control-Max-Age', '600');
  res.send(204);
}

/**
 * The server as the client reached it, for the `streamUrl` we hand out (directlinejs uses it exactly as given).
 * Behind a TLS-terminating proxy the proxy's X-Forwarded-Proto says https, so the socket is wss.
 */
export function publicWebSocketBase(req: Request): string {
  const forwarded = String(req.headers['x-forwarded-proto'] ?? '').split(',')[0].trim().toLowerCase();
  const secure = forwarded ? forwarded === 'https' : req.isSecure();
  return `${secure ? 'wss' : 'ws'}://${req.headers.host ?? 'localhost'}`;
}

/** A watermark from the query: a whole number, or 0 for an empty or odd one (a poll must never fail on it). */
export function watermarkParam(req: Request): number {
  const raw = (req.query as Record<string, unknown> | undefined)?.watermark;
  const value = typeof raw === 'string' && /^\d{1,9}$/.test(raw) ? Number(raw) : 0;
  return value;
}
