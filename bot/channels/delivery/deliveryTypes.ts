/** The shapes shared by the chat-platform channels (Zalo OA, Messenger) between their webhook, queues and sends. */

/** One accepted platform event, as queued for the worker (plain JSON). */
export interface InboundEvent {
  /** botbuilder channel id: 'zalo' | 'facebook'. */
  channel: string;
  /** The platform's message id (or a stable id made from the event): de-duplication and reply ids. */
  id: string;
  /**
   * text: something to understand (a typed message, a Zalo button tap, a caption); tap: a Messenger quick reply or
   * postback carrying one of our payloads; media: an image, sticker, file... with no text; greet: a follow, "Get
   * Started" or "Nhắn tin" tap; slowDown: a sender over the rate limit (answered once, politely).
   */
  kind: 'text' | 'tap' | 'media' | 'greet' | 'slowDown';
  /** The platform-scoped user id (Zalo user id, Messenger PSID): string, never a number. */
  userId: string;
  /** The OA id or Page id the event was sent to. */
  botId: string;
  text?: string;
  /** The payload of a tapped button (Messenger). */
  payload?: string;
  attachments?: { type: string; url?: string }[];
  /** Epoch ms given by the platform. */
  timestamp: number;
  /** The user's message to quote in the reply (Zalo: it makes the reply a free reply, not a paid message). */
  replyTo?: string;
  /** The platform event as received, for channelData. */
  raw: unknown;
}

/** One message for the platform, as queued for the sender (plain JSON). */
export interface OutboundMessage {
  channel: string;
  userId: string;
  /** reply: answers the user's message in that turn; proactive: started by the bot (a notification). */
  kind: 'reply' | 'proactive';
  /** The user's message being answered, when there is one. */
  replyTo?: string;
  /** The platform's message object, already within its limits (Zalo `message`, Messenger `message`). */
  message: Record<string, unknown>;
  createdAt: number;
  /** How many times the platform's window held it back already. */
  holds: number;
}

/** What a successful send returns, for the log line. */
export interface SendReceipt {
  messageId?: string;
  /** Extra facts worth logging (Zalo quota_type). Never message text. */
  details?: Record<string, unknown>;
}

/**
 * A send the platform refused or that did not get through. retry: network, 5xx, rate limits (send again later);
 * hold: outside the platform's window or the user cannot be reached now (keep it for the next time the user
 * writes); fail: refused for good (dead letter).
 */
export class SendError extends Error {
  constructor(
    message: string,
    readonly kind: 'retry' | 'hold' | 'fail',
    readonly code?: string | number,
  ) {
    super(message);
    this.name = 'SendError';
  }
}

/** A platform as the outbox sees it. */
export interface PlatformSender {
  readonly channel: string;
  /** Whether the platform allows the message now, given the user's last interaction (epoch ms, null = unknown). */
  mayDeliver(message: OutboundMessage, lastInteraction: number | null, now: number): { ok: true; note?: string } | { ok: false; reason: string };
  /** One attempt (token refresh included); throws SendError. */
  send(message: OutboundMessage): Promise<SendReceipt>;
}
