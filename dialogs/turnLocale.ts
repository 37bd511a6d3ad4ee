import type { TurnContext } from 'botbuilder';
import type { Locale } from '../bot/knowledge/types';

const LOCALE_KEY = Symbol('turnLocale');

/** The language this turn answers in, decided once by the bot at the start of the turn. */
export function turnLocale(context: TurnContext): Locale {
  return (context.turnState.get(LOCALE_KEY) as Locale | undefined) ?? 'vi';
}

export function setTurnLocale(context: TurnContext, locale: Locale): void {
  context.turnState.set(LOCALE_KEY, locale);
}
