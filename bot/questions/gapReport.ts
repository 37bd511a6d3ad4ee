import type { KnowledgeBase } from '../knowledge/types';
import type { Understander } from '../understanding/understander';
import type { LoggedEvent } from './questionLog';

/** Two questions whose weighted word overlap reaches this are the same gap. */
const SIMILAR = 0.5;

export interface GapGroup {
  /** The group's most frequent wording. */
  question: string;
  count: number;
  unanswered: number;
  unsure: number;
  /** Every wording in the group, most frequent first (the first is `question`). */
  variants: { question: string; count: number }[];
  /** The entry the knowledge base (as it is now) finds closest to `question`, with its score 0..1. */
  closest: { id: string; title: string; score: number } | null;
}

export interface FeedbackCount {
  entryId: string;
  title: string | null;
  up: number;
  down: number;
}

export interface GapReport {
  questions: number;
  groups: GapGroup[];
  feedback: FeedbackCount[];
}

/**
 * The staff's to-do list from the question log: unanswered and "did you mean" questions grouped by similarity
 * (words as the bot reads them, abbreviations expanded and synonyms made one, weighted so that words every
 * question has count little), most frequent first, each with the closest entry now; then 👍/👎 per entry.
 */
export function buildGapReport(events: LoggedEvent[], kb: KnowledgeBase, understander: Understander): GapReport {
  const asked = events.filter((event): event is Extract<LoggedEvent, { question: string }> => event.kind !== 'feedback');
  const wordings = countWordings(asked);
  const terms = new Map(wordings.map((w) => [w.question, new Set(understander.normalize(w.question).terms.filter((t) => t.length > 1))]));
  const weight = inverseFrequency([...terms.values()], wordings.length);
  const groups: { members: Wording[]; terms: Set<string> }[] = [];
  const byTerm = new Map<string, number[]>();
  for (const wording of wordings) {
    const own = terms.get(wording.question)!;
    const candidates = new Set([...own].flatMap((term) => byTerm.get(term) ?? []));
    const home = [...candidates].find((index) => similarity(own, groups[index].terms, weight) >= SIMILAR);
    if (home !== undefined) {
      groups[home].members.push(wording);
      continue;
    }
    groups.push({ members: [wording], terms: own });
    for (const term of own) byTerm.set(term, [...(byTerm.get(term) ?? []), groups.length - 1]);
  }
  return {
    questions: asked.length,
    groups: groups.map(({ members }) => describeGroup(members, kb, understander)).sort((a, b) => b.count - a.count),
    feedback: countFeedback(events, kb),
  };
}

interface Wording {
  question: string;
  count: number;
  unanswered: number;
  unsure: number;
}

function countWordings(asked: Extract<LoggedEvent, { question: string }>[]): Wording[] {
  const byText = new Map<string, Wording>();
  for (const event of asked) {
    const question = event.question.trim();
    if (!question) continue;
    const wording = byText.get(question) ?? { question, count: 0, unanswered: 0, unsure: 0 };
    wording.count += 1;
    wording[event.kind] += 1;
    byText.set(question, wording);
  }
  return [...byText.values()].sort((a, b) => b.count - a.count || a.question.localeCompare(b.question));
}

function inverseFrequency(sets: Set<string>[], total: number): (term: string) => number {
  const documents = new Map<string, number>();
  for (const set of sets) for (const term of set) documents.set(term, (documents.get(term) ?? 0) + 1);
  return (term) => Math.log(1 + total / (documents.get(term) ?? 1));
}

function similarity(a: Set<string>, b: Set<string>, weight: (term: string) => number): number {
  let shared = 0;
  let all = 0;
  for (const term of a) {
    all += weight(term);
    if (b.has(term)) shared += weight(term);
  }
  for (const term of b) if (!a.has(term)) all += weight(term);
  return all === 0 ? 0 : shared / all;
}

function describeGroup(members: Wording[], kb: KnowledgeBase, understander: Understander): GapGroup {
  const sum = (pick: (w: Wording) => number) => members.reduce((total, member) => total + pick(member), 0);
  const question = members[0].question;
  const understood = understander.understand(question);
  const best = understood.candidates[0] ?? (understood.id ? { id: understood.id, score: understood.confidence } : null);
  const entry = best ? kb.byId.get(best.id) : undefined;
  return {
    question,
    count: sum((m) => m.count),
    unanswered: sum((m) => m.unanswered),
    unsure: sum((m) => m.unsure),
    variants: members.map(({ question: text, count }) => ({ question: text, count })),
    closest: best && entry ? { id: best.id, title: entry.title.vi, score: Math.round(best.score * 100) / 100 } : null,
  };
}

function countFeedback(events: LoggedEvent[], kb: KnowledgeBase): FeedbackCount[] {
  const counts = new Map<string, FeedbackCount>();
  for (const event of events) {
    if (event.kind !== 'feedback') continue;
    const count = counts.get(event.entryId) ?? { entryId: event.entryId, title: kb.byId.get(event.entryId)?.title.vi ?? null, up: 0, down: 0 };
    if (event.useful) count.up += 1;
    else count.down += 1;
    counts.set(event.entryId, count);
  }
  return [...counts.values()].sort((a, b) => b.down - a.down || b.up + b.down - (a.up + a.down));
}
