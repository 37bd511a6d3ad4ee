import { ASPECTS } from '../knowledge/languageData';
import type { Aspect } from '../knowledge/types';
import type { Intent } from './intentRecognizer';
import type { Understanding } from './understander';

const INTENTS: readonly Intent[] = ['procedure', 'status', 'greeting', 'thanks', 'help', 'handoff', 'language', 'none'];

/** One labelled question, in the format of shared/eval/dev.jsonl. */
export interface LabelledRow {
  /** 1-based line in the file it came from, so a report can point back at it. */
  line: number;
  q: string;
  intent: Intent;
  /** The acceptable entry ids for intent `procedure` (one or more); null for every other intent. */
  expect: string | string[] | null;
  aspect?: Aspect;
  /** How the question is written: accented, unaccented, abbrev, typo, colloquial, english... */
  style?: string;
}

/** `count` of `total`, and their quotient (0 when there is nothing to count). */
export interface Ratio {
  count: number;
  total: number;
  rate: number;
}

/** A row the bot got wrong, with what it made of it: enough to see why without re-running it. */
export interface Misclassified {
  line: number;
  q: string;
  style: string | null;
  expected: { intent: Intent; expect: string | string[] | null; aspect: Aspect | null };
  got: Pick<Understanding, 'intent' | 'id' | 'decision' | 'aspect' | 'confidence' | 'candidates'>;
}

export interface EvaluationReport {
  /** Intent right and, for `procedure`, the id acceptable (for other intents, id null). */
  overall: Ratio;
  byIntent: Record<string, Ratio>;
  byStyle: Record<string, Ratio>;
  /** Over rows with an `aspect` label: the aspect found is that one. */
  aspect: Ratio;
  /** Rows labelled `none` that came out `none`. */
  noneRecall: Ratio;
  /** Rows labelled `procedure` answered confidently with an id that is not acceptable, over all procedure rows. */
  confidentWrong: Ratio;
  /** Rows labelled anything but `none` that the bot would answer without asking (decision `answer`). */
  confidentAnswer: Ratio;
  misclassified: Misclassified[];
}

/** Runs every row through `understand` and measures the results. No I/O: the caller reads and prints. */
export function evaluate(understand: (q: string) => Understanding, rows: readonly LabelledRow[]): EvaluationReport {
  const counters = newCounters();
  const misclassified: Misclassified[] = [];
  for (const row of rows) {
    const got = understand(row.q);
    const right = isRight(row, got);
    tally(counters, row, got, right);
    if (!right) misclassified.push(describe(row, got));
  }
  return {
    overall: toRatio(counters.overall),
    byIntent: ratios(counters.byIntent, (a, b) => INTENTS.indexOf(a as Intent) - INTENTS.indexOf(b as Intent)),
    byStyle: ratios(counters.byStyle, (a, b) => (a < b ? -1 : 1)),
    aspect: toRatio(counters.aspect),
    noneRecall: toRatio(counters.noneRecall),
    confidentWrong: toRatio(counters.confidentWrong),
    confidentAnswer: toRatio(counters.confidentAnswer),
    misclassified,
  };
}

/** Whether the bot's reading of a row is the labelled one. */
export function isRight(row: LabelledRow, got: Understanding): boolean {
  if (got.intent !== row.intent) return false;
  return row.intent === 'procedure' ? isAcceptable(row, got.id) : got.id === null;
}

function isAcceptable(row: LabelledRow, id: string | null): boolean {
  if (id === null || row.expect === null) return false;
  return typeof row.expect === 'string' ? row.expect === id : row.expect.includes(id);
}

type Count = [count: number, total: number];

interface Counters {
  overall: Count;
  byIntent: Record<string, Count>;
  byStyle: Record<string, Count>;
  aspect: Count;
  noneRecall: Count;
  confidentWrong: Count;
  confidentAnswer: Count;
}

function newCounters(): Counters {
  return { overall: [0, 0], byIntent: {}, byStyle: {}, aspect: [0, 0], noneRecall: [0, 0], confidentWrong: [0, 0], confidentAnswer: [0, 0] };
}

