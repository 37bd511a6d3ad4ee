import type { Entry, KnowledgeBase } from '../knowledge/types';
import type { Step } from '../knowledge/field';
import type { Intent, PhraseIntent } from './intentRecognizer';
import { Understander } from './understander';

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
  /** Answered "not covered", answered as another entry, or taken for small talk (a greeting, thanks, help, handoff). */
  reading: { as: 'none' } | { as: 'entry'; id: string } | { as: 'small talk'; intent: PhraseIntent };
  /** The out-of-scope phrases (intents.yaml) the text names: the likely cause of a "not covered". */
  phrases: string[];
}

/**
 * The aliases and FAQ questions that the bot answers "not covered", answers as another entry without asking, or
 * takes for small talk: an out-of-scope phrase staff added that an entry's own name contains, two entries claiming
 * the same words, or a greeting, thanks, help or handoff phrase (intents.yaml) the text holds outside a name.
 * A "did you mean" that lists the entry is no misreading; an FAQ question counts as read when the staff answer
 * of its entry is found. Both languages of an FAQ question are tried.
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
      const reading = readingOf(understander, entry.id, text);
      if (reading) found.push({ entry, kind, text, path, reading, phrases: understander.uncoveredPhrases(text) });
    }
  }
  return found;
}

function readingOf(understander: Understander, id: string, text: string): MisreadName['reading'] | null {
  const result = understander.understand(text);
  if (result.faq?.entryId === id || (result.intent === 'procedure' && result.id === id)) return null;
  if (result.intent === 'none') return { as: 'none' };
  if (isPhraseIntent(result.intent)) return { as: 'small talk', intent: result.intent };
  if (result.intent === 'procedure' && result.decision === 'answer' && result.id !== null) return { as: 'entry', id: result.id };
  return null;
}

/** The warning staff read: which text of which entry, what the bot does with it, and the phrase responsible. */
export function describeMisread(name: MisreadName): string {
  const what = `${name.kind === 'alias' ? 'alias' : 'FAQ question'} "${name.text}" of ${name.entry.id}`;
  const phrases = name.phrases.map((phrase) => `"${phrase}"`).join(', ');
  if (name.reading.as === 'entry') {
    const cause = phrases ? ` (it also names the out-of-scope ${plural(name.phrases, 'phrase')} ${phrases})` : '';
    return `${what} is answered as ${name.reading.id}${cause}: make the two entries' names tell them apart`;
  }
  if (name.reading.as === 'small talk') {
    return `${what} is taken for ${name.reading.intent} (a ${name.reading.intent} phrase of intents.yaml matches in it): reword the ${name.kind === 'alias' ? 'alias' : 'question'}, or narrow the phrase`;
  }
  if (!phrases) return `${what} is answered "not covered": no entry is a confident match for it`;
  const fix = `narrow the phrase, or reword the ${name.kind === 'alias' ? 'alias' : 'question'}`;
  return `${what} is answered "not covered"; the out-of-scope ${plural(name.phrases, 'phrase')} ${phrases} (intents.yaml out_of_scope) ${name.phrases.length === 1 ? 'matches' : 'match'} in it: ${fix}`;
}

function plural(list: readonly unknown[], word: string): string {
  return list.length === 1 ? word : `${word}s`;
}
