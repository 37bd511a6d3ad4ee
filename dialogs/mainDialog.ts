import { ComponentDialog, DialogContext, DialogTurnResult, DialogTurnStatus } from 'botbuilder-dialogs';
import { sendWelcome, sendWithMenu } from './menu';
import type { DialogServices } from './services';
import { turnLocale } from './turnLocale';

export const MAIN_DIALOG = 'main';

/**
 * The root of every conversation: reads the message, picks what to do, and runs one turn of it.
 * Flows that take several turns are child dialogs; interruptions are handled here, once.
 */
export class MainDialog extends ComponentDialog {
  constructor(private readonly services: DialogServices) {
    super(MAIN_DIALOG);
  }

  protected override async onBeginDialog(inner: DialogContext): Promise<DialogTurnResult> {
    const { i18n, state } = this.services;
    const data = await state.loadConversationData(inner.context);
    if (!data.welcomed) {
      data.welcomed = true;
      await sendWelcome(inner.context, i18n);
    } else {
      await sendWithMenu(inner.context, i18n, i18n.t(turnLocale(inner.context), 'fallback.notUnderstood'));
    }
    return { status: DialogTurnStatus.complete };
  }
}
