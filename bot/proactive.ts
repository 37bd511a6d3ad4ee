import type { ConversationReference, TurnContext } from 'botbuilder';
import type { ChangeEvent, Subscription } from './dossiers/watchStore';
import type { NoticeSender } from './dossiers/notifier';
import { showDossierNotice } from '../dialogs/dossierNotice';
import { turnOf } from './turnRunner';

/**
 * A channel that can start a turn of its own in a conversation (a notification): its adapter's
 * continueConversation, so the turn passes the same lock, state, outbox and renderer as a reply. `channelIds`
 * are the activity channel ids it serves; '*' serves any id no other channel claims (Bot Framework).
 */
export interface ProactiveChannel {
  channelIds: readonly string[] | '*';
  continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void>;
}

/** The channel that serves an activity channel id: one that names it, else the catch-all. */
export function proactiveChannelFor(channels: readonly ProactiveChannel[], channelId: string): ProactiveChannel | undefined {
  return channels.find((c) => c.channelIds !== '*' && c.channelIds.includes(channelId)) ?? channels.find((c) => c.channelIds === '*');
}

/**
 * Sends a dossier notice as a proactive turn on the subscriber's channel. The reference's activityId names the
 * change, so a channel with a durable outbox (Zalo, Messenger) sends it once even if asked twice; the notifier
 * already tells each chat once per change.
 */
export function dossierNoticeSender(channels: readonly ProactiveChannel[]): NoticeSender {
  return async (subscription: Subscription, event: ChangeEvent) => {
    const reference = JSON.parse(subscription.reference) as Partial<ConversationReference>;
    const channelId = reference.channelId ?? subscription.channel;
    const channel = proactiveChannelFor(channels, channelId);
    if (!channel) throw new Error(`no channel can send to "${channelId}"`);
    await channel.continueConversation({ ...reference, activityId: `dossier.${event.id}` }, async (context) => {
      showDossierNotice(turnOf(context), subscription, event);
    });
  };
}
