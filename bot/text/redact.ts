import source from '../locales/personalData.json';
import { stripMarks } from './fold';

/** Words that introduce a name (bot/locales/personalData.json), already folded. */
export interface NameRules {
  /** A name always follows: "tên tôi là", "my name is". */
  strong: string[][];
  /** A name follows only when it looks like one (capitalised, or a common surname first): "tôi là", "I am". */
  weak: string[][];
  surnames: Set<string>;
  /** Words that end a name written in lower case ("cần", "muốn"...). */
  stops: Set<string>;
}

export interface NameRuleSource {
  strong: string[];
  weak: string[];
  surnames: string[];
  stops: string[];
}

/** The longest a kept question may be. */
export const MAX_KEPT_LENGTH = 300;

/** Longest run of words taken as a name. */
const MAX_NAME_WORDS = 4;

/**
 * Strips what looks like personal data from a citizen's message before it is kept for staff (the unanswered
 * question log) or logged at debug, and keeps it short: e-mail addresses, dossier codes and dates (a word with
 * separators holding 8 digits or more), phone, ID, tax and account numbers (7 digits or more), and, with name
 * rules, the name after "tôi là", "tên tôi là", "my name is"... Years, days and decree numbers stay.
 */
export function redactPersonalData(text: string, names: NameRules | null = BUNDLED_NAME_RULES): string {
  let kept = text
    .normalize('NFC')
    .replace(/\S+@\S+\.\S+/g, '[email]')
    .replace(/(?<![\w.-])\+?\d[\d .-]{6,}\d(?![\w-]|\.\w)/g, '[number]')
    .replace(/[\p{L}\p{N}]+(?:[.\-/_][\p{L}\p{N}]+)+/gu, (word) => (digits(word) >= 8 ? '[code]' : word))
    .replace(/\d{7,}/g, '[number]');
  if (names) kept = redactNames(kept, names);
  return kept.slice(0, MAX_KEPT_LENGTH);
}

/** Name rules from their source lists (folded once). */
export function nameRules(source: NameRuleSource): NameRules {
  const phrase = (text: string) => foldWords(text);
  return {
    strong: source.strong.map(phrase),
    weak: source.weak.map(phrase),
    surnames: new Set(source.surnames.map((word) => foldWord(word))),
    stops: new Set(source.stops.map((word) => foldWord(word))),
  };
}

interface Word {
  start: number;
  end: number;
  folded: string;
  capitalised: boolean;
  /** Punctuation between this word and the next ends a name. */
  boundaryAfter: boolean;
  /** That punctuation is a colon ("Họ và tên: ..."): it leads to the name rather than away from it. */
  colonAfter: boolean;
}

function redactNames(text: string, rules: NameRules): string {
  const words = splitWords(text);
  const spans: [number, number][] = [];
  for (let i = 0; i < words.length; i++) {
    const strong = longestTrigger(words, i, rules.strong);
    const weak = strong ? 0 : longestTrigger(words, i, rules.weak);
    const length = strong || weak;
    if (!length || (words[i + length - 1].boundaryAfter && !words[i + length - 1].colonAfter)) continue;
    const count = nameLength(words, i + length, rules, strong > 0);
    if (count === 0) continue;
    spans.push([words[i + length].start, words[i + length + count - 1].end]);
    i += length + count - 1;
  }
  let result = text;
  for (const [start, end] of spans.reverse()) result = `${result.slice(0, start)}[name]${result.slice(end)}`;
  return result;
}

/** How many words from `from` make the name: capitalised words, or (strong trigger or surname first) words up to a stop. */
function nameLength(words: Word[], from: number, rules: NameRules, strong: boolean): number {
  const first = words[from];
  if (!first || first.folded.startsWith('[')) return 0;
  if (first.capitalised) return run(words, from, (word) => word.capitalised);
  if (!strong && !rules.surnames.has(first.folded)) return 0;
  return run(words, from, (word) => !rules.stops.has(word.folded));
}

function run(words: Word[], from: number, keep: (word: Word) => boolean): number {
  let count = 0;
  while (count < MAX_NAME_WORDS && from + count < words.length && keep(words[from + count])) {
    count += 1;
    if (words[from + count - 1].boundaryAfter) break;
  }
  return count;
}

/** The length (in words) of the longest trigger starting at word i, or 0. */
function longestTrigger(words: Word[], i: number, triggers: string[][]): number {
  let best = 0;
  for (const trigger of triggers) {
    if (trigger.length <= best || i + trigger.length > words.length) continue;
    if (trigger.every((part, k) => words[i + k].folded === part && (k === trigger.length - 1 || !words[i + k].boundaryAfter))) best = trigger.length;
  }
  return best;
}

function splitWords(text: string): Word[] {
  const words: Word[] = [];
  for (const match of text.matchAll(/\[?[\p{L}\p{M}\p{N}]+(?:['’][\p{L}]+)?\]?/gu)) {
    const start = match.index ?? 0;
    const word = match[0];
    const previous = words.at(-1);
    if (previous) {
      const between = text.slice(previous.end, start);
      previous.boundaryAfter = /[,.;:!?()\n]/.test(between);
      previous.colonAfter = /^\s*:\s*$/.test(between);
    }
    words.push({ start, end: start + word.length, folded: foldWord(word), capitalised: /^\p{Lu}/u.test(word), boundaryAfter: false, colonAfter: false });
  }
  return words;
}

function foldWords(text: string): string[] {
  return text.split(/\s+/).filter(Boolean).map(foldWord);
}

function foldWord(word: string): string {
  return stripMarks(word.normalize('NFC').toLowerCase()).replace(/’/g, "'");
}

function digits(word: string): number {
  return word.replace(/\D/g, '').length;
}

/** The rules of bot/locales/personalData.json. */
export const BUNDLED_NAME_RULES: NameRules = nameRules(source);
