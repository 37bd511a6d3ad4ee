import { randomUUID } from 'node:crypto';
import {
  Activity,
  ActivityTypes,
  BotAdapter,
  ConversationReference,
  ResourceResponse,
  TurnContext,
} from 'botbuilder';
import { renderText } from './renderText';

export type BotLogic = (context: TurnContext) => Promise<void>;

/**
 * The terminal as a channel: one user, one conversation, replies written as text with `[Button]` lines.
 * The conversation id is derived from the user id, so a second run with the same user continues the same
 * conversation when the storage is shared (Redis).
 */
export class ConsoleAdapter extends BotAdapter {
  constructor(
    private readonly userId: string,
    private readonly write: (line: string) => void,
  ) {
    super();
  }

  /** Runs one user message through the middleware and the bot. */
  async receive(text: string, logic: BotLogic): Promise<void> {
    const activity: Partial<Activity> = {
      type: ActivityTypes.Message,
      id: randomUUID(),
      channelId: 'console',
      serviceUrl: 'urn:console',
      timestamp: new Date(),
      text,
      from: { id: this.userId, name: 'user', role: 'user' },
      recipient: { id: 'bot', name: 'Thủ tục bot', role: 'bot' },
      conversation: { id: `console:${this.userId}`, isGroup: false, conversationType: 'personal', name: '' },
    };
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }

  override async sendActivities(_context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    // A blank line between the messages of one turn, as a chat app shows them apart.
    activities.forEach((activity, i) => {
      if (i > 0) this.write('');
      for (const line of renderText(activity)) this.write(line);
    });
    return activities.map(() => ({ id: randomUUID() }));
  }

  override async updateActivity(): Promise<void> {
    throw new Error('The terminal cannot edit a message that was already printed.');
  }

  override async deleteActivity(): Promise<void> {
    throw new Error('The terminal cannot delete a message that was already printed.');
  }

  override async continueConversation(reference: Partial<ConversationReference>, logic: BotLogic): Promise<void> {
    const activity = TurnContext.applyConversationReference({ type: ActivityTypes.Event, name: 'continue' }, reference, true);
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }
}
