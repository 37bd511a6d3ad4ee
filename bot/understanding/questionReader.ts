import type { LanguageData } from '../knowledge/languageData';
import type { Aspect } from '../knowledge/types';
import { Pattern, PatternSet } from './pattern';

/** An aspect phrase found in a message. */
export interface AspectMatch {
  aspect: Aspect;
  /** The positions of its words. */
  at: number[];
  /** Whether the phrase asks ("bao nhiêu tiền", "ở đâu") rather than names a topic ("lệ phí", "online"). */
  asks: boolean;
  /** Its aspect's place in the priority order. */
  order: number;
}

/** How near the end of a clause a one-word question word must stand to make it a question. */
const QUESTION_WORD_REACH = 2;

/**
 * What a clause asks, from intents.yaml `question` and `aspects`: whether it is a question at all, and which aspect
 * of a procedure (papers, fee, time, place...) it asks about.
 */
export class QuestionReader {
  private readonly words: Set<string>;
  private readonly phrases: PatternSet<null>;
  private readonly endings: Set<string>;
  private readonly openings: Set<string>;
  private readonly yesNo: PatternSet<null>;
  /** The yes/no frames whose "..." spans the question ("có thể ủy quyền cho em gái ở quê nộp hồ sơ thay không"). */
  private readonly yesNoSpans: Pattern[];
  /** English words that open a yes/no question: the first words of the English frames ("can", "do", "is"). */
  private readonly yesNoOpenings: Set<string>;
  private readonly done: PatternSet<null>;
  private readonly asking: PatternSet<null>;
  private readonly references: PatternSet<null>;
  private readonly afterthoughts: PatternSet<null>;
  private readonly purposes: PatternSet<null>;
  /** The question words and phrases as typed in question.words, joined ("the nao", "nhu the nao"). */
  private readonly bareQuestions: Set<string>;
  private readonly wanting: PatternSet<null>;
  private readonly aspects: PatternSet<Omit<AspectMatch, 'at'>>;

  /** `filler`: words that do not count when looking for the last word of a clause ("ạ", "vậy", "ad"). */
  constructor(data: LanguageData, compile: (pattern: string) => string[], private readonly filler: ReadonlySet<string>) {
    const patterns = (list: string[]) =>
      new PatternSet(list.map((text) => new Pattern(compile(text))).filter((p) => !p.empty).map((pattern): [Pattern, null] => [pattern, null]));
    const compiled = data.question.words.map(compile);
    this.bareQuestions = new Set(compiled.map((words) => words.join(' ')));
    this.words = new Set(compiled.filter((words) => words.length === 1).map(([word]) => word));
    this.phrases = patterns(data.question.words.filter((_, i) => compiled[i].length > 1));
    this.endings = new Set(data.question.endings.flatMap(compile));
    this.openings = new Set(data.question.openings.flatMap(compile));
    this.yesNo = patterns(data.question.yesNo);
    const frames = data.question.yesNo.map(compile).filter((words) => words.length > 0);
    this.yesNoSpans = frames.filter((words) => words.includes('...')).map((words) => new Pattern(words, Infinity));
    this.yesNoOpenings = new Set(frames.map(([word]) => word).filter((word) => this.openings.has(word)));
    this.done = new PatternSet(data.question.done.map((text): [Pattern, null] => [new Pattern(compile(text), Infinity), null]));
    this.asking = patterns(data.question.asking);
    this.references = patterns(data.question.references);
    this.afterthoughts = patterns(data.question.afterthoughts);
    this.purposes = patterns(data.question.purposes);
    this.wanting = patterns(data.question.wants);
    const asks = (words: string[]) => words.some((word) => this.words.has(word) || this.openings.has(word)) || this.phrases.any(words);
    this.aspects = new PatternSet(
      data.aspects.flatMap(({ aspect, patterns: list }, order) =>
        list
          .map(compile)
          .filter((words) => words.some((word) => word !== '...'))
          .map((words): [Pattern, Omit<AspectMatch, 'at'>] => [new Pattern(words), { aspect, asks: asks(words), order }]),
      ),
    );
  }

  /**
   * Whether a clause asks something: a question mark, a question word ("gì", "ở đâu"), a word that asks only at
   * the end ("... được không") or at the start ("how ...", "can I ..."), a yes/no frame, or an asking aspect phrase.
   * "có gì cứ nhắn" and "that's what I needed" do not ask.
   */
  isQuestion(words: string[], asked: boolean): boolean {
    if (asked) return true;
    const content = words.filter((word) => !this.filler.has(word));
    if (content.length && this.endings.has(content[content.length - 1])) return true;
    if (content.length && this.openings.has(content[0])) return true;
    // A question phrase of several words ("bao nhiêu", "thế nào") asks wherever it stands; a one-word question word
    // only near the end ("... được nhận mấy tháng", "... thì cần gì"): "có gì cứ nhắn", "sao y bản chính" do not ask.
    if (this.phrases.any(words) || content.slice(-QUESTION_WORD_REACH).some((word) => this.words.has(word))) return true;
    if (this.yesNo.any(words) || this.asking.any(words)) return true;
    return this.aspectMatches(words).some((match) => match.asks);
  }

  /**
   * The aspect a bare question word asks when it stands right after a phrase naming one ("điều kiện thế nào" asks
   * the conditions, "lệ phí tính thế nào" the fee): the word asks about what the phrase names. Otherwise the match.
   */
  private qualified(words: string[], match: AspectMatch, kept: AspectMatch[]): AspectMatch {
    if (match.aspect !== 'steps' || !this.bareQuestions.has(match.at.map((i) => words[i]).join(' '))) return match;
    const start = match.at[0];
    const named = kept.find((other) => other !== match && !other.asks && other.aspect !== 'steps' && other.aspect !== 'online' && start - other.at[other.at.length - 1] <= 2 && start > other.at[other.at.length - 1]);
    return named ?? match;
  }

