import type { Entry, Text } from '../knowledge/types';
import { bigrams } from '../text/tokens';

/** How much a term found in an entry's names (title, aliases) counts against one found only in its body. */
const NAME_WEIGHT = 1;
const BODY_WEIGHT = 0.35;
/** Two-syllable terms carry most of the meaning in Vietnamese ("khai sinh", "tạm trú"). */
const BIGRAM_WEIGHT = 1.6;

/** What the index needs from the normaliser: knowledge text in canonical terms. */
export interface TermSource {
  terms(text: string): string[];
}

/** One scored entry, with the evidence the confidence is computed from. */
export interface SearchHit {
  id: string;
  /** Sum of the weights of the question's terms found in the entry. */
  score: number;
  /** The part of the score earned by the entry's names. */
  nameScore: number;
  /** How much of the best-matching name of the entry the question contains (0..1, weighted by rarity). */
  nameRecall: number;
}

/** Terms of one clause of a question, and how much they count (the question part 1, the story around it less). */
export interface WeightedTerms {
  terms: string[];
  weight: number;
}

/** One name of an entry (its title, or an alias): its distinct terms and their total weight. */
interface IndexedName {
  terms: Int32Array;
  total: number;
}

/**
 * An inverted index over the knowledge base, built once per version: unigrams and bigrams of every entry's names
 * (title in both languages, aliases) and body (summary, field, questions of the FAQ, document names, topic
 * answers), weighted by rarity. Terms are numbered and postings are typed arrays, so a search touches only the
 * postings of the question's terms and allocates little: it must stay well under a millisecond with 5,000 entries.
 */
export class SearchIndex {
  private readonly termIds = new Map<string, number>();
  private readonly weights: Float64Array;
  /**
   * Every term's postings in one array: the entries whose names hold the term, then those whose body only does,
   * each part in entry order. Term `t` has positions `starts[t]` to `starts[t + 1]`, its body part from `bodies[t]`.
   */
  private readonly postings: Int32Array;
  private readonly starts: Int32Array;
  private readonly bodies: Int32Array;
  private readonly ids: string[];
  private readonly positions: Map<string, number>;
  /** How many of each entry's names are its title (one per language), the rest being aliases. */
  private readonly titleCounts: Uint8Array;
  private readonly names: IndexedName[][];
  private readonly scores: Float64Array;
  private readonly nameScores: Float64Array;
  /** The entries a search has given a score so far, in the order it reached them (each once). */
  private readonly touched: Int32Array;
  /** The share of each term in the question being searched (0 for the others), set and cleared by search. */
  private readonly shares: Float64Array;

  constructor(entries: readonly Entry[], source: TermSource) {
    const entryNames = entries.map((entry) => nameTexts(entry).map((text) => source.terms(text)));
    const nameBigrams = new Set(entryNames.flatMap((names) => names.flatMap(bigrams)));
    const lists: Posting[] = [];
    entries.forEach((entry, i) => {
      const bodies = bodyTexts(entry).map((text) => source.terms(text));
      this.add(lists, i, entryNames[i], bodies, nameBigrams);
    });
    const total = lists.reduce((sum, list) => sum + list.names.length + list.bodies.length, 0);
    this.postings = new Int32Array(total);
    this.starts = new Int32Array(lists.length + 1);
    this.bodies = new Int32Array(lists.length);
    let at = 0;
    lists.forEach((list, id) => {
      this.starts[id] = at;
      this.postings.set(list.names, at);
      this.bodies[id] = at += list.names.length;
      this.postings.set(list.bodies, at);
      at += list.bodies.length;
    });
    this.starts[lists.length] = at;
    this.weights = new Float64Array(lists.length);
    for (const [term, id] of this.termIds) this.weights[id] = rarity(lists[id], entries.length, term.includes(' '));
    this.ids = entries.map((entry) => entry.id);
    this.positions = new Map(this.ids.map((id, i) => [id, i]));
    this.titleCounts = Uint8Array.from(entries, (entry) => both(entry.title).length);
    this.names = entryNames.map((names) => names.map((terms) => this.indexName(terms)));
    this.scores = new Float64Array(entries.length);
    this.nameScores = new Float64Array(entries.length);
    this.touched = new Int32Array(entries.length);
    this.shares = new Float64Array(lists.length);
  }

  get size(): number {
    return this.ids.length;
  }

