import { fold, stripMarks } from '../text/fold';
import { canonicalToken } from '../text/tokens';

/** How often a word pair must occur in the names, with the marks typed, for a word to be read as a slip towards it. */
const SUPPORT = 2;
/** Distinct words whose near words are remembered (typed words repeat a lot; the cache is dropped when full). */
const CACHE_SIZE = 10_000;

/** What the reader needs of the speller. */
export interface SlipSource {
  /** Known words one likely slip away from a folded word. */
  near(token: string): string[];
  /** Whether the knowledge texts hold the folded word pair anywhere. */
  seen(a: string | undefined, b: string | undefined): boolean;
}

/**
 * Typos that make another real syllable ("hộ chếu", "ly hôm", "tạm chú", "khai xinh"): a word typed with its marks
 * that fits neither neighbour (no text holds either pair) is read as the word one slip away that, written with the
 * same marks, makes a frequent pair of the names with a neighbour. The marks are the evidence: "chếu" has those of
 * "chiếu", while "nhà" (in "cả nhà") is no slip for "nhân", nor "gì" for "giá". A capitalised word inside a sentence
 * is a name ("ở Hà Nội") and stays. Built once per knowledge version, from the names as written.
 */
export class SlipReader {
  /** Folded word pair of the names -> the marks of its two words as written there -> how often. */
  private readonly pairs = new Map<string, Map<string, number>>();
  /** Every folded word of those pairs: only these can be what a slip was meant to be. */
  private readonly pairWords = new Set<string>();
  private readonly near = new Map<string, string[]>();
  private readonly signatures = new Map<string, string>();

  constructor(names: Iterable<string>, private readonly source: SlipSource) {
    const words = new Map<string, { token: string; marks: string }>();
    const read = (word: string) => {
      let known = words.get(word);
      if (!known) words.set(word, (known = { token: canonicalToken(fold(word)), marks: markSignature(word) }));
      return known;
    };
    for (const name of names) {
      const typed = name.normalize('NFC').toLowerCase().split(WORD_BREAK).filter(Boolean).map(read);
      for (let i = 1; i < typed.length; i++) {
        const key = `${typed[i - 1].token} ${typed[i].token}`;
        const forms = this.pairs.get(key) ?? new Map<string, number>();
        const marks = `${typed[i - 1].marks} ${typed[i].marks}`;
        forms.set(marks, (forms.get(marks) ?? 0) + 1);
        this.pairs.set(key, forms);
        this.pairWords.add(typed[i - 1].token).add(typed[i].token);
      }
    }
  }

  /**
   * The tokens with their slips read, one at a time, the best supported first, so that of two words that do not
   * fit together only one changes: in "ly hôm", "hôm" becomes "hôn", and "ly" then fits. `typed`: the words as typed
   * (see markedWords), one per token, `capitalised` whether each began with a capital; without them nothing changes.
   */
  fit(tokens: string[], typed: string[], capitalised: boolean[]): string[] {
    if (this.pairs.size === 0 || typed.length !== tokens.length) return tokens;
    // Only a word that fits neither neighbour needs its marks read (most fit one: nothing to do).
    const marks = typed.map((word, i) => (this.fits(tokens, i) || stripMarks(word) === word ? null : this.signature(word)));
    if (marks.every((mark) => mark === null)) return tokens;
    let out = tokens;
    for (let round = 0; round < tokens.length; round++) {
      let best: { at: number; word: string; support: number } | null = null;
      for (let i = 0; i < out.length; i++) {
        if (marks[i] === null || (i > 0 && capitalised[i])) continue;
        const found = this.slip(out, marks, i);
        if (found && (!best || found.support > best.support)) best = { at: i, ...found };
      }
      if (!best) break;
      if (out === tokens) out = [...tokens];
      out[best.at] = best.word;
      marks[best.at] = null;
    }
    return out;
  }

  /** Whether the word at `i` makes a pair the texts hold with a neighbour, or cannot be a slip at all. */
  private fits(tokens: string[], i: number): boolean {
    const token = tokens[i];
    const [before, after] = [tokens[i - 1], tokens[i + 1]];
    if (token.length < 2 || /\d/.test(token) || (before === undefined && after === undefined)) return true;
    return this.source.seen(before, token) || this.source.seen(token, after);
  }

  private signature(word: string): string {
    let known = this.signatures.get(word);
    if (known === undefined) {
      if (this.signatures.size >= CACHE_SIZE) this.signatures.clear();
      this.signatures.set(word, (known = markSignature(word)));
    }
    return known;
  }

  private slip(tokens: string[], marks: (string | null)[], i: number): { word: string; support: number } | null {
    const token = tokens[i];
    const [before, after] = [tokens[i - 1], tokens[i + 1]];
    if (this.fits(tokens, i)) return null;
    let best: { word: string; support: number } | null = null;
    for (const candidate of this.nearWords(token)) {
      const support = this.count(before, candidate, marks[i - 1], marks[i]) + this.count(candidate, after, marks[i], marks[i + 1]);
      if (support >= SUPPORT && (!best || support > best.support)) best = { word: candidate, support };
    }
    return best;
  }

  private nearWords(token: string): string[] {
    let found = this.near.get(token);
    if (found) return found;
    found = this.source.near(token).filter((word) => this.pairWords.has(word));
    if (this.near.size >= CACHE_SIZE) this.near.clear();
    this.near.set(token, found);
    return found;
  }

  /** How often the names hold the pair written with these marks (a word typed without marks fits any). */
  private count(a: string | undefined, b: string | undefined, marksA: string | null | undefined, marksB: string | null | undefined): number {
    const forms = a && b ? this.pairs.get(`${a} ${b}`) : undefined;
    if (!forms) return 0;
    let total = 0;
    for (const [marks, count] of forms) {
      const [ofA, ofB] = marks.split(' ');
      if ((!marksA || ofA === marksA) && (!marksB || ofB === marksB)) total += count;
    }
    return total;
  }
}

/** Where words split, as in markedWords. */
const WORD_BREAK = /[^\p{L}\p{N}]+/u;

/** The marks of a word without its letters: the same for "chếu" and "chiếu", not for "nhà" and "nhân". */
function markSignature(word: string): string {
  const marks = [...word.normalize('NFD')].filter((char) => /\p{M}/u.test(char)).sort();
  return `${word.includes('đ') ? 'đ' : ''}${marks.join('')}`;
}
