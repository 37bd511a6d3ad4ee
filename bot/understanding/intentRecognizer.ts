import type { Locale } from '../knowledge/types';
import type { Answer, Command, LanguageData } from '../knowledge/languageData';
import type { Clause } from './normalizer';
import { fold } from '../text/fold';
import { Pattern, PatternSet } from './pattern';
import { synonymVariants } from './synonymVariants';

export type Intent = 'procedure' | 'status' | 'greeting' | 'thanks' | 'help' | 'handoff' | 'language' | 'none';

/** The intents said in a phrase rather than by naming a procedure. */
export type PhraseIntent = 'greeting' | 'thanks' | 'help' | 'handoff';

/** A phrase intent found in a message, and what the rest of the message says. */
export interface PhraseMatch {
  intent: PhraseIntent;
  /** The positions of the words its phrases account for. */
  covered: Set<number>;
}

/** A topic the bot does not cover, named in a clause. */
export interface UncoveredTopic {
  /** Its phrase as written in intents.yaml. */
  phrase: string;
  /** Its phrase, as runs of search terms (split at "..."). */
  runs: string[][];
  /** Whether a request word comes just before it ("xin học bổng", "tra cứu phạt nguội"): then it is what is asked. */
  requested: boolean;
}

/** The knowledge/intents.yaml patterns, compiled to the normalised form messages take. */
export class IntentRecognizer {
  readonly filler: ReadonlySet<string>;
  private readonly generic: Set<string>;
  private readonly phrases: Record<PhraseIntent, PatternSet<null>>;
  /** The two halves of a question about the bot itself (intents.yaml help.self, help.scope). */
  private readonly aboutBot: { self: PatternSet<null>; scope: PatternSet<null> };
  /** What tells, after a call for a person, that the call failed (intents.yaml handoff.failed). */
  private readonly failedCall: PatternSet<null>;
  private readonly language: { en: Pattern[]; vi: Pattern[]; cues: Pattern[] };
  /** Languages named in one word ("english", "vietnamese"), and the words that may follow one named as a language. */
  private readonly languageWords: Set<string>;
  private readonly afterLanguage: Set<string>;
  private readonly status: Record<'patterns' | 'dossier' | 'filed' | 'progress' | 'waiting', PatternSet<null>>;
  private readonly commands: [Command, Pattern[]][];
  private readonly answers: [Answer, Pattern[]][];
  private readonly requested: Set<string>;
  /** The words of what the bot is asked to do itself and never does (intents.yaml question.tasks). */
  private readonly tasks: Set<string>;
  private readonly uncovered: { folded: PatternSet<Phrase>; marked: PatternSet<Phrase> };

  /**
   * `compile`: a pattern in the form of normalised words; `compileMarked`: with its marks kept; `termsOf`: in the
   * canonical terms of the search (for telling whether an entry's own text holds an out-of-scope phrase).
   */
  constructor(
    data: LanguageData,
    compile: (pattern: string) => string[],
    compileMarked: (pattern: string) => string[],
    termsOf: (text: string) => string[],
  ) {
    const patterns = (list: string[]) => list.map((text) => new Pattern(compile(text))).filter((p) => !p.empty);
    const set = (list: string[]) => new PatternSet(patterns(list).map((pattern): [Pattern, null] => [pattern, null]));
    this.filler = new Set(data.filler.flatMap(compile));
    this.generic = new Set([...data.generic.flatMap(compile), ...this.filler]);
    this.phrases = {
      greeting: set(data.greeting.patterns),
      thanks: set(data.thanks.patterns),
      help: set(data.help.patterns),
      handoff: set(data.handoff.patterns),
    };
    this.failedCall = set(data.handoff.failed);
    this.aboutBot = { self: set(data.help.self), scope: set(data.help.scope) };
    this.language = { en: patterns(data.language.en), vi: patterns(data.language.vi), cues: patterns(data.language.cues) };
    const single = (list: string[]) => list.map(compile).filter((words) => words.length === 1).map(([word]) => word);
    this.languageWords = new Set(single([...data.language.en, ...data.language.vi]));
    const after = [...data.language.cues, ...data.question.starts, ...data.unsearched];
    this.afterLanguage = new Set([...this.filler, ...single(after), ...this.languageWords]);
    const status = data.status;
    this.status = {
      patterns: set(status.patterns),
      dossier: set(status.dossier),
      filed: set(status.filed),
      progress: set(status.progress),
      waiting: set(status.waiting),
    };
    this.commands = (['cancel', 'resume', 'privacy', 'help'] as const).map((name) => [name, patterns(data.commands[name])]);
    this.answers = (['unknown', 'no', 'yes'] as const).map((name) => [name, patterns(data.answers[name])]);
    this.requested = new Set(data.question.requests.flatMap((word) => fold(word).split(' ')));
    this.tasks = new Set(data.question.tasks.flatMap((word) => fold(word).split(' ')));
    // Each phrase also with the other names of a thing it names (lexicon synonyms); staff see it as written.
    const topics = data.outOfScope.flat().flatMap((text) =>
      synonymVariants(text, data.synonyms).map((variant) => ({
        folded: new Pattern(compile(variant)),
        marked: new Pattern(compileMarked(variant)),
        phrase: { text, runs: variant.split('...').map(termsOf).filter((part) => part.length > 0) },
      })),
    );
    this.uncovered = {
      folded: new PatternSet(topics.map(({ folded, phrase }) => [folded, phrase])),
      marked: new PatternSet(topics.map(({ marked, phrase }) => [marked, phrase])),
    };
  }

