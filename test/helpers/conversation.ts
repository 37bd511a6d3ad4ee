import { Activity, AutoSaveStateMiddleware, MemoryStorage, Storage } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import { BotState } from '../../bot/botState';
import { createI18n } from '../../bot/i18n';
import { KnowledgeStore } from '../../bot/knowledge/knowledgeStore';
import { silentLogger } from '../../bot/logger';
import { ServedKnowledgePair } from '../../bot/servedKnowledge';
import { TurnSetup } from '../../bot/turnSetup';
import { MainDialog } from '../../dialogs/mainDialog';
import type { BotEvent, DialogServices } from '../../dialogs/services';
import { FROZEN_KB } from './paths';

export const KNOWLEDGE_DIR = FROZEN_KB;

/** One bot reply as a citizen sees it: the text, then the button titles. */
export interface Reply {
  text: string;
  buttons: string[];
}

/**
 * The real dialogs on the real knowledge base, driven through botbuilder-testing's DialogTestClient with the same
 * middleware as every channel. Storage is in memory unless given, so a test can "restart" the bot on the same
 * storage and continue the conversation.
 */
export class Conversation {
  readonly events: BotEvent[] = [];
  private readonly client: DialogTestClient;

  constructor(
    readonly storage: Storage = new MemoryStorage(),
    knowledge: ServedKnowledgePair = sharedKnowledge(),
  ) {
    const state = new BotState(storage);
    const services: DialogServices = {
      i18n: createI18n('vi'),
      state,
      logger: silentLogger(),
      knowledge,
      events: { record: (event) => this.events.push(event) },
      retention: { conversationHours: 24, userDays: 30 },
    };
    this.client = new DialogTestClient('test', new MainDialog(services), undefined, [
      new TurnSetup(state, 'vi'),
      new AutoSaveStateMiddleware(state.user),
    ], state.conversation);
  }

  /** Sends one message (with the channel's locale, if given); returns every reply of that turn. */
  async say(text: string, locale?: string): Promise<Reply[]> {
    const replies: Reply[] = [];
    const message: Partial<Activity> = { type: 'message', text, ...(locale ? { locale } : {}) };
    let activity: Partial<Activity> | undefined = await this.client.sendActivity(message);
    while (activity) {
      if (activity.type === 'message') {
        replies.push({ text: activity.text ?? '', buttons: (activity.suggestedActions?.actions ?? []).map((a) => String(a.title)) });
      }
      activity = this.client.getNextReply();
    }
    return replies;
  }
}

let knowledge: ServedKnowledgePair | undefined;

/** The knowledge base and its index, built once per test file. */
export function sharedKnowledge(): ServedKnowledgePair {
  knowledge ??= knowledgeFrom(KNOWLEDGE_DIR);
  return knowledge;
}

export function knowledgeFrom(dir: string): ServedKnowledgePair {
  const logger = silentLogger();
  return new ServedKnowledgePair(KnowledgeStore.open(dir, { logger }), logger);
}

/** All the text of a turn, buttons included, for "contains" checks. */
export function flatten(replies: Reply[]): string {
  return replies.map((reply) => [reply.text, ...reply.buttons.map((title) => `[${title}]`)].join('\n')).join('\n');
}
