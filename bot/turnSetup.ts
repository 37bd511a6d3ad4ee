import { Activity, ActivityTypes, Middleware, TurnContext } from 'botbuilder';
import { setTurnLocale } from '../dialogs/turnLocale';
import type { BotState, ConversationData } from './botState';
import type { Locale } from './knowledge/types';

/**
 * Per-turn preparation every channel shares, as botbuilder middleware: the turn's language (the language of the
 * conversation's last telling message, else the user's choice, else the channel's locale, else the default), and a typed number picking one of the buttons shown last ("2" means the
 * second button), which makes numbered lists work on channels without buttons.
 */
export class TurnSetup implements Middleware {
  constructor(
    private readonly state: BotState,
    private readonly defaultLocale: Locale,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const profile = await this.state.loadProfile(context);
    const data = await this.state.loadConversationData(context);
    setTurnLocale(context, data.locale ?? profile.locale ?? this.localeFromChannel(context));
    if (context.activity.type === ActivityTypes.Message) pickNumberedChoice(context, data);
    context.onSendActivities(async (_ctx, activities, send) => {
      rememberChoices(data, activities);
      return send();
    });
    await next();
  }

  private localeFromChannel(context: TurnContext): Locale {
    const channelLocale = context.activity.locale?.toLowerCase() ?? '';
    if (channelLocale.startsWith('en')) return 'en';
    if (channelLocale.startsWith('vi')) return 'vi';
    return this.defaultLocale;
  }
}

/** Remembers the values of the buttons in the last message that had any. */
function rememberChoices(data: ConversationData, activities: Partial<Activity>[]): void {
  for (const activity of activities) {
    if (activity.type !== ActivityTypes.Message) continue;
    const values = (activity.suggestedActions?.actions ?? [])
      .filter((action) => action.type === 'imBack' || action.type === 'postBack')
      .map((action) => String(action.value));
    if (values.length > 0) data.choices = values;
  }
}

/** "2" (or "2.") typed after a list of buttons means the second button. */
function pickNumberedChoice(context: TurnContext, data: ConversationData): void {
  const match = /^(\d{1,2})\.?$/.exec(context.activity.text?.trim() ?? '');
  const choices = data.choices ?? [];
  if (!match) return;
  const index = Number(match[1]) - 1;
  if (index >= 0 && index < choices.length) context.activity.text = choices[index];
}
