import type { BotEvent, EventRecorder } from '../dialogs/services';
import type { Logger } from './logger';

/**
 * Staff-facing events as structured log lines (`event` field), easy to count in any log tool. The text of an
 * unanswered question (already stripped of numbers and e-mail addresses) is logged at debug level only.
 */
export class LogEventRecorder implements EventRecorder {
  constructor(private readonly logger: Logger) {}

  record(event: BotEvent): void {
    if (event.type === 'unanswered' || event.type === 'unsure') {
      this.logger.info({ event: event.type, conversationId: event.conversationId }, event.type === 'unsure' ? 'question answered with "did you mean"' : 'question not answered');
      this.logger.debug({ event: event.type, conversationId: event.conversationId, question: event.question }, 'unanswered question text');
      return;
    }
    this.logger.info({ event: event.type, ...event }, event.type);
  }
}
