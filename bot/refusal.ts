/**
 * Why a request was refused, noted on its response by whoever refuses it (a webhook: signature, malformed_json,
 * too_large, queue_unavailable...), and read once the response is sent by the HTTP edge, which counts refusals by
 * route, status and reason (ttb_http_rejections_total). A refusal nobody named gets a reason from its status.
 */
const REASON = Symbol('refusalReason');

type Tagged = { [REASON]?: string };

/** Names the reason of the 4xx/5xx about to be sent: a short snake_case word from a fixed set, never input. */
export function refusedBecause(res: object, reason: string): void {
  (res as Tagged)[REASON] = reason;
}

/** The reason noted for this response, or one derived from its status. */
export function refusalReason(res: object, status: number): string {
  return (res as Tagged)[REASON] ?? STATUS_REASONS[status] ?? '-';
}

const STATUS_REASONS: Record<number, string> = {
  400: 'malformed',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  500: 'error',
  503: 'unavailable',
};

/** restify's own refusals (body parser, router) by error name. */
export function restifyRefusal(errorName: string | undefined): string {
  if (typeof errorName !== 'string') return 'error';
  if (errorName === 'InvalidContentError') return 'malformed_json';
  if (errorName === 'PayloadTooLargeError' || errorName === 'RequestEntityTooLargeError') return 'too_large';
  return snakeCase(errorName.replace(/Error$/, '')) || 'error';
}

/** `TooManyRequests` → `too_many_requests` (Direct Line error codes, restify error names). */
export function snakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9_]+/g, '_')
    .toLowerCase();
}
