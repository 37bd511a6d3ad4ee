import { keyButton } from './buttons';
import { menuButton } from './menu';
import type { Turn } from './turn';

/** 👍/👎 after an answer, recorded with the entry id for staff. */
export function recordFeedback(turn: Turn, entryId: string, useful: boolean): void {
  turn.record({ type: 'feedback', entryId, useful });
  if (useful) {
    turn.reply.say(turn.t('feedback.thanks'));
    return;
  }
  turn.reply.say(turn.t('feedback.sorry'));
  turn.reply.offer([menuButton(turn, 'officer'), keyButton(turn, 'buttons.other', { kind: 'other' })]);
}
