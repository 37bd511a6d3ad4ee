import { LocalText } from './localText';
import { sendWithMenu } from './menu';
import type { Turn } from './turn';

/**
 * Dossier status. The bot cannot query a dossier system yet, so it says so and explains exactly where the citizen
 * can look the code up; the code is repeated so they can copy it.
 */
export async function showStatus(turn: Turn, code: string | null): Promise<void> {
  const text = new LocalText(turn.locale);
  const lines = [
    turn.t('status.howTo', { portal: text.pick(turn.kb.site.portal_name), url: text.pick(turn.kb.site.portal_url) }),
  ];
  if (code) lines.push(turn.t('status.withCode', { code }));
  lines.push('', turn.t('status.late'));
  await sendWithMenu(turn, lines.join('\n'));
}
