import Fuse from 'fuse.js';
import { isVietnameseSyllable } from './syllable';
import { SlipReader } from './slipReader';
import { canonicalToken } from '../text/tokens';

/** Telex marks typed but not converted: `aw`, `aa`, `dd`, `ee`, `oo`, `ow`, `uw`, and a lone `w` for `ư`. */
const TELEX_VOWELS: [RegExp, string][] = [
  [/dd/g, 'd'],
  [/aw|aa/g, 'a'],
  [/ee/g, 'e'],
  [/oo|ow/g, 'o'],
  [/uw/g, 'u'],
  [/w/g, 'u'],
];
const TELEX_TONE = /^([a-z]{1,7})[sfrxj]$/;
/** From this length a word may be matched approximately (Vietnamese syllables are shorter: this is for English). */
const LONG_WORD = 6;

/** What the speller learns from besides its vocabulary (see the constructor). */
export interface SpellerSources {
  /**
   * Names as written, with their marks (titles, aliases, uncovered topics): a word pair frequent there ("hộ
   * chiếu", "ly hôn") makes a word typed with the same marks one slip away from it, in a pair nowhere in the
   * texts, a slip ("hộ chếu", "ly hôm").
   */
  names?: Iterable<string>;
  /** Spellings citizens confuse (folded, e.g. ch / tr, s / x): a swap of one for another counts as one slip. */
  confusable?: readonly (readonly string[])[];
}

/**
 * Repairs typing mistakes against the vocabulary of the knowledge base and the lexicon: Telex residue
 * ("dawng kys"), doubled letters ("menuu"), and one-letter slips ("chứg", "bằg", "vnied"), choosing among
 * candidates by the words around them. A word it does not know and cannot place is left as it is, so an
 * out-of-scope question stays out of scope instead of being bent towards the nearest procedure.
 */
export class Speller {
  private readonly unigrams = new Map<string, number>();
  private readonly pairs = new Map<string, number>();
  private readonly deletions = new Map<string, string[]>();
  private readonly cache = new Map<string, string[]>();
  /** Long words, for slips beyond one letter ("certficat", "regestraton"): fuse.js's approximate matching. */
  private readonly longWords: Fuse<string>;
  private readonly confusable: { from: string; to: string }[];
  private readonly slips: SlipReader;

  constructor(texts: Iterable<string[]>, sources: SpellerSources = {}) {
    for (const tokens of texts) this.count(tokens);
    this.confusable = (sources.confusable ?? []).flatMap((group) =>
      group.flatMap((from) => group.filter((to) => to !== from).map((to) => ({ from, to }))),
    );
    for (const word of this.unigrams.keys()) {
      for (const key of deletionKeys(word)) push(this.deletions, key, word);
    }
    const long = [...this.unigrams.keys()].filter((word) => word.length >= LONG_WORD);
    this.longWords = new Fuse(long, { threshold: 0.25, includeScore: true, ignoreLocation: true, minMatchCharLength: 3 });
    this.slips = new SlipReader(sources.names ?? [], {
      near: (token) => this.nearWords(token),
      seen: (a, b) => this.pairCount(a, b) > 0,
    });
  }

  knows(word: string): boolean {
    return this.unigrams.has(word);
  }

  /**
   * `marked[i]` tells that the citizen typed token i with Vietnamese marks: such a word, when it is a Vietnamese
   * syllable, is taken as meant ("tàu", "giàu") even if the knowledge base does not contain it; "vớii" is not one.
   */
  repair(tokens: string[], marked: boolean[] = []): string[] {
    const keep = (token: string, i: number) =>
      this.knows(token) || /\d/.test(token) || (marked[i] === true && isVietnameseSyllable(token));
    let out = tokens.map((token, i) => (keep(token, i) ? token : this.reshape(token)));
    // Once a word was typed in Telex ("camr ... banj"), a known word that is also Telex is read as Telex too: "own"
    // is "ơn" there, not English. Only a Vietnamese syllable tells Telex: "grader" made "grade" is English, and
    // "How do I move my 7th grader" keeps its "how" and "my".
    if (out.some((token, i) => token !== tokens[i] && isVietnameseSyllable(token))) {
      out = out.map((token, i) => (token === tokens[i] && keep(token, i) ? this.reshape(token) : token));
    }
    return out.map((token, i) => (keep(token, i) ? token : this.correct(out, i)));
  }

  /**
   * A message written in English: an English word (`english`) or a short word is meant as typed ("my" is no "mi",
   * "uk" no "up", "tie" no "the"); no Telex reading. Only a longer unknown word is corrected ("certficate").
   */
  repairEnglish(tokens: string[], english: (word: string) => boolean): string[] {
    const keep = (token: string) =>
      token.length < ENGLISH_SLIP || this.knows(token) || /\d/.test(token) || english(token) || this.knowsBase(token);
    return tokens.map((token, i) => (keep(token) ? token : this.correct(tokens, i)));
  }

