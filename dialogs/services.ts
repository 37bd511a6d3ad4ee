import type { BotState } from '../bot/botState';
import type { I18n } from '../bot/i18n';
import type { Logger } from '../bot/logger';

/** What the dialogs need from the runtime, passed in by the composition root. */
export interface DialogServices {
  i18n: I18n;
  state: BotState;
  logger: Logger;
}
