import type { Locale } from '../knowledge/types';
import { stripMarks } from '../text/fold';

/**
 * The language a message is written in, when it tells: Vietnamese when it carries any Vietnamese mark, English when
 * most of its words are common English words. Otherwise null ("lam giay khai sinh", "ok", "2"): the language the
 * user chose, or the default, stays.
 */
export function detectLanguage(text: string, tokens: string[], english: ReadonlySet<string>): Locale | null {
  if (stripMarks(text) !== text.normalize('NFC')) return 'vi';
  const hits = tokens.filter((token) => english.has(token)).length;
  return hits > 0 && hits >= tokens.length * 0.4 ? 'en' : null;
}
