import { ActivityHandler, TurnContext } from 'botbuilder';
import { Dialog, DialogSet, DialogTurnStatus } from 'botbuilder-dialogs';
import type { BotState } from './botState';

export interface BotDeps {
  state: BotState;
  rootDialog: Dialog;
  /** Greets a user who joins a conversation. */
  welcome: (context: TurnContext) => Promise<void>;
}

/**
 * The bot core, channel-neutral: it sees Activities only. Messages run the dialogs; a user joining is welcomed.
 * Language, numbered choices and saving state are middleware (see TurnSetup and app.ts), shared by every adapter.
 */
export class ThuTucBot extends ActivityHandler {
  private readonly dialogs: DialogSet;

  constructor(private readonly deps: BotDeps) {
    super();
    this.dialogs = new DialogSet(deps.state.dialogState);
    this.dialogs.add(deps.rootDialog);
    this.onMessage(async (context, next) => {
      const dc = await this.dialogs.createContext(context);
      const result = await dc.continueDialog();
      if (result.status === DialogTurnStatus.empty) await dc.beginDialog(this.deps.rootDialog.id);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      const humans = (context.activity.membersAdded ?? []).filter((member) => member.id !== botId);
      if (humans.length > 0) await this.deps.welcome(context);
      await next();
    });
  }
}
