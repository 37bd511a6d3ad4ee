import type { DossierParts } from '../bot/dossiers/createDossiers';
import type { KnowledgeBase, Locale } from '../bot/knowledge/types';
import type { Logger } from '../bot/logger';
import type { Understander } from '../bot/understanding/understander';

/** Something staff will want to count or follow up, recorded without personal data. */
export type BotEvent =
  | { type: 'feedback'; entryId: string; useful: boolean; conversationId: string }
  | { type: 'handoff'; conversationId: string; entryId?: string }
  /** A question answered with "I don't know" ('unanswered') or with "did you mean" ('unsure'). */
  | { type: 'unanswered' | 'unsure'; conversationId: string; question: string; locale?: Locale };

export interface EventRecorder {
  record(event: BotEvent): void;
}

/** Looks up a sentence the bot says, in the given language, with {{placeholders}} filled. */
export type Translate = (locale: Locale, key: string, vars?: Record<string, unknown>) => string;

/** The bot's own sentences (bot/locales), as the dialogs need them. */
export interface I18n {
  t: Translate;
  /** Lists of phrases (e.g. the words that mean yes), read from the same resources as the sentences. */
  list(locale: Locale, key: string): string[];
}

/** The knowledge base and the understanding built from it, taken together once per turn. */
export interface KnowledgeSnapshot {
  readonly kb: KnowledgeBase;
  readonly understander: Understander;
}

/** The knowledge being served; its snapshot changes as a whole when staff publish an edit. */
export interface ServedKnowledge {
  snapshot(): KnowledgeSnapshot;
}

/** What the dialogs need from the runtime, passed in by the composition root. */
export interface DialogServices {
  i18n: I18n;
  logger: Logger;
  knowledge: ServedKnowledge;
  events: EventRecorder;
  /** How long state is kept, for the privacy notice. */
  retention: { conversationHours: number; userDays: number; questionDays: number };
  /** Dossier status: codes, lookups, the second factor, subscriptions. */
  dossiers: DossierParts;
  /**
   * How long after the user's last message this chat lets the bot write first (a platform window), or null when
   * there is no such limit. Dialogs say so before promising a notification; they never learn the channel's name.
   */
  replyWindowHours(channelId: string | undefined): number | null;
}
