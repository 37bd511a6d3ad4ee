import type { TurnContext } from 'botbuilder';
import { turnLocale } from '../dialogs/turnLocale';
import type { BotState } from './botState';
import type { I18n } from './i18n';
import type { Logger } from './logger';

/** Errors that mean the stored conversation no longer fits the code (e.g. a dialog renamed by a release). */
const CORRUPT_STATE = [/wasn't found/i, /not found in the dialog set/i, /Unexpected token .* in JSON/i];

/**
 * The one place a failed turn is handled: log it with the conversation id, apologise to the user, and reset
 * the conversation only when its stored state is what broke. Storage outages keep the state as it is.
 */
export function createTurnErrorHandler(deps: { state: BotState; i18n: I18n; logger: Logger }) {
  return async (context: TurnContext, error: Error): Promise<void> => {
    const conversationId = context.activity.conversation?.id;
    const corrupt = CORRUPT_STATE.some((pattern) => pattern.test(error.message));
    deps.logger.error({ err: error, conversationId, channelId: context.activity.channelId, corrupt }, 'turn failed');
    if (corrupt) await resetConversation(context, deps.state, deps.logger);
    try {
      await context.sendActivity(deps.i18n.t(turnLocale(context), 'error.turn'));
    } catch (sendError) {
      deps.logger.error({ err: sendError, conversationId }, 'could not send the apology');
    }
  };
}

async function resetConversation(context: TurnContext, state: BotState, logger: Logger): Promise<void> {
  try {
    await state.conversation.delete(context);
    await state.conversation.saveChanges(context, true);
  } catch (resetError) {
    logger.error({ err: resetError, conversationId: context.activity.conversation?.id }, 'could not reset the conversation');
  }
}
