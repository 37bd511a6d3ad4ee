import { findDossierCode, mentionsDossierCode } from '../dossiers/dossierCode';
import type { Aspect, KnowledgeBase, Locale } from '../knowledge/types';
import { detectLanguage } from './detectLanguage';
import { FaqMatcher } from './faqMatcher';
import { Intent, IntentRecognizer } from './intentRecognizer';
import type { Answer, Command } from '../knowledge/languageData';
import { Normalizer, type NormalizedText } from './normalizer';
import { PlaceFinder, type PlaceMention } from './placeFinder';
import { bodyTexts, nameTexts, SearchHit, SearchIndex } from './searchIndex';
import { bigrams, tokenize } from '../text/tokens';

export type Decision = 'answer' | 'clarify' | 'none';

/** What the bot makes of one message. */
export interface Understanding {
  intent: Intent;
  /** The best entry for intent `procedure`, null otherwise. */
  id: string | null;
  decision: Decision;
  aspect: Aspect | null;
  /** A dossier code found in the message. */
  code: string | null;
  /** 0..1: how sure the bot is of `intent` and `id`. */
  confidence: number;
  candidates: { id: string; score: number }[];
  /** The language the message is written in, when it can tell. */
  language: Locale | null;
  /** For intent `language`: the language asked for. */
  target: Locale | null;
  /** Whether the message names something of its own (false for "còn lệ phí thì sao?"). */
  specific: boolean;
  /** A question staff answered in an entry's `faq`, when the message asks it. */
  faq?: { entryId: string; index: number } | null;
  /** Communes, former communes or the former district named ("tôi ở Vĩnh Tiến"); the rest is understood without them. */
  places?: PlaceMention[];
}

export interface Thresholds {
  /** At or above: answer. */
  high: number;
  /** At or above (and below high): ask "did you mean". Below: none. */
  low: number;
}

/**
 * Tuned on shared/eval/dev.jsonl (2026-11-27): `high` keeps confident wrong answers under 3% of in-scope questions
 * (asking "did you mean" costs the citizen one tap, a wrong answer costs a wasted trip); `low` sends small talk and
 * uncovered topics to "I don't know" without losing in-scope questions.
 */
export const DEFAULT_THRESHOLDS: Thresholds = { high: 0.8, low: 0.5 };

/**
 * Normalisation, intents and knowledge search for one knowledge-base version, built at load time (never per
 * message). Plain TypeScript: the same object serves the bot, the classify and eval tools, and the benchmark.
 */
export class Understander {
  private readonly normalizer: Normalizer;
  private readonly intents: IntentRecognizer;
  private readonly index: SearchIndex;
  private readonly english: Set<string>;
  private readonly faqs: FaqMatcher;
  private readonly places: PlaceFinder;

  constructor(
    kb: Pick<KnowledgeBase, 'entries' | 'language'> & Partial<Pick<KnowledgeBase, 'communes'>>,
    private readonly thresholds: Thresholds = DEFAULT_THRESHOLDS,
  ) {
    const language = kb.language;
    const texts = kb.entries.flatMap((entry) => [...nameTexts(entry), ...bodyTexts(entry)]);
    this.normalizer = new Normalizer(language, texts);
    this.intents = new IntentRecognizer(
      language,
      (pattern) => this.normalizer.patternWords(pattern),
      (pattern) => this.normalizer.markedPatternWords(pattern),
    );
    this.index = new SearchIndex(kb.entries, this.normalizer);
    this.english = new Set(language.english.flatMap(tokenize));
    this.faqs = new FaqMatcher(kb.entries, (text) => this.normalizer.terms(text));
    this.places = new PlaceFinder(kb.communes ?? { checked: false, communes: [] });
  }

  /** Normalises a message once; the result can be passed to understand, command and answer. */
  normalize(message: string): NormalizedText {
    return this.normalizer.normalize(message);
  }

