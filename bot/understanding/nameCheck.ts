import type { Entry, KnowledgeBase } from '../knowledge/types';
import type { Step } from '../knowledge/field';
import type { Intent, PhraseIntent } from './intentRecognizer';
import { FAQ_RIVAL_MARGIN, Understander, type Understanding } from './understander';

const PHRASE_INTENTS: readonly Intent[] = ['greeting', 'thanks', 'help', 'handoff'];

function isPhraseIntent(intent: Intent): intent is PhraseIntent {
  return PHRASE_INTENTS.includes(intent);
}

/** An alias or FAQ question the bot would not read as its own entry, typed alone as a first message. */
export interface MisreadName {
  entry: Entry;
  kind: 'alias' | 'faq';
  text: string;
  /** Where it is in the entry's file: `aliases`, index / `faq`, index, `q`. */
  path: Step[];
  /**
   * Answered "not covered", answered as an entry (for a FAQ question also its own entry's overview, without the
   * staff's answer), taken for small talk (a greeting, thanks, help, handoff), or, for a FAQ question only, asked
   * about ("did you mean") or taken for a status question or a language switch.
   */
  reading:
    | { as: 'none' }
    | { as: 'entry'; id: string }
    | { as: 'small talk'; intent: PhraseIntent }
    | { as: 'asked'; ids: string[] }
    | { as: 'said'; intent: 'status' | 'language' };
  /** The out-of-scope phrases (intents.yaml) the text names: the likely cause of a "not covered". */
  phrases: string[];
  /** Why a FAQ question is not answered on its own (see FaqCause). */
  cause?: FaqCause;
}

/**
 * Why a FAQ question typed alone does not get its staff answer: the bot no longer matches it to itself
 * (`unmatched`), it is closer to a question of another entry (`closer`), another entry's question is nearly as
 * close (`rival`), or it names too little of its entry for the search to place that entry among the best
 * (`unnamed`, with the entries found first).
 */
export type FaqCause = { why: 'unmatched' } | { why: 'closer'; id: string } | { why: 'rival'; id: string } | { why: 'unnamed'; ids: string[] };

/**
 * The aliases and FAQ questions that the bot answers "not covered", answers as another entry without asking, or
 * takes for small talk: an out-of-scope phrase staff added that an entry's own name contains, two entries claiming
 * the same words, or a greeting, thanks, help or handoff phrase (intents.yaml) the text holds outside a name.
 * A "did you mean" that lists the entry is no misreading of an alias. A FAQ question is read only when its entry's
 * staff answer is given: one the bot asks about, or answers with an overview, is reported too, with its cause.
 * Both languages of a FAQ question are tried.
 */
export function misreadNames(kb: Pick<KnowledgeBase, 'entries' | 'language' | 'communes'>): MisreadName[] {
  const understander = new Understander(kb);
  const found: MisreadName[] = [];
  for (const entry of kb.entries) {
    const asked: { kind: MisreadName['kind']; text: string; path: Step[] }[] = [
      ...entry.aliases.map((text, i) => ({ kind: 'alias' as const, text, path: ['aliases', i] })),
      ...entry.faq.flatMap(({ q }, i) =>
        [q.vi, ...(q.en ? [q.en] : [])].map((text, k) => ({ kind: 'faq' as const, text, path: ['faq', i, 'q', ...(q.en ? [k ? 'en' : 'vi'] : [])] })),
      ),
    ];
    for (const { kind, text, path } of asked) {
      const result = understander.understand(text);
      const reading = kind === 'alias' ? aliasReading(entry.id, result) : faqReading(entry.id, result);
      if (!reading) continue;
      const name: MisreadName = { entry, kind, text, path, reading, phrases: understander.uncoveredPhrases(text) };
      found.push(kind === 'faq' ? { ...name, cause: faqCause(understander, entry.id, text, result) } : name);
    }
  }
  return found;
}

function aliasReading(id: string, result: Understanding): MisreadName['reading'] | null {
  if (result.faq?.entryId === id || (result.intent === 'procedure' && result.id === id)) return null;
  if (result.intent === 'none') return { as: 'none' };
  if (isPhraseIntent(result.intent)) return { as: 'small talk', intent: result.intent };
  if (result.intent === 'procedure' && result.decision === 'answer' && result.id !== null) return { as: 'entry', id: result.id };
  return null;
}

