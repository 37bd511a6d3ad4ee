import type { Clause } from './normalizer';
import type { WeightedTerms } from './searchIndex';

/**
 * How much the story around the question counts in the search, against 1 for the question part: the clause just
 * before it (often what the question is about) 0.7, the rest 0.4, and a clause of something already done 0.2
 * wherever it stands: what was done is seldom what is asked ("đã công chứng hợp đồng rồi, giờ muốn sổ đứng tên
 * em thì làm gì" asks about the transfer, not the contract).
 */
const NEXT_TO_FOCUS = 0.7;
const BACKGROUND = 0.4;
const DONE = 0.2;
/** What something is wanted for, in the question part ("muốn nâng lên mức 2 | để làm thủ tục online"). */
const PURPOSE = 0.4;
/**
 * A clause of the story saying what the person wants to do ("nay em muốn làm căn cước cho bé"), wherever it stands:
 * as much as the clause next to the question. What one wants is seldom mere background.
 */
const WANTED = 0.7;

/** What the focus step needs to know of a clause. */
export interface FocusReader {
  isQuestion(clause: Clause): boolean;
  /** Whether a clause asks by its own words, question mark aside ("what documents do I need", not "since I'm..."). */
  asksByWords(clause: Clause): boolean;
  /** Whether a clause opens with a word that tacks a reason on to what was said before ("since…", "vì…"). */
  isAfterthought(clause: Clause): boolean;
  /** Whether terms name something. */
  names(terms: string[]): boolean;
  /** Whether a clause tells of something already done (story, even next to the question). */
  isDone(clause: Clause): boolean;
  /** Whether a clause points back at something named before ("it", "nó", "cái đó"). */
  refers(clause: Clause): boolean;
  /**
   * A clause's terms split into what is wanted and what it is wanted for, when it says both and what is wanted
   * names something on its own ("muốn nâng lên mức 2" | "để làm thủ tục online thì…"); null otherwise.
   */
  purpose(clause: Clause): { wanted: string[]; purpose: string[] } | null;
  /** Whether a clause says what the person wants to do ("muốn", "định", "I would like to"). */
  wants(clause: Clause): boolean;
}

/** Where a message asks its question. */
export interface Focus {
  /** Every clause's terms with its weight, for the knowledge search. */
  query: WeightedTerms[];
  /** The words of the question part, for the aspect. */
  words: string[];
  /** For each clause, whether it is part of the question. */
  focused: boolean[];
  /** The clause that asks (the last of the question part). */
  asking: number;
}

/**
 * The question part of a message: the last clause that asks something (or the last clause, when none does), and
 * before it as many clauses as it takes to name something ("..., giờ em muốn sang tên, thì mất bao lâu" asks about
 * "sang tên"). The story before it and the afterthoughts after it still count, less: "bố tôi mất tháng trước, nhà
 * đã làm giấy báo tử, giờ mẹ tôi muốn xin tiền hỗ trợ mai táng thì cần gì" asks about the funeral allowance, not
 * the death registration the story also names. A clause of something already done is story even next to the
 * question ("em đã xin giấy xác nhận độc thân rồi, giờ đăng ký kết hôn cần gì"). A question part that points back
 * ("xin cho nó", "put it in my name") takes in the clause before, when that one names something. In the question
 * part, what something is wanted for counts less than what is wanted, when that names something on its own:
 * "giờ muốn nâng lên mức 2 để làm thủ tục online thì…" asks for the level-2 account, not for online filing.
 */
export function findFocus(clauses: Clause[], reader: FocusReader): Focus {
  const { isQuestion, asksByWords, isAfterthought, names, isDone, refers, purpose, wants } = reader;
  if (clauses.length <= 1) {
    const only = clauses[0] ?? { words: [], terms: [] };
    return { query: [{ terms: only.terms, weight: 1 }], words: only.words, focused: clauses.map(() => true), asking: 0 };
  }
  let last = clauses.length - 1;
  while (last > 0 && !isQuestion(clauses[last])) last--;
  if (!isQuestion(clauses[last])) last = clauses.length - 1;
  let first = last;
  // A question mark after an afterthought is the sentence's: "What documents do I need to register her birth, since
  // I'm a foreign mother?" asks in the clause before, which asks by its own words while the afterthought does not.
  if (first > 0 && isAfterthought(clauses[first]) && !asksByWords(clauses[first]) && asksByWords(clauses[first - 1])) first--;
  while (first > 0 && !names(clauses.slice(first, last + 1).flatMap((clause) => clause.terms))) first--;
  // "He owned a motorbike. My mother wants to put it in my name now": what "it" points back at is asked about too.
  if (first > 0 && clauses.slice(first, last + 1).some(refers) && !isDone(clauses[first - 1]) && names(clauses[first - 1].terms)) first--;
  const story = (i: number) => (i === first - 1 ? NEXT_TO_FOCUS : BACKGROUND);
  const weight = (i: number) =>
    i >= first && i <= last ? 1 : isDone(clauses[i]) ? DONE : wants(clauses[i]) ? Math.max(WANTED, story(i)) : story(i);
  const query = clauses.flatMap((clause, i) => {
    const split = i >= first && i <= last ? purpose(clause) : null;
    if (!split) return [{ terms: clause.terms, weight: weight(i) }];
    return [{ terms: split.wanted, weight: 1 }, { terms: split.purpose, weight: PURPOSE }];
  });
  return {
    query,
    words: clauses.slice(first, last + 1).flatMap((clause) => clause.words),
    focused: clauses.map((_, i) => i >= first && i <= last),
    asking: last,
  };
}
