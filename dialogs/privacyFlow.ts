import { sendWithMenu } from './menu';
import type { Turn } from './turn';

/** What the bot keeps and for how long, from the configured retention. */
export function showPrivacy(turn: Turn): void {
  sendWithMenu(turn, turn.t('privacy.text', turn.services.retention));
}
