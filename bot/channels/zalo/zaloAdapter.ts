import type { Activity } from 'botbuilder';
import { QueuedChannelAdapter } from '../delivery/queuedChannelAdapter';
import { toZaloMessages } from './zaloMessages';

/**
 * The Zalo Official Account as a botbuilder channel ('zalo'). Events arrive through the webhook and the inbound
 * queue (see zaloChannel.ts); replies leave through the outbox as `/v3.0/oa/message/cs` messages. Zalo cannot
 * edit or delete a sent message, and has no typing indicator for OAs.
 */
export class ZaloAdapter extends QueuedChannelAdapter {
  readonly channelId = 'zalo';

  protected override toPlatformMessages(activity: Partial<Activity>): Record<string, unknown>[] {
    return toZaloMessages(activity);
  }
}