/** A FAQ question is read when a staff answer of its entry is what the bot gives. */
function faqReading(id: string, result: Understanding): MisreadName['reading'] | null {
  if (result.faq?.entryId === id) return null;
  if (result.intent === 'none') return { as: 'none' };
  if (isPhraseIntent(result.intent)) return { as: 'small talk', intent: result.intent };
  if (result.intent === 'status' || result.intent === 'language') return { as: 'said', intent: result.intent };
  if (result.decision === 'clarify') return { as: 'asked', ids: result.candidates.map((candidate) => candidate.id) };
  return { as: 'entry', id: result.faq?.entryId ?? result.id ?? id };
}

function faqCause(understander: Understander, id: string, text: string, result: Understanding): FaqCause {
  const match = understander.faqMatch(text);
  if (!match) return { why: 'unmatched' };
  if (match.entryId !== id) return { why: 'closer', id: match.entryId };
  if (match.rivalId !== null && match.score - match.rival < FAQ_RIVAL_MARGIN) return { why: 'rival', id: match.rivalId };
  return { why: 'unnamed', ids: result.candidates.map((candidate) => candidate.id).filter((other) => other !== id).slice(0, 2) };
}

/** The warning staff read: which text of which entry, what the bot does with it, and the phrase responsible. */
export function describeMisread(name: MisreadName): string {
  const what = `${name.kind === 'alias' ? 'alias' : 'FAQ question'} "${name.text}" of ${name.entry.id}`;
  if (name.cause) return `${what} is not answered on its own: typed alone, the bot ${doing(name)}; ${explain(name.cause, name.entry.id)}`;
  const phrases = name.phrases.map((phrase) => `"${phrase}"`).join(', ');
  if (name.reading.as === 'entry' || name.reading.as === 'asked') {
    const id = name.reading.as === 'entry' ? name.reading.id : name.reading.ids.join(' or ');
    const cause = phrases ? ` (it also names the out-of-scope ${plural(name.phrases, 'phrase')} ${phrases})` : '';
    return `${what} is answered as ${id}${cause}: make the two entries' names tell them apart`;
  }
  if (name.reading.as === 'small talk') {
    return `${what} is taken for ${name.reading.intent} (a ${name.reading.intent} phrase of intents.yaml matches in it): reword the ${name.kind === 'alias' ? 'alias' : 'question'}, or narrow the phrase`;
  }
  if (name.reading.as === 'said') return `${what} is taken for ${SAID[name.reading.intent]}: reword the ${name.kind === 'alias' ? 'alias' : 'question'}`;
  if (!phrases) return `${what} is answered "not covered": no entry is a confident match for it`;
  const fix = `narrow the phrase, or reword the ${name.kind === 'alias' ? 'alias' : 'question'}`;
  return `${what} is answered "not covered"; the out-of-scope ${plural(name.phrases, 'phrase')} ${phrases} (intents.yaml out_of_scope) ${name.phrases.length === 1 ? 'matches' : 'match'} in it: ${fix}`;
}

const SAID = { status: "a question about the citizen's own dossier", language: 'a request to switch language' } as const;

/** What the bot does with a FAQ question typed alone. */
function doing(name: MisreadName): string {
  const { reading } = name;
  const phrases = name.phrases.map((phrase) => `"${phrase}"`).join(', ');
  switch (reading.as) {
    case 'none':
      return `answers "not covered"${phrases ? ` (the out-of-scope ${plural(name.phrases, 'phrase')} ${phrases} of intents.yaml ${name.phrases.length === 1 ? 'matches' : 'match'})` : ''}`;
    case 'small talk':
      return `takes it for ${reading.intent} (a ${reading.intent} phrase of intents.yaml matches in it)`;
    case 'said':
      return `takes it for ${SAID[reading.intent]}`;
    case 'asked':
      return `asks which of ${reading.ids.join(', ')} is meant`;
    case 'entry':
      return reading.id === name.entry.id ? `shows the overview of ${reading.id}, not this answer` : `answers ${reading.id}`;
  }
}

function explain(cause: FaqCause, id: string): string {
  const after = `it is answered after ${id} was shown`;
  switch (cause.why) {
    case 'unmatched':
      return `the words the bot reads in it no longer match it closely enough; ${after}`;
    case 'closer':
      return `it is closer to a FAQ question of ${cause.id}: tell the two questions apart`;
    case 'rival':
      return `a FAQ question of ${cause.id} is nearly as close: tell the two questions apart`;
    case 'unnamed': {
      const found = cause.ids.length ? ` (the search finds ${cause.ids.join(', ')} first)` : '';
      return `it names too little of ${id}${found}; ${after}: name the procedure in it if citizens ask it alone`;
    }
  }
}

function plural(list: readonly unknown[], word: string): string {
  return list.length === 1 ? word : `${word}s`;
}
