import { createHash, timingSafeEqual } from 'node:crypto';
import type { SignatureVerdict } from '../delivery/webhookRoute';

/** A key the webhook may be signed with, named for the log ("which configured key matched"). */
export interface SigningKey {
  name: string;
  value: string;
}

/**
 * `X-ZEvent-Signature`: "mac=" + lower-case hex SHA-256 (a plain hash, not an HMAC) of app_id + raw body +
 * timestamp + key, with app_id and timestamp read from the body (channels.md §1.3).
 */
export function zaloSignature(appId: string, rawBody: string, timestamp: string, key: string): string {
  return `mac=${createHash('sha256').update(appId + rawBody + timestamp + key, 'utf8').digest('hex')}`;
}

/**
 * Checks the header against each configured key in constant time. Which key signs is not confirmed (the OA secret
 * key most likely, the app secret in some code), so both are tried and the one that matched is reported.
 */
export function verifyZaloSignature(header: string | string[] | undefined, rawBody: string, body: unknown, keys: SigningKey[]): SignatureVerdict {
  if (typeof header !== 'string' || header.trim() === '') return { ok: false, reason: 'no X-ZEvent-Signature header' };
  const given = /^(?:mac=)?([0-9a-f]{64})$/i.exec(header.trim())?.[1]?.toLowerCase();
  if (!given) return { ok: false, reason: 'X-ZEvent-Signature is not mac=<64 hex digits>' };
  const fields = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const appId = scalar(fields.app_id);
  const timestamp = scalar(fields.timestamp);
  if (appId === undefined || timestamp === undefined) {
    return { ok: false, reason: 'the body has no app_id or timestamp to check the signature with', malformed: true };
  }
  const givenBytes = Buffer.from(given, 'hex');
  for (const key of keys) {
    const expected = Buffer.from(zaloSignature(appId, rawBody, timestamp, key.value).slice(4), 'hex');
    if (timingSafeEqual(expected, givenBytes)) return { ok: true, key: key.name };
  }
  return { ok: false, reason: 'X-ZEvent-Signature does not match any configured key' };
}

function scalar(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}