  command(words: string[]): Command | null {
    return this.commands.find(([, list]) => this.isWhole(list, words))?.[0] ?? null;
  }

  /** Don't-know is tried first: "không rõ" also contains "không". */
  answer(words: string[]): Answer | null {
    return this.answers.find(([, list]) => this.isWhole(list, words))?.[0] ?? null;
  }

  /**
   * A question about one's own dossier: a status phrase ("tra cứu hồ sơ", "trễ hẹn"); a dossier or something
   * already filed ("hồ sơ của em", "nộp từ thứ sáu", "I applied") with a question about its progress ("xong chưa",
   * "tới đâu rồi", "any update"); or something filed with a question about when its result comes ("nộp từ tháng
   * trước, bao giờ mới có kết quả"). Naming the procedure does not make it a procedure question.
   */
  isStatus(words: string[]): boolean {
    const has = (list: PatternSet<null>) => list.any(words);
    if (has(this.status.patterns)) return true;
    const filed = has(this.status.filed);
    // A code typed in pieces ("hs h56.22 240419 0087") is still a code, for a dossier mention.
    const progress = has(this.status.progress) || words.some((word) => PARTIAL_CODE.test(word));
    return (progress && (filed || has(this.status.dossier))) || (filed && has(this.status.waiting));
  }

  /** Whether the words ask how a dossier is getting on ("xong chưa", "bao giờ mới có", status.patterns): no filing needed. */
  asksProgress(words: string[]): boolean {
    return this.status.patterns.any(words) || this.status.progress.any(words) || this.status.waiting.any(words);
  }

  /** Whether the words tell of something already filed ("đã nộp", "I applied"): status.filed. */
  isFiled(words: string[]): boolean {
    return this.status.filed.any(words);
  }

  /**
   * A request to switch language: the language named, in a short message or with a word like "nói", "switch". A
   * language said not to be understood is not the one asked for ("tiếng Việt đi, em không đọc được tiếng Anh").
   */
  languageSwitch(said: string[]): Locale | null {
    const words = this.withoutLanguageAdjectives(said);
    const named = (['en', 'vi'] as const)
      .map((locale) => ({ locale, at: firstAt(this.language[locale], words) }))
      .filter(({ at }) => at >= 0 && !words.slice(Math.max(0, at - NEGATION_REACH), at).some((word) => NEGATIONS.has(word)))
      .sort((a, b) => a.at - b.at);
    if (named.length === 0) return null;
    if (this.content(words).length <= 3) return named[0].locale;
    // The word asking for a switch stands next to the language ("reply in English", "tiếng Việt đi"), not anywhere
    // in a story: "I'm Vietnamese and finished school in 2012 … Can you help me with that?" asks for a copy; "My
    // Vietnamese is very basic … could you please switch to English" asks for English.
    const asked = named.find(({ at }) => anyMatch(this.language.cues, words.slice(Math.max(0, at - CUE_REACH), at + CUE_REACH + 2)));
    return asked?.locale ?? null;
  }

  /**
   * The words with each language name that qualifies the word after it blanked out: "my Vietnamese wife", "a
   * Vietnamese one", "my English diploma" name no language to switch to; "in English from now on", "Vietnamese
   * please", "English version" do.
   */
  private withoutLanguageAdjectives(words: string[]): string[] {
    const qualifies = (word: string, i: number) =>
      this.languageWords.has(word) && i + 1 < words.length && !this.afterLanguage.has(words[i + 1]);
    return words.some(qualifies) ? words.map((word, i) => (qualifies(word, i) ? '' : word)) : words;
  }

  /**
   * The phrase intents found, those whose phrases account for the most words first (then handoff, help, thanks,
   * greeting), each with every word its phrases account for (positions in the clauses' words joined): "thank you,
   * that helps a lot" is thanks, not help; "xin chào ad, cho em hỏi chút" is all greeting; "chào ad, làm hộ chiếu ở đâu" leaves a question.
   */
  phraseIntents(clauses: readonly PhraseClause[], asks: (clause: PhraseClause) => boolean = () => false): PhraseMatch[] {
    return this.phrasesFound(clauses, asks).sort((a, b) => b.covered.size - a.covered.size);
  }

