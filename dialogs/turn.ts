import type { Activity } from 'botbuilder';
import type { Entry, KnowledgeBase, Locale } from '../bot/knowledge/types';
import type { NormalizedText } from '../bot/understanding/normalizer';
import type { Decision, Understander } from '../bot/understanding/understander';
import { pickButton, type ButtonPick } from './buttonMemory';
import type { ConversationData, UserProfile } from './conversationData';
import { Outbox } from './outbox';
import type { BotEvent, DialogServices, KnowledgeSnapshot } from './services';

/** An event as a flow records it; the turn adds the conversation id. */
export type EventOfTurn = BotEvent extends infer E ? (E extends BotEvent ? Omit<E, 'conversationId'> : never) : never;

/** The user's message, read once at the start of the turn. */
export interface TurnInput {
  /** The text, trimmed, cut to the length limit when it was longer. */
  text: string;
  /** Normalised once; every reading of the text in this turn starts from it. */
  normalized: NormalizedText;
  /** The button the message picks (tap, token, number or title), a stale token, or nothing. */
  pick: ButtonPick;
  /** The message was longer than the limit and only its first part is read. */
  truncated: boolean;
}

/**
 * What the turn did, for its log line and the metrics (never the text): the router fills it in as it decides.
 */
export interface TurnTrace {
  /** What was run: an action kind ('entry', 'menu', 'feedback'...), 'unsure', 'unknown', or 'flow:<id>'. */
  intent?: string;
  /** When free text was understood: the understanding's decision and confidence. */
  decision?: Decision;
  confidence?: number;
  /** The knowledge entry answered, offered first, rated or checked. */
  entryId?: string;
}

/** Everything a flow needs for one turn, gathered once: state, one knowledge snapshot, the input, the outbox. */
export interface Turn {
  readonly activity: Partial<Activity>;
  readonly services: DialogServices;
  readonly data: ConversationData;
  readonly profile: UserProfile;
  readonly kb: KnowledgeBase;
  readonly understander: Understander;
  readonly input: TurnInput;
  readonly reply: Outbox;
  readonly trace: TurnTrace;
  /**
   * The conversation's stored state could not be read (Redis away): `data` and `profile` start empty, nothing is
   * saved, and what needs state says it is briefly unavailable; knowledge answers go on as usual.
   */
  readonly degraded: boolean;
  /** Events for staff, recorded once the turn's state is saved (a turn that is run again records them once). */
  readonly events: BotEvent[];
  readonly locale: Locale;
  /** The language of the rest of this turn. */
  setLocale(locale: Locale): void;
  t(key: string, vars?: Record<string, unknown>): string;
  /** The entry the user asked about last, if it still exists in the knowledge base. */
  lastEntry(): Entry | undefined;
  record(event: EventOfTurn): void;
  readonly conversationId: string;
}

export interface TurnSource {
  activity: Partial<Activity>;
  services: DialogServices;
  data: ConversationData;
  profile: UserProfile;
  knowledge: KnowledgeSnapshot;
  locale: Locale;
  text: string;
  truncated: boolean;
  degraded?: boolean;
}

/** Opens a turn: the text is normalised and the button it picks resolved here, once. */
export function openTurn(source: TurnSource): Turn {
  const { activity, services, data, profile } = source;
  const { kb, understander } = source.knowledge;
  const token = tokenOf(activity.value);
  const normalized = understander.normalize(source.text);
  const input: TurnInput = {
    text: source.text,
    normalized,
    pick: pickButton(data.buttons, { text: source.text, folded: normalized.folded, token }),
    truncated: source.truncated,
  };
  let locale = source.locale;
  const events: BotEvent[] = [];
  const conversationId = activity.conversation?.id ?? '';
  return {
    activity,
    services,
    data,
    profile,
    kb,
    understander,
    input,
    reply: new Outbox(),
    trace: {},
    degraded: source.degraded ?? false,
    events,
    conversationId,
    get locale() {
      return locale;
    },
    setLocale(next) {
      locale = next;
    },
    t(key, vars) {
      return services.i18n.t(locale, key, vars);
    },
    lastEntry() {
      return profile.lastEntryId ? kb.byId.get(profile.lastEntryId) : undefined;
    },
    record(event) {
      events.push({ ...event, conversationId } as BotEvent);
    },
  };
}

/** A tap's payload as adapters put it: `value: { token }` (a bare string value is accepted too). */
function tokenOf(value: unknown): string | undefined {
  if (typeof value === 'string' && value.startsWith('~')) return value;
  if (typeof value === 'object' && value !== null && typeof (value as { token?: unknown }).token === 'string') {
    return (value as { token: string }).token;
  }
  return undefined;
}
