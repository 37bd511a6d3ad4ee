import type { IncomingHttpHeaders } from 'node:http';
import type restify from 'restify';
import type { Logger } from '../../logger';
import { refusedBecause } from '../../refusal';
import type { InboundEvent } from './deliveryTypes';
import type { Intake } from './intake';

/** A body the webhook cannot use: answered 400, with the reason in the log. */
export class MalformedEvent extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'MalformedEvent';
  }
}

/** `malformed`: the body lacks what the signature is computed from (answered 400, not 401). */
export type SignatureVerdict = { ok: true; key?: string } | { ok: false; reason: string; malformed?: boolean };

/** What the platform's events became: events to queue, and how many were ignored on purpose (echoes, receipts). */
export interface ParsedEvents {
  events: InboundEvent[];
  ignored: string[];
}

export interface WebhookSpec {
  /** For the reader; the logger given already names the channel. */
  channel: string;
  /** Larger bodies are refused with 413 before anything else is done. */
  maxBytes: number;
  /** Checks the signature over the exact bytes received (and fields of the parsed body, for Zalo). */
  verify(rawBody: string, body: unknown, headers: IncomingHttpHeaders): SignatureVerdict;
  /** The platform's JSON into events; throws MalformedEvent for an unknown shape. */
  parse(body: unknown): ParsedEvents;
  intake: Intake;
  logger: Logger;
}

/**
 * The POST handler every platform webhook shares: size → JSON → signature → shape → de-duplicate, rate-limit and
 * queue → 200, all before any turn runs (the queue's worker runs it), so the platform gets its answer in
 * milliseconds. Bad input never reaches the bot and never makes a 5xx; only a queue that cannot store the event
 * (Redis down) answers 503, so that the platform delivers it again.
 */
export function webhookHandler(spec: WebhookSpec): (req: restify.Request, res: restify.Response) => Promise<void> {
  const log = spec.logger;
  const matchedKeys = new Set<string>();
  return async (req, res) => {
    const raw = rawBodyOf(req);
    if (Buffer.byteLength(raw, 'utf8') > spec.maxBytes) {
      log.warn({ bytes: Buffer.byteLength(raw, 'utf8'), limit: spec.maxBytes }, 'webhook refused: body too large');
      refusedBecause(res, 'too_large');
      return void res.json(413, { error: 'body too large' });
    }
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      log.warn({ bytes: raw.length }, 'webhook refused: the body is not JSON');
      refusedBecause(res, 'malformed_json');
      return void res.json(400, { error: 'malformed JSON' });
    }
    const verdict = safely(() => spec.verify(raw, body, req.headers), (reason): SignatureVerdict => ({ ok: false, reason }));
    if (!verdict.ok && verdict.malformed) {
      log.warn({ reason: verdict.reason }, 'webhook refused: unknown shape');
      refusedBecause(res, 'malformed_event');
      return void res.json(400, { error: 'malformed event', reason: verdict.reason });
    }
    if (!verdict.ok) {
      log.warn({ reason: verdict.reason }, 'webhook refused: signature');
      refusedBecause(res, 'signature');
      return void res.json(401, { error: 'bad signature' });
    }
    if (verdict.key && !matchedKeys.has(verdict.key)) {
      matchedKeys.add(verdict.key);
      log.info({ key: verdict.key }, 'webhook: signature matched this configured key');
    }
    let parsed: ParsedEvents;
    try {
      parsed = spec.parse(body);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      // Anything else is a gap in our parser: still the sender's odd body, still no 5xx, but worth an error line.
      if (error instanceof MalformedEvent) log.warn({ reason }, 'webhook refused: unknown shape');
      else log.error({ err: reason }, 'webhook refused: the parser failed on this body');
      refusedBecause(res, 'malformed_event');
      return void res.json(400, { error: 'malformed event', reason });
    }
    if (parsed.ignored.length > 0) log.debug({ ignored: parsed.ignored }, 'webhook: events ignored on purpose');
    try {
      const result = await withinDeadline(spec.intake.accept(parsed.events), ACCEPT_DEADLINE_MS);
      res.json(200, { status: 'received', ...result });
    } catch (error) {
      log.error({ err: error instanceof Error ? error.message : String(error) }, 'webhook: could not queue the event; the platform will deliver it again');
      refusedBecause(res, 'queue_unavailable');
      res.json(503, { error: 'temporarily unavailable' });
    }
  };
}

/**
 * Platforms want their answer within a second or two. When Redis is slow, answer 503 in time instead: if the event
 * was queued after all, the redelivery is dropped as a duplicate.
 */
const ACCEPT_DEADLINE_MS = 800;

function withinDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the queue did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/**
 * The exact body as received. restify's body parser keeps it in `rawBody` for JSON; for other content types the
 * body stays a string or a Buffer.
 */
export function rawBodyOf(req: restify.Request): string {
  const withRaw = req as restify.Request & { rawBody?: unknown };
  if (typeof withRaw.rawBody === 'string') return withRaw.rawBody;
  if (typeof req.body === 'string') return req.body;
  if (Buffer.isBuffer(req.body)) return req.body.toString('utf8');
  return '';
}

function safely<T>(run: () => T, onError: (reason: string) => T): T {
  try {
    return run();
  } catch (error) {
    return onError(error instanceof Error ? error.message : String(error));
  }
}
