import type { Locale } from '../knowledge/types';

/**
 * What staff learn from the conversations, kept for `npm run kb:gaps`: questions the bot could not answer
 * ('unanswered') or was unsure about ('unsure', it asked "did you mean"), already stripped of personal data, and
 * the 👍/👎 given to answers. No conversation or user id is kept. Entries older than the retention are dropped.
 */
export type LoggedEvent =
  | { at: number; kind: 'unanswered' | 'unsure'; question: string; locale?: Locale; channel?: string }
  | { at: number; kind: 'feedback'; entryId: string; useful: boolean; channel?: string };

export interface QuestionLog {
  readonly kind: 'redis' | 'file';
  /** Where it is, for messages ("redis stream ttb:questions", a file path). */
  readonly where: string;
  append(event: LoggedEvent): Promise<void>;
  /** Every event kept since `since` (ms since the epoch), oldest first. */
  read(since: number): Promise<LoggedEvent[]>;
  close(): Promise<void>;
}

export const DAY_MS = 86_400_000;

/** Reads one stored line back; null for anything that is not an event (a torn line, another version). */
export function parseLoggedEvent(raw: string): LoggedEvent | null {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const event = value as Record<string, unknown>;
  if (typeof event.at !== 'number') return null;
  if ((event.kind === 'unanswered' || event.kind === 'unsure') && typeof event.question === 'string') return event as LoggedEvent;
  if (event.kind === 'feedback' && typeof event.entryId === 'string' && typeof event.useful === 'boolean') return event as LoggedEvent;
  return null;
}
