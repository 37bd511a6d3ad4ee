import type { Aspect, Locale } from '../knowledge/types';
import type { Answer, Command, IntentPatterns, LanguageData } from '../knowledge/languageData';
import type { NormalizedText } from './normalizer';
import { Pattern } from './pattern';

export type Intent = 'procedure' | 'status' | 'greeting' | 'thanks' | 'help' | 'handoff' | 'language' | 'none';

/** An intent recognised from patterns alone, before any knowledge search. */
export interface PatternIntent {
  intent: Exclude<Intent, 'procedure' | 'none'>;
  /** For `language`: the language asked for. */
  target?: Locale;
  /** The words of the message the patterns did not account for (filler excluded). */
  rest: string[];
}

interface CompiledIntent {
  only: boolean;
  patterns: Pattern[];
}

/** The knowledge/intents.yaml patterns, compiled to the normalised form messages take. */
export class IntentRecognizer {
  private readonly filler: Set<string>;
  private readonly generic: Set<string>;
  private readonly intents: Record<'greeting' | 'thanks' | 'help' | 'handoff', CompiledIntent>;
  private readonly language: { en: Pattern[]; vi: Pattern[]; cues: Pattern[] };
  private readonly status: { patterns: Pattern[]; progress: Pattern[] };
  private readonly aspects: { aspect: Aspect; patterns: Pattern[] }[];
  private readonly commands: [Command, CompiledIntent][];
  private readonly answers: [Answer, CompiledIntent][];
  private readonly outOfScope: { folded: Pattern[]; marked: Pattern[] };

  constructor(data: LanguageData, compile: (pattern: string) => string[], compileMarked: (pattern: string) => string[]) {
    const patterns = (list: string[]) => list.map((text) => new Pattern(compile(text))).filter((p) => !p.empty);
    const intent = (source: IntentPatterns) => ({ only: source.only, patterns: patterns(source.patterns) });
    this.filler = new Set(data.filler.flatMap(compile));
    this.generic = new Set([...data.generic.flatMap(compile), ...this.filler]);
    this.intents = {
      greeting: intent(data.greeting),
      thanks: intent(data.thanks),
      help: intent(data.help),
      handoff: intent(data.handoff),
    };
    this.language = { en: patterns(data.language.en), vi: patterns(data.language.vi), cues: patterns(data.language.cues) };
    this.status = { patterns: patterns(data.status.patterns), progress: patterns(data.status.progress) };
    this.aspects = data.aspects.map(({ aspect, patterns: list }) => ({ aspect, patterns: patterns(list) }));
    const whole = (list: string[]) => ({ only: true, patterns: patterns(list) });
    this.commands = (['cancel', 'resume', 'privacy'] as const).map((name) => [name, whole(data.commands[name])]);
    this.answers = (['unknown', 'no', 'yes'] as const).map((name) => [name, whole(data.answers[name])]);
    const outOfScope = data.outOfScope.flat();
    this.outOfScope = { folded: patterns(outOfScope), marked: outOfScope.map((text) => new Pattern(compileMarked(text))) };
  }

  command(words: string[]): Command | null {
    return this.commands.find(([, intent]) => this.matchIntent(intent, words))?.[0] ?? null;
  }

  /** Don't-know is tried first: "không rõ" also contains "không". */
  answer(words: string[]): Answer | null {
    return this.answers.find(([, intent]) => this.matchIntent(intent, words))?.[0] ?? null;
  }

  /** Status, language, handoff, help, thanks, greeting: the first that matches, in that order. */
  recognize(text: NormalizedText, hasDossierCode: boolean): PatternIntent | null {
    const words = text.words;
    if (hasDossierCode || this.isStatus(words)) return { intent: 'status', rest: [] };
    const language = this.languageSwitch(words);
    if (language) return language;
    for (const name of ['handoff', 'help', 'thanks', 'greeting'] as const) {
      const found = this.matchIntent(this.intents[name], words);
      if (found) return { intent: name, rest: found };
    }
    return null;
  }

  /**
   * Whether the message names a topic the bot does not cover (intents.yaml `out_of_scope`). A message typed with
   * marks is compared with marks, since these lists are where folded words collide most ("nhậu"/"nhau").
   */
  isOutOfScope(text: NormalizedText): boolean {
    if (text.marked) return anyMatch(this.outOfScope.marked, text.marked);
    return anyMatch(this.outOfScope.folded, text.words);
  }

  /** The aspect asked about, by the priority order of intents.yaml. */
  aspect(words: string[]): Aspect | null {
    return this.aspects.find(({ patterns }) => patterns.some((pattern) => pattern.match(words)))?.aspect ?? null;
  }

  /** The words left when every aspect phrase is taken out ("lệ phí", "ở đâu", "online"). */
  withoutAspectWords(words: string[]): string[] {
    const covered = new Set<number>();
    for (const { patterns } of this.aspects) {
      for (const pattern of patterns) pattern.match(words)?.forEach((i) => covered.add(i));
    }
    return words.filter((_, i) => !covered.has(i));
  }

  /** The words that could name something: neither filler nor generic words like "nộp", "làm", "giấy tờ". */
  naming(words: string[]): string[] {
    return words.filter((word) => !this.generic.has(word));
  }

  /** The words that are not filler, for deciding whether a message says anything beyond a formula. */
  content(words: string[]): string[] {
    return words.filter((word) => !this.filler.has(word));
  }

  private isStatus(words: string[]): boolean {
    return anyMatch(this.status.patterns, words) && anyMatch(this.status.progress, words);
  }

  private languageSwitch(words: string[]): PatternIntent | null {
    const target: Locale | null = anyMatch(this.language.en, words) ? 'en' : anyMatch(this.language.vi, words) ? 'vi' : null;
    if (!target) return null;
    const short = this.content(words).length <= 3;
    return short || anyMatch(this.language.cues, words) ? { intent: 'language', target, rest: [] } : null;
  }

  /** The unexplained words when the intent matches; for `only` intents, they must all be filler. */
  private matchIntent(intent: CompiledIntent, words: string[]): string[] | null {
    for (const pattern of intent.patterns) {
      const covered = pattern.match(words);
      if (!covered) continue;
      const rest = this.content(words.filter((_, i) => !covered.includes(i)));
      if (!intent.only || rest.length === 0) return rest;
    }
    return null;
  }
}

function anyMatch(patterns: Pattern[], words: string[]): boolean {
  return patterns.some((pattern) => pattern.match(words) !== null);
}
