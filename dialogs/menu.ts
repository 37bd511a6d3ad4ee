import type { Activity, TurnContext } from 'botbuilder';
import type { I18n } from '../bot/i18n';
import type { Locale } from '../bot/knowledge/types';
import { withButtons } from './replies';
import { turnLocale } from './turnLocale';

/** The main menu's button titles, in the order shown. */
export function menuTitles(i18n: I18n, locale: Locale): string[] {
  return ['menu.ask', 'menu.status', 'menu.online', 'menu.officer', 'menu.privacy'].map((key) => i18n.t(locale, key));
}

/** The welcome: who the bot is, the privacy line, and the menu. Two messages. */
export function welcomeActivities(i18n: I18n, locale: Locale): Partial<Activity>[] {
  return [
    { type: 'message', text: `${i18n.t(locale, 'welcome.greeting')}\n\n${i18n.t(locale, 'welcome.privacy')}` },
    withButtons(i18n.t(locale, 'welcome.prompt'), menuTitles(i18n, locale)),
  ];
}

export async function sendWelcome(context: TurnContext, i18n: I18n): Promise<void> {
  await context.sendActivities(welcomeActivities(i18n, turnLocale(context)));
}

/** A sentence followed by the menu, in one message. */
export async function sendWithMenu(context: TurnContext, i18n: I18n, text: string): Promise<void> {
  await context.sendActivity(withButtons(text, menuTitles(i18n, turnLocale(context))));
}