  private phrasesFound(clauses: readonly PhraseClause[], asks: (clause: PhraseClause) => boolean): PhraseMatch[] {
    const found: PhraseMatch[] = [];
    // The uncovered topics of each clause, where they stand: a call for a person next to one is that service's line.
    const topics = clauses.map(({ words }) => this.uncovered.folded.matches(words).filter(({ at }) => !negated(words, at[0])).map(({ at }) => at));
    const complains = topics.some((list) => list.length > 0);
    for (const intent of ['handoff', 'help', 'thanks', 'greeting'] as const) {
      const covered = new Set<number>();
      let at = 0;
      for (const [c, { words }] of clauses.entries()) {
        // Within a clause: "... hỗ trợ tiền chôn cất, phải làm giấy tờ gì" is no "hỗ trợ ... gì".
        const skipped = (tokens: string[], match: number[]) =>
          unwanted(tokens, match[0]) || nextToTopic(match, topics[c]) || (complains && this.failedAfter(tokens, match));
        cover(this.phrases[intent], words, intent === 'handoff' ? skipped : undefined).forEach((i) => covered.add(at + i));
        // A question about the bot itself is asked: "Bot trả lời không đúng ý tôi" tells, it asks for no menu.
        if (intent === 'help' && asks(clauses[c])) {
          const named = c > 0 && this.aboutBot.self.any(clauses.slice(0, c).flatMap((clause) => clause.words));
          this.aboutTheBot(words, named).forEach((i) => covered.add(at + i));
        }
        at += words.length;
      }
      if (covered.size) found.push({ intent, covered });
    }
    return found;
  }

  /**
   * The positions of a question about the bot itself in a clause: a word for the bot or the page and a word asking
   * what it does or covers, both in the clause ("what is this chatbot for", "trang này giải đáp những vấn đề gì"),
   * or the second half alone when a clause before named the bot (`named`: "nghe nói trang này trả lời về thủ tục
   * hành chính, cụ thể là những loại nào?"); none when a half is missing.
   */
  private aboutTheBot(words: string[], named: boolean): Set<number> {
    const self = cover(this.aboutBot.self, words);
    if (self.size === 0 && !named) return self;
    const scope = cover(this.aboutBot.scope, words.map((word, i) => (self.has(i) ? '' : word)));
    return scope.size === 0 ? scope : new Set([...self, ...scope]);
  }

  /** Whether the words after a call for a person tell that the call failed ("... mãi không ai bắt máy", "never answers"). */
  private failedAfter(words: string[], match: number[]): boolean {
    const end = match[match.length - 1] + 1;
    return end < words.length && this.failedCall.any(words.slice(end));
  }

  /**
   * The topics the bot does not cover (intents.yaml `out_of_scope`) that a clause names, each as the runs of
   * search terms of its phrase. A clause typed with marks is compared with marks, since these lists are where
   * folded words collide most ("nhậu"/"nhau").
   */
  outOfScope(clause: Clause): UncoveredTopic[] {
    const tokens = clause.marked ?? clause.words;
    const topics = clause.marked ? this.uncovered.marked : this.uncovered.folded;
    return topics
      .matches(tokens)
      .filter(({ at }) => !negated(tokens, at[0]))
      .map(({ value: { text, runs }, at }) => ({
        phrase: text,
        runs,
        requested: this.requested.has(wordBefore(tokens, at[0])) || this.tasks.has(fold(tokens[at[0]])),
      }));
  }

  /** Whether the words ask for something to be done ("mình muốn làm hộ chiếu", "cần xin giấy phép"): a request word. */
  requests(words: string[]): boolean {
    return words.some((word) => this.requested.has(word));
  }

  /** The words that could name something: neither filler nor generic words like "nộp", "làm", "giấy tờ". */
  naming(words: string[]): string[] {
    return words.filter((word) => !this.generic.has(word));
  }

  /** The words that are not filler, for deciding whether a message says anything beyond a formula. */
  content(words: string[]): string[] {
    return words.filter((word) => !this.filler.has(word));
  }

  /** Whether one pattern accounts for every word that is not filler. */
  private isWhole(list: Pattern[], words: string[]): boolean {
    return list.some((pattern) => {
      const covered = pattern.match(words);
      return covered !== null && this.content(words.filter((_, i) => !covered.includes(i))).length === 0;
    });
  }
}

/** What phraseIntents reads of a clause: its words, and whether it ends with a question mark. */
export interface PhraseClause {
  words: string[];
  asked?: boolean;
}

