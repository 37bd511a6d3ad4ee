import { join, relative, resolve } from 'node:path';
import { loadKnowledge } from '../knowledge/loadKnowledge';
import { countBySeverity, formatProblem } from '../knowledge/problem';

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
  print(`${entryCount} entries, ${counts.error} errors, ${counts.warning} warnings`);
  return counts.error > 0 ? 1 : 0;
}

if (require.main === module) {
  process.exitCode = runKbCheck(process.argv.slice(2), process.env, (line) => process.stdout.write(`${line}\n`));
}
