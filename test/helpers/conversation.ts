import { TestAdapter, TurnContext, type Activity, type CardAction } from 'botbuilder';
import { buildRuntime, type Runtime, type RuntimeOptions } from '../../bot/app';
import { readConfig } from '../../bot/config';
import { KnowledgeStore } from '../../bot/knowledge/knowledgeStore';
import { silentLogger, type Logger } from '../../bot/logger';
import { ServedKnowledgePair } from '../../bot/servedKnowledge';
import { MemoryStore } from '../../bot/storage/memoryStore';
import type { BotEvent } from '../../dialogs/services';
import { FROZEN_KB } from './paths';

export const KNOWLEDGE_DIR = FROZEN_KB;

/** One bot reply as a citizen sees it: the text, the button titles, the links. */
export interface Reply {
  text: string;
  buttons: string[];
  links: { title: string; url: string }[];
  activity: Partial<Activity>;
}

export interface ConversationOptions {
  /** The channel the messages come from (its profile shapes the replies); default "emulator". */
  channelId?: string;
  kbDir?: string;
  /** Shared by conversations that play a restart or a second instance. */
  storage?: RuntimeOptions['storage'];
  user?: string;
  conversation?: string;
  lockTimings?: RuntimeOptions['lockTimings'];
  /** More configuration (DOSSIER_* ...), as environment variables. */
  env?: Record<string, string>;
  /** Where the bot's logs go (silent by default). */
  logger?: Logger;
}

/**
 * The real bot, built by buildRuntime as the server builds it (turn lock, turn runner, dialogs, renderer), driven
 * through botbuilder's TestAdapter. Storage is in memory unless given, so a test can "restart" the bot on the same
 * storage and continue the conversation.
 */
export class Conversation {
  readonly events: BotEvent[] = [];
  readonly runtime: Runtime;
  adapter: TestAdapter;
  private last: Reply[] = [];
  /** Every reply so far, oldest first: a button of an earlier message can still be tapped. */
  readonly history: Reply[] = [];

  constructor(options: ConversationOptions = {}) {
    const config = readConfig({ KB_DIR: options.kbDir ?? KNOWLEDGE_DIR, KB_WATCH: 'false', LOG_LEVEL: 'silent', DOSSIER_LOOKUP_FLOOR_MS: '0', ...options.env });
    // The shared understanding knows the default code shape only: local shapes need their own.
    const own = Boolean(options.kbDir) || config.dossiers.codePatterns.length > 0;
    this.runtime = buildRuntime(config, options.logger ?? silentLogger(), {
      knowledge: own ? undefined : sharedKnowledge().store,
      served: own ? undefined : sharedKnowledge().served,
      storage: options.storage ?? memoryStorage(),
      events: { record: (event) => this.events.push(event) },
      lockTimings: options.lockTimings,
    });
    this.adapter = this.chatAdapter(options.channelId ?? 'emulator', options.user ?? 'user-1', options.conversation);
  }

  /** Goes on with another citizen in a new chat of the same bot (same runtime and storage). */
  newChat(user: string): void {
    this.adapter = this.chatAdapter(this.adapter.template.channelId ?? 'emulator', user);
  }

  private chatAdapter(channelId: string, user: string, conversation?: string): TestAdapter {
    const adapter: TestAdapter = this.runtime.attach(
      new TestAdapter(this.runtime.logic, {
        channelId,
        serviceUrl: 'http://127.0.0.1:1',
        conversation: { id: conversation ?? `conversation-of-${user}`, isGroup: false, conversationType: 'personal', name: '' },
        from: { id: user, name: 'Citizen' },
        recipient: { id: 'bot', name: 'Thủ tục bot' },
      }),
      {
        channels: [channelId],
        // TestAdapter has no continueConversation: a proactive turn is an event activity on the reference.
        continueConversation: (reference, logic) =>
          adapter.processActivity(TurnContext.applyConversationReference({ type: 'event', name: 'continueConversation' }, reference, true), logic),
      },
    );
    return adapter;
  }

  /** Sends one typed message (with the channel's locale, if given); returns every reply of that turn. */
  async say(text: string, locale?: string): Promise<Reply[]> {
    return this.send({ type: 'message', text, ...(locale ? { locale } : {}) });
  }

  /**
   * Taps a button by its title, as Web Chat sends a messageBack (its text and its token): a button of the last
   * replies, or else of the latest earlier message that had one.
   */
  async tap(title: string): Promise<Reply[]> {
    const actions = [...this.history].reverse().flatMap((reply) => reply.activity.suggestedActions?.actions ?? []);
    const action = actions.find((a) => a.title === title && a.type === 'messageBack');
    if (!action) throw new Error(`no button "${title}" in the replies so far:\n${flatten(this.history)}`);
    return this.send({ type: 'message', text: String(action.text ?? action.title), value: action.value });
  }

  async send(activity: Partial<Activity>): Promise<Reply[]> {
    await this.adapter.receiveActivity(activity);
    this.last = this.adapter.activeQueue.splice(0).filter((a) => a.type === 'message').map(toReply);
    this.history.push(...this.last);
    return this.last;
  }
}

function toReply(activity: Partial<Activity>): Reply {
  const actions: CardAction[] = activity.suggestedActions?.actions ?? [];
  return {
    text: activity.text ?? '',
    buttons: actions.filter((a) => a.type !== 'openUrl').map((a) => String(a.title)),
    links: actions.filter((a) => a.type === 'openUrl').map((a) => ({ title: String(a.title), url: String(a.value) })),
    activity,
  };
}

export function memoryStorage(): NonNullable<RuntimeOptions['storage']> {
  return { storage: new MemoryStore(), kind: 'memory' };
}

let knowledge: { store: KnowledgeStore; served: ServedKnowledgePair } | undefined;

/** The frozen knowledge base and its understanding, built once per test file. */
export function sharedKnowledge(): { store: KnowledgeStore; served: ServedKnowledgePair } {
  if (!knowledge) {
    const store = KnowledgeStore.open(KNOWLEDGE_DIR, { logger: silentLogger() });
    knowledge = { store, served: new ServedKnowledgePair(store, silentLogger()) };
  }
  return knowledge;
}

/** All the text of a turn, buttons as `[Title]` and links as `[Title](url)`, for "contains" checks. */
export function flatten(replies: Reply[]): string {
  return replies
    .map((reply) => [reply.text, ...reply.buttons.map((title) => `[${title}]`), ...reply.links.map((l) => `[${l.title}](${l.url})`)].join('\n'))
    .join('\n');
}
