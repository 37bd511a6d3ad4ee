import type { Activity } from 'botbuilder';
import { BOT_ACCOUNT, WEBCHAT_CHANNEL_ID } from './directLineAdapter';

/** Longest text a citizen may send in one message. */
export const MAX_TEXT_LENGTH = 4000;
/** Largest `value`, `channelData` or `entities`, as JSON: a button's payload and Web Chat's own fields fit. */
const MAX_PART_JSON = 4000;

export type ParsedPost =
  | { ok: true; activity: Partial<Activity>; clientActivityId?: string; runsBot: boolean }
  | { ok: false; message: string };

/**
 * Checks what a client posted and builds the activity we store and give the bot. Only the fields a Direct
 * Line client may set are kept; identity (`from`, `conversation`, `recipient`, `channelId`, `timestamp`) is ours:
 * the user id comes from the token, whatever the client wrote. `role: "user"` is what makes Web Chat show
 * stored messages as the user's after a reload, when it has invented a new user id of its own.
 */
export function parseClientActivity(body: unknown, conversationId: string, userId: string): ParsedPost {
  if (!isObject(body)) return fail('the body must be a JSON activity');
  const type = body.type;
  if (type !== 'message' && type !== 'event' && type !== 'typing') return fail(`activity type "${String(type)}" is not accepted`);
  if (Array.isArray(body.attachments) && body.attachments.length > 0) return fail('attachments are not accepted');
  const text = optionalString(body.text, MAX_TEXT_LENGTH, 'text');
  if (typeof text === 'object') return text;
  if (type === 'message' && !text?.trim() && body.value === undefined) return fail('a message needs text or a value');
  if (type === 'event' && (typeof body.name !== 'string' || body.name.length === 0 || body.name.length > 100)) {
    return fail('an event needs a name of at most 100 characters');
  }
  const parts = jsonParts(body);
  if ('message' in parts) return parts;
  const channelData = parts.channelData as { clientActivityID?: unknown } | undefined;
  const clientActivityId = typeof channelData?.clientActivityID === 'string' ? channelData.clientActivityID.slice(0, 100) : undefined;
  const activity: Partial<Activity> = {
    type,
    channelId: WEBCHAT_CHANNEL_ID,
    timestamp: new Date(),
    from: { id: userId, name: shortString(body.from, 'name', 100) ?? '', role: 'user' },
    conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
    recipient: BOT_ACCOUNT,
    text,
    textFormat: body.textFormat === 'markdown' || body.textFormat === 'xml' ? body.textFormat : 'plain',
    locale: locale(body.locale),
    localTimestamp: shortValue(body.localTimestamp, 64) as unknown as Date | undefined,
    localTimezone: shortValue(body.localTimezone, 64),
    name: type === 'event' ? (body.name as string) : undefined,
    attachments: type === 'message' ? [] : undefined,
    ...parts,
  };
  return { ok: true, activity, clientActivityId, runsBot: type !== 'typing' };
}

function jsonParts(body: Record<string, unknown>): { ok: false; message: string } | Partial<Activity> {
  const parts: Record<string, unknown> = {};
  for (const key of ['value', 'channelData', 'entities'] as const) {
    if (body[key] === undefined || body[key] === null) continue;
    if (key === 'channelData' && !isObject(body[key])) return fail('channelData must be an object');
    if (key === 'entities' && !Array.isArray(body[key])) return fail('entities must be a list');
    if (JSON.stringify(body[key]).length > MAX_PART_JSON) return fail(`${key} is larger than ${MAX_PART_JSON} characters`);
    parts[key] = body[key];
  }
  return parts as Partial<Activity>;
}

function optionalString(value: unknown, max: number, name: string): string | undefined | { ok: false; message: string } {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') return fail(`${name} must be a string`);
  if (value.length > max) return fail(`${name} is longer than ${max} characters`);
  return value;
}

function shortString(holder: unknown, key: string, max: number): string | undefined {
  return isObject(holder) ? shortValue(holder[key], max) : undefined;
}

function shortValue(value: unknown, max: number): string | undefined {
  return typeof value === 'string' && value.length <= max ? value : undefined;
}

/** A BCP 47 tag such as vi-VN or en-US; anything else is dropped. */
function locale(value: unknown): string | undefined {
  return typeof value === 'string' && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}$/.test(value) ? value : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(message: string): { ok: false; message: string } {
  return { ok: false, message };
}
