import { sendWithMenu } from './menu';
import type { Turn } from './turn';

/** What the bot keeps and for how long, from the configured retention. */
export async function showPrivacy(turn: Turn): Promise<void> {
  await sendWithMenu(turn, turn.t('privacy.text', turn.services.retention));
}