  /**
   * `context.lastEntryId`: the entry the conversation is about, so that a staff FAQ question of that entry asked
   * without naming it ("mất bao lâu?" after a procedure) is recognised.
   * Places of the served area are taken out first, so the rest is understood as if they were not named.
   */
  understand(message: string | NormalizedText, context: UnderstandingContext = {}): Understanding {
    const text = this.normalized(message);
    const { mentions, rest } = this.places.find(text.original);
    if (mentions.length === 0) return this.read(text, [], context);
    const others = this.normalizer.normalize(rest);
    if (others.words.length > 0) return this.read(others, mentions, context);
    const language = detectLanguage(text.original, text.folded.split(' ').filter(Boolean), this.english);
    return { ...this.read(others, mentions, context), language };
  }

  private read(text: NormalizedText, places: PlaceMention[], context: UnderstandingContext): Understanding {
    const code = findDossierCode(text.original);
    const language = detectLanguage(text.original, text.folded.split(' ').filter(Boolean), this.english);
    const base = { code, language, target: null, id: null, faq: null, places };
    const aspect = this.intents.aspect(text.words);
    const ranked = this.rank(text.terms);
    const confidence = ranked.length ? this.confidence(ranked) : 0;
    const specific = this.isSpecific(text.terms);
    const patternIntent = this.intents.recognize(text, code !== null || mentionsDossierCode(text.original));
    if (patternIntent && !this.overrides(patternIntent.intent, confidence, patternIntent.rest)) {
      const intent = patternIntent.intent;
      return { ...base, intent, target: patternIntent.target ?? null, decision: 'answer', aspect: null, confidence: 1, candidates: [], specific };
    }
    const decision = this.intents.isOutOfScope(text) ? 'none' : this.decide(confidence);
    const candidates = candidateScores(ranked.slice(0, 3));
    const result = { ...base, decision, aspect, confidence: round(confidence), candidates, specific };
    const faq = this.faq(text.terms, ranked, decision, context);
    if (faq && decision === 'none') return { ...result, intent: 'procedure', id: faq.entryId, decision: 'answer', confidence: 1, faq };
    if (decision === 'none') return { ...result, intent: 'none' };
    return { ...result, intent: 'procedure', id: ranked[0].id, faq };
  }

  /**
   * The best entries by the quality of their evidence. Words that only say which aspect is asked ("online",
   * "ở đâu") are searched with and without, and the better reading wins: "đăng ký kết hôn online" is about
   * marriage, "cách nộp hồ sơ trực tuyến" is about online filing.
   */
  private rank(terms: string[]): RankedHit[] {
    const withoutAspect = this.intents.withoutAspectWords(terms);
    const readings = withoutAspect.length > 0 && withoutAspect.length < terms.length ? [terms, withoutAspect] : [terms];
    let best: RankedHit[] = [];
    for (const reading of readings) {
      const ranked = this.rankReading(reading);
      if (ranked.length && (!best.length || ranked[0].quality > best[0].quality)) best = ranked;
    }
    return best;
  }

  private rankReading(terms: string[]): RankedHit[] {
    const weight = this.queryWeight(terms);
    return this.index
      .search(terms, 12)
      .map((hit) => ({ ...hit, quality: quality(hit, weight) }))
      .sort((a, b) => rankValue(b) - rankValue(a) || b.score - a.score);
  }

  /**
   * A staff FAQ question the message asks, when it belongs to one of the best entries or to the entry the
   * conversation is about, or when the message is that question almost word for word: then the staff's answer is
   * what the citizen wants, not the entry's overview.
   */
  private faq(terms: string[], ranked: RankedHit[], decision: Decision, context: UnderstandingContext): Understanding['faq'] {
    const match = this.faqs.match(terms);
    if (!match) return null;
    const ofContext = match.entryId === context.lastEntryId;
    const near = decision !== 'none' && ranked.slice(0, 3).some((hit) => hit.id === match.entryId);
    return ofContext || near || match.score >= VERBATIM_FAQ ? { entryId: match.entryId, index: match.index } : null;
  }

  /** A help or handoff phrase inside a question that clearly names a procedure is part of that question. */
  private overrides(intent: Intent, confidence: number, rest: string[]): boolean {
    return (intent === 'help' || intent === 'handoff') && confidence >= 0.85 && rest.length >= 2;
  }

