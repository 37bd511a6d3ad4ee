import type { Locale } from '../bot/knowledge/types';
import { parseButtonMemory, type ButtonMemory } from './buttonMemory';
import { isRecord } from './guards';

/** The shape version of stored conversation and user state; older shapes are migrated when read. */
export const STATE_VERSION = 2;

/** A flow in progress (or paused): which flow, and its own state, which the flow checks when it is read. */
export interface FlowRecord {
  id: string;
  state: unknown;
}

/** What the bot remembers about one conversation (kept with the conversation-state TTL). */
export interface ConversationData {
  /** The language of the last message that told (marks, or English words): taps and "ok" keep it. */
  locale?: Locale;
  /** Whether the welcome was already shown in this conversation. */
  welcomed?: boolean;
  /** The buttons of the last offer, by token. */
  buttons?: ButtonMemory;
  /** The flow waiting for the user's reply. */
  flow?: FlowRecord;
  /** A flow left for another question, resumed with "tiếp tục". */
  paused?: FlowRecord;
  /** The user asked to check papers before naming a procedure: start the check once one is named. */
  wantsChecklist?: boolean;
}

/** What the bot remembers about a user (kept with the user-state TTL): no personal data. */
export interface UserProfile {
  /** The language the user chose; absent until they choose, then the default applies. */
  locale?: Locale;
  /** The last procedure or topic the user asked about, for follow-ups such as "còn lệ phí thì sao?". */
  lastEntryId?: string;
}

/** A stored value read back: what could be used, and what was dropped or migrated, for one log line. */
export interface Parsed<T> {
  value: T;
  problems: string[];
}

/** Checks a flow's stored state: the state when it still fits the flow, else null. */
export type FlowStateCheck = (record: FlowRecord) => boolean;

/**
 * Reads stored conversation state of any version: version 2 is checked field by field; version 1 (botbuilder
 * ConversationState with `data` and a `dialogState` stack) is migrated. Whatever does not fit is dropped and named
 * in `problems`, so a broken conversation continues from a clean start instead of failing every turn.
 */
export function parseConversation(raw: unknown, flowFits: FlowStateCheck): Parsed<ConversationData> {
  const problems: string[] = [];
  if (raw === undefined || raw === null) return { value: {}, problems };
  if (!isRecord(raw)) return { value: {}, problems: ['conversation state is not an object; reset'] };
  if (raw.version === undefined) return migrateConversationV1(raw, flowFits);
  if (raw.version !== STATE_VERSION) return { value: {}, problems: [`conversation state version ${String(raw.version)} is unknown; reset`] };
  const data = isRecord(raw.conversation) ? raw.conversation : {};
  const value: ConversationData = {};
  copyLocale(data.locale, (locale) => (value.locale = locale), problems);
  if (data.welcomed === true) value.welcomed = true;
  if (data.wantsChecklist === true) value.wantsChecklist = true;
  if (data.buttons !== undefined) {
    value.buttons = parseButtonMemory(data.buttons);
    if (!value.buttons) problems.push('button memory dropped');
  }
  for (const slot of ['flow', 'paused'] as const) {
    if (data[slot] === undefined) continue;
    const record = flowRecord(data[slot]);
    if (record && flowFits(record)) value[slot] = record;
    else problems.push(`${slot} dropped (${record ? record.id : 'not a flow'})`);
  }
  return { value, problems };
}

/** Version 1 was botbuilder's ConversationState: `data` (locale, welcomed, pausedChecklist...) and `dialogState`. */
function migrateConversationV1(raw: Record<string, unknown>, flowFits: FlowStateCheck): Parsed<ConversationData> {
  const problems = ['conversation state migrated from version 1'];
  const data = isRecord(raw.data) ? raw.data : {};
  const value: ConversationData = {};
  copyLocale(data.locale, (locale) => (value.locale = locale), problems);
  if (data.welcomed === true) value.welcomed = true;
  if (data.wantsChecklist === true) value.wantsChecklist = true;
  const paused: FlowRecord = { id: 'checklist', state: data.pausedChecklist };
  if (data.pausedChecklist !== undefined && flowFits(paused)) value.paused = paused;
  const stack = isRecord(raw.dialogState) && Array.isArray(raw.dialogState.dialogStack) ? raw.dialogState.dialogStack : [];
  const active = stack.map(flowRecord).find((record) => record?.id === 'checklist');
  if (active && flowFits(active)) value.flow = active;
  return { value, problems };
}

export function parseProfile(raw: unknown): Parsed<UserProfile> {
  const problems: string[] = [];
  if (raw === undefined || raw === null) return { value: {}, problems };
  if (!isRecord(raw)) return { value: {}, problems: ['user state is not an object; reset'] };
  // Version 1 was botbuilder's UserState: the same fields under `profile`.
  if (raw.version !== undefined && raw.version !== STATE_VERSION) return { value: {}, problems: [`user state version ${String(raw.version)} is unknown; reset`] };
  if (raw.version === undefined && raw.profile !== undefined) problems.push('user state migrated from version 1');
  const profile = isRecord(raw.profile) ? raw.profile : {};
  const value: UserProfile = {};
  copyLocale(profile.locale, (locale) => (value.locale = locale), problems);
  if (typeof profile.lastEntryId === 'string') value.lastEntryId = profile.lastEntryId;
  else if (profile.lastEntryId !== undefined) problems.push('lastEntryId dropped');
  return { value, problems };
}

/** The stored form of each: versioned, so a later release can tell and migrate. */
export function storedConversation(value: ConversationData): Record<string, unknown> {
  return { version: STATE_VERSION, conversation: value };
}

export function storedProfile(value: UserProfile): Record<string, unknown> {
  return { version: STATE_VERSION, profile: value };
}

function flowRecord(raw: unknown): FlowRecord | undefined {
  return isRecord(raw) && typeof raw.id === 'string' ? { id: raw.id, state: raw.state } : undefined;
}

function copyLocale(raw: unknown, set: (locale: Locale) => void, problems: string[]): void {
  if (raw === 'vi' || raw === 'en') set(raw);
  else if (raw !== undefined) problems.push('locale dropped');
}
