import type { Locale } from '../knowledge/types';
import { stripMarks } from './fold';

/**
 * The language a message is written in: Vietnamese when it carries any Vietnamese mark, English when most of its
 * words are common English words, Vietnamese when it has a few words that are not ("lam giay khai sinh"), and
 * null when it is too short to tell ("ok", "1"): the user's language then stays as it was.
 */
export function detectLanguage(text: string, tokens: string[], english: ReadonlySet<string>): Locale | null {
  if (stripMarks(text) !== text.normalize('NFC')) return 'vi';
  const hits = tokens.filter((token) => english.has(token)).length;
  if (hits > 0 && hits >= tokens.length * 0.4) return 'en';
  return tokens.length >= 3 ? 'vi' : null;
}
