/** What part of a procedure a question is about. */
export type Aspect = 'documents' | 'fee' | 'time' | 'where' | 'online' | 'steps' | 'eligibility' | 'legal';

/** The patterns for one intent, as staff write them in knowledge/intents.yaml. */
export interface IntentPatterns {
  /** Only when the whole message is such a phrase (plus filler words). */
  only: boolean;
  patterns: string[];
}

/** knowledge/lexicon.yaml and knowledge/intents.yaml, parsed and checked. */
export interface LanguageData {
  abbreviations: Record<string, string[]>;
  synonyms: Record<string, string[]>;
  filler: string[];
  /** Words that never name a procedure by themselves (for telling a follow-up from a new question). */
  generic: string[];
  /** Common English words: a message made mostly of them, without tone marks, is answered in English. */
  english: string[];
  /** Words the knowledge search ignores on both sides (English function words that make false word pairs). */
  unsearched: string[];
  greeting: IntentPatterns;
  thanks: IntentPatterns;
  help: IntentPatterns;
  handoff: IntentPatterns;
  language: { en: string[]; vi: string[]; cues: string[] };
  status: { patterns: string[]; progress: string[] };
  /** In priority order: the first aspect that matches wins. */
  aspects: { aspect: Aspect; patterns: string[] }[];
  /** Commands valid at any step, recognised only when they are the whole message. */
  commands: Record<Command, string[]>;
  /** Topics the bot does not cover, in groups: a message naming one is answered "I have no information". */
  outOfScope: string[][];
  /** Short replies to a yes/no question, recognised only when they are the whole message. */
  answers: Record<Answer, string[]>;
}

export type Command = 'cancel' | 'resume' | 'privacy';
export type Answer = 'yes' | 'no' | 'unknown';

export const ASPECTS: readonly Aspect[] = ['documents', 'fee', 'time', 'where', 'online', 'steps', 'eligibility', 'legal'];

/** An empty set, for knowledge folders without the two files (tests, small fixtures). */
export function emptyLanguageData(): LanguageData {
  const none = { only: false, patterns: [] };
  return {
    abbreviations: {},
    synonyms: {},
    filler: [],
    generic: [],
    english: [],
    unsearched: [],
    greeting: { ...none, only: true },
    thanks: { ...none, only: true },
    help: none,
    handoff: none,
    language: { en: [], vi: [], cues: [] },
    status: { patterns: [], progress: [] },
    aspects: [],
    commands: { cancel: [], resume: [], privacy: [] },
    answers: { yes: [], no: [], unknown: [] },
    outOfScope: [],
  };
}
