import type { BotEvent, EventRecorder } from '../../dialogs/services';
import { LogEventRecorder } from '../eventLog';
import type { Logger } from '../logger';
import { redactPersonalData } from '../text/redact';
import type { LoggedEvent, QuestionLog } from './questionLog';

/** Events kept in memory while the log cannot be written (Redis away), oldest dropped first beyond this. */
const MAX_PENDING = 1000;

/**
 * Staff events (unanswered and "did you mean" questions, 👍/👎) go to the log lines and to the question log.
 * The question is stripped of personal data here, before anything is logged or stored, whatever the dialog did.
 * Writing never delays or fails a turn: a failed write is kept in memory and written with the next one that
 * succeeds.
 */
export class StaffEventRecorder implements EventRecorder {
  private readonly lines: LogEventRecorder;
  private pending: LoggedEvent[] = [];
  private writing: Promise<void> = Promise.resolve();
  private failing = false;

  constructor(
    private readonly log: QuestionLog,
    private readonly logger: Logger,
  ) {
    this.lines = new LogEventRecorder(logger);
  }

  record(event: BotEvent): void {
    const safe: BotEvent = event.type === 'unanswered' || event.type === 'unsure' ? { ...event, question: redactPersonalData(event.question) } : event;
    this.lines.record(safe);
    const logged = toLogged(safe);
    if (!logged) return;
    this.pending.push(logged);
    if (this.pending.length > MAX_PENDING) this.pending.shift();
    this.writing = this.writing.then(() => this.flush());
  }

  /** Waits for the writes under way (a stopping instance, tests). */
  async settle(): Promise<void> {
    await this.writing;
  }

  private async flush(): Promise<void> {
    while (this.pending.length > 0) {
      try {
        await this.log.append(this.pending[0]);
      } catch (error) {
        if (!this.failing) this.logger.warn({ err: (error as Error).message, log: this.log.where, pending: this.pending.length }, 'question log: cannot write; keeping events in memory');
        this.failing = true;
        return;
      }
      this.pending.shift();
      if (this.failing) this.logger.info({ log: this.log.where }, 'question log: writing again');
      this.failing = false;
    }
  }
}

function toLogged(event: BotEvent): LoggedEvent | null {
  const at = Date.now();
  switch (event.type) {
    case 'unanswered':
    case 'unsure':
      return { at, kind: event.type, question: event.question, ...(event.locale ? { locale: event.locale } : {}) };
    case 'feedback':
      return { at, kind: 'feedback', entryId: event.entryId, useful: event.useful };
    default:
      return null;
  }
}
