import { conditionQuestions, evaluateOpenCondition } from '../bot/knowledge/parseCondition';
import type { ProcedureEntry } from '../bot/knowledge/types';

/** Where a papers check stands; kept in storage so it survives a restart or a pause. */
export interface ChecklistProgress {
  entryId: string;
  /** Answers to the entry's yes/no questions. */
  answers: Record<string, boolean>;
  /** Indexes into the entry's documents. */
  have: number[];
  missing: number[];
  /** A document whose source was just explained ("Không rõ"): it is asked again without that choice. */
  explained?: number;
}

export type ChecklistStep =
  | { kind: 'question'; name: string }
  | { kind: 'document'; index: number; position: number; total: number }
  | { kind: 'done'; applicable: number[] };

export function startProgress(entryId: string): ChecklistProgress {
  return { entryId, answers: {}, have: [], missing: [] };
}

/**
 * The next thing to ask: first a yes/no question that still decides whether some paper is needed (questions that
 * cannot change anything any more are skipped), then each needed paper in the entry's order, then done.
 */
export function nextStep(entry: ProcedureEntry, progress: ChecklistProgress): ChecklistStep {
  const question = Object.keys(entry.questions).find((name) => decides(entry, progress.answers, name));
  if (question !== undefined) return { kind: 'question', name: question };
  const applicable = entry.documents.flatMap((doc, index) => (!doc.when || evaluateOpenCondition(doc.when.condition, progress.answers) ? [index] : []));
  const done = new Set([...progress.have, ...progress.missing]);
  const pending = applicable.filter((index) => !done.has(index));
  if (pending.length === 0) return { kind: 'done', applicable };
  return { kind: 'document', index: pending[0], position: applicable.length - pending.length + 1, total: applicable.length };
}

/** Whether some paper's condition is still open and mentions this unanswered question. */
function decides(entry: ProcedureEntry, answers: Record<string, boolean>, name: string): boolean {
  if (name in answers) return false;
  return entry.documents.some(
    (doc) => doc.when && evaluateOpenCondition(doc.when.condition, answers) === undefined && conditionQuestions(doc.when.condition).includes(name),
  );
}

/** A stored progress, checked; null when it does not fit (the check is then dropped, not crashed on). */
export function parseProgress(raw: unknown): ChecklistProgress | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const value = raw as Record<string, unknown>;
  const indexes = (list: unknown): list is number[] => Array.isArray(list) && list.every((n) => Number.isInteger(n) && n >= 0);
  const answers = value.answers;
  if (typeof value.entryId !== 'string' || !indexes(value.have) || !indexes(value.missing)) return null;
  if (typeof answers !== 'object' || answers === null || Object.values(answers).some((a) => typeof a !== 'boolean')) return null;
  if (value.explained !== undefined && !(Number.isInteger(value.explained) && (value.explained as number) >= 0)) return null;
  const progress: ChecklistProgress = {
    entryId: value.entryId,
    answers: { ...(answers as Record<string, boolean>) },
    have: [...value.have],
    missing: [...value.missing],
  };
  if (value.explained !== undefined) progress.explained = value.explained as number;
  return progress;
}

/**
 * The progress as it fits the entry now: staff may have removed a paper or a question since the check started
 * (a hot reload), and an index past the end must not break the summary.
 */
export function fitProgress(entry: ProcedureEntry, progress: ChecklistProgress): ChecklistProgress {
  const inRange = (index: number) => index < entry.documents.length;
  const fitted: ChecklistProgress = {
    entryId: progress.entryId,
    answers: Object.fromEntries(Object.entries(progress.answers).filter(([name]) => name in entry.questions)),
    have: progress.have.filter(inRange),
    missing: progress.missing.filter(inRange),
  };
  if (progress.explained !== undefined && inRange(progress.explained)) fitted.explained = progress.explained;
  return fitted;
}