  /** The rarity weight of a term; 0 for a term the knowledge base does not contain. */
  weight(term: string): number {
    const id = this.termIds.get(term);
    return id === undefined ? 0 : this.weights[id];
  }

  /** How many entries have the term in one of their names (title, aliases). */
  nameCount(term: string): number {
    const id = this.termIds.get(term);
    return id === undefined ? 0 : this.bodies[id] - this.starts[id];
  }

  /** Whether one of the entry's names (title, aliases) contains the term. */
  inNames(id: string, term: string): boolean {
    const entry = this.positions.get(id);
    const termId = this.termIds.get(term);
    if (entry === undefined || termId === undefined) return false;
    return this.names[entry].some((name) => name.terms.includes(termId));
  }

  /** Whether the entry's title, in either language, contains the term. */
  inTitle(id: string, term: string): boolean {
    const entry = this.positions.get(id);
    const termId = this.termIds.get(term);
    if (entry === undefined || termId === undefined) return false;
    return this.names[entry].slice(0, this.titleCounts[entry]).some((name) => name.terms.includes(termId));
  }

  /** Whether the entry's text (names or body) holds the term. */
  contains(id: string, term: string): boolean {
    const entry = this.positions.get(id);
    const termId = this.termIds.get(term);
    if (entry === undefined || termId === undefined) return false;
    return this.postings.subarray(this.starts[termId], this.starts[termId + 1]).includes(entry);
  }

  /** The best entries for a question's terms, best first by score; word pairs are taken within each clause. */
  search(query: WeightedTerms[], limit: number): SearchHit[] {
    const queryIds = this.queryTermIds(query);
    for (const [id, share] of queryIds) this.shares[id] = share;
    // Most questions hold a few words that nearly every entry has: then every entry is looked at in turn, rather
    // than only those the postings reached (the same entries, those with a score).
    let postings = 0;
    for (const id of queryIds.keys()) postings += this.starts[id + 1] - this.starts[id];
    const dense = postings >= this.ids.length;
    const touched = this.accumulate(queryIds, !dense);
    // Only the hits returned are ranked on, so only theirs need a name recall.
    const pool = dense ? this.best(null, this.ids.length, limit) : this.best(this.touched, touched, limit);
    const hits = pool.map((entry) => ({
      id: this.ids[entry],
      score: this.scores[entry],
      nameScore: this.nameScores[entry],
      nameRecall: this.nameRecall(entry),
    }));
    if (dense) {
      this.scores.fill(0);
      this.nameScores.fill(0);
    } else {
      for (let t = 0; t < touched; t++) {
        this.scores[this.touched[t]] = 0;
        this.nameScores[this.touched[t]] = 0;
      }
    }
    for (const id of queryIds.keys()) this.shares[id] = 0;
    return hits;
  }

  /** The known terms and word pairs of the query, each with the largest weight of a clause it occurs in. */
  private queryTermIds(query: WeightedTerms[]): Map<number, number> {
    const ids = new Map<number, number>();
    const add = (term: string, weight: number) => {
      const id = this.termIds.get(term);
      if (id !== undefined && weight > (ids.get(id) ?? 0)) ids.set(id, weight);
    };
    for (const { terms, weight } of query) {
      for (const term of terms) add(term, weight);
      for (let i = 0; i + 1 < terms.length; i++) add(`${terms[i]} ${terms[i + 1]}`, weight);
    }
    return ids;
  }

  /**
   * Adds each term's weight to the entries that contain it, term by term in the query's order (so every entry's
   * sum is made in the same order, whatever the layout). With `track`, notes each entry reached in `touched` and
   * returns how many; else 0.
   */
  private accumulate(queryIds: Map<number, number>, track: boolean): number {
    const { scores, nameScores, touched, postings } = this;
    let count = 0;
    for (const [id, share] of queryIds) {
      const weight = this.weights[id] * share;
      const nameGain = weight * NAME_WEIGHT;
      const bodyGain = weight * BODY_WEIGHT;
      const middle = this.bodies[id];
      const end = this.starts[id + 1];
      if (track) {
        for (let k = this.starts[id]; k < middle; k++) {
          const entry = postings[k];
          if (scores[entry] === 0) touched[count++] = entry;
          scores[entry] += nameGain;
          nameScores[entry] += nameGain;
        }
        for (let k = middle; k < end; k++) {
          const entry = postings[k];
          if (scores[entry] === 0) touched[count++] = entry;
          scores[entry] += bodyGain;
        }
      } else {
        for (let k = this.starts[id]; k < middle; k++) {
          const entry = postings[k];
          scores[entry] += nameGain;
          nameScores[entry] += nameGain;
        }
        for (let k = middle; k < end; k++) scores[postings[k]] += bodyGain;
      }
    }
    return count;
  }

