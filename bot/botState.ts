import { ConversationState, StatePropertyAccessor, Storage, TurnContext, UserState } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import type { Action } from '../dialogs/actions';
import type { ChecklistProgress } from '../dialogs/checklistProgress';
import type { Locale } from './knowledge/types';

/** What the bot remembers about a user (kept with the user-state TTL): no personal data. */
export interface UserProfile {
  /** The language the user chose; absent until they choose, then the default applies. */
  locale?: Locale;
  /** The last procedure or topic the user asked about, for follow-ups such as "còn lệ phí thì sao?". */
  lastEntryId?: string;
}

/** What the bot remembers about one conversation (kept with the conversation-state TTL). */
export interface ConversationData {
  /** The values of the buttons last shown, so that a typed number picks one on any channel. */
  choices?: string[];
  /** What each of the last buttons does, keyed by its folded title (see dialogs/actions). */
  actions?: Record<string, Action>;
  /** The language of the last message that told (marks, or English words): taps and "ok" keep it. */
  locale?: Locale;
  /** Whether the welcome was already shown in this conversation. */
  welcomed?: boolean;
  /** A papers check left for another question, resumed with "tiếp tục". */
  pausedChecklist?: ChecklistProgress;
  /** The user asked to check papers before naming a procedure: start the check once one is named. */
  wantsChecklist?: boolean;
}

/** Conversation and user state with their property accessors, all through one botbuilder Storage. */
export class BotState {
  readonly conversation: ConversationState;
  readonly user: UserState;
  readonly dialogState: StatePropertyAccessor<DialogState>;
  readonly conversationData: StatePropertyAccessor<ConversationData>;
  readonly profile: StatePropertyAccessor<UserProfile>;

  constructor(storage: Storage) {
    this.conversation = new ConversationState(storage);
    this.user = new UserState(storage);
    this.dialogState = this.conversation.createProperty<DialogState>('dialogState');
    this.conversationData = this.conversation.createProperty<ConversationData>('data');
    this.profile = this.user.createProperty<UserProfile>('profile');
  }

  async loadProfile(context: TurnContext): Promise<UserProfile> {
    return this.profile.get(context, {});
  }

  async loadConversationData(context: TurnContext): Promise<ConversationData> {
    return this.conversationData.get(context, {});
  }

}
