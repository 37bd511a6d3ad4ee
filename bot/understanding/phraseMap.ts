/**
 * Replaces token sequences by their canonical form, longest match first, in one left-to-right pass
 * (so a replacement is never rewritten again). Canonical forms map to themselves, so text that is already
 * canonical is left alone even when a shorter variant occurs inside it.
 */
export class PhraseMap {
  private readonly byFirst = new Map<string, { from: string[]; to: string[] }[]>();

  /** `pairs`: [variant tokens, canonical tokens]. */
  constructor(pairs: [string[], string[]][]) {
    for (const [from, to] of pairs) {
      if (from.length === 0) continue;
      const list = this.byFirst.get(from[0]) ?? [];
      list.push({ from, to });
      this.byFirst.set(from[0], list);
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.from.length - a.from.length);
  }

  /**
   * `veto`: a replacement that must not be made here, for a reason the caller knows (the marks typed). `replaced`:
   * told of each variant replaced by its canonical form (not of a canonical form left as it is).
   */
  apply(tokens: string[], veto?: (from: string[]) => boolean, replaced?: (to: string[]) => void): string[] {
    const out: string[] = [];
    let i = 0;
    while (i < tokens.length) {
      const rule = this.byFirst.get(tokens[i])?.find(({ from }) => startsAt(tokens, i, from) && !veto?.(from));
      if (rule) {
        if (replaced && rule.from.join(' ') !== rule.to.join(' ')) replaced(rule.to);
        out.push(...rule.to);
        i += rule.from.length;
      } else {
        out.push(tokens[i]);
        i += 1;
      }
    }
    return out;
  }

  /** Every token that occurs in a variant or a canonical form. */
  vocabulary(): Set<string> {
    const words = new Set<string>();
    for (const list of this.byFirst.values()) {
      for (const { from, to } of list) [...from, ...to].forEach((word) => words.add(word));
    }
    return words;
  }
}

function startsAt(tokens: string[], at: number, phrase: string[]): boolean {
  if (at + phrase.length > tokens.length) return false;
  return phrase.every((word, k) => tokens[at + k] === word);
}
