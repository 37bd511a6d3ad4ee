import { DEFAULT_CODE_READER, type DossierCodeReader } from '../dossiers/dossierCode';
import type { Aspect, KnowledgeBase, Locale } from '../knowledge/types';
import { englishWords, LanguageGuess } from './detectLanguage';
import { type FaqMatch, FaqMatcher } from './faqMatcher';
import { Intent, IntentRecognizer, type PhraseClause, type PhraseIntent, type UncoveredTopic } from './intentRecognizer';
import type { Answer, Command } from '../knowledge/languageData';
import { type Clause, Normalizer, type NormalizedText } from './normalizer';
import { type AspectMatch, QuestionReader } from './questionReader';
import { PlaceFinder, type PlaceMention } from './placeFinder';
import { findFocus, type Focus } from './questionFocus';
import { bodyTexts, nameTexts, SearchHit, SearchIndex, type WeightedTerms } from './searchIndex';
import { bigrams } from '../text/tokens';

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
  private readonly languageGuess: LanguageGuess;
  private readonly questions: QuestionReader;
  private readonly faqs: FaqMatcher;
  private readonly places: PlaceFinder;
  /** Each entry's names (title, aliases) in search terms, in order: for telling a phrase that is part of one. */
  private readonly names: ReadonlyMap<string, string[][]>;
  /** Every entry's names (title, aliases) as their search terms joined by spaces, with the entries they name. */
  private readonly nameKeys = new Map<string, string[]>();
  /** The entries that are topics (the portal, office hours...), not procedures. */
  private readonly topics: ReadonlySet<string>;

  constructor(
    kb: Pick<KnowledgeBase, 'entries' | 'language'> & Partial<Pick<KnowledgeBase, 'communes'>>,
    private readonly thresholds: Thresholds = DEFAULT_THRESHOLDS,
    /** Dossier codes: the default shape and the configured local ones (DOSSIER_CODE_PATTERNS). */
    readonly codes: DossierCodeReader = DEFAULT_CODE_READER,
  ) {
    const language = kb.language;
    const texts = kb.entries.flatMap((entry) => [...nameTexts(entry), ...bodyTexts(entry)]);
    this.languageGuess = new LanguageGuess({
      english: [...language.english, ...kb.entries.flatMap(englishWords)],
      loanwords: language.loanwords,
      vietnamese: Object.values(language.abbreviations).flat().filter((variant) => !/\s/.test(variant.trim())),
      sentence: language.vietnamese,
    });
    this.normalizer = new Normalizer(language, texts, kb.entries.flatMap(nameTexts), this.languageGuess);
    this.intents = new IntentRecognizer(
      language,
      (pattern) => this.normalizer.patternWords(pattern),
      (pattern) => this.normalizer.markedPatternWords(pattern),
      (text) => this.normalizer.terms(text),
    );
    this.questions = new QuestionReader(language, (pattern) => this.normalizer.patternWords(pattern), this.intents.filler);
    this.index = new SearchIndex(kb.entries, this.normalizer);
    this.topics = new Set(kb.entries.filter((entry) => entry.kind === 'topic').map((entry) => entry.id));
    this.names = new Map(kb.entries.map((entry) => [entry.id, nameTexts(entry).map((name) => this.normalizer.terms(name))]));
    for (const [id, names] of this.names) {
      for (const key of names.filter((name) => name.length > 0).map((name) => name.join(' '))) {
        this.nameKeys.set(key, [...(this.nameKeys.get(key) ?? []), id]);
      }
    }
    this.places = new PlaceFinder(kb.communes ?? { checked: false, communes: [] }, language.places, language.placeKinds);
    // A message is matched with its places taken out (see understand): so are the questions.
    this.faqs = new FaqMatcher(kb.entries, (text) => this.normalizer.terms(this.places.find(text).rest));
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
    if (mentions.length === 0 && rest === text.original) return this.read(text, [], context);
    const others = this.normalizer.normalize(rest);
    if (others.words.length > 0) return this.read(others, mentions, context);
    return { ...this.read(others, mentions, context), language: this.languageOf(text.original) };
  }

  /** The language of the words around any dossier code: a code's letters and digits tell nothing. */
  private languageOf(original: string): Locale | null {
    return this.languageGuess.guess(this.codes.withoutCodes(original));
  }

  private read(text: NormalizedText, places: PlaceMention[], context: UnderstandingContext): Understanding {
    const reading = this.codes.read(text.original);
    const code = reading?.kind === 'code' ? reading.code : null;
    const language = this.languageOf(text.original);
    const specific = this.isSpecific(text.terms);
    const base = { code, language, target: null, id: null, faq: null, places, specific };
    const focus = findFocus(text.clauses, {
      isQuestion: (clause) => this.questions.isQuestion(clause.words, clause.asked),
      asksByWords: (clause) => this.questions.isQuestion(clause.words, false),
      isAfterthought: (clause) => this.questions.isAfterthought(clause.words),
      names: (terms) => this.namesKnown(terms),
      isDone: (clause) => this.questions.isDone(clause.words),
      refers: (clause) => this.questions.refers(clause.words),
      purpose: (clause) => this.purposeOf(clause),
      wants: (clause) => this.questions.wants(clause.words),
    });
    // A code, or something shaped like one typed a little wrong, makes it a status question.
    const said = this.saidIntent(text, focus, reading !== null);
    if (said) return { ...base, ...said, decision: 'answer', aspect: null, confidence: 1, candidates: [] };
    const ranked = this.askedFirst(this.rank(focus.query), text.clauses[focus.asking]);
    const confidence = ranked.length ? this.confidence(ranked) : 0;
    // Only a confident entry's title can hold the aspect words: "còn lệ phí thì sao" names no entry at all.
    const asked = text.clauses.filter((_, i) => focus.focused[i]);
    const parts = [
      ...this.askedJustBefore(text.clauses, focus),
      { words: focus.words, clauses: asked },
      { words: text.words, clauses: text.clauses },
    ];
    const aspect = this.aspectOf(parts, confidence >= this.thresholds.high ? ranked[0]?.id : undefined, ranked[0]?.id);
    const found = this.decide(confidence, () => this.tiedByExpansion(ranked, text.expansions, focus.query), this.lowFor(focus, ranked));
    // Below the low threshold it is "I don't know" anyway: no need to look for uncovered topics.
    const outside = found !== 'none' && this.isOutside(text, focus, ranked[0]?.id, confidence);
    const decision = outside ? 'none' : found;
    const candidates = candidateScores(ranked.slice(0, 3));
    const result = { ...base, decision, aspect, confidence: round(confidence), candidates };
    // A question about a topic the bot does not cover gets no staff answer of a covered entry sharing some of its
    // words ("I paid my motorbike registration fee… Now I need to buy the compulsory motorbike insurance. Where can I
    // buy it?" is no question about the fee); a staff question retyped still is ("Do I pay tax when my parents give
    // me land?" holds the uncovered "pay tax").
    const matched = this.faq(text.terms, ranked, context);
    const faq = outside && matched && matched.score < VERBATIM_FAQ ? null : matched;
    if (faq) {
      const first = candidates.find(({ id }) => id === faq.entryId) ?? { id: faq.entryId, score: round(faq.score) };
      const others = candidates.filter((candidate) => candidate !== first);
      const confidence = round(Math.max(result.confidence, faq.score));
      return { ...result, intent: 'procedure', id: faq.entryId, decision: 'answer', confidence, candidates: [first, ...others], faq: { entryId: faq.entryId, index: faq.index } };
    }
    if (decision === 'none') return { ...result, intent: 'none' };
    return { ...result, intent: 'procedure', id: ranked[0].id, faq: null };
  }

  /**
   * A staff FAQ question the message asks, answered with the staff's answer rather than the entry's overview: one
   * of the entry the conversation is about ("mất bao lâu?" after a procedure), or one the message asks on its own
   * (see faqStandsAlone). A question that names nothing of its entry ("How long does it take?", "Can a relative
   * file for me?") is read as any message naming no entry is: it is answered after its entry (kb:check tells staff
   * which questions those are). Another entry's name typed alone is that entry, not a staff question sharing its words.
   */
  private faq(terms: string[], ranked: RankedHit[], context: UnderstandingContext): FaqMatch | null {
    const match = this.faqs.match(terms);
    if (!match) return null;
    if (match.entryId === context.lastEntryId) return match;
    const named = this.namedWhole(terms);
    if (named && !named.includes(match.entryId)) return null;
    return faqStandsAlone(match, ranked) ? match : null;
  }

  /** The entries whose name (title or alias) the terms are, typed whole and alone. */
  private namedWhole(terms: string[]): string[] | undefined {
    return this.nameKeys.get(terms.join(' '));
  }

  /** For kb:check: the staff FAQ question the message is closest to (when close enough), as the bot matches it. */
  faqMatch(message: string | NormalizedText): FaqMatch | null {
    return this.faqs.match(this.normalized(message).terms);
  }

  /**
   * An intent the message says rather than a procedure it names: a dossier code or a status question, a language
   * switch, then a handoff, help, thanks or greeting phrase, unless what the phrase leaves is a question of its own
   * ("chào ad, làm hộ chiếu ở đâu", "can our family get any help with the funeral costs?").
   */
  private saidIntent(text: NormalizedText, focus: Focus, hasCode: boolean): { intent: Intent; target: Locale | null } | null {
    const asks = (clause: PhraseClause) => this.questions.isQuestion(clause.words, clause.asked ?? false);
    const phrases = () => this.intents.phraseIntents(text.clauses, asks);
    // Whether the bot can look dossiers up, asked with what it does ("bot này hỗ trợ được những thủ tục gì, có tra
    // cứu được hồ sơ không"), is a question about the bot, unless something was filed.
    const aboutTheBot = () =>
      !this.intents.isFiled(text.words) &&
      phrases().some(({ intent, covered }) => intent === 'help' && saidClauses(text.clauses, covered).some((c) => asks(text.clauses[c])));
    if (hasCode || (this.intents.isStatus(text.words) && !this.asksBeyondStatus(text, focus) && !aboutTheBot())) return { intent: 'status', target: null };
    const target = this.intents.languageSwitch(text.words);
    // A language named in a clause naming an uncovered topic is that topic's ("dịch giúp ... sang tiếng Anh", "học
    // tiếng Anh"): no switch.
    const topicsLanguage = () => text.clauses.some((clause) => this.intents.languageSwitch(clause.words) && this.intents.outOfScope(clause).length > 0);
    if (target && !topicsLanguage() && !this.asksBeyondLanguage(text, focus)) return { intent: 'language', target };
    const found = phrases().find(({ intent, covered }) => !this.partOfName(text, covered) && !this.leavesQuestion(text.clauses, covered, LEFT_ASKS[intent]));
    return found ? { intent: found.intent, target: null } : null;
  }

  /**
   * Whether a language request comes with a real question: the question part, without the clauses that ask for a
   * language, asks something and names an entry confidently ("I hope it's okay to write in English, my Vietnamese is
   * basic. ... What documents do I need to register her birth?" asks for the birth registration, answered in the
   * message's language). "English please", "my Vietnamese is not good, can you reply in English?" stay requests.
   */
  private asksBeyondLanguage(text: NormalizedText, focus: Focus): boolean {
    const first = focus.focused.indexOf(true);
    if (first < 0) return false;
    const part = text.clauses.slice(first, focus.asking + 1).filter((clause) => !this.intents.languageSwitch(clause.words));
    if (!part.some((clause) => this.questions.isQuestion(clause.words, clause.asked))) return false;
    return this.namesConfidently(part.flatMap((clause) => clause.terms));
  }

  /** Whether the terms alone name an entry, at least unsure: "in advance", "ad trước nhé" name none. */
  private namesAtAll(terms: string[]): boolean {
    const ranked = this.rank([{ terms, weight: 1 }]);
    return ranked.length > 0 && this.confidence(ranked) >= this.thresholds.low;
  }

  /** Whether the terms alone name an entry confidently. */
  private namesConfidently(terms: string[]): boolean {
    if (!this.isSpecific(terms)) return false;
    const ranked = this.rank([{ terms, weight: 1 }]);
    return ranked.length > 0 && this.confidence(ranked) >= this.thresholds.high;
  }

  /** What a clause wants and what for, when both are said and what is wanted names something (see findFocus). */
  private purposeOf(clause: Clause): { wanted: string[]; purpose: string[] } | null {
    const at = this.questions.purposeAt(clause.words);
    if (at <= 0) return null;
    const wanted = this.normalizer.termsOf(clause.words.slice(0, at));
    return this.namesKnown(wanted) ? { wanted, purpose: this.normalizer.termsOf(clause.words.slice(at)) } : null;
  }

  /**
   * Whether a story of a dossier filed and waited for ends in a question of another kind: its question part says
   * nothing of the dossier's progress and names an entry confidently on its own ("nộp hồ sơ tách thửa từ tháng 6,
   * quá hẹn 2 tháng, cán bộ bảo chờ... tôi muốn gửi đơn kiến nghị thì gửi cho ai" asks how to complain). "Hồ sơ
   * sang tên xe trễ hẹn hai ngày rồi, bao giờ mới có?" names nothing in its question: a status question.
   */
  private asksBeyondStatus(text: NormalizedText, focus: Focus): boolean {
    const first = focus.focused.indexOf(true);
    if (first <= 0 || this.intents.isStatus(focus.words)) return false;
    const ranked = this.rank([{ terms: text.clauses.slice(first, focus.asking + 1).flatMap((clause) => clause.terms), weight: 1 }]);
    // A question part that asks nothing of progress only has to name its entry fairly well: the story's "mãi không
    // được", "vẫn chưa" tell of a failed attempt, not of a dossier waited for.
    const needed = this.intents.asksProgress(focus.words) ? this.thresholds.high : BEYOND_STATUS;
    return ranked.length > 0 && this.confidence(ranked) >= needed;
  }

  /**
   * Whether the words a phrase accounts for are part of what the message names: a staff FAQ question retyped
   * ("Bố mẹ nhường cửa hàng cho con đứng tên thì làm thế nào?" holds "dùng ... thế nào" folded), or one of the best
   * entries' names typed in full with the phrase inside ("help with funeral costs" is the funeral allowance, not a
   * call for the menu). The phrase's words are compared as search terms, run by run. The rest of the message must
   * name something besides: a name that is nothing but the phrase ("cảm ơn nhiều" as an alias) takes no thanks.
   */
  private partOfName(text: NormalizedText, covered: Set<number>): boolean {
    if (!this.namesKnown(this.normalizer.termsOf(text.words.filter((_, i) => !covered.has(i))))) return false;
    if ((this.faqs.match(text.terms)?.score ?? 0) >= VERBATIM_FAQ) return true;
    const runs: string[][] = [];
    let previous = -2;
    for (const at of [...covered].sort((a, b) => a - b)) {
      if (at !== previous + 1) runs.push([]);
      runs[runs.length - 1].push(text.words[at]);
      previous = at;
    }
    const termRuns = runs.map((run) => this.normalizer.termsOf(run)).filter((run) => run.length > 0);
    if (termRuns.length === 0) return false;
    const best = this.rank([{ terms: text.terms, weight: 1 }]).slice(0, NAMED_WHOLE);
    return best.some((hit) => this.withinName(hit.id, text.terms, termRuns));
  }

  /**
   * Whether the words a phrase leaves (positions not `covered`) end in a question of their own: one the search
   * can place ("chào ad, làm hộ chiếu ở đâu", "giờ muốn làm thủ tục nhận con thì bắt đầu từ đâu"), or about a
   * topic the bot does not cover ("chào ad, đăng ký tàu cá ở đâu"). "Trang này hỗ trợ những việc gì vậy?" leaves
   * "trang này", which names nothing. The last clause with words left must ask, its phrase words included; after a
   * greeting or thanks (`requestAsks`) a request asks too ("chào bạn, mình muốn làm hộ chiếu"). After a phrase that
   * announces a question ("cho em hỏi ..."), any word that is not generic is the question.
   */
  private leavesQuestion(clauses: Clause[], covered: Set<number>, left: LeftAsks): boolean {
    const requestAsks = left === 'request' || left === 'thanks';
    let questioned = false;
    const rest: Clause[] = [];
    let asks = false;
    let phraseAsked = false;
    let at = 0;
    // Whether the phrase is all the first clause says and nothing after it: an opener ("Hi, my son is 14…").
    let opener = clauses.length > 2;
    // The clauses the phrase is said in: thanks said again further on closes the conversation, and a question
    // announced before the last thanks was asked before ("hôm qua mình hỏi về ..., giờ rõ rồi").
    const saidAt = saidClauses(clauses, covered);
    const closes = left === 'thanks' && saidAt.length >= 2;
    // Thanks after the story of something done, nothing asked after it ("hôm trước hỏi vụ tạm trú, làm xong rồi,
    // nhanh lắm, cảm ơn trang nhiều nha"): the message closes the conversation, and a question it tells of having
    // asked before what was done was asked before.
    const doneAt = left === 'thanks' ? this.storyDoneAt(clauses) : -1;
    // "định hỏi về đất đai mà không biết bạn làm được những gì": a question announced before the call for help,
    // in its clause or one before it, is what help is wanted for, not the question.
    const helpAfter = left === 'name' && saidAt.length > 0 ? saidAt[saidAt.length - 1] : -1;
    // A question announced ("cho hỏi", "cho em hỏi") in a clause that asks, after clauses that told something: the
    // story is what is asked about ("Ba tôi 82 tuổi, ... được xã cho tiền hàng tháng. Cho hỏi làm hồ sơ ở đâu?").
    let told = false;
    let announcedAfterStory = false;
    for (const [c, clause] of clauses.entries()) {
      const words = clause.words.filter((_, k) => !covered.has(at + k));
      if (c > 0 && words.length < clause.words.length) opener = false;
      if (c === 0 && this.intents.content(words).length > 0) opener = false;
      // "mình muốn hỏi cách nuôi cá koi": what follows the announced question is asked, whatever it names.
      const after = this.questions.afterAsking(clause.words);
      const toldBefore = (closes && c < saidAt[saidAt.length - 1]) || c <= helpAfter || c < doneAt;
      if (after >= 0 && !toldBefore && this.intents.naming(clause.words.slice(after).filter((_, k) => !covered.has(at + after + k))).length > 0) return true;
      if (after >= 0 && told && left === 'request' && this.questions.isQuestion(clause.words, clause.asked)) announcedAfterStory = true;
      at += clause.words.length;
      // A call for help that is all the last clause says, asked after an introduction ("..., we live in her
      // hometown now. What can you help me with?"): help, whatever the story names.
      // One pointing back at the story ("... on the VNeID app. How does it work?") asks about what the story names.
      const pointsBack = this.questions.refers(clause.words);
      if (left === 'name' && c > 0 && c === clauses.length - 1 && words.length < clause.words.length && !this.intents.content(words).length) {
        if (this.questions.isQuestion(clause.words, clause.asked)) {
          if (!pointsBack) return false;
          questioned = asks = true;
        }
      }
      if (!this.intents.content(words).length) continue;
      // A courtesy closing a question ("..., how do we register it? Thanks in advance.", "..., cảm ơn ad trước nhé"):
      // what the phrase leaves of its clause asks nothing and names no entry even unsure ("in advance", "trước nhé"),
      // so the question before it still asks.
      const courtesy = requestAsks && questioned && words.length < clause.words.length && !clause.asked;
      if (courtesy && !this.questions.isQuestion(words, false) && !this.namesAtAll(this.normalizer.termsOf(words))) continue;
      told = true;
      const terms = this.normalizer.termsOf(words);
      // The marked words are the whole stretch's, the phrase's words among them ("chúc ... ngày tốt lành" holds the
      // uncovered "ngày tốt"): a clause the phrase took words from is read without marks.
      rest.push({ ...clause, words, terms, marked: words.length < clause.words.length ? null : clause.marked });
      // "..., mấy anh em còn tranh chấp. Cho tôi nói chuyện với cán bộ thật được không?": the clause that asks holds
      // the call for a person and names no entry confidently besides ("Could a real person from the office call me
      // back?"), so the call is what it asks, whatever the story names. (A greeting's "muốn hỏi" in "..., nên muốn
      // hỏi xin ở đâu" asks about the story: not for those.)
      // A call for help asked in the clause that asks, after a story, is asked the same way ("Con tôi mới sinh, tôi
      // định làm khai sinh, nhưng trước hết trang này hỗ trợ những việc gì vậy?"), when the rest of that clause
      // requests nothing and names no uncovered topic ("..., giờ muốn sửa cho đúng thì làm thế nào", "..., can you
      // help me buy a train ticket?"); alone it is weighed as before ("how to use the public service portal").
      // A call for help pointing back at the story ("Can you help me with that?") asks about it.
      const helpAsked = left === 'name' && c > 0 && !this.intents.requests(words) && this.intents.outOfScope(clause).length === 0 && !pointsBack;
      phraseAsked = (left === 'question' || helpAsked) && words.length < clause.words.length && !this.namesConfidently(terms);
      // After a greeting or thanks a request asks as a question does ("chào bạn, mình muốn làm hộ chiếu"); asking
      // for a person or for help is a request already ("cho mình xin số hotline của bộ phận một cửa").
      questioned = this.questions.isQuestion(clause.words, clause.asked);
      asks = questioned || (requestAsks && this.intents.requests(words));
    }
    // After a call for help, an entry the rest names confidently is what help is wanted with ("help me with the
    // funeral costs", "trợ giúp làm căn cước"), question or not.
    const named = left === 'name' && !asks;
    if ((!asks && !named) || (asks && phraseAsked)) return false;
    // A greeting that opens a story ending in a question mark after something known: the question is the message
    // ("Hi, my son is 14… We're moving… What do I need to do to transfer him to a new school there?"); "Chào ad
    // nhé, hôm nay trời nóng quá, … vào xem trang của xã có gì mới" stays a greeting.
    const last = rest[rest.length - 1];
    if (asks && opener && requestAsks && rest.length > 1 && last.asked && this.namesKnown(last.terms)) {
      const asked = this.rank([{ terms: last.terms, weight: 1 }]);
      if (asked.length > 0 && this.confidence(asked) >= this.thresholds.low) return true;
    }
    // An uncovered topic is asked about where the message asks: anywhere once a clause is a question, else in the
    // request itself ("Xin chào, tôi là giáo viên về hưu, ... nên vào xem thử" tells of a pension and asks nothing).
    const askedIn = questioned ? rest : rest.slice(-1);
    if (asks && askedIn.some((clause) => this.intents.outOfScope(clause).length > 0)) return true;
    // Thanks said twice around what one tells, no question ("cảm ơn bạn nhiều nhé, hôm qua mình hỏi về đăng ký kết
    // hôn, giờ rõ rồi, mai hai đứa ra xã"): the message closes the conversation, whatever the story names.
    if ((closes || doneAt >= 0) && !questioned) return false;
    const ranked = this.rank([{ terms: rest.flatMap((clause) => clause.terms), weight: 1 }]);
    if (announcedAfterStory && ranked.length > 0 && this.confidence(ranked) >= this.thresholds.low) return true;
    // After thanks, what one did or is off to do ("nhờ bạn mà sáng nay tôi nộp hồ sơ xong", "chị đi nộp hồ sơ ngay
    // đây") is no request: one that is not a question must name an entry confidently ("cảm ơn, mình muốn làm hộ chiếu").
    const needed = named || (left === 'thanks' && !questioned) ? this.thresholds.high : this.thresholds.low;
    return ranked.length > 0 && ranked[0].nameRecall >= REST_NAME_RECALL && this.confidence(ranked) >= needed;
  }

  /**
   * The last clause telling of something already done ("làm xong rồi", "I got my passport today"), when no clause
   * after it asks; -1 otherwise.
   */
  private storyDoneAt(clauses: Clause[]): number {
    let done = -1;
    for (const [c, clause] of clauses.entries()) {
      if (this.questions.isDone(clause.words)) done = c;
      else if (done >= 0 && this.questions.isQuestion(clause.words, clause.asked)) done = -1;
    }
    return done;
  }

  /**
   * The best entries by the quality of their evidence. Words that only say which aspect is asked ("online",
   * "ở đâu") are searched with and without, and the better reading wins: "đăng ký kết hôn online" is about
   * marriage, "cách nộp hồ sơ trực tuyến" is about online filing.
   */
  private rank(query: WeightedTerms[]): RankedHit[] {
    const without = query.map(({ terms, weight }) => ({ terms: this.questions.withoutAspectWords(terms), weight }));
    const count = (q: WeightedTerms[]) => q.reduce((sum, { terms }) => sum + terms.length, 0);
    const readings = count(without) > 0 && count(without) < count(query) ? [query, without] : [query];
    let best: RankedHit[] = [];
    for (const reading of readings) {
      const ranked = this.rankReading(reading);
      if (ranked.length && (!best.length || ranked[0].quality > best[0].quality)) best = ranked;
    }
    return best;
  }

  private rankReading(query: WeightedTerms[]): RankedHit[] {
    const weight = this.queryWeight(query);
    return this.index
      .search(query, SEARCH_LIMIT)
      .map((hit) => ({ ...hit, quality: quality(hit, weight) }))
      .sort((a, b) => rankValue(b) - rankValue(a) || b.score - a.score);
  }

  /**
   * When the best entry explains nothing of what the asking clause names and one of the next two, nearly as good,
   * does, that one comes first: "... giấy đăng ký kết hôn ghi sai ngày sinh, giờ muốn sửa lại thì làm thế nào" asks
   * for a correction, not for a marriage the story names in full. Its confidence then reads as the doubt it is (the
   * one behind explains the question better), so the bot asks rather than answers.
   */
  private askedFirst(ranked: RankedHit[], asking: Clause | undefined): RankedHit[] {
    if (!asking || ranked.length < 2) return ranked;
    const top = ranked.slice(0, 3);
    // Words of the asking clause that are words of a name of one of these entries ("sửa", "bản sao"), not "one".
    const content = this.intents.naming(this.questions.withoutAspectWords(asking.terms));
    const named = [...content, ...bigrams(content)].filter((term) => top.some((hit) => this.index.inNames(hit.id, term)));
    if (named.length === 0) return ranked;
    const explains = (hit: RankedHit) => named.some((term) => this.index.inNames(hit.id, term));
    if (explains(ranked[0])) return ranked;
    const next = top.slice(1).find((hit) => explains(hit) && hit.quality >= ranked[0].quality - ASKED_MARGIN);
    if (!next || !this.mayComeFirst(next, ranked[0], named, asking)) return ranked;
    return [next, ...ranked.filter((hit) => hit !== next)];
  }

  /**
   * Whether an entry that explains words of the asking clause the best one does not may come first: its evidence is
   * nearly as strong as the best's (ASKED_EVIDENCE of its rank value), or one of those words is in the names of no
   * other entry ("rượu" in "nhà mình có giấy đăng ký hộ kinh doanh rồi, nay muốn bán thêm rượu thì phải xin giấy
   * gì"), or what the person asks to do ("giấy đăng ký kết hôn in nhầm quê quán, giờ xin sửa lại thì cần giấy tờ
   * gì": after a request word, questions.requests). Any other word several entries' names share says little of what
   * is asked: "... giờ có cách bấm trên điện thoại một lần là xong hết giấy tờ cho con, cả nhập khẩu lẫn thẻ bảo hiểm
   * y tế cho bé ... mình ngồi nhà bấm điện thoại là được hết à?" stays the joint birth registration the story names,
   * not the portal account ("điện thoại"). When the entry may not come first, the best keeps its confidence.
   */
  private mayComeFirst(hit: RankedHit, best: RankedHit, named: string[], asking: Clause): boolean {
    if (rankValue(hit) >= ASKED_EVIDENCE * rankValue(best)) return true;
    const at = asking.words.findIndex((word) => this.intents.requests([word]));
    const after = at < 0 ? [] : this.normalizer.termsOf(asking.words.slice(at + 1));
    const wanted = new Set([...after, ...bigrams(after)]);
    return named.some((term) => this.index.inNames(hit.id, term) && (this.index.nameCount(term) <= 1 || wanted.has(term)));
  }

  /**
   * The aspect asked, read in the question part first and then in the whole message. A phrase made of words of
   * the best entry's title is part of that name, not an aspect: "chi phí" in "hỗ trợ chi phí mai táng ... ở đâu",
   * "trực tuyến" in "nộp hồ sơ trực tuyến như thế nào" (only a phrase naming a topic: one that asks, like "ở đâu",
   * is never part of a name).
   */
  private aspectOf(parts: { words: string[]; clauses: Clause[] }[], entryId: string | undefined, bestId: string | undefined): Aspect | null {
    for (const { words, clauses } of parts) {
      const inName = (match: AspectMatch) => !match.asks && entryId !== undefined && this.inName(entryId, match.at.map((i) => words[i]));
      const matches = this.questions.aspectMatches(words).filter((match) => !inName(match));
      // Whether the words are in one of the best entry's names, sure of it or not ("nộp hồ sơ trực tuyến").
      // A topic (the portal, the account) is about doing things online as a whole: nothing to tell apart there.
      const named = (match: AspectMatch) =>
        bestId !== undefined &&
        (this.topics.has(bestId) || this.normalizer.termsOf(match.at.map((i) => words[i])).every((term) => this.index.inNames(bestId, term)));
      const aspect = this.questions.chooseAspect(words, matches, clauses.map((clause) => clause.words), named);
      if (aspect) return aspect;
    }
    return null;
  }

  /**
   * The clause just before the question part, when the question part names no aspect (a bare yes/no question) and
   * that clause asks one by its own words: a yes/no question tacked on after a question of another aspect is about
   * a detail of it ("... thì cần nộp kèm giấy tờ gì nữa, có phải photo bản án ly hôn không?" asks for the papers, not
   * whether one may; "... thì xin tờ giấy đó ở đâu, trong này có xin được không?" asks where).
   */
  private askedJustBefore(clauses: Clause[], focus: Focus): { words: string[]; clauses: Clause[] }[] {
    const first = focus.focused.indexOf(true);
    if (first <= 0 || this.questions.aspectMatches(focus.words).length > 0) return [];
    const before = clauses[first - 1];
    // The phrase asks where a question is asked, at the end of the clause ("... mấy hôm để thi đại học" tells a stay).
    const end = before.words.length - ASKED_AT_END;
    if (!this.questions.aspectMatches(before.words).some((match) => match.asks && match.at[match.at.length - 1] >= end)) return [];
    return [{ words: before.words, clauses: [before] }];
  }

  private inName(entryId: string, words: string[]): boolean {
    return this.normalizer.termsOf(words).every((term) => this.index.inTitle(entryId, term));
  }

  /**
   * Whether the message asks about a topic the bot does not cover: one named in the question part, or anywhere when
   * no entry is a confident answer ("sổ đỏ bị cháy mất, xin cấp lại thì làm thế nào" is not a first land title).
   * The phrase is only context when it is no part of the best entry's names and the rest of the message, without
   * it, still names an entry: confidently when the phrase is in the clause that asks ("đã ly hôn rồi thì xin giấy
   * xác nhận độc thân được không"), at all when it is in the story around it ("nghe nói hộ cận nghèo được giảm học
   * phí, vậy đăng ký thế nào"). A topic right after a request word is what is asked, never context ("xin học bổng
   * cho con nhà hộ nghèo"); "sổ hồng bị mất, xin cấp lại ở đâu" found the first land title through "sổ hồng".
   * A phrase that stands, wherever it stands, inside one of the best entry's names typed in full is that name,
   * not a topic: "lý lịch tư pháp xin việc" is the criminal record, whatever "xin việc" says alone. A phrase the
   * entry's names share is context too when the rest names the entry confidently on its own ("xin việc cần lý lịch
   * tư pháp không"), not when the entry was found through it ("làm hộ chiếu công vụ cần gì").
   */
  private isOutside(text: NormalizedText, focus: Focus, entryId: string | undefined, confidence: number): boolean {
    const clauses = text.clauses;
    // Clauses of one stretch between punctuation share their marked words, hence their topics: read them once.
    const topicsOf = new Map<string[] | null, UncoveredTopic[]>();
    const confidenceWithout = new Map<string, number>();
    return clauses.some((clause, i) => {
      const key = clause.marked;
      const found = (key !== null && topicsOf.get(key)) || this.intents.outOfScope(clause);
      if (key !== null) topicsOf.set(key, found);
      const topics = this.withPurposeContext(clause, found);
      // A topic in the story cannot outweigh a confident answer: nothing to weigh.
      if (topics.length === 0 || (!focus.focused[i] && confidence >= this.thresholds.high)) return false;
      const needed = i === focus.asking ? this.thresholds.high : this.thresholds.low;
      const without = ({ runs }: UncoveredTopic) => {
        const id = runs.map((run) => run.join(' ')).join('|');
        if (!confidenceWithout.has(id)) confidenceWithout.set(id, this.confidenceWithout(runs, focus.query));
        return confidenceWithout.get(id) ?? 0;
      };
      // In the clause that asks, the rest of that clause must still name something: "..., where is my embassy?" asks
      // for the embassy, whatever the story before it names.
      const leavesName = (topic: UncoveredTopic) => i !== focus.asking || this.namesKnown(withoutPhrase(clause.terms, topic.runs));
      // The entry found through the phrase: one of its names shares the phrase, and the rest alone is no confident answer.
      const foundThrough = (id: string, topic: UncoveredTopic) => this.namedBy(id, topic.runs) && without(topic) < this.thresholds.high;
      // In the clause that asks, a topic right before a word pair of the entry's names is the head the name qualifies
      // ("vay vốn hộ nghèo", "học phí hộ nghèo"): it is what is asked, unless the entry's names hold it too.
      const qualifies = (id: string, topic: UncoveredTopic) =>
        i === focus.asking && !this.namedBy(id, topic.runs) && this.nextToName(id, clause.terms, topic.runs);
      const excused = (topic: UncoveredTopic) =>
        entryId !== undefined &&
        (this.withinName(entryId, text.terms, topic.runs) ||
          (!topic.requested && !foundThrough(entryId, topic) && !qualifies(entryId, topic) && leavesName(topic) && without(topic) >= needed));
      return topics.some((topic) => !excused(topic)) && (focus.focused[i] || confidence < this.thresholds.high);
    });
  }

  /**
   * The topics, those named only in what something is wanted for marked as context, never as asked ("định ở lại 1
   * tuần để đi khám bệnh": the visit is for a check-up, the question is about the stay).
   */
  private withPurposeContext(clause: Clause, topics: UncoveredTopic[]): UncoveredTopic[] {
    const at = topics.some((topic) => topic.requested) ? this.questions.purposeAt(clause.words) : -1;
    if (at <= 0) return topics;
    const phrases = (words: string[]) => new Set(this.intents.outOfScope({ ...clause, words, marked: null }).map((topic) => topic.phrase));
    const before = phrases(clause.words.slice(0, at));
    const after = phrases(clause.words.slice(at));
    return topics.map((topic) => (after.has(topic.phrase) && !before.has(topic.phrase) ? { ...topic, requested: false } : topic));
  }

  /**
   * Whether every run of the phrase stands only inside the entry's names found whole in the terms ("police clearance
   * for a visa" holds "visa" in that alias): then the phrase is part of that name. A run found nowhere in a row (its
   * words matched through a marked spelling) cannot be placed, and is no part of a name.
   */
  private withinName(entryId: string, terms: string[], runs: string[][]): boolean {
    const spans = (this.names.get(entryId) ?? [])
      .filter((name) => name.length > 0)
      .flatMap((name) => startsOf(name, terms).map((at) => [at, at + name.length] as const));
    if (spans.length === 0) return false;
    return runs.every((run) => {
      const starts = startsOf(run, terms);
      return starts.length > 0 && starts.every((at) => spans.some(([from, to]) => at >= from && at + run.length <= to));
    });
  }

  /**
   * Whether the phrase stands right before a word pair of the entry's names ("vay vốn | hộ nghèo"), where its last
   * run stands in a row in the terms: in Vietnamese the head comes first and what qualifies it after.
   */
  private nextToName(entryId: string, terms: string[], runs: string[][]): boolean {
    const named = (at: number) => at >= 0 && at + 1 < terms.length && this.index.inNames(entryId, `${terms[at]} ${terms[at + 1]}`);
    const last = runs[runs.length - 1];
    // A one-word topic is as often what qualifies a word before it ("quán nhậu | bán rượu").
    if (!last || runs.flat().length < 2) return false;
    return startsOf(last, terms).some((at) => named(at + last.length));
  }

  /** Whether the phrase names the entry too: then the entry was found through what the bot does not cover. */
  private namedBy(entryId: string, runs: string[][]): boolean {
    return runs.some((run) => (run.length === 1 ? this.intents.naming(run) : bigrams(run)).some((term) => this.index.inNames(entryId, term)));
  }

  /** How confidently the message names an entry without the phrase (one reading: the aspect words kept). */
  private confidenceWithout(runs: string[][], query: WeightedTerms[]): number {
    const ranked = this.rankReading(query.map(({ terms, weight }) => ({ terms: withoutPhrase(terms, runs), weight })));
    return ranked.length > 0 ? this.confidence(ranked) : 0;
  }

  /**
   * `tied`: whether two entries are equally likely meanings, asked only when the bot would otherwise answer. `low`:
   * the low threshold for this message (see lowFor).
   */
  private decide(confidence: number, tied: () => boolean = () => false, low = this.thresholds.low): Decision {
    if (confidence >= this.thresholds.high) return tied() ? 'clarify' : 'answer';
    return confidence >= low ? 'clarify' : 'none';
  }

  /**
   * The low threshold ("did you mean" rather than "I don't know") for a message: lower for a story told around its
   * question. The story's words (people, dates, places, what happened) dilute the share of the message an entry
   * explains, not how much of one of the entry's names the message holds: when a good part of the best entry's name
   * is there and it leads the next one, asking costs one tap ("Con gái tôi tròn 14 tuổi, nhà trường nhắc phải đi
   * làm thẻ căn cước... Tôi định cuối tuần đưa cháu ra công an xã. Làm xong thì bao lâu mới có thẻ?" was "I don't
   * know" at 0.475). The high threshold stays: a story never makes the bot answer more readily.
   */
  private lowFor(focus: Focus, ranked: RankedHit[]): number {
    const [best, next] = ranked;
    const story = focus.focused.some((focused) => !focused);
    if (!story || !best || best.nameRecall < STORY_NAME_RECALL) return this.thresholds.low;
    const lead = next ? best.quality - next.quality : 1;
    return lead >= STORY_LEAD ? Math.min(this.thresholds.low, STORY_LOW) : this.thresholds.low;
  }

  /**
   * Whether the two best entries are the two meanings of one abbreviation typed ("đk tt": temporary or permanent
   * residence), and nothing else in the message chooses: each has a name made only of the words the abbreviation
   * was expanded to, and the rest of the message gives neither clearly more evidence ("đk tt cho người thuê trọ" is
   * temporary residence; "đk tt online" is either). Then the bot asks which. A name typed in full expands nothing, so it is never asked about.
   */
  private tiedByExpansion(ranked: RankedHit[], expansions: string[][], query: WeightedTerms[]): boolean {
    if (ranked.length < 2 || expansions.length === 0) return false;
    const [best, next] = ranked;
    const namedWithin = (id: string, words: Set<string>) =>
      (this.names.get(id) ?? []).some((name) => name.length > 0 && name.every((term) => words.has(term)));
    const expansion = expansions.map((terms) => new Set(terms)).find((words) => namedWithin(best.id, words) && namedWithin(next.id, words));
    if (!expansion) return false;
    // Words that only say which aspect is asked ("online", "ở đâu") choose no entry.
    const rest = query.map(({ terms, weight }) => ({ terms: this.questions.withoutAspectWords(terms.filter((term) => !expansion.has(term))), weight }));
    const scores = new Map(this.index.search(rest, SEARCH_LIMIT).map((hit) => [hit.id, hit.score]));
    return (scores.get(best.id) ?? 0) - (scores.get(next.id) ?? 0) < REST_CHOICE;
  }

  /**
   * The best hit's quality, lowered when the next one is nearly as good. The hits rank by their evidence, so the
   * next one can explain the question better than the best: that is as doubtful as a tie ("did you mean"), never
   * less sure than one.
   */
  private confidence(ranked: RankedHit[]): number {
    const [best, next] = ranked;
    const gap = next ? Math.max(0, best.quality - next.quality) : 1;
    return best.quality * (0.8 + 0.2 * Math.min(1, gap / 0.15));
  }

  /**
   * The weight of everything the question says: its terms known to the knowledge base, plus a fixed weight for
   * each word the bot has never seen (those usually name something the knowledge base does not cover).
   */
  private queryWeight(query: WeightedTerms[]): number {
    const shares = new Map<string, number>();
    for (const { terms, weight } of query) for (const term of terms) shares.set(term, Math.max(weight, shares.get(term) ?? 0));
    let total = 0;
    for (const [term, share] of shares) {
      total += share * this.index.weight(term);
      if (!this.normalizer.knows(term) && !/\d/.test(term)) total += share * UNKNOWN_WORD_WEIGHT;
    }
    return total;
  }

  /**
   * The out-of-scope phrases (intents.yaml, as written there) the message names, in the order they are found: what
   * can make a message "not covered", for telling staff which phrase did.
   */
  uncoveredPhrases(message: string | NormalizedText): string[] {
    const phrases = this.normalized(message).clauses.flatMap((clause) => this.intents.outOfScope(clause).map((topic) => topic.phrase));
    return [...new Set(phrases)];
  }

  /** A command valid at any step ("thoát", "tiếp tục", "quyền riêng tư"), when it is the whole message. */
  command(message: string | NormalizedText): Command | null {
    return this.intents.command(this.normalized(message).words);
  }

  /**
   * A short yes / no / don't-know reply, when it is the whole message and no greeting, thanks, help or handoff
   * phrase is in it: "ad ơi có đó không" calls for somebody, it answers nothing.
   */
  answer(message: string | NormalizedText): Answer | null {
    const text = this.normalized(message);
    const answer = this.intents.answer(text.words);
    return answer && this.intents.phraseIntents(text.clauses).length === 0 ? answer : null;
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
    const unknown = (term: string) => !this.normalizer.knows(term) && !/\d/.test(term);
    return this.namesKnown(terms) || this.intents.naming(this.questions.withoutAspectWords(terms)).some(unknown);
  }

  /** Whether the terms hold a word or word pair of some weight, besides generic and aspect words. */
  private namesKnown(terms: string[]): boolean {
    const content = this.intents.naming(this.questions.withoutAspectWords(terms));
    return [...content, ...bigrams(content)].some((term) => this.index.weight(term) >= SPECIFIC_WEIGHT);
  }
}

