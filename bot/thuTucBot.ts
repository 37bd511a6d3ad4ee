import { Activity, ActivityHandler, ActivityTypes, TurnContext } from 'botbuilder';
import { Dialog, DialogSet, DialogTurnStatus } from 'botbuilder-dialogs';
import { setTurnLocale } from '../dialogs/turnLocale';
import type { BotState, ConversationData } from './botState';
import type { Locale } from './knowledge/types';

export interface BotDeps {
  state: BotState;
  rootDialog: Dialog;
  /** Greets a user who joins a conversation. */
  welcome: (context: TurnContext) => Promise<void>;
  defaultLocale: Locale;
}

/**
 * The bot core, channel-neutral: it sees Activities only. It decides the turn's language, lets a typed number
 * pick one of the buttons shown last, runs the dialogs, and saves state at the end of every turn.
 */
export class ThuTucBot extends ActivityHandler {
  private readonly dialogs: DialogSet;

  constructor(private readonly deps: BotDeps) {
    super();
    this.dialogs = new DialogSet(deps.state.dialogState);
    this.dialogs.add(deps.rootDialog);
    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      await this.welcomeNewMembers(context);
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    const profile = await this.deps.state.loadProfile(context);
    setTurnLocale(context, profile.locale ?? this.localeFromChannel(context));
    const data = await this.deps.state.loadConversationData(context);
    context.onSendActivities(async (_ctx, activities, next) => {
      rememberChoices(data, activities);
      return next();
    });
    await super.run(context);
    await this.deps.state.save(context);
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const data = await this.deps.state.loadConversationData(context);
    pickNumberedChoice(context, data);
    const dc = await this.dialogs.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(this.deps.rootDialog.id);
  }

  private async welcomeNewMembers(context: TurnContext): Promise<void> {
    const botId = context.activity.recipient?.id;
    const humans = (context.activity.membersAdded ?? []).filter((member) => member.id !== botId);
    if (humans.length > 0) await this.deps.welcome(context);
  }

  private localeFromChannel(context: TurnContext): Locale {
    const channelLocale = context.activity.locale?.toLowerCase() ?? '';
    if (channelLocale.startsWith('en')) return 'en';
    if (channelLocale.startsWith('vi')) return 'vi';
    return this.deps.defaultLocale;
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

/** "2" typed after a list of buttons means the second button. */
function pickNumberedChoice(context: TurnContext, data: ConversationData): void {
  const text = context.activity.text?.trim() ?? '';
  const match = /^(\d{1,2})\.?$/.exec(text);
  const choices = data.choices ?? [];
  if (!match) return;
  const index = Number(match[1]) - 1;
  if (index >= 0 && index < choices.length) context.activity.text = choices[index];
}
