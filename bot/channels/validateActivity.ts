import type { Activity, ChannelAccount, ConversationAccount } from 'botbuilder';

/** Activity types the bot handles; anything else (invoke, handoff...) is refused before a turn runs. */
const TYPES = new Set([
  'message', 'conversationUpdate', 'event', 'typing', 'endOfConversation', 'messageReaction', 'installationUpdate',
  'contactRelationUpdate', 'messageUpdate', 'messageDelete',
]);

const MAX = { id: 256, channelId: 64, url: 2048, name: 256, text: 100_000, locale: 32, members: 100, attachments: 20 };

export type Validated = { ok: true; activity: Partial<Activity> } | { ok: false; reason: string };

/**
 * Checks an incoming Bot Framework activity (a parsed JSON body) before any turn runs, and returns a clean copy
 * holding only the fields the bot reads, each of the right type: a malformed activity is refused with the reason
 * (an HTTP 400), never a failure inside the turn. Lengths are bounded so a body cannot make state or logs grow.
 */
export function validateActivity(body: unknown): Validated {
  if (!isRecord(body)) return fail('the body is not a JSON object');
  if (typeof body.type !== 'string' || !TYPES.has(body.type)) return fail(`"type" must be one of ${[...TYPES].join(', ')}`);
  const checks: Array<string | null> = [
    text(body, 'id', MAX.id, false),
    text(body, 'channelId', MAX.channelId, true),
    serviceUrl(body.serviceUrl),
    account(body.from, 'from'),
    account(body.recipient, 'recipient'),
    conversation(body.conversation),
    text(body, 'text', MAX.text, false),
    text(body, 'locale', MAX.locale, false),
    text(body, 'replyToId', MAX.id, false),
    text(body, 'textFormat', MAX.channelId, false),
    members(body.membersAdded, 'membersAdded'),
    members(body.membersRemoved, 'membersRemoved'),
    attachments(body.attachments),
    body.channelData === undefined || isRecord(body.channelData) ? null : '"channelData" must be an object',
    body.type === 'event' && body.name !== undefined && typeof body.name !== 'string' ? '"name" must be a string' : null,
  ];
  const problem = checks.find((check) => check !== null);
  if (problem) return fail(problem);
  return { ok: true, activity: cleanCopy(body) };
}

function cleanCopy(body: Record<string, unknown>): Partial<Activity> {
  const activity: Partial<Activity> = {
    type: body.type as string,
    channelId: body.channelId as string,
    serviceUrl: body.serviceUrl as string,
    from: accountCopy(body.from as Record<string, unknown>),
    recipient: accountCopy(body.recipient as Record<string, unknown>),
    conversation: conversationCopy(body.conversation as Record<string, unknown>),
  };
  for (const key of ['id', 'text', 'locale', 'replyToId', 'textFormat', 'name'] as const) {
    if (typeof body[key] === 'string') (activity as Record<string, unknown>)[key] = body[key];
  }
  // Dates that do not parse are dropped rather than refused: nothing in the bot depends on them.
  for (const key of ['timestamp', 'localTimestamp'] as const) {
    const value = body[key];
    if (typeof value === 'string' && value.length <= 64 && Number.isFinite(Date.parse(value))) (activity as Record<string, unknown>)[key] = value;
  }
  if (body.value !== undefined) activity.value = body.value;
  if (body.channelData !== undefined) activity.channelData = body.channelData;
  if (Array.isArray(body.membersAdded)) activity.membersAdded = body.membersAdded.map((m) => accountCopy(m as Record<string, unknown>));
  if (Array.isArray(body.membersRemoved)) activity.membersRemoved = body.membersRemoved.map((m) => accountCopy(m as Record<string, unknown>));
  if (Array.isArray(body.attachments)) activity.attachments = body.attachments as Activity['attachments'];
  return activity;
}

function accountCopy(raw: Record<string, unknown>): ChannelAccount {
  const account: ChannelAccount = { id: raw.id as string, name: typeof raw.name === 'string' ? raw.name : '' };
  if (typeof raw.role === 'string') account.role = raw.role;
  return account;
}

function conversationCopy(raw: Record<string, unknown>): ConversationAccount {
  return {
    id: raw.id as string,
    name: typeof raw.name === 'string' ? raw.name : '',
    isGroup: raw.isGroup === true,
    conversationType: typeof raw.conversationType === 'string' ? raw.conversationType : '',
    ...(typeof raw.tenantId === 'string' ? { tenantId: raw.tenantId } : {}),
  };
}

function text(body: Record<string, unknown>, key: string, max: number, required: boolean): string | null {
  const value = body[key];
  if (value === undefined || value === null) return required ? `"${key}" is required` : null;
  if (typeof value !== 'string') return `"${key}" must be a string`;
  if (required && value.trim() === '') return `"${key}" must not be empty`;
  return value.length > max ? `"${key}" is longer than ${max} characters` : null;
}

function serviceUrl(value: unknown): string | null {
  if (typeof value !== 'string' || value === '') return '"serviceUrl" is required';
  if (value.length > MAX.url) return `"serviceUrl" is longer than ${MAX.url} characters`;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? null : '"serviceUrl" must be an http or https URL';
  } catch {
    return '"serviceUrl" is not a URL';
  }
}

function account(value: unknown, key: string): string | null {
  if (!isRecord(value)) return `"${key}" must be an object with an id`;
  if (typeof value.id !== 'string' || value.id.trim() === '') return `"${key}.id" must be a non-empty string`;
  if (value.id.length > MAX.id) return `"${key}.id" is longer than ${MAX.id} characters`;
  if (value.name !== undefined && value.name !== null && typeof value.name !== 'string') return `"${key}.name" must be a string`;
  if (typeof value.name === 'string' && value.name.length > MAX.name) return `"${key}.name" is longer than ${MAX.name} characters`;
  return null;
}

function conversation(value: unknown): string | null {
  if (!isRecord(value)) return '"conversation" must be an object with an id';
  if (typeof value.id !== 'string' || value.id.trim() === '') return '"conversation.id" must be a non-empty string';
  return value.id.length > MAX.id * 2 ? `"conversation.id" is longer than ${MAX.id * 2} characters` : null;
}

function members(value: unknown, key: string): string | null {
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value) || value.length > MAX.members) return `"${key}" must be a list of at most ${MAX.members} accounts`;
  for (const [i, member] of value.entries()) {
    const problem = account(member, `${key}[${i}]`);
    if (problem) return problem;
  }
  return null;
}

function attachments(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value) || value.length > MAX.attachments) return `"attachments" must be a list of at most ${MAX.attachments}`;
  return value.every((item) => isRecord(item) && typeof item.contentType === 'string') ? null : '"attachments" must each have a contentType';
}

function fail(reason: string): Validated {
  return { ok: false, reason };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
