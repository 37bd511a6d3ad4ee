import type { LanguageData } from '../knowledge/languageData';
import type { LanguageGuess } from './detectLanguage';
import { PhraseMap } from './phraseMap';
import { Speller } from './speller';
import { stripMarks } from '../text/fold';
import { capitalisedWords, markedWords, tokenize } from '../text/tokens';
import { isVietnameseSyllable } from './syllable';

/** One clause of a message: a stretch between punctuation, or opened by a word like "giờ", "vậy", "cho hỏi". */
export interface Clause {
  words: string[];
  terms: string[];
  /** Whether it ends with a question mark. */
  asked: boolean;
  /**
   * When the message is written with marks: the words as typed (marks kept, abbreviations expanded) of the stretch
   * between punctuation the clause is part of. Null otherwise.
   */
  marked: string[] | null;
}

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
   * What each abbreviation typed was expanded to, in search terms ("đk tt": "đăng ký tạm trú hoặc đăng ký thường
   * trú"): an expansion naming two entries in full leaves the choice to the rest of the message.
   */
  expansions: string[][];
  /**
   * The words as typed (lower case, marks kept) when the message is written with Vietnamese marks, else null. In
   * such a message an unmarked word is meant unmarked: "nhau" is not "nhậu", "sống" is not "song".
   */
  marked: string[] | null;
  /** The clauses, in order; their words and terms, joined, are `words` and `terms`. */
  clauses: Clause[];
}

/**
 * The whole normalisation chain, built once per knowledge-base version: fold, repair spelling against the
 * knowledge vocabulary, expand abbreviations, unify synonyms. The knowledge side goes through the same
 * chain (minus spelling repair), so both meet in one canonical form.
 */
export class Normalizer {
  private readonly abbreviations: PhraseMap;
  /** Abbreviations in the marked form: "đk" -> "đăng ký", "gplx" -> "giấy phép lái xe". */
  private readonly markedAbbreviations: PhraseMap;
  private readonly synonyms: PhraseMap;
  private readonly speller: Speller;
  private readonly unsearched: Set<string>;
  /** English base words (lexicon.yaml `english`), which inflected forms are searched under. */
  private readonly englishBases: Set<string>;
  private readonly lemmas = new Map<string, string>();
  /** The phrases that open the question part of a long message, as lists of words. */
  private readonly starts: string[][];
  /** Each opener as written, marks kept, for a message typed with marks. */
  private readonly markedStarts: Map<string[], string[]>;
  private readonly filler: Set<string>;
  /** For each folded word of the bot's own phrases (intents, lexicon), how it is written with its marks. */
  private readonly markedForms = new Map<string, string>();
  /** Synonym variants written with marks ("giấy đỏ"), by their folded form ("giay do"). */
  private readonly markedVariants = new Map<string, string[][]>();

