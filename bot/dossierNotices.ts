import type { ConversationReference } from 'botbuilder';
import { showDossierNotice } from '../dialogs/dossierNotice';
import type { Runtime } from './app';
import type { NoticeSender } from './dossiers/notifier';

/**
 * Sends a dossier notice as a proactive turn of the subscriber's conversation (runtime.proactive: the adapter of
 * its channel, the same lock, state, outbox and renderer as a reply). On Zalo and Messenger that is the channel's
 * outbox: held outside the platform's window until the user next writes. The reference's activityId names the
 * change, so a channel that de-duplicates by it sends the notice once even if asked twice; the notifier already
 * tells each chat once per change.
 */
export function dossierNoticeSender(runtime: Pick<Runtime, 'proactive'>): NoticeSender {
  return async (subscription, event) => {
    const reference = JSON.parse(subscription.reference) as Partial<ConversationReference>;
    await runtime.proactive({ ...reference, activityId: `dossier.${event.id}` }, (turn) => showDossierNotice(turn, subscription, event));
  };
}
