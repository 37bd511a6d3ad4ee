import type { Activity, Storage, StoreItem } from 'botbuilder';
import {
  parseConversation,
  parseProfile,
  storedConversation,
  storedProfile,
  type ConversationData,
  type FlowStateCheck,
  type UserProfile,
} from '../dialogs/conversationData';
import type { Logger } from './logger';
import { CREATE_ONLY_ETAG } from './storage/storageErrors';

/** One turn's state as read: the values the dialogs change, and what is needed to save them safely. */
export interface LoadedState {
  conversation: ConversationData;
  profile: UserProfile;
  keys: { conversation: string; user: string | null };
  eTags: { conversation: string; user: string };
  /** The values as read, to write only what changed. */
  readonly before: { conversation: string; profile: string };
}

/**
 * Conversation and user state through botbuilder's Storage, read once at the start of a turn and saved once at
 * its end with a real eTag check (botbuilder's BotState writes with "*"): a conflict is a StateConflictError from
 * the storage. Both items go in one write, which our storages make all or nothing. Keys are botbuilder's
 * (`{channel}/conversations/{id}/`, `{channel}/users/{id}/`), so their TTLs apply and older state is found.
 */
export class StateStore {
  constructor(
    private readonly storage: Storage,
    private readonly flowFits: FlowStateCheck,
    private readonly logger: Logger,
  ) {}

  async load(activity: Partial<Activity>): Promise<LoadedState> {
    const keys = stateKeys(activity);
    const items = await this.storage.read(keys.user ? [keys.conversation, keys.user] : [keys.conversation]);
    const rawConversation = items[keys.conversation];
    const rawUser = keys.user ? items[keys.user] : undefined;
    const conversation = parseConversation(rawConversation, this.flowFits);
    const profile = parseProfile(rawUser);
    const problems = [...conversation.problems, ...profile.problems];
    if (problems.length) {
      this.logger.warn({ conversationId: activity.conversation?.id, channelId: activity.channelId, problems }, 'stored state did not fit; kept what did');
    }
    return {
      conversation: conversation.value,
      profile: profile.value,
      keys,
      eTags: { conversation: eTagOf(rawConversation), user: eTagOf(rawUser) },
      before: { conversation: JSON.stringify(conversation.value), profile: JSON.stringify(profile.value) },
    };
  }

  /** Writes what changed, only if nobody wrote since it was read. Throws StateConflictError otherwise. */
  async save(state: LoadedState): Promise<void> {
    const changes: Record<string, StoreItem> = {};
    if (JSON.stringify(state.conversation) !== state.before.conversation) {
      changes[state.keys.conversation] = { ...storedConversation(state.conversation), eTag: state.eTags.conversation };
    }
    if (state.keys.user && JSON.stringify(state.profile) !== state.before.profile) {
      changes[state.keys.user] = { ...storedProfile(state.profile), eTag: state.eTags.user };
    }
    if (Object.keys(changes).length) await this.storage.write(changes);
  }

  /** Forgets the conversation (not the user): after a turn failed in a way that could repeat on every message. */
  async resetConversation(activity: Partial<Activity>): Promise<void> {
    await this.storage.delete([stateKeys(activity).conversation]);
  }
}

function stateKeys(activity: Partial<Activity>): LoadedState['keys'] {
  const channelId = activity.channelId ?? '';
  const userId = activity.from?.id;
  return {
    conversation: `${channelId}/conversations/${activity.conversation?.id ?? ''}/`,
    user: userId ? `${channelId}/users/${userId}/` : null,
  };
}

/** The eTag to write with: the one read, or "only if still absent" for an item that did not exist. */
function eTagOf(item: StoreItem | undefined): string {
  return typeof item?.eTag === 'string' && item.eTag ? item.eTag : CREATE_ONLY_ETAG;
}
