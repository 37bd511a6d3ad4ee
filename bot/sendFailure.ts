/**
 * Why a turn's replies could not be handed to the channel (the Bot Framework connector, the web chat's history),
 * for the metrics (ttb_reply_send_failures_total) and the turn's log line. A channel that knows the reason throws
 * a SendFailure; anything else is read from the shape of the error and its causes: an HTTP status (the connector's
 * RestError, fetch's answers), a timeout, a network error code.
 */
export type SendFailureReason = 'timeout' | 'http_4xx' | 'http_5xx' | 'network' | 'storage' | 'expired' | 'other';

/** A send refused for a reason the channel names (the web chat's history unreachable, its conversation expired). */
export class SendFailure extends Error {
  constructor(
    readonly reason: SendFailureReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SendFailure';
  }
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'REQUEST_SEND_ERROR',
]);

const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/** The reason of a failed send: the first error in the chain (the error, its cause, theirs...) that tells one. */
export function sendFailureReason(error: unknown): SendFailureReason {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current !== null && typeof current === 'object'; depth++) {
    const reason = ownReason(current as ErrorShape);
    if (reason) return reason;
    current = (current as ErrorShape).cause;
  }
  return 'other';
}

interface ErrorShape {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  statusCode?: unknown;
  status?: unknown;
  response?: { status?: unknown };
  cause?: unknown;
}

function ownReason(error: ErrorShape): SendFailureReason | null {
  if (error instanceof SendFailure) return error.reason;
  const status = [error.statusCode, error.status, error.response?.status].find((value) => typeof value === 'number' && value >= 400 && value <= 599) as number | undefined;
  if (status !== undefined) return status >= 500 ? 'http_5xx' : 'http_4xx';
  const code = typeof error.code === 'string' ? error.code : '';
  if (error.name === 'TimeoutError' || TIMEOUT_CODES.has(code)) return 'timeout';
  if (error.name === 'AbortError' && typeof error.message === 'string' && /time ?out/i.test(error.message)) return 'timeout';
  if (NETWORK_CODES.has(code)) return 'network';
  return null;
}
