import { randomUUID } from 'node:crypto';
import {
  Activity,
  ActivityTypes,
  BotAdapter,
  ConversationReference,
  ResourceResponse,
  TurnContext,
} from 'botbuilder';
import { tagActivity } from '../../correlation';
import type { Logger } from '../../logger';
import type { InboundEvent, OutboundMessage } from './deliveryTypes';
import type { Outbox } from './outbox';
import type { QueueJob, ShardedQueue } from './shardedQueue';

export type BotLogic = (context: TurnContext) => Promise<void>;

/** Sentences the channel itself says (keys of bot/locales), in the turn's language. */
export type ChannelSentence = 'channel.textOnly' | 'channel.slowDown';

export interface QueuedAdapterDeps {
  inbound: ShardedQueue<InboundEvent>;
  outbox: Outbox;
  /** The bot: runs for messages, taps and greetings. */
  logic: BotLogic;
  /** Says one of the channel's own sentences (for media without text, and for a sender over the rate limit). */
  say: (context: TurnContext, sentence: ChannelSentence) => Promise<void>;
  logger: Logger;
  /**
   * Resolves once what this instance wrote so far would survive a failover (runtime.replicated). A turn that queued
   * replies waits for it before its event counts as done: during a failover the outbox write may land on the old
   * primary while the event's completion lands on the new one, and the reply would be lost. When it throws, the
   * event runs again (same reply ids, so nothing is queued twice).
   */
  durable?: () => Promise<void>;
}

/** What a turn needs to know to queue its replies: whom they go to, what they answer, and their ids. */
interface TurnTarget {
  userId: string;
  kind: OutboundMessage['kind'];
  replyTo?: string;
  /** Reply ids are `<baseId>.<n>`: the same turn run again (after a crash) makes the same ids. */
  baseId: string;
  next: number;
  /** Set when the replies could not be queued (Redis away): the event must run again rather than be lost. */
  undelivered?: Error;
}

const TURN_TARGET = Symbol('queuedChannelTurnTarget');

/**
 * The botbuilder side of a chat platform whose webhook hands events to a queue: the inbound worker turns each
 * event into an Activity and runs the bot through the middleware that runtime.attach() installed; replies, and
 * proactive messages started with continueConversation, become platform messages in the outbox. Each platform
 * supplies its edge: its channel id, how an Activity maps to its messages, and what to do while a turn is slow.
 */
export abstract class QueuedChannelAdapter extends BotAdapter {
  abstract readonly channelId: string;
  /** How long a turn may run before the user is shown that the bot is working (when the platform can show it). */
  protected readonly slowTurnMs: number = 700;

  constructor(protected readonly deps: QueuedAdapterDeps) {
    super();
  }

  /** A botbuilder activity of this platform's message, within its limits → the platform's message objects. */
  protected abstract toPlatformMessages(activity: Partial<Activity>): Record<string, unknown>[];

  /** Called once when a turn runs longer than slowTurnMs (Messenger shows "typing"). Must not throw. */
  protected async onSlowTurn(_userId: string): Promise<void> {}

  /** Starts the workers: the inbound queue runs turns, the outbox sends. */
  async start(): Promise<void> {
    await this.deps.outbox.start();
    await this.deps.inbound.process((event) => this.handle(event));
  }

  /** One queued event: the window opens, held messages go first, then the turn. */
  async handle(event: InboundEvent): Promise<void> {
    await this.deps.outbox.recordInteraction(event.userId);
    await this.deps.outbox.releaseHeld(event.userId, event.id, event.replyTo);
    const activity = toActivity(event, this.channelId);
    const target: TurnTarget = { userId: event.userId, kind: 'reply', replyTo: event.replyTo, baseId: `${this.channelId}.${event.id}`, next: 0 };
    // The turn's log lines carry the event's id, which its outbox jobs (`j.<baseId>.<n>`) carry too.
    tagActivity(activity, target.baseId);
    const context = new TurnContext(this, activity);
    context.turnState.set(TURN_TARGET, target);
    const slow = setTimeout(() => void this.onSlowTurn(event.userId), this.slowTurnMs);
    try {
      await this.runMiddleware(context, this.logicFor(event));
    } finally {
      clearTimeout(slow);
    }
    // The turn error handler logged it; throwing makes the queue run the event again (same reply ids).
    if (target.undelivered) throw target.undelivered;
    if (target.next > 0 && this.deps.durable) await this.deps.durable();
  }