  /** An English -ed, -ing or -s form of a known word ("mailed" is no slip for "failed"). */
  private knowsBase(token: string): boolean {
    return INFLECTIONS.some(([ending, base]) => ending.test(token) && this.knows(token.replace(ending, base)));
  }

  /** Real words that fit neither neighbour, read as slips (see SlipReader). */
  fitContext(tokens: string[], typed: string[], capitalised: boolean[] = []): string[] {
    return this.slips.fit(tokens, typed, capitalised);
  }

  /**
   * Known words one likely slip away: a letter left out or typed twice ("chếu" for "chiếu"), or one confusable
   * spelling swapped for another ("chú" for "trú"). Not any letter for any other: "ly" is no slip for "gì".
   */
  private nearWords(token: string): string[] {
    const swapped = this.confusable.flatMap(({ from, to }) => swaps(token, from, to));
    const lengths = this.candidates(token).filter((word) => word.length !== token.length);
    return [...new Set([...lengths, ...swapped.filter((word) => this.knows(word))])];
  }

  /** Telex residue and doubled letters: fixes that need no context, accepted only when they land on a known word. */
  private reshape(token: string): string {
    for (const candidate of reshapings(token)) {
      if (this.knows(candidate)) return candidate;
    }
    return token;
  }

  private correct(tokens: string[], i: number): string {
    const token = tokens[i];
    if (token.length < 2) return token;
    const candidates = this.candidates(token);
    let best = token;
    let bestScore = 0;
    for (const candidate of candidates) {
      const context = this.pairCount(tokens[i - 1], candidate) + this.pairCount(candidate, tokens[i + 1]);
      const score = context * 100 + Math.log1p(this.unigrams.get(candidate) ?? 0);
      if (score > bestScore) [best, bestScore] = [candidate, score];
    }
    const supported = bestScore >= 100;
    const unique = candidates.length === 1 && token.length >= 4;
    return supported || unique ? best : token;
  }

  /**
   * Known words within one edit (insertion, deletion, substitution or transposition); for a long word with none,
   * the closest long words by fuse.js, when one is clearly closest.
   */
  private candidates(token: string): string[] {
    const cached = this.cache.get(token);
    if (cached) return cached;
    const found = new Set<string>();
    for (const key of deletionKeys(token)) {
      for (const word of this.deletions.get(key) ?? []) {
        if (withinOneEdit(token, word)) found.add(word);
      }
    }
    if (found.size === 0 && token.length >= LONG_WORD) this.closeLongWords(token).forEach((word) => found.add(word));
    const list = [...found];
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(token, list);
    return list;
  }

  private closeLongWords(token: string): string[] {
    const [best, next] = this.longWords.search(token, { limit: 2 });
    if (!best || Math.abs(best.item.length - token.length) > 2) return [];
    const clear = !next || (next.score ?? 1) - (best.score ?? 0) > 0.05;
    return clear ? [best.item] : [];
  }

  private pairCount(a: string | undefined, b: string | undefined): number {
    return a && b ? this.pairs.get(`${a} ${b}`) ?? 0 : 0;
  }


  private count(tokens: string[]): void {
    tokens.forEach((token, i) => {
      this.unigrams.set(token, (this.unigrams.get(token) ?? 0) + 1);
      if (i > 0) {
        const pair = `${tokens[i - 1]} ${token}`;
        this.pairs.set(pair, (this.pairs.get(pair) ?? 0) + 1);
      }
    });
  }
}

const INFLECTIONS: [RegExp, string][] = [
  [/ed$/, ''],
  [/ed$/, 'e'],
  [/ing$/, ''],
  [/ing$/, 'e'],
  [/s$/, ''],
];

/** The shortest unknown word of an English message the speller corrects. */
const ENGLISH_SLIP = 4;

function reshapings(token: string): string[] {
  const out: string[] = [];
  const toneless = TELEX_TONE.exec(token)?.[1];
  // Without the tone key first: "owr" is "ở", not "or".
  for (const base of toneless ? [toneless, token] : [token]) {
    const vowels = TELEX_VOWELS.reduce((text, [pattern, letter]) => text.replace(pattern, letter), base);
    out.push(canonicalToken(vowels), canonicalToken(base.replace(/(.)\1+/g, '$1')));
  }
  return out.filter((candidate) => candidate !== token);
}

/** The word itself and the word with any one letter removed. */
function deletionKeys(word: string): string[] {
  const keys = [word];
  for (let i = 0; i < word.length; i++) keys.push(word.slice(0, i) + word.slice(i + 1));
  return keys;
}

function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return false;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** The word with one occurrence of `from` replaced by `to`, for each occurrence. */
function swaps(word: string, from: string, to: string): string[] {
  const out: string[] = [];
  for (let at = word.indexOf(from); at >= 0; at = word.indexOf(from, at + 1)) out.push(word.slice(0, at) + to + word.slice(at + from.length));
  return out;
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
