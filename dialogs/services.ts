import type { BotState } from '../bot/botState';
import type { I18n } from '../bot/i18n';
import type { KnowledgeBase } from '../bot/knowledge/types';
import type { Logger } from '../bot/logger';
import type { Understander } from '../bot/understanding/understander';

/** Something staff will want to count or follow up, recorded without personal data. */
export type BotEvent =
  | { type: 'feedback'; entryId: string; useful: boolean; conversationId: string }
  | { type: 'handoff'; conversationId: string; entryId?: string }
  | { type: 'unanswered'; conversationId: string; question: string };

export interface EventRecorder {
  record(event: BotEvent): void;
}

/** The knowledge base being served and the understanding built from it; both change together on reload. */
export interface ServedKnowledge {
  readonly kb: KnowledgeBase;
  readonly understander: Understander;
}

/** What the dialogs need from the runtime, passed in by the composition root. */
export interface DialogServices {
  i18n: I18n;
  state: BotState;
  logger: Logger;
  knowledge: ServedKnowledge;
  events: EventRecorder;
  /** How long state is kept, for the privacy notice. */
  retention: { conversationHours: number; userDays: number };
}
