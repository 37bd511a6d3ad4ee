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
  /** Canonical terms and word pairs of the question, in one language, by number (see `termIds`). */
  terms: Int32Array;
  /** The weight of each of `terms`, in the same order. */
  idfs: Float64Array;
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
  /** Every term of a question, numbered. */
  private readonly termIds = new Map<string, number>();
  /** term number -> the questions that have it, so a message is compared only with questions it shares a term with. */
  private readonly byTerm: number[][] = [];
  /** For each term number, the message it was last seen in (see `match`), and for each question likewise. */
  private readonly termSeen: Uint32Array;
  private readonly questionSeen: Uint32Array;
  private message = 0;

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
    for (const term of df.keys()) {
      this.termIds.set(term, this.byTerm.length);
      this.byTerm.push([]);
    }
    drafts.forEach((draft, index) => {
      const terms = Int32Array.from(draft.terms, (term) => this.termIds.get(term) ?? 0);
      const idfs = Float64Array.from(draft.terms, (term) => this.idf.get(term) ?? 0);
      this.questions.push({ entryId: draft.entryId, index: draft.index, terms, idfs, weight: this.weigh(draft.terms) });
      for (const id of terms) this.byTerm[id].push(index);
    });
    this.termSeen = new Uint32Array(this.byTerm.length);
    this.questionSeen = new Uint32Array(this.questions.length);
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
    const seen = this.nextMessage();
    const sharing: number[] = [];
    for (const term of message) {
      const id = this.termIds.get(term);
      if (id === undefined) continue;
      this.termSeen[id] = seen;
      for (const index of this.byTerm[id]) {
        if (this.questionSeen[index] === seen) continue;
        this.questionSeen[index] = seen;
        sharing.push(index);
      }
    }
    for (const index of sharing.sort((a, b) => a - b)) {
      const question = this.questions[index];
      let shared = 0;
      // The question's terms in their order, so the sum is the same as over its own list.
      for (let k = 0; k < question.terms.length; k++) if (this.termSeen[question.terms[k]] === seen) shared += question.idfs[k];
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

  /** A number for the message being matched, never 0 (what the `seen` arrays start at). */
  private nextMessage(): number {
    if (this.message === 0xffffffff) {
      this.termSeen.fill(0);
      this.questionSeen.fill(0);
      this.message = 0;
    }
    return ++this.message;
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
