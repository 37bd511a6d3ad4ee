import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadKnowledge, type LoadResult } from '../../bot/knowledge/loadKnowledge';
import { formatProblem, type Problem } from '../../bot/knowledge/problem';
import { TOP_LEVEL_FILES } from '../../bot/knowledge/readKnowledgeFiles';
import { SITE_FILE } from '../../bot/knowledge/readSite';

/** Helpers for knowledge tests: copies of the fixture bases in temp folders, small edits, polling. */

export const FIXTURES = join(__dirname, '..', 'fixtures');

/** New content, `null` to delete the file, or `[from, to]` replacements that must each match once. */
export type Edit = string | null | Array<[string, string]>;

export function copyFixture(name = 'kb-valid'): string {
  const dir = mkdtempSync(join(tmpdir(), `${name}-`));
  cpSync(join(FIXTURES, name), dir, { recursive: true });
  return dir;
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export function applyEdits(dir: string, edits: Record<string, Edit>): void {
  for (const [path, edit] of Object.entries(edits)) {
    const file = join(dir, path);
    if (edit === null) rmSync(file);
    else writeFileSync(file, typeof edit === 'string' ? edit : replaceAll(readFileSync(file, 'utf8'), edit, path));
  }
}

/** Loads a copy of the valid fixture with some files edited. */
export function loadEdited(edits: Record<string, Edit>, fixture = 'kb-valid'): LoadResult {
  const dir = copyFixture(fixture);
  try {
    applyEdits(dir, edits);
    return loadKnowledge(dir);
  } finally {
    removeDir(dir);
  }
}

/**
 * The top-level files other layers read (lexicon.yaml, intents.yaml...). The fixtures leave them out, and what
 * their readers say about that is tested with those readers, so these tests set it aside.
 */
export const OTHER_LAYERS_FILES = TOP_LEVEL_FILES.filter((name) => name !== SITE_FILE);

export function isAboutEntries(problem: Problem): boolean {
  return !OTHER_LAYERS_FILES.includes(problem.file);
}

/** Problems as `kb:check` prints them (paths relative to the knowledge folder), other layers' files aside. */
export function lines(problems: readonly Problem[]): string[] {
  return problems.filter(isAboutEntries).map((problem) => formatProblem(problem));
}

/** Polls until `check` holds, failing after `timeoutMs`: no fixed sleeps in tests. */
export async function waitFor(check: () => boolean, timeoutMs = 2000, what = 'condition'): Promise<number> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return Date.now() - start;
}

function replaceAll(text: string, replacements: Array<[string, string]>, path: string): string {
  return replacements.reduce((current, [from, to]) => {
    if (!current.includes(from)) throw new Error(`fixture ${path} does not contain ${JSON.stringify(from)}`);
    return current.replace(from, to);
  }, text);
}
