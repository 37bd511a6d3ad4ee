import type { LanguageData } from '../knowledge/languageData';
import { PhraseMap } from './phraseMap';
import { Speller } from './speller';
import { markedTokens, markedWords, tokenize } from '../text/tokens';

/** One message, normalised. */
export interface NormalizedText {
  /** The message in NFC, as typed. */
  original: string;
  /** Lower case, without tone marks or punctuation. */
  folded: string;
  /** Spelling repaired and abbreviations expanded: what intent patterns match against. */
  words: string[];
  /** `words` with synonyms made canonical: what the knowledge search matches against. */
  terms: string[];
  /**
   * The words as typed (lower case, marks kept) when the message is written with Vietnamese marks, else null. In
   * such a message an unmarked word is meant unmarked: "nhau" is not "nhậu", "sống" is not "song".
   */
  marked: string[] | null;
}

/**
 * The whole normalisation chain, built once per knowledge-base version: fold, repair spelling against the
 * knowledge vocabulary, expand abbreviations, unify synonyms. The knowledge side goes through the same
 * chain (minus spelling repair), so both meet in one canonical form.
 */
export class Normalizer {
  private readonly abbreviations: PhraseMap;
  private readonly synonyms: PhraseMap;
  private readonly speller: Speller;
  private readonly unsearched: Set<string>;

  constructor(data: LanguageData, knowledgeTexts: string[]) {
    this.abbreviations = new PhraseMap(phrasePairs(data.abbreviations));
    this.synonyms = new PhraseMap(phrasePairs(data.synonyms));
    this.unsearched = new Set(data.unsearched.flatMap(tokenize));
    const lexiconWords = [...this.abbreviations.vocabulary(), ...this.synonyms.vocabulary()].map((word) => [word]);
    const texts = [...knowledgeTexts, ...patternTexts(data), ...lexiconPhrases(data)].map(tokenize);
    this.speller = new Speller([...texts, ...texts.map((tokens) => this.canonical(tokens)), ...lexiconWords]);
  }

  normalize(text: string): NormalizedText {
    const original = text.normalize('NFC');
    const tokens = tokenize(original);
    const marks = markedTokens(original);
    const words = this.abbreviations.apply(this.speller.repair(tokens, marks));
    const marked = marks.filter(Boolean).length * 3 >= marks.length && marks.some(Boolean) ? markedWords(original) : null;
    return { original, folded: tokens.join(' '), words, terms: this.searchable(this.synonyms.apply(words)), marked };
  }

  /** A pattern as written (marks kept), for matching `marked` words. */
  markedPatternWords(pattern: string): string[] {
    return pattern
      .split('...')
      .map(markedWords)
      .flatMap((words, i) => (i === 0 ? words : ['...', ...words]));
  }

  /** Knowledge text (aliases, titles...) in canonical terms; no spelling repair, staff text is trusted. */
  terms(text: string): string[] {
    return this.canonical(tokenize(text));
  }

  /** A pattern from intents.yaml in the form messages take after normalisation ("..." kept as a token). */
  patternWords(pattern: string): string[] {
    return pattern
      .split('...')
      .map((part) => this.abbreviations.apply(tokenize(part)))
      .flatMap((words, i) => (i === 0 ? words : ['...', ...words]));
  }

  knows(word: string): boolean {
    return this.speller.knows(word);
  }

  private canonical(tokens: string[]): string[] {
    return this.searchable(this.synonyms.apply(this.abbreviations.apply(tokens)));
  }

  /** Without the words the search ignores: "register a marriage" must not meet "register a birth" on "register a". */
  private searchable(terms: string[]): string[] {
    return this.unsearched.size ? terms.filter((term) => !this.unsearched.has(term)) : terms;
  }
}

function phrasePairs(table: Record<string, string[]>): [string[], string[]][] {
  const pairs: [string[], string[]][] = [];
  for (const [canonical, variants] of Object.entries(table)) {
    const to = tokenize(canonical);
    pairs.push([to, to]);
    for (const variant of variants) {
      const from = tokenize(variant);
      if (from.join(' ') !== to.join(' ')) pairs.push([from, to]);
    }
  }
  return pairs;
}

function patternTexts(data: LanguageData): string[] {
  const lists = [data.greeting.patterns, data.thanks.patterns, data.help.patterns, data.handoff.patterns,
    data.language.en, data.language.vi, data.language.cues, data.status.patterns, data.status.progress, data.filler, data.generic,
    ...data.aspects.map(({ patterns }) => patterns), ...data.outOfScope];
  return lists.flat().flatMap((pattern) => pattern.split('...'));
}

function lexiconPhrases(data: LanguageData): string[] {
  return [...Object.entries(data.abbreviations), ...Object.entries(data.synonyms)].flatMap(([key, values]) => [key, ...values]);
}