  /**
   * The `limit` highest scores among the entries with a score (the first `count` of `entries`, or entries 0 to
   * `count - 1` when null), best first, ties by id for stable output: the same whatever order they come in.
   */
  private best(entries: Int32Array | null, count: number, limit: number): number[] {
    const { scores, ids } = this;
    const better = (a: number, b: number) => scores[a] > scores[b] || (scores[a] === scores[b] && ids[a] < ids[b]);
    const top: number[] = [];
    // The score of the last of `top` once it is full: anything lower cannot enter.
    let floor = 0;
    for (let t = 0; t < count; t++) {
      const entry = entries ? entries[t] : t;
      const score = scores[entry];
      if (score < floor || score === 0) continue;
      if (top.length === limit && !better(entry, top[limit - 1])) continue;
      let at = top.length === limit ? limit - 1 : top.length;
      while (at > 0 && better(entry, top[at - 1])) {
        top[at] = top[at - 1];
        at--;
      }
      top[at] = entry;
      if (top.length === limit) floor = scores[top[limit - 1]];
    }
    return top;
  }

  private nameRecall(entry: number): number {
    let best = 0;
    for (const name of this.names[entry]) {
      if (name.total === 0) continue;
      let found = 0;
      for (const id of name.terms) found += this.weights[id] * this.shares[id];
      best = Math.max(best, found / name.total);
    }
    return best;
  }

  /**
   * Body text adds its words, and only those of its word pairs that are also names somewhere: in running
   * text many pairs straddle two words ("có mặt" in "có mất phí") and would count as rare evidence.
   */
  private add(lists: Posting[], entry: number, names: string[][], bodies: string[][], nameBigrams: Set<string>): void {
    const nameTerms = new Set(names.flatMap((terms) => [...terms, ...bigrams(terms)]));
    const bodyPairs = bodies.flatMap(bigrams).filter((pair) => nameBigrams.has(pair));
    const bodyTerms = new Set([...bodies.flat(), ...bodyPairs]);
    for (const term of nameTerms) this.posting(lists, term).names.push(entry);
    for (const term of bodyTerms) if (!nameTerms.has(term)) this.posting(lists, term).bodies.push(entry);
  }

  private posting(lists: Posting[], term: string): Posting {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = lists.length;
      this.termIds.set(term, id);
      lists.push({ names: [], bodies: [] });
    }
    return lists[id];
  }

  private indexName(terms: string[]): IndexedName {
    const ids = [...new Set([...terms, ...bigrams(terms)])].flatMap((term) => {
      const id = this.termIds.get(term);
      return id === undefined ? [] : [id];
    });
    return { terms: Int32Array.from(ids), total: ids.reduce((sum, id) => sum + this.weights[id], 0) };
  }
}

/** The entries holding one term while the index is built: in one of their names, or only in their body. */
interface Posting {
  names: number[];
  bodies: number[];
}

/** Rarity among names when the term is a name somewhere: "căn cước" is in every entry's papers, but names few. */
function rarity(list: Posting, n: number, pair: boolean): number {
  const inNames = list.names.length;
  const df = inNames > 0 ? inNames : list.bodies.length;
  const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
  return pair ? idf * BIGRAM_WEIGHT : idf;
}

function both(text: Text | undefined): string[] {
  return text ? [text.vi, ...(text.en ? [text.en] : [])] : [];
}

/** Titles and aliases: the names the entry goes by. */
export function nameTexts(entry: Entry): string[] {
  return [...both(entry.title), ...entry.aliases];
}

/** The rest of the text that says what the entry is about. */
export function bodyTexts(entry: Entry): string[] {
  const common = [...both(entry.field), ...entry.faq.flatMap((faq) => both(faq.q))];
  if (entry.kind === 'topic') return [...common, ...entry.answer.flatMap(both), ...entry.followUps.flatMap(both)];
  return [...common, ...both(entry.summary), ...entry.documents.flatMap((doc) => both(doc.name))];
}