/**
 * The terms without an uncovered topic's phrase: where its runs stand in a row, so that a word the phrase shares
 * with the rest stays there ("đăng ký kết hôn sau khi ly hôn" keeps the "hôn" of "kết hôn"). A run found nowhere
 * in a row (its words matched through a marked spelling) takes its words out wherever they are.
 */
function withoutPhrase(terms: string[], runs: string[][]): string[] {
  const drop = new Set<number>();
  for (const run of runs) {
    if (run.length === 0) continue;
    const starts = startsOf(run, terms);
    if (starts.length > 0) starts.forEach((at) => run.forEach((_, k) => drop.add(at + k)));
    else terms.forEach((term, i) => run.includes(term) && drop.add(i));
  }
  return terms.filter((_, i) => !drop.has(i));
}

/** Where the run of terms stands in the terms, each position it starts at. */
function startsOf(run: string[], terms: string[]): number[] {
  const starts: number[] = [];
  if (run.length === 0) return starts;
  for (let at = 0; at + run.length <= terms.length; at++) if (run.every((word, k) => terms[at + k] === word)) starts.push(at);
  return starts;
}

/**
 * What the words a phrase intent leaves must do to make the message a question of its own: after a greeting or
 * thanks a request is enough ("chào bạn, mình muốn làm hộ chiếu"); after a call for help naming an entry confidently
 * is too; after a call for a person only a question is ("cho mình xin số hotline của bộ phận một cửa" asks for one).
 */
