import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { unshownFields, type UnshownField } from '../../dialogs/shownFields';
import { createI18n } from '../i18n';
import { loadKnowledge } from '../knowledge/loadKnowledge';
import type { KnowledgeBase } from '../knowledge/types';
import { countBySeverity, formatProblem, type Problem, type Severity } from '../knowledge/problem';
import { staleEntries, type StaleEntry } from '../knowledge/staleEntries';
import { YamlPositions } from '../knowledge/yamlPositions';
import { describeMisread, misreadNames, type MisreadName } from '../understanding/nameCheck';

const USAGE = 'usage: npm run kb:check [-- [folder] [--stale DAYS]]';

/** Which filled-in fields no answer shows (injected by tests). */
export type UnshownCheck = (kb: KnowledgeBase) => Promise<UnshownField[]>;

/** Which aliases and FAQ questions the bot would not read as their own entry (injected by tests). */
export type MisreadCheck = (kb: KnowledgeBase) => MisreadName[];

/**
 * `npm run kb:check [-- folder] [-- --stale DAYS]`: validates a knowledge folder the way the bot will load it,
 * prints every problem as `path:line:col: error|warning: message` (path relative to the working directory, so
 * editors can jump to it) and one summary line. Exit code 1 when there is any error, so CI and staff scripts can
 * stop a bad version. With `--stale DAYS` it also lists the entries whose facts were last checked (`updated:`) that
 * many days ago or more, oldest first: what staff should check next. Staleness never fails the check.
 */
export async function runKbCheck(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  print: (line: string) => void,
  unshown: UnshownCheck = (kb) => unshownFields(kb, createI18n('vi')),
  today: Date = new Date(),
  misread: MisreadCheck = misreadNames,
): Promise<number> {
  const options = readArgs(args);
  if (typeof options === 'string') {
    print(options);
    print(USAGE);
    return 2;
  }
  const dir = resolve(options.folder ?? env.KB_DIR ?? 'knowledge');
  const loaded = loadKnowledge(dir);
  const { kb, entryCount } = loaded;
  const problems = kb
    ? [...loaded.problems, ...(await unshown(kb)).map(unshownProblem), ...misreadProblems(misread(kb), dir)]
    : loaded.problems;
  const pathOf = (file: string): string => relative(process.cwd(), join(dir, file)) || '.';
  for (const problem of problems) print(formatProblem(problem, pathOf(problem.file)));
  if (options.staleDays !== undefined && kb !== undefined) {
    printStale(staleEntries(kb.entries, options.staleDays, today), options.staleDays, pathOf, print);
  }
  const counts = countBySeverity(problems);
  print(summarize(entryCount, counts));
  return counts.error > 0 ? 1 : 0;
}

function readArgs(args: readonly string[]): { folder?: string; staleDays?: number } | string {
  let folder: string | undefined;
  let staleDays: number | undefined;
  for (let i = 0; i < args.length; i += 1) {
    if (args[i] === '--stale') {
      const days = Number(args[i + 1]);
      if (!Number.isInteger(days) || days < 0) return `--stale needs a whole number of days, found ${JSON.stringify(args[i + 1] ?? '')}`;
      staleDays = days;
      i += 1;
    } else if (args[i].startsWith('--')) return `unknown option ${args[i]}`;
    else folder = args[i];
  }
  return { folder, staleDays };
}

function printStale(stale: StaleEntry[], days: number, pathOf: (file: string) => string, print: (line: string) => void): void {
  const heading = `not checked for ${days} days or more: ${count(stale.length, 'entry', 'entries')}`;
  print(stale.length === 0 ? heading : `${heading}, oldest first`);
  for (const entry of stale) {
    const age = `${entry.updated !== undefined && entry.updated.length < 10 ? 'at least ' : ''}${count(entry.age ?? 0, 'day')} ago`;
    print(`  ${pathOf(entry.file)}: ${entry.updated === undefined ? 'no "updated" date' : `updated ${entry.updated} (${age})`}`);
  }
}

/**
 * A field staff filled in that no answer shows: checked and then ignored is worse than not asked for. Named at
 * the first file that fills it in; the fix is in the code (show it) or in the format (stop reading it).
 */
function unshownProblem(field: UnshownField): Problem {
  const others = field.files.length > 1 ? ` (and ${field.files.length - 1} other ${field.kind} files)` : '';
  return {
    file: field.files[0],
    line: 1,
    col: 1,
    severity: 'warning',
    message: `"${field.yaml}" is read but no answer shows it to citizens${others}`,
  };
}

/**
 * An alias or FAQ question the bot answers "not covered" or as another entry: a citizen typing it gets no answer
 * or the wrong one. Pointed at the text in the entry's file, with the out-of-scope phrase responsible.
 */
function misreadProblems(names: MisreadName[], dir: string): Problem[] {
  const files = new Map<string, YamlPositions | null>();
  const positions = (file: string) => {
    if (!files.has(file)) {
      let text: string | null = null;
      try {
        text = readFileSync(join(dir, file), 'utf8');
      } catch {
        // The file went away since it was loaded: the warning points at its top.
      }
      files.set(file, text === null ? null : new YamlPositions(text));
    }
    return files.get(file) ?? null;
  };
  return names.map((name) => {
    const at = positions(name.entry.file)?.positionOf({ path: name.path, key: false }) ?? { line: 1, col: 1 };
    return { file: name.entry.file, line: at.line, col: at.col, severity: 'warning', message: describeMisread(name) };
  });
}

/** `46 entries, 0 errors, 2 warnings`; `1 entry, 1 error, 1 warning`. */
export function summarize(entryCount: number, counts: Record<Severity, number>): string {
  const entries = count(entryCount, 'entry', 'entries');
  return `${entries}, ${count(counts.error, 'error')}, ${count(counts.warning, 'warning')}`;
}

function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/**
 * Prints to stdout until the reader goes away: `kb:check | head -1` closes the pipe after one line, which is not an
 * error of the check (the exit code still tells whether the folder is valid).
 */
function stdoutPrinter(): (line: string) => void {
  let closed = false;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    closed = true;
  });
  return (line) => {
    if (!closed) process.stdout.write(`${line}\n`);
  };
}

if (require.main === module) {
  void runKbCheck(process.argv.slice(2), process.env, stdoutPrinter()).then((code) => (process.exitCode = code));
}
