import type { Activity, TurnContext } from 'botbuilder';
import { Button, offer } from './actions';
import type { DialogServices } from './services';
import { openTurn, Turn } from './turn';

type MenuItem = 'ask' | 'status' | 'online' | 'officer' | 'privacy';
const MENU_ITEMS: readonly MenuItem[] = ['ask', 'status', 'online', 'officer', 'privacy'];

/** The main menu's buttons, in the order shown. */
export function menuButtons(t: Turn['t']): Button[] {
  return MENU_ITEMS.map((item) => ({ title: t(`menu.${item}`), action: { kind: 'menu', item } }));
}

/** The first welcome: who the bot is and the privacy line, then the menu. Two messages. */
export async function sendWelcome(turn: Turn): Promise<void> {
  turn.data.welcomed = true;
  const intro: Partial<Activity> = { type: 'message', text: `${turn.t('welcome.greeting')}\n\n${turn.t('welcome.privacy')}` };
  await turn.context.sendActivity(intro);
  await offer(turn.context, turn.services.state, turn.t('welcome.prompt'), menuButtons(turn.t));
}

/** A sentence followed by the menu, in one message. */
export async function sendWithMenu(turn: Turn, text: string): Promise<void> {
  await offer(turn.context, turn.services.state, text, menuButtons(turn.t));
}

/** The welcome when a user joins a conversation (Emulator, web chat, a new follower), once per conversation. */
export async function welcomeOnJoin(context: TurnContext, services: DialogServices): Promise<void> {
  const turn = await openTurn(context, services);
  if (!turn.data.welcomed) await sendWelcome(turn);
}