  /** Where the words after a phrase that announces a question start ("cho em hỏi | thủ tục khai sinh"), or -1. */
  afterAsking(words: string[]): number {
    const ends = this.asking.matches(words).map(({ at }) => at[at.length - 1] + 1);
    return ends.length ? Math.min(...ends) : -1;
  }

  /** Where the first phrase telling what something is wanted for starts ("nâng lên mức 2 | để làm thủ tục online"), or -1. */
  purposeAt(words: string[]): number {
    const starts = this.purposes.matches(words).map(({ at }) => at[0]);
    return starts.length ? Math.min(...starts) : -1;
  }

  /** Whether a clause says what the person wants to do ("nay em muốn làm căn cước", "I need to renew my passport"). */
  wants(words: string[]): boolean {
    return this.wanting.any(words);
  }

  /** Whether a clause opens with a phrase that tacks a reason on to what was said ("since I'm a foreign mother"). */
  isAfterthought(words: string[]): boolean {
    return this.afterthoughts.matches(words).some(({ at }) => at[0] === 0);
  }

  /** Whether a clause points back at something named before ("xin cho nó", "put it in my name"). */
  refers(words: string[]): boolean {
    return this.references.any(words);
  }

  /**
   * Whether a clause tells of something already done ("em đã xin giấy xác nhận ở xã rồi"). Its "..." spans the
   * clause: "hai bên đã chứng thực hợp đồng mua bán đất ở xã rồi" holds more words than a gap elsewhere.
   */
  isDone(words: string[]): boolean {
    return this.done.any(words);
  }

  /** The matches of word lists read before (the same clause is read for its question, aspect and naming). */
  private readonly seen = new WeakMap<string[], AspectMatch[]>();

  /** Every aspect phrase in the words (the first place each phrase occurs). */
  aspectMatches(words: string[]): AspectMatch[] {
    const known = this.seen.get(words);
    if (known) return known;
    const found = this.aspects.matches(words).map(({ value, at }) => ({ ...value, at }));
    this.seen.set(words, found);
    return found;
  }

  /**
   * The aspect asked about: a phrase that asks beats one that names a topic, and the priority order of
   * intents.yaml breaks ties; a yes/no question with no aspect phrase inside asks about eligibility. `matches` are
   * those of aspectMatches, less any the caller set aside; `clauses`, the words' clauses (where English opens);
   * `named`, whether a match's words are part of a name of the entry asked about.
   */
  chooseAspect(
    words: string[],
    matches: AspectMatch[],
    clauses: string[][] = [words],
    named: (match: AspectMatch) => boolean = () => false,
  ): Aspect | null {
    const first = (list: AspectMatch[]) => list.reduce<AspectMatch | null>((a, b) => (a === null || b.order < a.order ? b : a), null);
    const kept = withoutContained(matches);
    const found = first(kept.filter((match) => match.asks)) ?? first(kept);
    const chosen = found && this.qualified(words, found, kept);
    // "đổi bằng lái online thì làm thế nào", "how do I register it online": how to do it through the portal is
    // the online aspect (its answer holds the steps online), not the steps at the desk.
    // An online word that is part of the entry's own names ("nộp hồ sơ trực tuyến", "VNeID") says nothing of it.
    if (chosen?.aspect === 'steps' && kept.some((match) => match.aspect === 'online' && !match.asks && !named(match))) return 'online';
    if (chosen) return chosen.aspect;
    return this.asksYesNo(words, clauses) ? 'eligibility' : null;
  }

  /**
   * Whether the words ask a yes/no question: a frame of intents.yaml `question.yes_no`; one whose "..." spans
   * the question when it ends it ("có thể ủy quyền cho em gái ở quê nộp hồ sơ thay không"); or a clause of English
   * that opens with a frame's first word ("can a foreigner be…", "do we also need…").
   */
  private asksYesNo(words: string[], clauses: string[][]): boolean {
    if (this.yesNo.any(words)) return true;
    // After a phrase that announces the question ("quick question: can a foreigner…"), the question opens there.
    const opening = (clause: string[]) => clause[Math.max(0, this.afterAsking(clause))];
    if (clauses.some((clause) => clause.length > 0 && this.yesNoOpenings.has(opening(clause)))) return true;
    let end = words.length;
    while (end > 0 && this.filler.has(words[end - 1])) end--;
    const asked = words.slice(0, end);
    return this.yesNoSpans.some((pattern) => pattern.endsAt(asked));
  }


  /** The words left when every aspect phrase is taken out ("lệ phí", "ở đâu", "online"). */
  withoutAspectWords(words: string[]): string[] {
    const covered = new Set<number>();
    for (const match of this.aspectMatches(words)) match.at.forEach((i) => covered.add(i));
    return words.filter((_, i) => !covered.has(i));
  }
}

/**
 * The matches less those whose words all stand inside a longer match: "what do I need to do" asks for the steps,
 * whatever the "what do I need" inside it asks alone.
 */
function withoutContained(matches: AspectMatch[]): AspectMatch[] {
  const inside = (a: AspectMatch, b: AspectMatch) => b.at.length > a.at.length && a.at.every((i) => b.at.includes(i));
  return matches.filter((match) => !matches.some((other) => other !== match && inside(match, other)));
}