  /**
   * `nameTexts`: the entries' titles and aliases (also in `knowledgeTexts`), whose word pairs guide the speller.
   * `language`: the language guess, for reading a message written in English as English: its words are not bent into
   * Vietnamese ones by the speller ("my" is no "mỹ" slip, "tie" no "the", "uk" no "up"), nor read as Telex.
   */
  constructor(data: LanguageData, knowledgeTexts: string[], nameTexts: string[] = [], private readonly language?: LanguageGuess) {
    this.abbreviations = new PhraseMap(phrasePairs(data.abbreviations));
    this.markedAbbreviations = new PhraseMap(phrasePairs(data.abbreviations, markedWords));
    this.filler = new Set(data.filler.flatMap((word) => this.abbreviations.apply(tokenize(word))));
    const starts = data.question.starts.map((phrase) => ({ words: this.abbreviations.apply(tokenize(phrase)), marked: markedWords(phrase) }));
    this.starts = starts.filter(({ words }) => words.length > 0).map(({ words }) => words);
    this.markedStarts = new Map(starts.filter(({ words }) => words.length > 0).map(({ words, marked }) => [words, marked]));
    this.synonyms = new PhraseMap(phrasePairs(data.synonyms));
    for (const variant of Object.values(data.synonyms).flat()) {
      const marked = markedWords(variant);
      if (!marked.some((word) => stripMarks(word) !== word)) continue;
      const key = tokenize(variant).join(' ');
      this.markedVariants.set(key, [...(this.markedVariants.get(key) ?? []), marked]);
    }
    this.unsearched = new Set(data.unsearched.flatMap(tokenize));
    this.englishBases = new Set(data.english.flatMap(tokenize).filter((word) => word.length >= 3 && !isVietnameseSyllable(word)));
    const lexiconWords = [...this.abbreviations.vocabulary(), ...this.synonyms.vocabulary()].map((word) => [word]);
    const texts = [...knowledgeTexts, ...patternTexts(data), ...lexiconPhrases(data)].map(tokenize);
    for (const phrase of [...patternTexts(data), ...lexiconPhrases(data)]) {
      for (const word of markedWords(phrase)) {
        const [key] = tokenize(word);
        if (key && !this.markedForms.has(key)) this.markedForms.set(key, word);
      }
    }
    // Names of things, with their marks: those of the entries, the uncovered topics, the lexicon's.
    const names = [...nameTexts, ...data.outOfScope.flat().flatMap((topic) => topic.split('...')), ...lexiconPhrases(data)];
    const confusable = data.confusable.map((group) => group.flatMap(tokenize));
    this.speller = new Speller([...texts, ...texts.map((tokens) => this.canonical(tokens)), ...lexiconWords], { names, confusable });
  }

  normalize(text: string): NormalizedText {
    const original = text.normalize('NFC');
    const parts = splitPunctuation(original).map(({ text: part, asked }) => {
      const typed = markedWords(part);
      return { asked, tokens: tokenize(part), typed, capitals: capitalisedWords(part), marks: typed.map((word) => stripMarks(word) !== word) };
    });
    const marks = parts.flatMap((part) => part.marks);
    const isMarked = marks.filter(Boolean).length * 3 >= marks.length && marks.some(Boolean);
    const english = !isMarked && this.isEnglish(original);
    const expansions: string[][] = [];
    const expanded = (to: string[]) => expansions.push(this.termsOf(to));
    const clauses = parts.flatMap(({ asked, tokens, typed, capitals, marks: partMarks }, p) => {
      const repaired = english
        ? this.speller.repairEnglish(tokens, (word) => this.language?.isEnglish(word) ?? false)
        : this.speller.fitContext(this.speller.repair(tokens, partMarks), typed, capitals);
      const words = this.abbreviations.apply(repaired, undefined, expanded);
      const marked = isMarked ? this.markedAbbreviations.apply(this.repairMarked(typed, tokens, repaired)) : null;
      const veto = marked ? this.otherwiseMarked(marked) : undefined;
      return this.splitStarts(words, marked !== null && marked.length === words.length ? marked : null).map((clauseWords, i, all) => ({
        words: clauseWords,
        // An opener past the start says where the question starts, nothing more: "..., giờ làm hồ sơ" is no
        // "giờ làm việc" (while "giờ làm việc của xã" at the start of a message is).
        terms: this.searchable(this.synonyms.apply(p > 0 || i > 0 ? this.withoutOpener(clauseWords) : clauseWords, veto)),
        asked: asked && i === all.length - 1,
        marked,
      }));
    });
    const words = clauses.flatMap((clause) => clause.words);
    const terms = clauses.flatMap((clause) => clause.terms);
    const marked = isMarked ? parts.flatMap((part) => part.typed) : null;
    return { original, folded: parts.flatMap((part) => part.tokens).join(' '), words, terms, expansions, marked, clauses };
  }

