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

/** Words written with a full stop that does not end the sentence ("Certificate No. 2", "Mr. Nam", "e.g. a copy"). */
const ABBREVIATIONS = new Set(['no', 'nos', 'nr', 'mr', 'mrs', 'ms', 'dr', 'st', 'vs', 'etc', 'e.g', 'i.e', 'approx', 'tp', 'art', 'cl']);

/**
 * The first sentence of a text, for a one-line mention of something longer. A sentence ends at . ! or ? followed by
 * the end of the text, or by a space and a capital letter, a digit, an opening quote or bracket, unless the full stop belongs
 * to an abbreviation: "Certificate No. 2 for you" and "50.000 đồng" go on.
 */
export function firstSentence(text: string): string {
  const end = /[.!?](?=\s*$|\s+[\p{Lu}\p{N}"'“‘(\[])/gu;
  for (let match = end.exec(text); match; match = end.exec(text)) {
    if (match[0] === '.' && ABBREVIATIONS.has(lastWord(text.slice(0, match.index)))) continue;
    return text.slice(0, match.index + 1);
  }
  return text;
}

function lastWord(text: string): string {
  return /([\p{L}.]+)$/u.exec(text)?.[1].toLowerCase() ?? '';
}
