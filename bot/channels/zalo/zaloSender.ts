import type { Logger } from '../../logger';
import type { OutboundMessage, PlatformSender, SendReceipt } from '../delivery/deliveryTypes';
import { ZaloApi, ZaloError } from './zaloApi';
import type { ZaloTokens } from './zaloTokens';

const HOUR = 3600_000;
/** Consultation messages need an interaction in the last 7 days; after 48 h they are charged (channels.md §1.6). */
const WINDOW_MS = 7 * 24 * HOUR;
const FREE_MS = 48 * HOUR;

/**
 * Sends one queued message to the OA API: as a reply quoting the user's message when there is one (so it counts
 * as a free reply, not a paid proactive message), else to the user id; on -216 the token is refreshed once and
 * the message sent again. Logs the quota type Zalo reports.
 */
export class ZaloSender implements PlatformSender {
  readonly channel = 'zalo';

  constructor(
    private readonly api: ZaloApi,
    private readonly tokens: ZaloTokens,
    private readonly logger: Logger,
  ) {}

  mayDeliver(_message: OutboundMessage, last: number | null, now: number): { ok: true; note?: string } | { ok: false; reason: string } {
    if (last === null) return { ok: false, reason: 'no interaction of this user in the last 7 days is known' };
    const since = now - last;
    if (since > WINDOW_MS) return { ok: false, reason: `the user last wrote ${Math.round(since / HOUR)} h ago (Zalo allows 7 days)` };
    if (since > FREE_MS) return { ok: true, note: `the user last wrote ${Math.round(since / HOUR)} h ago: Zalo may charge this message` };
    return { ok: true };
  }

  async send(message: OutboundMessage): Promise<SendReceipt> {
    const body = {
      recipient: message.replyTo ? { message_id: message.replyTo } : { user_id: message.userId },
      message: message.message,
    };
    const token = await this.tokens.accessToken();
    try {
      return receipt(await this.api.sendMessage(token, body));
    } catch (error) {
      if (!(error instanceof ZaloError && error.tokenRejected)) throw error;
      this.logger.info({ code: error.code }, 'zalo: access token rejected; refreshing and sending once more');
      const fresh = await this.tokens.afterRejection(token);
      return receipt(await this.api.sendMessage(fresh, body));
    }
  }
}

function receipt(result: { messageId?: string; quotaType?: string }): SendReceipt {
  return { messageId: result.messageId, details: { quotaType: result.quotaType ?? null, charged: result.quotaType === undefined } };
}
