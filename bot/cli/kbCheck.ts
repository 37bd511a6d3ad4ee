import { join, relative, resolve } from 'node:path';
import { loadKnowledge } from '../knowledge/loadKnowledge';
import { countBySeverity, formatProblem, type Severity } from '../knowledge/problem';

/**
 * `npm run kb:check [-- folder]`: validates a knowledge folder the way the bot will load it, prints every problem
 * as `path:line:col: error|warning: message` (path relative to the working directory, so editors can jump to it)
 * and one summary line. Exit code 1 when there is any error, so CI and staff scripts can stop a bad version.
 */
export function runKbCheck(args: readonly string[], env: NodeJS.ProcessEnv, print: (line: string) => void): number {
  const dir = resolve(args[0] ?? env.KB_DIR ?? 'knowledge');
  const { problems, entryCount } = loadKnowledge(dir);
  for (const problem of problems) {
    print(formatProblem(problem, relative(process.cwd(), join(dir, problem.file)) || '.'));
  }
  const counts = countBySeverity(problems);
  print(summarize(entryCount, counts));
  return counts.error > 0 ? 1 : 0;
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
  process.exitCode = runKbCheck(process.argv.slice(2), process.env, stdoutPrinter());
}