/** The indexes of the clauses holding a word at one of the `covered` positions (positions in the clauses' words joined). */
function saidClauses(clauses: Clause[], covered: Set<number>): number[] {
  const said: number[] = [];
  let at = 0;
  for (const [c, clause] of clauses.entries()) {
    if (clause.words.some((_, k) => covered.has(at + k))) said.push(c);
    at += clause.words.length;
  }
  return said;
}

type LeftAsks = 'request' | 'thanks' | 'name' | 'question';
const LEFT_ASKS: Record<PhraseIntent, LeftAsks> = { greeting: 'request', thanks: 'thanks', help: 'name', handoff: 'question' };

/** How many of the best entries of a message with a small-talk phrase are tried for holding the phrase in a name. */
const NAMED_WHOLE = 3;

/** What the conversation already says, for reading a message that leans on it. */
export interface UnderstandingContext {
  lastEntryId?: string | null;
}

/** An FAQ match this good is a staff question retyped: a small-talk phrase in it is part of it (see partOfName). */
const VERBATIM_FAQ = 0.9;

/**
 * Whether a staff FAQ question the message asks is answered without a conversation around it: no other entry's
 * staff question is nearly as close, and the message points at its entry, one of the first three the search finds,
 * nearly as good as the best (FAQ_BEHIND) or well named on its own (FAQ_NAMED: "Tôi mất giấy khai sinh, có phải
 * làm thủ tục này không?" names the birth certificate's re-registration and its extract), never with less than
 * FAQ_EVIDENCE: a question that names nothing of its entry ("How long does it take?") is no question about it.
 */
