import type { Activity } from 'botbuilder';

/** What the server keeps about a Direct Line conversation besides its activities. */
export interface ConversationMeta {
  userId: string;
  locale?: string;
  createdAt: number;
}

export interface AppendResult {
  id: string;
  /** The watermark after this activity: a client that has it has seen the activity. */
  watermark: number;
  /** The same client activity (channelData.clientActivityID) was stored before: nothing was added. */
  duplicate: boolean;
}

export interface ActivitySet {
  activities: Partial<Activity>[];
  watermark: number;
}

/** Told when activities are added, on this instance or (with Redis) on any other. */
export interface HistoryListener {
  appended(conversationId: string, watermark: number): void;
  /** Notifications may have been missed (the Redis subscription was re-established): check every conversation. */
  resync(): void;
}

/**
 * The ordered activities of each conversation, so that any instance serves the next poll or stream and a page
 * reload gets the history back. The watermark is the number of activities a client has seen; an activity's id
 * is `<conversationId>|<index>`. Conversations expire `ttlSeconds` after their last activity.
 */
export interface ConversationHistory {
  readonly kind: 'memory' | 'redis';
  /** false when the conversation already exists. */
  create(conversationId: string, meta: ConversationMeta): Promise<boolean>;
  /** null when the conversation is unknown or expired. */
  meta(conversationId: string): Promise<ConversationMeta | null>;
  /** null when the conversation is unknown or expired: nothing is stored for it. */
  append(conversationId: string, activity: Partial<Activity>, clientActivityId?: string): Promise<AppendResult | null>;
  /** At most `limit` activities from `watermark` on; null when the conversation is unknown or expired. */
  since(conversationId: string, watermark: number, limit: number): Promise<ActivitySet | null>;
  subscribe(listener: HistoryListener): () => void;
  close(): Promise<void>;
}

export function activityId(conversationId: string, index: number): string {
  return `${conversationId}|${String(index).padStart(7, '0')}`;
}

interface MemoryConversation {
  meta: ConversationMeta;
  activities: string[];
  clientIds: Map<string, number>;
  expiresAt: number;
}

/**
 * History for one process (no REDIS_URL). Activities are kept as JSON, as in Redis, so that what a client reads
 * is a copy the bot cannot change afterwards. The oldest conversations go first when `maxConversations` is hit.
 */
export class MemoryConversationHistory implements ConversationHistory {
  readonly kind = 'memory';
  private readonly conversations = new Map<string, MemoryConversation>();
  private readonly listeners = new Set<HistoryListener>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly ttlSeconds: number,
    private readonly maxConversations = 20_000,
    private readonly now: () => number = Date.now,
  ) {
    this.sweeper = setInterval(() => this.sweep(), 60_000);
    this.sweeper.unref();
  }

  async create(conversationId: string, meta: ConversationMeta): Promise<boolean> {
    if (this.live(conversationId)) return false;
    while (this.conversations.size >= this.maxConversations) this.conversations.delete(this.conversations.keys().next().value as string);
    this.conversations.set(conversationId, { meta, activities: [], clientIds: new Map(), expiresAt: this.expiry() });
    return true;
  }

  async meta(conversationId: string): Promise<ConversationMeta | null> {
    return this.live(conversationId)?.meta ?? null;
  }

  async append(conversationId: string, activity: Partial<Activity>, clientActivityId?: string): Promise<AppendResult | null> {
    const conversation = this.live(conversationId);
    if (!conversation) return null;
    const seen = clientActivityId === undefined ? undefined : conversation.clientIds.get(clientActivityId);
    if (seen !== undefined) return { id: activityId(conversationId, seen), watermark: seen + 1, duplicate: true };
    const index = conversation.activities.push(JSON.stringify(activity)) - 1;
    if (clientActivityId !== undefined) conversation.clientIds.set(clientActivityId, index);
    conversation.expiresAt = this.expiry();
    for (const listener of this.listeners) listener.appended(conversationId, index + 1);
    return { id: activityId(conversationId, index), watermark: index + 1, duplicate: false };
  }

  async since(conversationId: string, watermark: number, limit: number): Promise<ActivitySet | null> {
    const conversation = this.live(conversationId);
    if (!conversation) return null;
    const slice = conversation.activities.slice(watermark, watermark + limit);
    const activities = slice.map((json, offset) => withId(json, conversationId, watermark + offset));
    return { activities, watermark: watermark + slice.length };
  }

  subscribe(listener: HistoryListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    this.listeners.clear();
  }

  private live(conversationId: string): MemoryConversation | undefined {
    const conversation = this.conversations.get(conversationId);
    if (conversation && conversation.expiresAt <= this.now()) {
      this.conversations.delete(conversationId);
      return undefined;
    }
    return conversation;
  }

  private expiry(): number {
    return this.now() + this.ttlSeconds * 1000;
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, conversation] of this.conversations) if (conversation.expiresAt <= now) this.conversations.delete(id);
  }
}

/** A stored activity as a client gets it: with its id. */
export function withId(json: string, conversationId: string, index: number): Partial<Activity> {
  return { ...(JSON.parse(json) as Partial<Activity>), id: activityId(conversationId, index) };
}
