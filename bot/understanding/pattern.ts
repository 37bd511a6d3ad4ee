/** Up to this many words may stand in for "..." in a pattern, unless it says otherwise. */
const MAX_GAP = 8;

/**
 * A phrase pattern from knowledge/intents.yaml: runs of words that must be adjacent, separated by "..." gaps.
 * Built from already-normalised tokens, where "..." survives as the token `...`.
 */
export class Pattern {
  private readonly runs: string[][];

  /** `maxGap`: how many words a "..." may stand for (Infinity: any number, for a pattern matched within a clause). */
  constructor(tokens: string[], private readonly maxGap = MAX_GAP) {
    this.runs = [[]];
    for (const token of tokens) {
      if (token === '...') this.runs.push([]);
      else this.runs[this.runs.length - 1].push(token);
    }
    this.runs = this.runs.filter((run) => run.length > 0);
  }

  get empty(): boolean {
    return this.runs.length === 0;
  }

  /** How many words a match holds, gaps aside. */
  get size(): number {
    return this.runs.reduce((sum, run) => sum + run.length, 0);
  }

  /** The word every match starts with. */
  get first(): string | undefined {
    return this.runs[0]?.[0];
  }

  /**
   * The positions of the words that matched, or null. The first match from the left is taken. Every message is
   * matched against the command and answer-word patterns, so only the starts holding the first word are tried,
   * and nothing is allocated until a match is found.
   */
  match(tokens: string[]): number[] | null {
    if (this.runs.length === 0) return null;
    const first = this.runs[0][0];
    for (let start = tokens.indexOf(first); start >= 0; start = tokens.indexOf(first, start + 1)) {
      const found = this.matchFrom(tokens, start);
      if (found) return found;
    }
    return null;
  }

  /** Whether a match ends at the last token ("có ... không" in "có thể … nộp thay không", not in "có ai không biết"). */
  endsAt(tokens: string[]): boolean {
    const last = this.runs[this.runs.length - 1];
    if (!last || last.length > tokens.length) return false;
    const from = tokens.length - last.length;
    if (!last.every((word, k) => tokens[from + k] === word)) return false;
    if (this.runs.length === 1) return true;
    const head = new Pattern(this.runs.slice(0, -1).flatMap((run, r) => (r ? ['...', ...run] : run)), this.maxGap);
    const found = head.match(tokens.slice(0, from));
    return found !== null;
  }

  private matchFrom(tokens: string[], start: number): number[] | null {
    const froms: number[] = [];
    let at = start;
    for (let r = 0; r < this.runs.length; r++) {
      const limit = r === 0 ? at : Math.min(tokens.length - 1, at + this.maxGap);
      const from = findRun(tokens, this.runs[r], at, limit);
      if (from < 0) return null;
      froms.push(from);
      at = from + this.runs[r].length;
    }
    const covered: number[] = [];
    for (let r = 0; r < this.runs.length; r++) {
      for (let k = 0; k < this.runs[r].length; k++) covered.push(froms[r] + k);
    }
    return covered;
  }
}

function findRun(tokens: string[], run: string[], from: number, to: number): number {
  for (let i = from; i <= to; i++) {
    let k = 0;
    while (k < run.length && tokens[i + k] === run[k]) k++;
    if (k === run.length) return i;
  }
  return -1;
}

/**
 * Patterns with a payload, looked up by the first word of each: a message is matched only against the patterns
 * whose first word it contains, so hundreds of phrases cost little per message.
 */
export class PatternSet<T> {
  private readonly byFirst = new Map<string, { pattern: Pattern; value: T; order: number }[]>();
  private size = 0;

  constructor(entries: Iterable<[Pattern, T]>) {
    for (const [pattern, value] of entries) {
      const first = pattern.first;
      if (first === undefined) continue;
      const list = this.byFirst.get(first) ?? [];
      list.push({ pattern, value, order: this.size++ });
      this.byFirst.set(first, list);
    }
  }

  /** The patterns that could match (their first word is there), in the order given. */
  candidates(tokens: string[]): { pattern: Pattern; value: T }[] {
    const found: { pattern: Pattern; value: T; order: number }[] = [];
    for (const token of new Set(tokens)) {
      const list = this.byFirst.get(token);
      if (list) found.push(...list);
    }
    return found.sort((a, b) => a.order - b.order);
  }

  /** Every pattern that matches, in the order given, with the positions of its first match. */
  matches(tokens: string[]): { value: T; at: number[] }[] {
    const found: { value: T; at: number[] }[] = [];
    for (const { pattern, value } of this.candidates(tokens)) {
      const at = pattern.match(tokens);
      if (at) found.push({ value, at });
    }
    return found;
  }

  /** Whether any pattern matches. */
  any(tokens: string[]): boolean {
    for (const token of new Set(tokens)) {
      if (this.byFirst.get(token)?.some(({ pattern }) => pattern.match(tokens) !== null)) return true;
    }
    return false;
  }
}
