import type { Entry, Locale } from '../knowledge/types';
import { fold, stripMarks } from '../text/fold';
import { isSyllableShaped, isTelexSyllable, isVietnameseSyllable } from './syllable';

/** What one word of a message says about its language. */
type Evidence = 'vi' | 'en' | 'both' | 'neither';

/** The words the guess is built from (all folded: lower case, no marks). */
export interface LanguageWords {
  /** English words (the lexicon's list and the English text of the knowledge base). */
  english: Iterable<string>;
  /** English words that Vietnamese use in Vietnamese sentences ("online", "app", "ok"): they tell nothing. */
  loanwords: Iterable<string>;
  /** Vietnamese shorthand that is no syllable ("ko", "dc", "ad", "cccd"): it tells Vietnamese. */
  vietnamese: Iterable<string>;
  /**
   * Words of Vietnamese sentences rather than of names (tôi, gì, không, được...): a message without marks is taken
   * for Vietnamese only with one of these, so "dang ky tam tru" typed by someone who chose English stays English.
   */
  sentence: Iterable<string>;
}

/**
 * The language a message is written in, when it tells. Vietnamese as soon as a word carries Vietnamese marks. Without
 * marks, each word is weighed: one that can be written as a Vietnamese syllable ("can", "to", "me", "the") is
 * never evidence of English, however English it also looks, since most Vietnamese typed without marks is made of
 * such words; English needs words that no Vietnamese syllable spells ("how", "thanks", "passport"), and must
 * outweigh the words that only Vietnamese has ("giay", "toi", "banj", "ko"). Otherwise null ("ok", "cam on",
 * "2"), and the language the user had stays.
 */
export class LanguageGuess {
  private readonly english: Set<string>;
  private readonly loanwords: Set<string>;
  private readonly vietnamese: Set<string>;
  private readonly sentence: Set<string>;

  constructor(words: LanguageWords) {
    const folded = (list: Iterable<string>) => new Set([...list].flatMap((word) => fold(word).split(' ')).filter(Boolean));
    this.english = folded(words.english);
    this.loanwords = folded(words.loanwords);
    this.vietnamese = folded(words.vietnamese);
    this.sentence = folded(words.sentence);
  }

  guess(text: string): Locale | null {
    if (hasVietnameseMarks(text)) return 'vi';
    // Vietnamese has no apostrophes: "you've", "I'm", "don't" are English words, whatever their halves look like.
    const contractions = text.match(CONTRACTION) ?? [];
    let en = contractions.length;
    let vi = 0;
    let sentence = false;
    let onlySyllables = true;
    for (const word of fold(text.replace(CONTRACTION, ' ')).split(' ')) {
      if (!word || /\d/.test(word)) continue;
      const evidence = this.weigh(word);
      if (evidence === 'en') en += 1;
      else if (evidence === 'vi') {
        vi += 1;
        sentence ||= this.sentence.has(word) || this.vietnamese.has(word);
      } else if (evidence === 'neither') onlySyllables = false;
    }
    if (en > 0 && en > vi) return 'en';
    // A Vietnamese sentence typed without marks is answered in Vietnamese, even after an English message: two
    // Vietnamese words and one of a sentence, or a short one all of Vietnamese syllables ("cam on", "hi ban").
    return en === 0 && sentence && (vi >= 2 || onlySyllables) ? 'vi' : null;
  }

  /** What one folded word says. */
  weigh(word: string): Evidence {
    if (this.loanwords.has(word)) return 'neither';
    const english = this.isEnglish(word);
    if (isVietnameseSyllable(word) || isTelexSyllable(word) || isDoubledSyllable(word)) return english ? 'both' : 'vi';
    if (this.vietnamese.has(word)) return english ? 'neither' : 'vi';
    return english ? 'en' : 'neither';
  }

  /** Whether a folded word is an English word the guess knows (the lexicon's, the knowledge base's), inflected or not. */
  isEnglish(word: string): boolean {
    if (this.english.has(word)) return true;
    return word.length > 3 && ENDINGS.some(([ending, stem]) => ending.test(word) && this.english.has(word.replace(ending, stem)));
  }
}

/**
 * Whether a word carries Vietnamese marks: a marked word that folds to a Vietnamese syllable ("làm", "đâu"), or
 * any word with đ. "fiancée" or "café" in an English sentence does not make it Vietnamese.
 */
function hasVietnameseMarks(text: string): boolean {
  return text
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}]+/u)
    .some((word) => word.includes('đ') || (stripMarks(word) !== word && looksVietnamese(fold(word))));
}

const CONTRACTION = /\b[a-z]+['’](?:ve|m|s|re|ll|d|t)\b/gi;

/** English endings, for finding "filed", "renting", "documents", "cities" under their stems. */
const ENDINGS: [RegExp, string][] = [
  [/ies$/, 'y'],
  [/ied$/, 'y'],
  [/es$/, ''],
  [/s$/, ''],
  [/ed$/, ''],
  [/ed$/, 'e'],
  [/ing$/, ''],
  [/ing$/, 'e'],
  [/ly$/, ''],
];

/** A folded word that is, or nearly is, a Vietnamese syllable (typed with its marks, a slip still looks like one). */
function looksVietnamese(word: string): boolean {
  return isVietnameseSyllable(word) || isSyllableShaped(word) || isDoubledSyllable(word) || isSyllableShaped(word.replace(/g$/, 'ng'));
}

/** A syllable with its last letter typed twice ("khongg", "nhieuu"): a slip of a Vietnamese typist. */
function isDoubledSyllable(word: string): boolean {
  return word.length > 2 && word.at(-1) === word.at(-2) && isVietnameseSyllable(word.slice(0, -1));
}

/**
 * The words of the English the knowledge base itself is written in (names, summaries, questions, papers), leaving
 * out the Vietnamese words quoted in it with their marks ("the birth notice (giấy chứng sinh)").
 */
export function englishWords(entry: Entry): string[] {
  const texts = [entry.title, entry.field, ...entry.faq.map((faq) => faq.q)];
  if (entry.kind === 'procedure') texts.push(entry.summary, ...entry.documents.map((doc) => doc.name));
  else texts.push(...entry.answer);
  const words = texts.flatMap((text) => (text?.en ? text.en.normalize('NFC').split(/[^\p{L}\p{N}'’]+/u) : []));
  return words.filter((word) => word !== '' && stripMarks(word) === word);
}
