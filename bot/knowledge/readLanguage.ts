import { ASPECTS, emptyLanguageData, type HandoffPatterns, type HelpPatterns, type IntentPatterns, type LanguageData } from './languageData';
import { tokenize } from '../text/tokens';
import { MapReader } from './mapReader';
import type { Problem } from './problem';
import { keyOf, type Field, type ReadContext, type Reader } from './readContext';
import { readYamlFile, type SourceFile } from './readYamlFile';
import type { Aspect } from './types';
import { readList, readString } from './valueReaders';

export const LEXICON_FILE = 'lexicon.yaml';
export const INTENTS_FILE = 'intents.yaml';

const phrases = readList(readString);

/**
 * lexicon.yaml and intents.yaml: the words and phrases the bot understands besides the entries. Either file may
 * be missing (the bot then understands only entry names), which is worth a warning, not a refusal.
 */
export function readLanguage(lexicon?: SourceFile, intents?: SourceFile): { language: LanguageData; problems: Problem[] } {
  const language = emptyLanguageData();
  const problems: Problem[] = [];
  for (const [name, source, read] of [
    [LEXICON_FILE, lexicon, readLexicon],
    [INTENTS_FILE, intents, readIntents],
  ] as const) {
    if (source === undefined) {
      problems.push({ file: name, line: 1, col: 1, severity: 'warning', message: `${name} is missing: the bot will understand less` });
      continue;
    }
    const { value, ctx } = readYamlFile(source, undefined, read);
    Object.assign(language, value);
    problems.push(...ctx.problems);
  }
  return { language, problems };
}

function readLexicon(ctx: ReadContext, root: Field): Partial<LanguageData> {
  const file = MapReader.open(ctx, root);
  const seen = new Map<string, string>();
  const lexicon = {
    abbreviations: file.optional('abbreviations', readVariants(seen)) ?? {},
    synonyms: file.optional('synonyms', readVariants(seen)) ?? {},
    english: file.optional('english', phrases) ?? [],
    loanwords: file.optional('loanwords', phrases) ?? [],
    vietnamese: file.optional('vietnamese', phrases) ?? [],
    unsearched: file.optional('unsearched', phrases) ?? [],
    confusable: file.optional('confusable', readList(phrases)) ?? [],
    places: file.optional('places', phrases) ?? [],
    placeKinds: file.optional('place_kinds', phrases) ?? [],
  };
  file.finish();
  return lexicon;
}

/** `canonical: [variants]` blocks; a variant claimed by two canonical forms would make the meaning depend on order. */
function readVariants(seen: Map<string, string>): Reader<Record<string, string[]>> {
  return (ctx, field) => {
    const table: Record<string, string[]> = {};
    for (const { key, field: value } of MapReader.open(ctx, field).all()) {
      const variants = phrases(ctx, value);
      for (const variant of variants) {
        const folded = tokenize(variant).join(' ');
        const other = seen.get(folded);
        if (other !== undefined && other !== key) {
          ctx.error(value, `"${variant}" is listed under both "${other}" and "${key}": keep it under one`);
        }
        seen.set(folded, key);
      }
      table[key] = variants;
    }
    return table;
  };
}

function readIntents(ctx: ReadContext, root: Field): Partial<LanguageData> {
  const file = MapReader.open(ctx, root);
  const defaults = emptyLanguageData();
  const intents = {
    filler: file.optional('filler', phrases) ?? [],
    generic: file.optional('generic', phrases) ?? [],
    greeting: file.optional('greeting', readIntentPatterns) ?? defaults.greeting,
    thanks: file.optional('thanks', readIntentPatterns) ?? defaults.thanks,
    help: file.optional('help', readHelpPatterns) ?? defaults.help,
    handoff: file.optional('handoff', readHandoffPatterns) ?? defaults.handoff,
    language: file.optional('language', readGroups(['en', 'vi', 'cues'] as const)) ?? defaults.language,
    status: file.optional('status', readGroups(['patterns', 'dossier', 'filed', 'progress', 'waiting'] as const)) ?? defaults.status,
    question: file.optional('question', readQuestion) ?? defaults.question,
    aspects: file.optional('aspects', readAspects) ?? [],
    commands: file.optional('commands', readGroups(['cancel', 'resume', 'privacy', 'help'] as const)) ?? defaults.commands,
    answers: file.optional('answers', readGroups(['unknown', 'no', 'yes'] as const)) ?? defaults.answers,
    outOfScope: file.optional('out_of_scope', readList(phrases)) ?? [],
  };
  file.finish();
  return intents;
}

function readIntentPatterns(ctx: ReadContext, field: Field): IntentPatterns {
  const block = MapReader.open(ctx, field);
  const patterns = block.required('patterns', phrases, []);
  block.finish();
  return { patterns };
}

function readHelpPatterns(ctx: ReadContext, field: Field): HelpPatterns {
  const block = MapReader.open(ctx, field);
  const patterns = block.required('patterns', phrases, []);
  const self = block.optional('self', phrases) ?? [];
  const scope = block.optional('scope', phrases) ?? [];
  block.finish();
  return { patterns, self, scope };
}

function readHandoffPatterns(ctx: ReadContext, field: Field): HandoffPatterns {
  const block = MapReader.open(ctx, field);
  const patterns = block.required('patterns', phrases, []);
  const failed = block.optional('failed', phrases) ?? [];
  block.finish();
  return { patterns, failed };
}

/** A block whose keys are fixed names, each a list of phrases; every key is required. */
function readGroups<K extends string>(keys: readonly K[]): Reader<Record<K, string[]>> {
  return (ctx, field) => {
    const block = MapReader.open(ctx, field);
    const groups = Object.fromEntries(keys.map((key) => [key, block.required(key, phrases, [])])) as Record<K, string[]>;
    block.finish();
    return groups;
  };
}

function readQuestion(ctx: ReadContext, field: Field): LanguageData['question'] {
  const block = MapReader.open(ctx, field);
  const question = {
    words: block.required('words', phrases, []),
    endings: block.required('endings', phrases, []),
    openings: block.required('openings', phrases, []),
    starts: block.required('starts', phrases, []),
    yesNo: block.required('yes_no', phrases, []),
    requests: block.optional('requests', phrases) ?? [],
    done: block.optional('done', phrases) ?? [],
    asking: block.optional('asking', phrases) ?? [],
    references: block.optional('references', phrases) ?? [],
    afterthoughts: block.optional('afterthoughts', phrases) ?? [],
    purposes: block.optional('purposes', phrases) ?? [],
    wants: block.optional('wants', phrases) ?? [],
    tasks: block.optional('tasks', phrases) ?? [],
  };
  block.finish();
  return question;
}

/** `aspects:` keeps the order staff wrote, which is the priority order. */
function readAspects(ctx: ReadContext, field: Field): { aspect: Aspect; patterns: string[] }[] {
  const block = MapReader.open(ctx, field);
  const found = block.all().flatMap(({ key, field: value }) => {
    const aspect = ASPECTS.find((name) => name === key);
    if (aspect === undefined) {
      ctx.error(keyOf(value), `unknown aspect "${key}": the aspects are ${ASPECTS.join(', ')}`);
      return [];
    }
    return [{ aspect, patterns: phrases(ctx, value) }];
  });
  block.finish();
  return found;
}
