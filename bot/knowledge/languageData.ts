/** What part of a procedure a question is about. */
export type Aspect = 'documents' | 'fee' | 'time' | 'where' | 'online' | 'steps' | 'eligibility' | 'legal';

/**
 * The patterns for one intent said in a phrase (greeting, thanks, help, handoff), as staff write them in
 * knowledge/intents.yaml: the message is that intent unless what its phrases leave is a question naming something.
 */
export interface IntentPatterns {
  patterns: string[];
}

/**
 * The help patterns, and the two halves of a question about the bot itself, found in one clause: a word for the bot,
 * the page or the service (`self`: "chatbot", "trang này", "this assistant") and a word asking what it does or covers
 * (`scope`: "để làm gì", "những vấn đề gì", "what ... for", "handle"): "what is this chatbot for", "trợ lý ảo này
 * biết trả lời về những vấn đề gì".
 */
export interface HelpPatterns extends IntentPatterns {
  self: string[];
  scope: string[];
}

/**
 * The handoff patterns, and what tells, after a call for a person in its clause, that the call was made and failed
 * ("gọi tổng đài điện lực không ai bắt máy"): with an uncovered topic in the message, a complaint, not a request.
 */
export interface HandoffPatterns extends IntentPatterns {
  failed: string[];
}

/** knowledge/lexicon.yaml and knowledge/intents.yaml, parsed and checked. */
export interface LanguageData {
  abbreviations: Record<string, string[]>;
  synonyms: Record<string, string[]>;
  filler: string[];
  /** Words that never name a procedure by themselves (for telling a follow-up from a new question). */
  generic: string[];
  /** Common English words: evidence for the language guess when they cannot be Vietnamese syllables. */
  english: string[];
  /** English words used inside Vietnamese sentences ("online", "app"): no evidence of either language. */
  loanwords: string[];
  /** Words of Vietnamese sentences, not of names: with one of them, an unaccented message is Vietnamese. */
  vietnamese: string[];
  /** Words the knowledge search ignores on both sides (English function words that make false word pairs). */
  unsearched: string[];
  /** Groups of spellings citizens confuse ("ch", "tr"): swapping one for another is one typing slip. */
  confusable: string[][];
  /**
   * Places outside the served area (the province, its former districts, other provinces, cities, countries), each
   * spelling written out: taken out of a message before it is understood, since where one lives names no procedure.
   */
  places: string[];
  /** The words saying what kind of place one of `places` is ("tỉnh", "huyện", "province"): taken out with it. */
  placeKinds: string[];
  greeting: IntentPatterns;
  thanks: IntentPatterns;
  help: HelpPatterns;
  handoff: HandoffPatterns;
  language: { en: string[]; vi: string[]; cues: string[] };
  /**
   * Status phrases; or a dossier (`dossier`) or something already filed (`filed`) with a question on its progress
   * (`progress`); or something filed with a question on when its result comes (`waiting`).
   */
  status: { patterns: string[]; dossier: string[]; filed: string[]; progress: string[]; waiting: string[] };
  /**
   * How the question part of a long message is found: question words (`endings` only count last in a clause:
   * "không", "chưa"; `openings` only first: "how", "can"), the words that open the question part
   * ("giờ", "vậy", "cho hỏi"), yes/no frames ("được không", "có ... không"), which take the aspect of the
   * words inside them and otherwise ask about eligibility, and request words ("xin", "làm", "tra cứu": single
   * words), which make the topic after them the thing asked, and the phrases of things already done ("đã ... rồi"),
   * whose clause is story even next to the question, and the phrases that announce a question ("cho hỏi", "muốn
   * hỏi"): what follows them is asked, question word or not; and the words that point back at something named
   * before ("nó", "cái đó", "it"), which make the clause before part of the question; and the phrases that open
   * what something is wanted for ("để làm", "in order to"), which counts less than what is wanted.
   */
  question: {
    words: string[];
    endings: string[];
    openings: string[];
    starts: string[];
    yesNo: string[];
    requests: string[];
    done: string[];
    asking: string[];
    references: string[];
    /** Words opening a clause that tacks a reason on to the question before it ("…, since I'm a foreign mother?"). */
    afterthoughts: string[];
    purposes: string[];
    /**
     * Words telling what the person wants to do ("muốn", "định", "I would like to"): a clause of the story saying
     * it counts in the search as much as the clause next to the question ("nay em muốn làm căn cước cho bé..., nghe
     * nói làm trên VNeID được..., chỉ em từng bước với?" asks about the identity card the first clause wants).
     */
    wants: string[];
    /**
     * Words of what the bot itself is asked to do and never does ("translate", "dịch"): an uncovered topic that
     * opens with one is what is asked, whatever entry the rest names ("translate my birth certificate into French").
     */
    tasks: string[];
  };
  /** In priority order: the first aspect that matches wins. */
  aspects: { aspect: Aspect; patterns: string[] }[];
  /** Commands valid at any step, recognised only when they are the whole message. */
  commands: Record<Command, string[]>;
  /** Topics the bot does not cover, in groups: a message naming one is answered "I have no information". */
  outOfScope: string[][];
  /** Short replies to a yes/no question, recognised only when they are the whole message. */
  answers: Record<Answer, string[]>;
}

export type Command = 'cancel' | 'resume' | 'privacy' | 'help';
export type Answer = 'yes' | 'no' | 'unknown';

export const ASPECTS: readonly Aspect[] = ['documents', 'fee', 'time', 'where', 'online', 'steps', 'eligibility', 'legal'];

/** An empty set, for knowledge folders without the two files (tests, small fixtures). */
export function emptyLanguageData(): LanguageData {
  const none = { patterns: [] };
  return {
    abbreviations: {},
    synonyms: {},
    filler: [],
    generic: [],
    english: [],
    loanwords: [],
    vietnamese: [],
    unsearched: [],
    confusable: [],
    places: [],
    placeKinds: [],
    greeting: none,
    thanks: none,
    help: { ...none, self: [], scope: [] },
    handoff: { ...none, failed: [] },
    language: { en: [], vi: [], cues: [] },
    status: { patterns: [], dossier: [], filed: [], progress: [], waiting: [] },
    question: { words: [], endings: [], openings: [], starts: [], yesNo: [], requests: [], done: [], asking: [], references: [], afterthoughts: [], purposes: [], wants: [], tasks: [] },
    aspects: [],
    commands: { cancel: [], resume: [], privacy: [], help: [] },
    answers: { yes: [], no: [], unknown: [] },
    outOfScope: [],
  };
}
