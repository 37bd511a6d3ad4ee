import type { Locale, Text } from '../bot/knowledge/types';

/**
 * Picks the user's language from knowledge texts. An English reader gets the Vietnamese text where staff wrote no
 * English, and `missingEnglish` says so, for a one-line note.
 */
export class LocalText {
  missingEnglish = false;

  constructor(readonly locale: Locale) {}

  pick(text: Text | undefined): string {
    if (!text) return '';
    if (this.locale === 'en') {
      if (text.en) return text.en;
      if (text.vi) this.missingEnglish = true;
    }
    return text.vi;
  }
}

/** The first sentence of a text, for a one-line mention of something longer. */
export function firstSentence(text: string): string {
  const match = /^(.+?[.!?])(\s|$)/s.exec(text);
  return match ? match[1] : text;
}