  /**
   * For a stretch typed with marks: whether a synonym variant written with marks was typed with other marks, so it
   * is another word ("làm giấy đó" is no "giấy đỏ", the land title). Only where the variant's words are found typed,
   * every one of them with marks and some of them with marks of its own; a word typed without marks fits any.
   */
  private otherwiseMarked(marked: string[]): (from: string[]) => boolean {
    const folded = marked.map((word) => tokenize(word)[0] ?? '');
    return (from) => {
      const forms = this.markedVariants.get(from.join(' '));
      if (!forms) return false;
      let found = false;
      for (let at = 0; at + from.length <= folded.length; at++) {
        if (!from.every((word, k) => folded[at + k] === word)) continue;
        found = true;
        const typed = marked.slice(at, at + from.length);
        const fits = forms.some((form) => form.every((word, k) => typed[k] === word || stripMarks(typed[k]) === typed[k]));
        if (fits) return false;
      }
      return found;
    };
  }

  /**
   * The words as typed, with the speller's repairs written with their marks where the bot's phrases spell them:
   * "quảg cáo" is matched as "quảng cáo". A repaired word the phrases do not hold stays as typed.
   */
  private repairMarked(marked: string[], tokens: string[], repaired: string[]): string[] {
    if (marked.length !== tokens.length) return marked;
    return marked.map((word, i) => (repaired[i] !== tokens[i] ? this.markedForms.get(repaired[i]) ?? word : word));
  }

  private withoutOpener(words: string[]): string[] {
    const opener = this.starts.find((start) => start.every((word, k) => words[k] === word));
    return opener ? words.slice(opener.length) : words;
  }

  /**
   * In a message typed with marks, whether the opener's words at `at` were typed as another word: one typed without
   * marks where the opener has some ("để vay ngân hàng" is no "vậy").
   */
  private otherWord(start: string[], typed: string[] | null, at: number): boolean {
    const marked = typed ? this.markedStarts.get(start) : undefined;
    if (!typed || !marked || marked.length !== start.length) return false;
    return marked.some((form, k) => typed[at + k] !== form && stripMarks(typed[at + k]) === typed[at + k] && stripMarks(form) !== form);
  }