function tally(counters: Counters, row: LabelledRow, got: Understanding, right: boolean): void {
  add(counters.overall, right);
  add((counters.byIntent[row.intent] ??= [0, 0]), right);
  if (row.style !== undefined) add((counters.byStyle[row.style] ??= [0, 0]), right);
  if (row.aspect !== undefined) add(counters.aspect, got.aspect === row.aspect);
  if (row.intent === 'none') add(counters.noneRecall, got.intent === 'none');
  if (row.intent !== 'none') add(counters.confidentAnswer, got.decision === 'answer');
  if (row.intent === 'procedure') {
    add(counters.confidentWrong, got.decision === 'answer' && !isAcceptable(row, got.id));
  }
}

function add(count: Count, hit: boolean): void {
  if (hit) count[0] += 1;
  count[1] += 1;
}

function toRatio([count, total]: Count): Ratio {
  return { count, total, rate: total === 0 ? 0 : count / total };
}

/** In a stable order, so two reports of the same file print alike. */
function ratios(counts: Record<string, Count>, order: (a: string, b: string) => number): Record<string, Ratio> {
  const keys = Object.keys(counts).sort(order);
  return Object.fromEntries(keys.map((key) => [key, toRatio(counts[key])]));
}

function describe(row: LabelledRow, got: Understanding): Misclassified {
  const { intent, id, decision, aspect, confidence, candidates } = got;
  return {
    line: row.line,
    q: row.q,
    style: row.style ?? null,
    expected: { intent: row.intent, expect: row.expect, aspect: row.aspect ?? null },
    got: { intent, id, decision, aspect, confidence, candidates },
  };
}

/** Rows and the problems found, each problem as `line N: ...`. Blank lines are skipped. */
export interface ParsedRows {
  rows: LabelledRow[];
  errors: string[];
}

/** Reads labelled JSON Lines, checking every field, so a typo in the labels is reported rather than measured. */
export function parseLabelledRows(text: string): ParsedRows {
  const rows: LabelledRow[] = [];
  const errors: string[] = [];
  text.split(/\r?\n/).forEach((source, index) => {
    const line = index + 1;
    const json = (index === 0 ? source.replace(/^\uFEFF/, '') : source).trim();
    if (json === '') return;
    const result = parseRow(json, line);
    if (typeof result === 'string') errors.push(`line ${line}: ${result}`);
    else rows.push(result);
  });
  return { rows, errors };
}

/** The row, or what is wrong with it. */
function parseRow(json: string, line: number): LabelledRow | string {
  const value = parseJsonObject(json);
  if (typeof value === 'string') return value;
  const { q, intent, expect, aspect, style } = value;
  if (typeof q !== 'string' || q.trim() === '') return '"q" must be a non-empty string';
  if (!isIntent(intent)) return `"intent" must be one of ${INTENTS.join(', ')} (got ${JSON.stringify(intent)})`;
  if (!isExpect(intent, expect)) return expectProblem(intent);
  if (aspect !== undefined && aspect !== null && !isAspect(aspect)) {
    return `"aspect" must be one of ${ASPECTS.join(', ')} (got ${JSON.stringify(aspect)})`;
  }
  if (style !== undefined && style !== null && (typeof style !== 'string' || style === '')) return '"style" must be a non-empty string';
  const row: LabelledRow = { line, q, intent, expect };
  if (isAspect(aspect)) row.aspect = aspect;
  if (typeof style === 'string') row.style = style;
  return row;
}

/** A JSON object, or why the text is not one. */
export function parseJsonObject(json: string): Record<string, unknown> | string {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    return `not valid JSON (${error instanceof Error ? error.message : String(error)})`;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'expected a JSON object';
  return value as Record<string, unknown>;
}

/** An id or a non-empty list of ids for intent procedure; null for every other intent. */
function isExpect(intent: Intent, expect: unknown): expect is LabelledRow['expect'] {
  if (intent !== 'procedure') return expect === null;
  if (typeof expect === 'string') return expect !== '';
  return Array.isArray(expect) && expect.length > 0 && expect.every((id) => typeof id === 'string' && id !== '');
}

function expectProblem(intent: Intent): string {
  return intent === 'procedure'
    ? '"expect" must be an entry id or a non-empty list of ids for intent procedure'
    : `"expect" must be null for intent ${intent}`;
}

function isIntent(value: unknown): value is Intent {
  return typeof value === 'string' && (INTENTS as readonly string[]).includes(value);
}

function isAspect(value: unknown): value is Aspect {
  return typeof value === 'string' && (ASPECTS as readonly string[]).includes(value);
}
