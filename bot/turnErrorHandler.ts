import type { TurnContext } from 'botbuilder';
import { correlationOf } from './correlation';
import type { I18n } from './i18n';
import type { Locale } from './knowledge/types';
import type { Logger } from './logger';
import type { StateStore } from './stateStore';
import { StateConflictError, StorageUnavailableError } from './storage/storageErrors';
import { localeOf, ReplyDeliveryError } from './turnRunner';

export interface TurnErrorDeps {
  store: StateStore;
  i18n: I18n;
  logger: Logger;
  defaultLocale: Locale;
}

/**
 * The one place a failed turn is handled, by the kind of error: the storage away (state kept as it is, the user
 * asked to retry), a conflict that survived a second run (logged, state kept), replies that could not be
 * delivered (logged; sending an apology would fail the same way), and anything else: a bug, which could repeat on
 * every message, so the conversation's state is reset (the user's language stays) before apologising.
 */
export function createTurnErrorHandler(deps: TurnErrorDeps) {
  return async (context: TurnContext, error: Error): Promise<void> => {
    const where = { reqId: correlationOf(context.activity), conversationId: context.activity.conversation?.id, channelId: context.activity.channelId };
    if (error instanceof ReplyDeliveryError) {
      deps.logger.error({ ...where, err: error.cause ?? error }, 'replies could not be delivered; the state of the turn is saved');
      return;
    }
    const kind = error instanceof StorageUnavailableError ? 'storage' : error instanceof StateConflictError ? 'conflict' : 'bug';
    deps.logger.error({ ...where, err: error, kind }, 'turn failed');
    if (kind === 'bug') await resetConversation(context, deps);
    try {
      await context.sendActivity({ type: 'message', text: deps.i18n.t(localeOf(context, deps.defaultLocale), 'error.turn') });
    } catch (sendError) {
      deps.logger.error({ ...where, err: sendError }, 'could not send the apology');
    }
  };
}

async function resetConversation(context: TurnContext, deps: TurnErrorDeps): Promise<void> {
  try {
    await deps.store.resetConversation(context.activity);
    deps.logger.warn({ conversationId: context.activity.conversation?.id }, 'conversation state reset after a failed turn');
  } catch (resetError) {
    deps.logger.error({ err: resetError, conversationId: context.activity.conversation?.id }, 'could not reset the conversation');
  }
}
