import type { OutboundMessage, PlatformSender, SendReceipt } from '../delivery/deliveryTypes';
import type { GraphApi } from './graphApi';

/** Standard messages are allowed within 24 h of the person's last message, postback or reaction (§2.6). */
const WINDOW_MS = 24 * 3600_000;

/** Sends one queued message through the Send API: RESPONSE to a message, UPDATE for a proactive one. */
export class MessengerSender implements PlatformSender {
  readonly channel = 'facebook';

  constructor(private readonly api: GraphApi) {}

  mayDeliver(_message: OutboundMessage, last: number | null, now: number): { ok: true } | { ok: false; reason: string } {
    if (last === null) return { ok: false, reason: 'no message of this person in the last 24 h is known' };
    if (now - last > WINDOW_MS) return { ok: false, reason: `the person last wrote ${Math.round((now - last) / 3600_000)} h ago (Messenger allows 24 h)` };
    return { ok: true };
  }

  async send(message: OutboundMessage): Promise<SendReceipt> {
    const result = await this.api.sendMessage({
      recipient: { id: message.userId },
      messaging_type: message.kind === 'reply' ? 'RESPONSE' : 'UPDATE',
      message: message.message,
    });
    return { messageId: result.messageId };
  }
}
