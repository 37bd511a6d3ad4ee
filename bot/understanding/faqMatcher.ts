import type { Entry } from '../knowledge/types';
import { bigrams } from '../text/tokens';

/** A staff-written question (an entry's `faq`) the message asks, and how sure the match is. */
export interface FaqMatch {
  entryId: string;
  index: number;
  /** 0..1 */
  score: number;
  /** The best score of a question of another entry: close to `score`, the message does not choose between them. */
  rival: number;
  /** The entry of that question, null when no other entry's question shares a word. */
  rivalId: string | null;
}

interface FaqQuestion {
  entryId: string;
  index: number;
  /** Canonical terms and word pairs of the question, in one language. */
  terms: Set<string>;
  weight: number;
}

/** At or above: the message asks this FAQ question (tuned on every FAQ question retyped without marks). */
export const FAQ_THRESHOLD = 0.72;

/**
 * Matches a message against the questions staff answered in the entries' `faq` (Vietnamese and English), on the
 * same canonical terms the search uses, so a question typed without marks, with abbreviations or in English
 * finds the staff's answer. Terms are weighted by how rare they are among FAQ questions: "thì sao", "có được
 * không" weigh little, "quá hạn", "60 ngày" a lot. The score asks both that most of the question's weight is in
 * the message and that most of the message is the question, so a longer, different question does not match.
 */
export class FaqMatcher {
  private readonly questions: FaqQuestion[] = [];
  private readonly idf = new Map<string, number>();
  /** term -> the questions that have it, so a message is compared only with questions it shares a term with. */
  private readonly byTerm = new Map<string, number[]>();

  constructor(entries: readonly Entry[], terms: (text: string) => string[]) {
    const drafts: { entryId: string; index: number; terms: Set<string> }[] = [];
    for (const entry of entries) {
      entry.faq.forEach((faq, index) => {
        for (const text of [faq.q.vi, faq.q.en]) {
          if (text) drafts.push({ entryId: entry.id, index, terms: withPairs(terms(text)) });
        }
      });
    }
    const df = new Map<string, number>();
    for (const draft of drafts) for (const term of draft.terms) df.set(term, (df.get(term) ?? 0) + 1);
    for (const [term, count] of df) this.idf.set(term, Math.log(1 + drafts.length / count));
    for (const draft of drafts) this.questions.push({ ...draft, weight: this.weigh(draft.terms) });
    this.questions.forEach((question, index) => {
      for (const term of question.terms) {
        const list = this.byTerm.get(term);
        if (list) list.push(index);
        else this.byTerm.set(term, [index]);
      }
    });
  }

  /**
   * The best FAQ question for a message's canonical terms, when it is close enough to be the one asked, with the
   * best score of another entry's question (two entries' staff asking the same thing leave the choice open).
   */
  match(messageTerms: readonly string[]): FaqMatch | null {
    const message = withPairs(messageTerms);
    const messageWeight = this.weigh(message);
    if (messageWeight === 0) return null;
    let best: Omit<FaqMatch, 'rival' | 'rivalId'> | null = null;
    /** Each entry's best score so far. */
    const byEntry = new Map<string, number>();
    // Only the questions sharing a term can score; they are scored in their order, exactly as a full scan would.
    const sharing = new Set<number>();
    for (const term of message) for (const index of this.byTerm.get(term) ?? []) sharing.add(index);
    for (const index of [...sharing].sort((a, b) => a - b)) {
      const question = this.questions[index];
      let shared = 0;
      for (const term of question.terms) if (message.has(term)) shared += this.idf.get(term) ?? 0;
      if (shared === 0) continue;
      const ofQuestion = shared / question.weight;
      const ofMessage = shared / messageWeight;
      const score = round(Math.min(ofQuestion, 0.6 * ofQuestion + 0.4 * ofMessage));
      byEntry.set(question.entryId, Math.max(score, byEntry.get(question.entryId) ?? 0));
      if (!best || score > best.score) best = { entryId: question.entryId, index: question.index, score };
    }
    if (!best || best.score < FAQ_THRESHOLD) return null;
    let rival = 0;
    let rivalId: string | null = null;
    for (const [entryId, score] of byEntry) {
      if (entryId !== best.entryId && score > rival) [rival, rivalId] = [score, entryId];
    }
    return { ...best, rival, rivalId };
  }

  /** Weight of terms unknown to every FAQ question counts too: they make the message a different question. */
  private weigh(terms: Set<string>): number {
    let total = 0;
    for (const term of terms) total += this.idf.get(term) ?? (term.includes(' ') ? 0 : UNKNOWN_TERM_WEIGHT);
    return total;
  }
}

/** A word no FAQ question has weighs like a fairly rare one. */
const UNKNOWN_TERM_WEIGHT = 2;

function withPairs(terms: readonly string[]): Set<string> {
  return new Set([...terms, ...bigrams([...terms])]);
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
