import { LocalText } from './localText';
import { sendWithMenu } from './menu';
import type { Turn } from './turn';

/**
 * Dossier status. The bot cannot query a dossier system yet, so it says so and explains exactly where the citizen
 * can look the code up; the code is repeated so they can copy it.
 */
export function showStatus(turn: Turn, code: string | null): void {
  const text = new LocalText(turn.locale);
  const site = turn.kb.site;
  const lines = [turn.t('status.howTo', { portal: text.pick(site.portal_name), url: text.pick(site.portal_url) })];
  if (code) lines.push(turn.t('status.withCode', { code }));
  turn.reply.say(lines);
  sendWithMenu(turn, turn.t('status.late'));
}
