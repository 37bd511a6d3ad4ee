import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { SignatureVerdict } from '../delivery/webhookRoute';

/** `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body, keyed with the app secret>` (channels.md §2.2). */
export function messengerSignature(rawBody: string, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(rawBody, 'utf8').digest('hex')}`;
}

/** Constant-time check of the header over the exact bytes received. The legacy SHA-1 header is not accepted. */
export function verifyMessengerSignature(header: string | string[] | undefined, rawBody: string, appSecret: string): SignatureVerdict {
  if (typeof header !== 'string' || header.trim() === '') return { ok: false, reason: 'no X-Hub-Signature-256 header' };
  const given = /^sha256=([0-9a-f]{64})$/i.exec(header.trim())?.[1]?.toLowerCase();
  if (!given) return { ok: false, reason: 'X-Hub-Signature-256 is not sha256=<64 hex digits>' };
  const expected = Buffer.from(messengerSignature(rawBody, appSecret).slice('sha256='.length), 'hex');
  return timingSafeEqual(expected, Buffer.from(given, 'hex')) ? { ok: true, key: 'MESSENGER_APP_SECRET' } : { ok: false, reason: 'X-Hub-Signature-256 does not match' };
}

/** Constant-time comparison of two strings (the verify token of the subscription handshake), length included. */
export function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}
