import { fold, stripMarks } from './fold';

/**
 * Splits text into folded tokens (see fold). `y` after a consonant at the end of a syllable becomes `i`
 * (kỹ/kĩ, lý/lí are spelled both ways), on both the question and the knowledge side.
 */
export function tokenize(text: string): string[] {
  const folded = fold(text);
  return folded ? folded.split(' ').map(canonicalToken) : [];
}

/** Whether each token of `tokenize(text)` was typed with Vietnamese marks (same order, same count). */
export function markedTokens(text: string): boolean[] {
  return markedWords(text).map((word) => stripMarks(word) !== word);
}

/** The words of a text in lower case with their marks, split like `tokenize`, each in the form `markedKey` gives. */
export function markedWords(text: string): string[] {
  return splitWords(text.normalize('NFC').toLowerCase()).map(markedKey);
}

function splitWords(text: string): string[] {
  return text
    .replace(/(\p{L})['’](\p{L})/gu, '$1$2')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** Whether each word of `markedWords(text)` began with a capital letter as typed (same order, same count). */
export function capitalisedWords(text: string): boolean[] {
  return splitWords(text.normalize('NFC')).map((word) => word !== word.toLowerCase() && word[0] !== word[0].toLowerCase());
}

/** Grave, acute, tilde, hook above, dot below: the five tone marks. */
const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g;

/**
 * A word with its marks, where the tone mark may sit on either vowel: "hoá" and "hóa", "uỷ" and "ủy" are the same
 * word written in the old and the new style. The tone is moved to the end, the vowel marks (ă â ê ô ơ ư) stay.
 */
export function markedKey(word: string): string {
  const decomposed = word.normalize('NFD');
  const tone = decomposed.match(TONE_MARKS)?.[0] ?? '';
  return decomposed.replace(TONE_MARKS, '').normalize('NFC') + tone;
}

/**
 * One spelling for words written two ways: a final `y` after a consonant becomes `i` (kỹ/kĩ), and an English
 * plural loses its `s` (certificates/certificate), which also drops a Telex tone key left at the end ("kys").
 */
export function canonicalToken(token: string): string {
  let word = token;
  if (word.length >= 4 && /ies$/.test(word)) word = `${word.slice(0, -3)}y`;
  else if (word.length >= 4 && /[^su]s$/.test(word)) word = word.slice(0, -1);
  return /^[b-df-hj-np-tv-xz]+y$/.test(word) ? `${word.slice(0, -1)}i` : word;
}

/** Adjacent pairs, joined by a space: Vietnamese words are mostly two syllables. */
export function bigrams(tokens: string[]): string[] {
  const pairs: string[] = [];
  for (let i = 0; i + 1 < tokens.length; i++) pairs.push(`${tokens[i]} ${tokens[i + 1]}`);
  return pairs;
}
