import type { Locale, Text } from '../bot/knowledge/types';
import type { Action, Button } from './actions';
import type { Turn } from './turn';

const OTHER: Record<Locale, Locale> = { vi: 'en', en: 'vi' };

/** A button titled by a locale key; its title in the other language picks it too when typed. */
export function keyButton(turn: Turn, key: string, action: Action): Button {
  return { title: turn.t(key), action, also: [turn.services.i18n.t(OTHER[turn.locale], key)] };
}

/** A button titled by knowledge text (an entry's title...); both languages' titles pick it when typed. */
export function textButton(turn: Turn, text: Text, action: Action): Button {
  const title = turn.locale === 'en' && text.en ? text.en : text.vi;
  return { title, action, also: [text.vi, text.en ?? ''].filter((other) => other && other !== title) };
}