/** An out-of-scope phrase: as written, and as runs of search terms. */
interface Phrase {
  text: string;
  runs: string[][];
}

/**
 * Every position some pattern covers, each pattern matched as often as it occurs; a match `skipped` says is not meant
 * covers nothing (its words are passed over).
 */
function cover(patterns: PatternSet<null>, words: string[], skipped?: (words: string[], match: number[]) => boolean): Set<number> {
  const covered = new Set<number>();
  const passed = new Set<number>();
  // The words still free, covered ones blanked; rebuilt only when a pattern matched. The longest patterns first: a
  // short one must not blank a word of a longer one ("help" in "what can you help me with").
  let rest = words;
  const longestFirst = patterns.candidates(words).sort((a, b) => b.pattern.size - a.pattern.size);
  for (const { pattern } of longestFirst) {
    for (let found = pattern.match(rest); found; found = pattern.match(rest)) {
      const into = skipped?.(words, found) ? passed : covered;
      found.forEach((i) => into.add(i));
      rest = words.map((word, i) => (covered.has(i) || passed.has(i) ? '' : word));
    }
  }
  return covered;
}

/** How many words may stand between a call for a person and the uncovered service it is the line of ("hotline of the water company"). */
const TOPIC_GAP = 2;

/**
 * Whether a call for a person stands right next to an uncovered topic, so that it is that service's contact, not a
 * request for the commune's staff: "tổng đài điện lực", "số tổng đài bên giao hàng", "the hotline of the water
 * company", "my internet provider's customer service".
 */
function nextToTopic(match: number[], topics: number[][]): boolean {
  const start = match[0];
  const end = match[match.length - 1];
  return topics.some((at) => {
    const from = at[0];
    const to = at[at.length - 1];
    return (from > end && from - end - 1 <= TOPIC_GAP) || (to < start && start - to - 1 <= TOPIC_GAP);
  });
}

/** Words of wanting or needing: "không muốn gặp cán bộ", "không cần liên hệ" negate the call for a person. */
const WISHES = new Set(['muon', 'can', 'phai']);

/**
 * Whether a call for a person is said not to be made or not to work: a story ("bố đi làm xa không liên lạc được",
 * "không gọi cho ai được") or a refusal ("không cần gặp cán bộ đâu"), not a request for somebody.
 */
function unwanted(words: string[], at: number): boolean {
  return negated(words, at) || (at >= 2 && WISHES.has(fold(words[at - 1])) && NEGATIONS.has(fold(words[at - 2])));
}

/** How many words before a language's name a negation still applies to it. */
const NEGATION_REACH = 4;
const NEGATIONS = new Set(['khong', 'chua', 'chang', 'cant', 'cannot', 'dont', 'not', 'no']);
/** "có" folded: "không có X" negates X. */
const HAVE = 'co';
/** A piece of a dossier code: "h56", "240419", "0087". */
const PARTIAL_CODE = /^(h\d{2,}|\d{6,})$/;

/** Words skipped when looking for the word before a phrase ("set up a limited company"). */
const ARTICLES = new Set(['a', 'an', 'the', 'my', 'our', 'his', 'her', 'their', 'new']);

/**
 * English particles between a verb and what it asks for ("apply for a visa", "sign up for the driving test"): skipped
 * too, but only on the way to a word before them. Alone they ask for nothing: "proof of that for a visa" is not
 * a visa request.
 */
const PARTICLES = new Set(['for', 'about', 'up']);

/** The folded word before position `at`, articles and particles skipped; '' at the start. */
function wordBefore(tokens: string[], at: number): string {
  let i = at - 1;
  while (i >= 0 && (ARTICLES.has(fold(tokens[i])) || PARTICLES.has(fold(tokens[i])))) i--;
  return i >= 0 ? fold(tokens[i]) : '';
}

/**
 * Whether the phrase at `at` is said not to be there ("không có lương hưu", "chưa có bảo hiểm", "no pension"): then
 * it is what the person lacks, not what they ask about. A negation, or one before "có" (have).
 */
function negated(tokens: string[], at: number): boolean {
  const before = (k: number) => (at - k >= 0 ? fold(tokens[at - k]) : '');
  return NEGATIONS.has(before(1)) || (before(1) === HAVE && NEGATIONS.has(before(2)));
}

/** Where the first of the patterns starts in the words, or -1. */
/** How many words from the language named a word asking for a switch may stand ("can you answer me in English"). */
const CUE_REACH = 5;

function firstAt(patterns: Pattern[], words: string[]): number {
  const starts = patterns.map((pattern) => pattern.match(words)?.[0] ?? -1).filter((at) => at >= 0);
  return starts.length ? Math.min(...starts) : -1;
}

function anyMatch(patterns: Pattern[], words: string[]): boolean {
  return patterns.some((pattern) => pattern.match(words) !== null);
}
