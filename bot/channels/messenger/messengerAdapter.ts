import type { Activity } from 'botbuilder';
import { QueuedAdapterDeps, QueuedChannelAdapter } from '../delivery/queuedChannelAdapter';
import type { GraphApi } from './graphApi';
import { toMessengerMessages } from './messengerMessages';

/**
 * Facebook Messenger as a botbuilder channel ('facebook'). Events arrive through the webhook and the inbound queue
 * (see messengerChannel.ts); replies leave through the outbox to the Send API. While a turn takes longer than a
 * moment the person sees "typing" (its own request, never combined with a message). Messenger cannot edit or
 * delete a sent message.
 */
export class MessengerAdapter extends QueuedChannelAdapter {
  readonly channelId = 'facebook';

  constructor(
    deps: QueuedAdapterDeps,
    private readonly api: GraphApi,
  ) {
    super(deps);
  }

  protected override toPlatformMessages(activity: Partial<Activity>): Record<string, unknown>[] {
    return toMessengerMessages(activity);
  }

  protected override async onSlowTurn(userId: string): Promise<void> {
    try {
      await this.api.senderAction(userId, 'typing_on');
    } catch (error) {
      this.deps.logger.debug({ err: error instanceof Error ? error.message : String(error) }, 'messenger: typing_on failed');
    }
  }
}
