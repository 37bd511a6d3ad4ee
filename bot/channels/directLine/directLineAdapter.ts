import {
  Activity,
  ActivityTypes,
  BotAdapter,
  ChannelAccount,
  ConversationReference,
  ResourceResponse,
  TurnContext,
} from 'botbuilder';
import { SendFailure } from '../../sendFailure';
import type { ConversationHistory } from './conversationHistory';

export type BotLogic = (context: TurnContext) => Promise<void>;

/** The channel id Web Chat uses; the renderer's web chat profile is looked up by it. */
export const WEBCHAT_CHANNEL_ID = 'webchat';

export const BOT_ACCOUNT: ChannelAccount = { id: 'thu-tuc-bot', name: 'Thủ tục bot', role: 'bot' };

/** Longest pause a `delay` activity may ask for, so a turn cannot hold its conversation for long. */
const MAX_DELAY_MS = 5000;

/**
 * The bot's side of our Direct Line: a turn's replies (already rendered for the web chat profile) are appended
 * to the conversation's history, which polls and WebSockets serve. One turn at a time per conversation, in
 * arrival order, is the core's turn lock (runtime.attach).
 */
export class DirectLineAdapter extends BotAdapter {
  constructor(private readonly history: ConversationHistory) {
    super();
  }

  /** Runs one activity through the middleware and the bot. */
  async receive(activity: Partial<Activity>, logic: BotLogic): Promise<void> {
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }

  override async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      if (activity.type === 'delay') {
        await new Promise((resolve) => setTimeout(resolve, Math.min(Number(activity.value) || 0, MAX_DELAY_MS)));
        responses.push({ id: '' });
      } else if (activity.type === ActivityTypes.Trace || activity.type === ActivityTypes.Typing) {
        // Traces are for the Emulator; typing would be replayed with the history after a reload.
        responses.push({ id: '' });
      } else {
        responses.push({ id: await this.store(context, activity) });
      }
    }
    return responses;
  }

  override async updateActivity(): Promise<void> {
    throw new Error('Direct Line clients are not told about edits: a sent message cannot be changed.');
  }

  override async deleteActivity(): Promise<void> {
    throw new Error('Direct Line clients are not told about deletions: a sent message cannot be removed.');
  }

  override async continueConversation(reference: Partial<ConversationReference>, logic: BotLogic): Promise<void> {
    const activity = TurnContext.applyConversationReference({ type: ActivityTypes.Event, name: 'continue' }, reference, true);
    await this.receive(activity, logic);
  }

  private async store(context: TurnContext, activity: Partial<Activity>): Promise<string> {
    const conversationId = activity.conversation?.id ?? context.activity.conversation.id;
    const { id: _id, serviceUrl: _serviceUrl, ...content } = activity;
    const stored: Partial<Activity> = {
      ...content,
      channelId: WEBCHAT_CHANNEL_ID,
      timestamp: new Date(),
      from: BOT_ACCOUNT,
      recipient: activity.recipient ?? context.activity.from,
      conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
      replyToId: activity.replyToId ?? context.activity.id,
      // The core's renderer sets the turn's language (the widget follows it); botbuilder copies the user's
      // locale onto anything sent without one.
      locale: activity.locale ?? context.activity.locale,
    };
    let result: Awaited<ReturnType<ConversationHistory['append']>>;
    try {
      result = await this.history.append(conversationId, stored);
    } catch (error) {
      throw new SendFailure('storage', `the web chat history could not be written: ${(error as Error).message}`, { cause: error });
    }
    if (!result) throw new SendFailure('expired', `Direct Line conversation ${conversationId} has expired; the reply was not stored`);
    return result.id;
  }
}
