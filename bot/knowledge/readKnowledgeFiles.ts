import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SourceFile } from './openYamlFile';
import type { Problem } from './problem';
import type { Entry } from './types';

export interface EntrySourceFile extends SourceFile {
  kind: Entry['kind'];
}

export interface KnowledgeFiles {
  /** False when the folder itself could not be listed (already reported). */
  found: boolean;
  /** The known top-level files that exist, by name (`site.yaml`...). */
  topLevel: Map<string, SourceFile>;
  /** Entry files, procedures first, each folder in name order. */
  entries: EntrySourceFile[];
  problems: Problem[];
}

/** Where entries live; the folder gives the kind. */
export const ENTRY_FOLDERS: ReadonlyArray<{ folder: string; kind: Entry['kind'] }> = [
  { folder: 'procedures', kind: 'procedure' },
  { folder: 'topics', kind: 'topic' },
];

/**
 * Top-level files with a known purpose. To extend the base with another, add its name here and its reader in
 * loadKnowledge; any other top-level .yaml file is reported as not read.
 */
export const TOP_LEVEL_FILES: readonly string[] = ['site.yaml', 'lexicon.yaml', 'intents.yaml', 'menu.yaml'];

/**
 * Reads every file the knowledge base is built from, synchronously: thousands of small files load faster with
 * readFileSync than through promises, and a load must see one consistent listing.
 */
export function readKnowledgeFiles(dir: string): KnowledgeFiles {
  const files: KnowledgeFiles = { found: true, topLevel: new Map(), entries: [], problems: [] };
  const names = listYamlFiles(dir, '', files.problems);
  if (names === undefined) return { ...files, found: false };
  for (const name of names) {
    const file = readSource(dir, name, files.problems);
    if (file !== undefined && TOP_LEVEL_FILES.includes(name)) files.topLevel.set(name, file);
    else if (file !== undefined) {
      const message = `"${name}" is not read: procedures go in procedures/, topics in topics/`;
      files.problems.push(at(name, 'warning', message));
    }
  }
  for (const { folder, kind } of ENTRY_FOLDERS) {
    for (const name of listYamlFiles(dir, folder, files.problems) ?? []) {
      const file = readSource(dir, `${folder}/${name}`, files.problems);
      if (file !== undefined) files.entries.push({ ...file, kind });
    }
  }
  return files;
}

/** The `.yaml` files of one folder in name order; editors' temporary and backup files are skipped silently. */
function listYamlFiles(dir: string, folder: string, problems: Problem[]): string[] | undefined {
  let dirents;
  try {
    dirents = readdirSync(join(dir, folder), { withFileTypes: true });
  } catch (error) {
    if (folder !== '' && errorCode(error) === 'ENOENT') return [];
    const missing = errorCode(error) === 'ENOENT';
    const message = missing ? 'knowledge folder not found' : `cannot read the folder: ${errorMessage(error)}`;
    problems.push(at(folder || '.', 'error', message));
    return undefined;
  }
  const names = dirents
    .filter((dirent) => !dirent.isDirectory() && !isTemporary(dirent.name))
    .map((dirent) => dirent.name);
  for (const name of names.filter((candidate) => candidate.endsWith('.yml'))) {
    problems.push(at(folder ? `${folder}/${name}` : name, 'warning', `"${name}" is not read: name it with ".yaml"`));
  }
  return names.filter((name) => name.endsWith('.yaml')).sort();
}

function readSource(dir: string, path: string, problems: Problem[]): SourceFile | undefined {
  try {
    return { path, text: readFileSync(join(dir, path), 'utf8') };
  } catch (error) {
    // Deleted between listing and reading (an editor saving by rename): the next change event reloads again.
    if (errorCode(error) === 'ENOENT' || errorCode(error) === 'EISDIR') return undefined;
    problems.push(at(path, 'error', `cannot read the file: ${errorMessage(error)}`));
    return undefined;
  }
}

/** Vim swap files, `file~` backups, `.#file` locks, VS Code/atomic-write temp names. */
function isTemporary(name: string): boolean {
  return name.startsWith('.') || name.endsWith('~') || /\.(swp|swx|tmp|bak)$/i.test(name) || /^\d+$/.test(name);
}

function at(file: string, severity: Problem['severity'], message: string): Problem {
  return { file, line: 1, col: 1, severity, message };
}

// Duck-typed rather than `instanceof Error`: errors thrown by node:fs fail that check inside jest's sandbox.
function errorCode(error: unknown): string | undefined {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  return typeof code === 'string' ? code : undefined;
}

function errorMessage(error: unknown): string {
  return typeof error === 'object' && error !== null && 'message' in error ? String(error.message) : String(error);
}