function faqStandsAlone(match: FaqMatch, ranked: readonly RankedHit[]): boolean {
  if (match.score - match.rival < FAQ_RIVAL_MARGIN) return false;
  const hit = ranked.slice(0, 3).find(({ id }) => id === match.entryId);
  if (!hit) return false;
  return hit.quality >= Math.min(FAQ_NAMED, Math.max(FAQ_EVIDENCE, ranked[0].quality - FAQ_BEHIND));
}

/** How much closer the message must be to its FAQ question than to any other entry's. */
export const FAQ_RIVAL_MARGIN = 0.1;

/** How much less good than the best entry a FAQ question's entry may be and still be the one asked about. */
const FAQ_BEHIND = 0.15;

/** A FAQ question's entry this well found is asked about, whatever else the message names. */
const FAQ_NAMED = 0.6;

/** The least evidence for a FAQ question's entry, besides the question itself: some of its words are the entry's. */
const FAQ_EVIDENCE = 0.4;

interface RankedHit extends SearchHit {
  quality: number;
}

/** How many entries a search returns to rank. */
const SEARCH_LIMIT = 12;

/**
 * How much more evidence the rest of a message must give one meaning of an abbreviation than the other to choose
 * it: about one word found only in that entry's text.
 */
const REST_CHOICE = 1;

/** How much less good than the best an entry may be and still come first for explaining the asking clause. */
const ASKED_MARGIN = 0.2;

/**
 * How confidently the question part of a story told with status words must name an entry, when it asks nothing of
 * a dossier's progress, for the message to be that entry's question (see asksBeyondStatus).
 */
const BEYOND_STATUS = 0.65;

/** How near the end of its clause a phrase asking an aspect stands when it asks there (see askedJustBefore). */
const ASKED_AT_END = 3;

/** The share of the best's rank value from which an entry explaining the asking clause may come first (see mayComeFirst). */
const ASKED_EVIDENCE = 0.75;

/**
 * A story around the question (see lowFor): the low threshold then, the share of one of its names the best entry's
 * evidence must hold, and how far ahead of the next one it must be.
 */
const STORY_LOW = 0.45;
const STORY_NAME_RECALL = 0.4;
const STORY_LEAD = 0.05;

/** How much of one of its names what a phrase leaves must hold to be a question about that entry. */
const REST_NAME_RECALL = 0.5;

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
