import { createHash } from 'node:crypto';
import { isButtonToken } from '../../../dialogs/buttonMemory';
import type { InboundEvent } from '../delivery/deliveryTypes';
import { MalformedEvent, ParsedEvents } from '../delivery/webhookRoute';

/** The payload of our "Get Started" button (set with the Messenger Profile API, see the README). */
export const GET_STARTED_PAYLOAD = 'GET_STARTED';

const MAX_TEXT = 4000;
/** Meta batches up to 1,000 events; more than this in one body is not a real delivery. */
const MAX_EVENTS = 1000;

type Json = Record<string, unknown>;

/**
 * One Messenger webhook body → the events to queue (channels.md §2.3): every `entry[]` and every `messaging[]`.
 * Echoes, deliveries, reads, reactions and other notices are ignored. The body must be a page object with an
 * entry list; inside it, an event that lacks what it needs is skipped (and named in `ignored`) rather than making
 * Meta redeliver the whole batch, unless nothing usable is left, which makes the body malformed.
 */
export function parseMessengerEvents(body: unknown): ParsedEvents {
  if (!isObject(body)) throw new MalformedEvent('the body is not a JSON object');
  if (typeof body.object !== 'string') throw new MalformedEvent('no object field');
  if (!Array.isArray(body.entry)) throw new MalformedEvent('entry is not a list');
  if (body.object !== 'page') return { events: [], ignored: [`object:${body.object.slice(0, 40)}`] };
  const events: InboundEvent[] = [];
  const ignored: string[] = [];
  let malformed = 0;
  for (const entry of body.entry.slice(0, MAX_EVENTS)) {
    if (!isObject(entry)) {
      malformed++;
      continue;
    }
    if (entry.messaging !== undefined && !Array.isArray(entry.messaging)) {
      malformed++;
      continue;
    }
    if (Array.isArray(entry.standby)) ignored.push('standby');
    for (const item of (entry.messaging as unknown[] | undefined) ?? []) {
      const result = readEvent(item);
      if (result === 'malformed') malformed++;
      else if (typeof result === 'string') ignored.push(result);
      else events.push(result);
    }
  }
  if (malformed > 0 && events.length === 0 && ignored.length === 0) throw new MalformedEvent(`${malformed} event(s) without the fields they need`);
  if (malformed > 0) ignored.push(`malformed:${malformed}`);
  return { events, ignored };
}

function readEvent(item: unknown): InboundEvent | string | 'malformed' {
  if (!isObject(item)) return 'malformed';
  const userId = psid(field(item.sender, 'id'));
  const pageId = psid(field(item.recipient, 'id'));
  const timestamp = typeof item.timestamp === 'number' && item.timestamp > 0 ? item.timestamp : NaN;
  if (isObject(item.message) && item.message.is_echo === true) return 'echo';
  for (const notice of ['delivery', 'read', 'reaction', 'optin', 'account_linking', 'policy_enforcement', 'referral', 'pass_thread_control', 'take_thread_control']) {
    if (item[notice] !== undefined && item.message === undefined && item.postback === undefined) return notice;
  }
  if (!userId || !pageId || !Number.isFinite(timestamp)) return 'malformed';
  const base = { channel: 'facebook', userId, botId: pageId, timestamp, raw: item };
  if (isObject(item.message)) return messageEvent(item.message, base);
  if (isObject(item.postback)) return postbackEvent(item.postback, base);
  return 'unknown';
}

type Base = Pick<InboundEvent, 'channel' | 'userId' | 'botId' | 'timestamp' | 'raw'>;

function messageEvent(message: Json, base: Base): InboundEvent | 'malformed' {
  const mid = typeof message.mid === 'string' && message.mid ? message.mid.slice(0, 200) : undefined;
  if (!mid) return 'malformed';
  const text = typeof message.text === 'string' ? message.text.slice(0, MAX_TEXT) : undefined;
  const payload = field(message.quick_reply, 'payload');
  // A quick-reply tap: the text is the title the person saw; our token in the payload says which button it was.
  if (typeof payload === 'string' && isButtonToken(payload)) return { ...base, id: mid, kind: 'tap', text: text ?? '', payload };
  const attachments = readAttachments(message.attachments);
  if (text?.trim()) return { ...base, id: mid, kind: 'text', text, attachments };
  if (attachments || message.sticker_id !== undefined) return { ...base, id: mid, kind: 'media', attachments: attachments ?? [{ type: 'sticker' }] };
  return 'malformed';
}

/**
 * Buttons of our messages (our token as payload: a tap), "Get Started" (greets), and the Page's persistent menu or
 * other buttons whose payload is not ours: read as if the person had typed the button's title.
 */
function postbackEvent(postback: Json, base: Base): InboundEvent | 'malformed' {
  const payload = typeof postback.payload === 'string' ? postback.payload.slice(0, 1000) : undefined;
  if (!payload) return 'malformed';
  const id = typeof postback.mid === 'string' && postback.mid ? postback.mid.slice(0, 200) : `pb.${base.userId}.${base.timestamp}.${digest(payload)}`;
  if (payload === GET_STARTED_PAYLOAD) return { ...base, id, kind: 'greet' };
  const title = typeof postback.title === 'string' ? postback.title.slice(0, MAX_TEXT) : '';
  if (isButtonToken(payload)) return { ...base, id, kind: 'tap', text: title, payload };
  return { ...base, id, kind: 'text', text: title || payload };
}

function readAttachments(value: unknown): { type: string; url?: string }[] | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  return value.slice(0, 10).map((item) => {
    const type = isObject(item) && typeof item.type === 'string' ? item.type.slice(0, 40) : 'file';
    const url = isObject(item) ? field(item.payload, 'url') : undefined;
    return typeof url === 'string' && /^https?:\/\//.test(url) ? { type, url: url.slice(0, 2000) } : { type };
  });
}

/** PSIDs and page ids are strings of digits; accept what is id-like, nothing else. */
function psid(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  return /^[\w.-]{1,128}$/.test(value) ? value : undefined;
}

function digest(text: string): string {
  return createHash('sha1').update(text).digest('hex').slice(0, 12);
}

function field(value: unknown, name: string): unknown {
  return isObject(value) ? value[name] : undefined;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
