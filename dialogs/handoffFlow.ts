import { sendWithMenu } from './menu';
import { placeTexts } from './placeFlow';
import type { Turn } from './turn';

/**
 * "Gặp cán bộ": where and when to reach the one-stop desk, the phone lines and the provincial centre, from the site
 * facts, and a note for staff. The note carries the conversation id and the last entry asked about, nothing the
 * citizen typed.
 */
export function showHandoff(turn: Turn): void {
  turn.reply.say(placeTexts(turn).contact());
  turn.record({ type: 'handoff', entryId: turn.profile.lastEntryId });
  sendWithMenu(turn, turn.t('handoff.noted'));
}
