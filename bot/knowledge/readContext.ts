import { isMap, isNode, isScalar, isSeq, type LineCounter } from 'yaml';
import type { Problem, Severity } from './problem';
import type { SiteFacts } from './types';

/**
 * One value being read, with what a message should call it (`"fee"`, `item 3 of "aliases"`) and the source
 * offset to report: the value itself, or its key when the value is empty (`fee:` with nothing after it).
 */
export interface Field {
  label: string;
  node: unknown;
  offset: number;
}

/** Reads one YAML value into its loaded form, reporting problems to the context and returning a fallback. */
export type Reader<T> = (ctx: ReadContext, field: Field) => T;

/**
 * Everything readers share while reading one file: where problems go and how offsets become line:col.
 * `site` is set for entry files, so texts get their `{{site.key}}` placeholders expanded while being read;
 * it is absent while site.yaml itself is read.
 */
export class ReadContext {
  readonly problems: Problem[] = [];

  constructor(
    readonly file: string,
    private readonly lineCounter: LineCounter,
    readonly site?: SiteFacts,
  ) {}

  error(offset: number, message: string): void {
    this.report('error', offset, message);
  }

  warn(offset: number, message: string): void {
    this.report('warning', offset, message);
  }

  /** Reports at a position already turned into line:col (values compared after reading, like aliases). */
  reportAt(severity: Severity, at: { line: number; col: number }, message: string): void {
    this.problems.push({ file: this.file, line: at.line, col: at.col, severity, message });
  }

  /** 1-based line and column of a source offset. */
  position(offset: number): { line: number; col: number } {
    return this.lineCounter.linePos(offset);
  }

  private report(severity: Severity, offset: number, message: string): void {
    this.reportAt(severity, this.position(offset), message);
  }
}

/** Start offset of a parsed node, or the fallback when it has none (or is an empty value). */
export function offsetOf(node: unknown, fallback: number): number {
  if (!isNode(node) || !node.range) return fallback;
  const [start, end] = node.range;
  return isScalar(node) && start === end ? fallback : start;
}

/** A short, staff-readable description of what was found where something else was expected. */
export function describe(node: unknown): string {
  if (isScalar(node)) return describeScalar(node.value);
  if (isSeq(node)) return 'a list';
  const sentence = sentenceKey(node);
  if (sentence !== undefined) return `"${shorten(sentence)}: ..." ${QUOTE_COLON}`;
  if (isMap(node)) return 'a block of "key: value" lines';
  return isNode(node) ? 'a YAML alias (*name)' : 'nothing';
}

export const QUOTE_COLON = '(a text containing ": " must be in double quotes)';

/**
 * The first key of a block when it reads like a sentence (it has a space): unquoted text with ": " inside,
 * which YAML took for `key: value`, rather than a block staff meant to write.
 */
export function sentenceKey(node: unknown): string | undefined {
  if (!isMap(node)) return undefined;
  const key: unknown = node.items[0]?.key;
  return isScalar(key) && typeof key.value === 'string' && key.value.includes(' ') ? key.value : undefined;
}

function describeScalar(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (typeof value === 'string') return value === '' ? 'an empty text' : `"${shorten(value)}"`;
  if (typeof value === 'boolean') return `${value} (a yes/no value)`;
  return `the number ${String(value)}`;
}

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