  /**
   * Splits before a phrase that opens the question part ("... nhà đã làm giấy báo tử giờ mẹ tôi muốn xin ..."),
   * when a few words come before it and two or more after, and it does not tell a time of day ("mấy giờ", "8 giờ").
   */
  private splitStarts(words: string[], typed: string[] | null): string[][] {
    const clauses: string[][] = [];
    let from = 0;
    for (let i = MIN_CLAUSE; i < words.length - 2; i++) {
      if (i - from < MIN_CLAUSE || TIME_BEFORE.has(words[i - 1]) || /\d/.test(words[i - 1])) continue;
      const opener = this.starts.find((start) => start.every((word, k) => words[i + k] === word) && !this.otherWord(start, typed, i));
      // "..., vậy mọi người": a clause needs two words of its own after the opener.
      if (!opener || words.slice(i + opener.length).filter((word) => !this.filler.has(word)).length < 2) continue;
      clauses.push(words.slice(from, i));
      from = i;
    }
    clauses.push(words.slice(from));
    return clauses.filter((clause) => clause.length > 0);
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

  /** Normalised words (see `words`) in canonical terms, as the search sees them. */
  termsOf(words: string[]): string[] {
    return this.searchable(this.synonyms.apply(words));
  }

  knows(word: string): boolean {
    return this.speller.knows(word);
  }

  /** Whether the text is written in English, as the language guess reads it. */
  private isEnglish(text: string): boolean {
    return this.language?.guess(text) === 'en';
  }

  private canonical(tokens: string[]): string[] {
    return this.searchable(this.synonyms.apply(this.abbreviations.apply(tokens)));
  }

  /**
   * Without the words the search ignores: "register a marriage" must not meet "register a birth" on "register a".
   * English words ending in -ing, -ed, -ied are searched under their base word when lexicon.yaml `english` has it
   * ("registering", "registered" -> "register"; "moved" -> "move"; "married" -> "marry"; "getting" -> "get"). No
   * Vietnamese syllable ends so, and no base that is one is used ("dated" is not "dat", which is "đất").
   */
  private searchable(terms: string[]): string[] {
    const lemmas = this.englishBases.size ? terms.map((term) => this.lemma(term)) : terms;
    return this.unsearched.size ? lemmas.filter((term) => !this.unsearched.has(term)) : lemmas;
  }

  private lemma(word: string): string {
    if (word.length < 5 || !INFLECTED.test(word)) return word;
    const known = this.lemmas.get(word);
    if (known !== undefined) return known;
    const base = baseCandidates(word).find((candidate) => this.englishBases.has(candidate)) ?? word;
    if (this.lemmas.size > 10_000) this.lemmas.clear();
    this.lemmas.set(word, base);
    return base;
  }
}

const INFLECTED = /(?:ing|ed)$/;

/** The base words an English -ing / -ed / -ied form may come from, likeliest first. */
function baseCandidates(word: string): string[] {
  if (word.endsWith('ied')) return [`${word.slice(0, -3)}y`];
  const stem = word.endsWith('ing') ? word.slice(0, -3) : word.slice(0, -2);
  if (stem.length < 2) return [];
  const undoubled = /([b-df-hj-np-tv-z])\1$/.test(stem) ? [stem.slice(0, -1)] : [];
  return [stem, `${stem}e`, ...undoubled];
}

/** A clause opener splits only after this many words of the clause. */
const MIN_CLAUSE = 3;
/**
 * Words before an opener that make it no opener: before "giờ" a time of day rather than "now" ("mấy giờ"), before
 * "vậy" a manner ("đi làm trễ như vậy thì có bị phạt không" is one clause).
 */
const TIME_BEFORE = new Set(['may', 'bao', 'nhung', 'cac', 'theo', 'ngoai', 'trong', 'mo', 'dong', 'het', 'tieng', 'nhu']);

/**
 * The stretches of a message between sentence punctuation and commas. A dossier code's dots do not split, nor do
 * the commas of a list of single words ("nhận cha, mẹ, con thì nộp ở đâu"): a piece of one or two words joins the
 * one before it, and so does the piece that ends the list.
 */
function splitPunctuation(text: string): { text: string; asked: boolean }[] {
  const parts: { text: string; asked: boolean; comma: boolean }[] = [];
  let from = 0;
  let listing = false;
  for (const match of [...text.matchAll(PUNCTUATION), null]) {
    const end = match ? match.index ?? 0 : text.length;
    const piece = text.slice(from, end);
    const separator = match?.[0] ?? '';
    from = end + separator.length;
    if (piece.trim() === '') continue;
    const short = wordCount(piece) <= 2;
    const previous = parts[parts.length - 1];
    if (previous?.comma && (short || listing)) {
      previous.text += ` ${piece}`;
      previous.asked = separator.includes('?');
      previous.comma = separator === ',';
      listing = short;
      continue;
    }
    listing = false;
    parts.push({ text: piece, asked: separator.includes('?'), comma: separator === ',' });
  }
  return parts.map(({ text: part, asked }) => ({ text: part, asked }));
}

const PUNCTUATION = /[.!?;…]+(?=\s|$)|,(?!\d)|\n+/g;

function wordCount(text: string): number {
  return text.split(/[^\p{L}\p{N}]+/u).filter(Boolean).length;
}

function phrasePairs(table: Record<string, string[]>, split: (text: string) => string[] = tokenize): [string[], string[]][] {
  const pairs: [string[], string[]][] = [];
  for (const [canonical, variants] of Object.entries(table)) {
    const to = split(canonical);
    pairs.push([to, to]);
    for (const variant of variants) {
      const from = split(variant);
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