  override async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const target = context.turnState.get(TURN_TARGET) as TurnTarget | undefined;
    if (!target) throw new Error(`${this.channelId}: a reply outside a turn of this adapter`);
    const jobs: QueueJob<OutboundMessage>[] = [];
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      if (activity.type && activity.type !== ActivityTypes.Message) {
        responses.push({ id: '' });
        continue;
      }
      for (const message of this.toPlatformMessages(activity)) {
        const id = `${target.baseId}.${target.next++}`;
        jobs.push({ id, data: { channel: this.channelId, userId: target.userId, kind: target.kind, replyTo: target.replyTo, message, createdAt: Date.now(), holds: 0 } });
      }
      responses.push({ id: jobs.at(-1)?.id ?? '' });
    }
    try {
      await this.deps.outbox.enqueue(target.userId, jobs);
    } catch (error) {
      target.undelivered = error instanceof Error ? error : new Error(String(error));
      throw error;
    }
    return responses;
  }

  override async updateActivity(): Promise<void> {
    throw new Error(`${this.channelId} cannot edit a message that was already sent.`);
  }

  override async deleteActivity(): Promise<void> {
    throw new Error(`${this.channelId} cannot delete a message that was already sent.`);
  }

  /**
   * A proactive turn (issue 11's notifications): an `event` activity for the conversation of `reference`, through
   * the same middleware, whose messages go through the outbox as `proactive` (held when the platform's window is
   * closed, delivered when the user next writes). Give `reference.activityId` a stable value (e.g.
   * "status.<code>.<status>") to make the notification idempotent for 24 h.
   */
  override async continueConversation(reference: Partial<ConversationReference>, logic: BotLogic): Promise<void> {
    const userId = reference.user?.id ?? reference.conversation?.id;
    if (!userId) throw new Error(`${this.channelId}: continueConversation needs reference.user.id or reference.conversation.id`);
    const activity = TurnContext.applyConversationReference({ type: ActivityTypes.Event, name: 'continueConversation' }, reference, true);
    const context = new TurnContext(this, activity);
    const baseId = `${this.channelId}.p.${reference.activityId ?? randomUUID()}`;
    context.turnState.set(TURN_TARGET, { userId, kind: 'proactive', baseId, next: 0 } satisfies TurnTarget);
    await this.runMiddleware(context, logic);
  }

  override async continueConversationAsync(
    _identity: unknown,
    reference: Partial<ConversationReference>,
    logicOrAudience: string | BotLogic,
    maybeLogic?: BotLogic,
  ): Promise<void> {
    const logic = typeof logicOrAudience === 'function' ? logicOrAudience : maybeLogic;
    if (!logic) throw new Error(`${this.channelId}: continueConversationAsync needs a logic function`);
    await this.continueConversation(reference, logic);
  }

  private logicFor(event: InboundEvent): BotLogic {
    if (event.kind === 'media') return (context) => this.deps.say(context, 'channel.textOnly');
    if (event.kind === 'slowDown') return (context) => this.deps.say(context, 'channel.slowDown');
    return this.deps.logic;
  }
}

/** The one shape between the edge and the core: a botbuilder Activity with the platform event in channelData. */
export function toActivity(event: InboundEvent, channelId: string): Partial<Activity> {
  const base: Partial<Activity> = {
    id: event.id,
    channelId,
    serviceUrl: `urn:${channelId}`,
    timestamp: new Date(event.timestamp),
    from: { id: event.userId, name: '', role: 'user' },
    recipient: { id: event.botId, name: 'Thủ tục bot', role: 'bot' },
    conversation: { id: event.userId, isGroup: false, conversationType: 'personal', name: '' },
    channelData: event.raw,
  };
  if (event.kind === 'greet') {
    return { ...base, type: ActivityTypes.ConversationUpdate, membersAdded: [{ id: event.userId, name: '' }] };
  }
  return {
    ...base,
    type: ActivityTypes.Message,
    text: event.text ?? '',
    value: event.kind === 'tap' ? { token: event.payload } : undefined,
    attachments: event.attachments?.map((attachment) => ({ contentType: attachment.type, contentUrl: attachment.url })),
  };
}