  private decide(confidence: number): Decision {
    if (confidence >= this.thresholds.high) return 'answer';
    return confidence >= this.thresholds.low ? 'clarify' : 'none';
  }

  /** The best hit's quality, lowered when the next one is nearly as good. */
  private confidence(ranked: RankedHit[]): number {
    const [best, next] = ranked;
    const gap = next ? best.quality - next.quality : 1;
    return best.quality * (0.8 + 0.2 * Math.min(1, gap / 0.15));
  }

  /**
   * The weight of everything the question says: its terms known to the knowledge base, plus a fixed weight for
   * each word the bot has never seen (those usually name something the knowledge base does not cover).
   */
  private queryWeight(terms: string[]): number {
    let total = 0;
    for (const term of new Set(terms)) {
      total += this.index.weight(term);
      if (!this.normalizer.knows(term) && !/\d/.test(term)) total += UNKNOWN_WORD_WEIGHT;
    }
    return total;
  }

  /** A command valid at any step ("thoát", "tiếp tục", "quyền riêng tư"), when it is the whole message. */
  command(message: string | NormalizedText): Command | null {
    return this.intents.command(this.normalized(message).words);
  }

  /** A short yes / no / don't-know reply, when it is the whole message. */
  answer(message: string | NormalizedText): Answer | null {
    return this.intents.answer(this.normalized(message).words);
  }

  private normalized(message: string | NormalizedText): NormalizedText {
    return typeof message === 'string' ? this.normalizer.normalize(message) : message;
  }

  /**
   * Whether the message names something besides the aspect asked about: a word or word pair of some weight, or a
   * word the bot does not know. "còn lệ phí thì sao?" names nothing (a follow-up on the last entry); "làm căn
   * cước bao nhiêu tiền" and "đăng ký tàu cá ở đâu" do.
   */
  private isSpecific(terms: string[]): boolean {
    const content = this.intents.naming(this.intents.withoutAspectWords(terms));
    const unknown = (term: string) => !this.normalizer.knows(term) && !/\d/.test(term);
    return (
      content.some((term) => unknown(term) || this.index.weight(term) >= SPECIFIC_WEIGHT) ||
      bigrams(content).some((pair) => this.index.weight(pair) >= SPECIFIC_WEIGHT)
    );
  }
}

/** What the conversation already says, for reading a message that leans on it. */
export interface UnderstandingContext {
  lastEntryId?: string | null;
}

/** An FAQ match this good is the staff's question retyped: it is answered whatever the search thinks. */
const VERBATIM_FAQ = 0.9;

interface RankedHit extends SearchHit {
  quality: number;
}

/** The weight from which a word or word pair names something (see isSpecific). */
const SPECIFIC_WEIGHT = 1.2;

/** A word the bot has never seen weighs as much as a fairly rare known one. */
const UNKNOWN_WORD_WEIGHT = 1.5;

/** How well one entry explains the question: how much of one of its names is there, and how much it covers. */
function quality(hit: SearchHit, queryWeight: number): number {
  const explained = Math.min(1, (1.3 * hit.score) / Math.max(1e-9, queryWeight));
  return 0.5 * hit.nameRecall + 0.5 * explained;
}

/**
 * The order of hits: evidence, scaled by how much of one of the entry's names the question holds, so that a
 * complete alias beats scattered words.
 */
function rankValue(hit: SearchHit): number {
  return hit.score * (0.5 + 0.5 * hit.nameRecall);
}

/**
 * Scores for the "did you mean" list, in the order the entries rank: the best keeps its quality, the others are
 * scaled by how their ranking evidence compares with the best's, so a list always reads best first.
 */
function candidateScores(ranked: RankedHit[]): { id: string; score: number }[] {
  const top = ranked[0];
  if (!top) return [];
  return ranked.map((hit) => ({ id: hit.id, score: round(top.quality * (rankValue(hit) / Math.max(1e-9, rankValue(top)))) }));
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
