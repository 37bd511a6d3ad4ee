import type { InboundEvent } from '../delivery/deliveryTypes';
import { MalformedEvent, ParsedEvents } from '../delivery/webhookRoute';

/** Longer texts are cut before understanding (Zalo itself limits a message to 2,000 characters). */
const MAX_TEXT = 4000;

/** User sends with an attachment: read the caption as text, else answer that only text is read. */
const MEDIA_EVENTS = new Set([
  'user_send_image',
  'user_send_gif',
  'user_send_sticker',
  'user_send_audio',
  'user_send_video',
  'user_send_file',
  'user_send_location',
  'user_send_link',
  'user_send_business_card',
]);

/** Events that are not input: receipts, consent, unfollow, info forms, anonymous chats, reactions. */
const IGNORED_EVENTS = new Set([
  'unfollow',
  'user_received_message',
  'user_seen_message',
  'oa_send_consent',
  'user_reply_consent',
  'user_submit_info',
  'user_reacted_message',
  'oa_reacted_message',
  'anonymous_send_text',
  'anonymous_send_image',
  'anonymous_send_file',
  'anonymous_send_sticker',
]);

type Json = Record<string, unknown>;

/**
 * One Zalo OA webhook body (one event) → the events to queue (channels.md §1.4). Echoes of the OA's own sends
 * (`oa_send_*`), receipts and consent events are ignored; an event name we do not know yet is ignored too (Zalo
 * adds kinds; refusing them would make it redeliver and then disable the webhook). A known event without the fields
 * it must carry is malformed.
 */
export function parseZaloEvents(body: unknown): ParsedEvents {
  if (!isObject(body)) throw new MalformedEvent('the body is not a JSON object');
  const name = body.event_name;
  if (typeof name !== 'string' || name === '') throw new MalformedEvent('no event_name');
  const timestamp = epochMs(body.timestamp);
  if (name.startsWith('oa_send_') || IGNORED_EVENTS.has(name)) return { events: [], ignored: [name] };
  if (name === 'user_send_text') return { events: [messageEvent(body, name, timestamp, 'text')], ignored: [] };
  if (MEDIA_EVENTS.has(name)) return { events: [messageEvent(body, name, timestamp, 'media')], ignored: [] };
  if (name === 'follow' || name === 'user_click_chatnow') return { events: [greetEvent(body, name, timestamp)], ignored: [] };
  return { events: [], ignored: [`unknown:${name.slice(0, 60)}`] };
}

function messageEvent(body: Json, name: string, timestamp: number, kind: 'text' | 'media'): InboundEvent {
  const userId = id(field(body.sender, 'id'), 'sender.id');
  const message = body.message;
  if (!isObject(message)) throw new MalformedEvent(`${name} without message`);
  const msgId = id(message.msg_id, 'message.msg_id');
  const text = typeof message.text === 'string' ? message.text.slice(0, MAX_TEXT) : undefined;
  if (kind === 'text' && text === undefined) throw new MalformedEvent('user_send_text without message.text');
  const attachments = readAttachments(message.attachments, name);
  return {
    channel: 'zalo',
    id: msgId,
    // A caption is read as text; an attachment without one gets the "text only" answer.
    kind: kind === 'media' && !text?.trim() ? 'media' : 'text',
    userId,
    botId: optionalId(field(body.recipient, 'id')) ?? optionalId(body.oa_id) ?? '',
    text,
    attachments: attachments.length > 0 ? attachments : undefined,
    timestamp,
    replyTo: msgId,
    raw: body,
  };
}

/** follow: user in follower.id; user_click_chatnow: a flat user_id (sender.id in some payloads). */
function greetEvent(body: Json, name: string, timestamp: number): InboundEvent {
  const userId = optionalId(field(body.follower, 'id')) ?? optionalId(body.user_id) ?? optionalId(field(body.sender, 'id'));
  if (!userId) throw new MalformedEvent(`${name} without a user id`);
  return {
    channel: 'zalo',
    id: `${name}.${userId}.${timestamp}`,
    kind: 'greet',
    userId,
    botId: optionalId(body.oa_id) ?? optionalId(field(body.recipient, 'id')) ?? '',
    timestamp,
    raw: body,
  };
}

function readAttachments(value: unknown, name: string): { type: string; url?: string }[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new MalformedEvent(`${name}: message.attachments is not a list`);
  return value.slice(0, 10).map((item) => {
    const type = isObject(item) && typeof item.type === 'string' ? item.type.slice(0, 40) : name.replace('user_send_', '');
    const url = isObject(item) ? field(item.payload, 'url') : undefined;
    return typeof url === 'string' && /^https?:\/\//.test(url) ? { type, url: url.slice(0, 2000) } : { type };
  });
}

/** Zalo ids are strings of digits (beyond 2^53: never numbers); hex message ids too. */
function id(value: unknown, what: string): string {
  const found = optionalId(value);
  if (!found) throw new MalformedEvent(`no ${what}`);
  return found;
}

function optionalId(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return /^[\w.-]{1,128}$/.test(trimmed) ? trimmed : undefined;
}

function epochMs(value: unknown): number {
  const number = typeof value === 'string' ? Number(value) : typeof value === 'number' ? value : NaN;
  if (!Number.isFinite(number) || number <= 0) throw new MalformedEvent('no usable timestamp');
  return number;
}

function field(value: unknown, name: string): unknown {
  return isObject(value) ? value[name] : undefined;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
