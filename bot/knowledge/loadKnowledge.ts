import { createHash } from 'node:crypto';
import { checkEntries } from './checkEntries';
import type { SourceFile } from './openYamlFile';
import { hasErrors, sortProblems, type Problem } from './problem';
import { readEntryFile, type EntryDraft, type EntryRead } from './readEntry';
import { readKnowledgeFiles, type EntrySourceFile, type KnowledgeFiles } from './readKnowledgeFiles';
import { INTENTS_FILE, LEXICON_FILE, readLanguage } from './readLanguage';
import { MENU_FILE, readMenu } from './readMenu';
import { readSite, SITE_FILE } from './readSite';
import type { KnowledgeBase, SiteFacts } from './types';

export interface LoadResult {
  /** Present only when there is no error: a base with errors is never served. */
  kb?: KnowledgeBase;
  /** Every problem found, errors and warnings, in file and line order. */
  problems: Problem[];
  /** How many entry files were found, read successfully or not (for the `kb:check` summary). */
  entryCount: number;
}

/**
 * What the last load read from each entry file, keyed by path. Re-reading an unchanged file (same text, same
 * site.yaml) reuses its result, so a reload after one edit costs a directory read, not a full parse. The caller
 * owns it (the store keeps one per folder); reused entries are shared between versions and must not be mutated.
 */
export type LoadCache = Map<string, { text: string; siteText: string; read: EntryRead }>;

export interface LoadOptions {
  cache?: LoadCache;
  now?: () => Date;
}

/**
 * Reads, validates and builds the knowledge base of a folder: procedures/*.yaml, topics/*.yaml, site.yaml, and the
 * language files lexicon.yaml and intents.yaml.
 */
export function loadKnowledge(dir: string, options: LoadOptions = {}): LoadResult {
  const files = readKnowledgeFiles(dir);
  if (!files.found) return { problems: files.problems, entryCount: 0 };
  const siteFile = files.topLevel.get(SITE_FILE);
  const { site, communes, problems: siteProblems } = readSite(siteFile);
  const { language, problems: languageProblems } = readLanguage(files.topLevel.get(LEXICON_FILE), files.topLevel.get(INTENTS_FILE));
  const reads = readEntries(files.entries, site, siteFile?.text ?? '', options.cache);
  const drafts = reads.flatMap((read) => (read.draft === undefined ? [] : [read.draft]));
  const knownIds = new Set([...files.entries.map(idFromPath), ...drafts.map((draft) => draft.entry.id)]);
  const { menu, problems: menuProblems } = readMenu(files.topLevel.get(MENU_FILE), knownIds);
  const problems = sortProblems([
    ...files.problems,
    ...siteProblems,
    ...languageProblems,
    ...menuProblems,
    ...reads.flatMap((read) => read.problems),
    ...checkEntries(drafts, knownIds),
  ]);
  const entryCount = files.entries.length;
  if (hasErrors(problems)) return { problems, entryCount };
  const kb = buildKnowledgeBase(drafts, { site: site ?? {}, communes, language, menu }, versionOf(files), options.now?.() ?? new Date());
  return { kb, problems, entryCount };
}

function readEntries(
  files: EntrySourceFile[],
  site: SiteFacts | undefined,
  siteText: string,
  cache?: LoadCache,
): EntryRead[] {
  const previous = new Map(cache);
  cache?.clear();
  return files.map((file) => {
    const cached = previous.get(file.path);
    const reusable = cached !== undefined && cached.text === file.text && cached.siteText === siteText;
    const read = reusable ? cached.read : readEntryFile(file, file.kind, site);
    cache?.set(file.path, { text: file.text, siteText, read });
    return read;
  });
}

function buildKnowledgeBase(
  drafts: EntryDraft[],
  shared: Pick<KnowledgeBase, 'site' | 'communes' | 'language' | 'menu'>,
  version: string,
  loadedAt: Date,
): KnowledgeBase {
  const entries = drafts.map((draft) => draft.entry).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { entries, byId: new Map(entries.map((entry) => [entry.id, entry])), ...shared, version, loadedAt };
}

/** A short hash of every file's name and content: equal folders give equal versions. */
function versionOf(files: KnowledgeFiles): string {
  const all: SourceFile[] = [...files.topLevel.values(), ...files.entries];
  const hash = createHash('sha256');
  // Three updates rather than one joined string, which would copy every file once more (same bytes hashed).
  for (const file of all.sort((a, b) => (a.path < b.path ? -1 : 1))) {
    hash.update(`${file.path}\0`);
    hash.update(file.text);
    hash.update('\0');
  }
  return hash.digest('hex').slice(0, 12);
}

function idFromPath(file: SourceFile): string {
  return file.path.replace(/^.*\//, '').replace(/\.yaml$/, '');
}
