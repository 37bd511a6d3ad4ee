import { LocalText } from './localText';
import { sendWithMenu } from './menu';
import type { Turn } from './turn';

/**
 * "Gặp cán bộ": where and when to reach the one-stop desk, from the site facts, and a note for staff. The note
 * carries the conversation id and the last entry asked about, nothing the citizen typed.
 */
export function showHandoff(turn: Turn): void {
  const site = turn.kb.site;
  const text = new LocalText(turn.locale);
  const hotline = text.pick(site.hotline);
  turn.reply.say([
    turn.t('handoff.intro', { desk: text.pick(site.desk) }),
    turn.t('handoff.address', { address: text.pick(site.address) }),
    turn.t('handoff.hours', { hours: text.pick(site.hours) }),
    hotline ? turn.t('handoff.hotline', { hotline }) : turn.t('handoff.noHotline'),
  ]);
  turn.record({ type: 'handoff', entryId: turn.profile.lastEntryId });
  sendWithMenu(turn, turn.t('handoff.noted'));
}
