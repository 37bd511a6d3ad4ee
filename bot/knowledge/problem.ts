/**
 * A problem found in the knowledge folder, located so a staff editor can jump to it: `file:line:col: message`.
 * Errors stop a version from being served; warnings are shown but never block.
 */
export type Severity = 'error' | 'warning';

export interface Problem {
  /** Path relative to the knowledge folder, with `/` separators (e.g. `procedures/khai-sinh.yaml`). */
  file: string;
  /** 1-based line and column of the offending key or value. */
  line: number;
  col: number;
  severity: Severity;
  message: string;
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((problem) => problem.severity === 'error');
}

export function countBySeverity(problems: readonly Problem[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0 };
  for (const problem of problems) counts[problem.severity] += 1;
  return counts;
}

/** Orders problems by file, then position, so every run prints them in the same order. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) => compareText(a.file, b.file) || a.line - b.line || a.col - b.col,
  );
}

/** `path:line:col: error: message`, with the path given by the caller (relative to the cwd for the CLI). */
export function formatProblem(problem: Problem, path: string = problem.file): string {
  return `${path}:${problem.line}:${problem.col}: ${problem.severity}: ${problem.message}`;
}

function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
