import type { Entry, Text } from '../knowledge/types';
import { bigrams } from './tokens';

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
  /** Sum of the weights of the query terms found in the entry. */
  score: number;
  /** The part of the score earned by the entry's names. */
  nameScore: number;
  /** How much of the best-matching name of the entry the question contains (0..1, weighted by rarity). */
  nameRecall: number;
}

interface Posting {
  entry: number;
  inName: boolean;
}

interface IndexedEntry {
  id: string;
  names: string[][];
}

/**
 * An inverted index over the knowledge base, built once per version: unigrams and bigrams of every entry's names
 * (title in both languages, aliases) and body (summary, field, questions of the FAQ, document names, topic
 * answers), weighted by rarity across entries. Scoring touches only the postings of the question's terms.
 */
export class SearchIndex {
  private readonly postings = new Map<string, Posting[]>();
  private readonly idf = new Map<string, number>();
  private readonly entries: IndexedEntry[];

  constructor(entries: readonly Entry[], source: TermSource) {
    this.entries = entries.map((entry) => ({ id: entry.id, names: nameTexts(entry).map((text) => source.terms(text)) }));
    const nameBigrams = new Set(this.entries.flatMap(({ names }) => names.flatMap(bigrams)));
    entries.forEach((entry, i) => {
      const bodies = bodyTexts(entry).map((text) => source.terms(text));
      this.add(i, this.entries[i].names, bodies, nameBigrams);
    });
    const n = entries.length;
    for (const [term, list] of this.postings) {
      const inNames = list.filter((posting) => posting.inName).length;
      // Rarity among names when the term is a name somewhere: "căn cước" is in every entry's papers, but names few.
      const df = inNames > 0 ? inNames : list.length;
      this.idf.set(term, Math.log(1 + (n - df + 0.5) / (df + 0.5)));
    }
  }

  get size(): number {
    return this.entries.length;
  }

  /** The rarity weight of a term; 0 for a term the knowledge base does not contain. */
  weight(term: string): number {
    const idf = this.idf.get(term) ?? 0;
    return term.includes(' ') ? idf * BIGRAM_WEIGHT : idf;
  }

  /** The best entries for a question's terms, best first. */
  search(terms: string[], limit: number): SearchHit[] {
    const queryTerms = new Set([...terms, ...bigrams(terms)]);
    const scores = new Map<number, { score: number; nameScore: number }>();
    for (const term of queryTerms) this.accumulate(term, scores);
    const hits = [...scores].map(([entry, { score, nameScore }]) => ({
      id: this.entries[entry].id,
      score,
      nameScore,
      nameRecall: this.nameRecall(this.entries[entry], queryTerms),
    }));
    return hits.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id)).slice(0, limit);
  }

  private accumulate(term: string, scores: Map<number, { score: number; nameScore: number }>): void {
    const weight = this.weight(term);
    if (weight === 0) return;
    for (const { entry, inName } of this.postings.get(term) ?? []) {
      const current = scores.get(entry) ?? { score: 0, nameScore: 0 };
      const gain = weight * (inName ? NAME_WEIGHT : BODY_WEIGHT);
      current.score += gain;
      if (inName) current.nameScore += gain;
      scores.set(entry, current);
    }
  }

  private nameRecall(entry: IndexedEntry, queryTerms: Set<string>): number {
    let best = 0;
    for (const name of entry.names) {
      const terms = [...new Set([...name, ...bigrams(name)])];
      const total = terms.reduce((sum, term) => sum + this.weight(term), 0);
      if (total === 0) continue;
      const found = terms.reduce((sum, term) => sum + (queryTerms.has(term) ? this.weight(term) : 0), 0);
      best = Math.max(best, found / total);
    }
    return best;
  }

  /**
   * Body text adds its words, and only those of its word pairs that are also names somewhere: in running
   * text many pairs straddle two words ("có mặt" in "có mất phí") and would count as rare evidence.
   */
  private add(entry: number, names: string[][], bodies: string[][], nameBigrams: Set<string>): void {
    const nameTerms = new Set(names.flatMap((terms) => [...terms, ...bigrams(terms)]));
    const bodyPairs = bodies.flatMap(bigrams).filter((pair) => nameBigrams.has(pair));
    const bodyTerms = new Set([...bodies.flat(), ...bodyPairs]);
    for (const term of nameTerms) this.post(term, { entry, inName: true });
    for (const term of bodyTerms) if (!nameTerms.has(term)) this.post(term, { entry, inName: false });
  }

  private post(term: string, posting: Posting): void {
    const list = this.postings.get(term);
    if (list) list.push(posting);
    else this.postings.set(term, [posting]);
  }
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
