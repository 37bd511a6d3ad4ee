import type { Button, MenuItem } from './actions';
import { MENU_ITEMS } from './actions';
import { keyButton } from './buttons';
import type { Turn } from './turn';

/** One item of the main menu as a button. */
export function menuButton(turn: Turn, item: MenuItem): Button {
  return keyButton(turn, `menu.${item}`, { kind: 'menu', item });
}

/** The main menu's buttons, in the order shown. */
export function menuButtons(turn: Turn): Button[] {
  return MENU_ITEMS.map((item) => menuButton(turn, item));
}

/** The first welcome: who the bot is and the privacy line, then the menu. */
export function sendWelcome(turn: Turn): void {
  turn.data.welcomed = true;
  turn.reply.say([turn.t('welcome.greeting'), '', turn.t('welcome.privacy')]);
  sendWithMenu(turn, turn.t('welcome.prompt'));
}

/** A sentence followed by the menu. */
export function sendWithMenu(turn: Turn, text: string | string[]): void {
  turn.reply.say(text);
  turn.reply.offer(menuButtons(turn));
}

/** The welcome when a user joins a conversation (Emulator, web chat, a new follower), once per conversation. */
export function welcomeOnJoin(turn: Turn): void {
  if (!turn.data.welcomed) sendWelcome(turn);
}
