import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import type { Field, Position, Spot, Step } from './field';

/** A parsed file with its line starts: what turns a place into line:col. */
export interface ParsedYaml {
  doc: Document.Parsed;
  lineCounter: LineCounter;
}

interface NodeAt {
  node: unknown;
  /** Where a message about the value points: the value, or its key when the value is empty. */
  offset: number;
  keyOffset: number;
}

/**
 * Line and column of the values of one file. A file read quickly is parsed again with `yaml` only when a position
 * is asked for (a message about it, or a duplicate found across files), so most files never are.
 */
export class YamlPositions {
  constructor(
    private readonly text: string,
    private parsed?: ParsedYaml,
  ) {}

  positionOf(at: Spot): Position {
    const found = this.locate(at.path);
    return this.positionOfOffset(at.key ? found.keyOffset : found.offset);
  }

  positionOfOffset(offset: number): Position {
    return this.parse().lineCounter.linePos(offset);
  }

  sourceOf(field: Field): string {
    const { node } = this.locate(field.path);
    return isScalar(node) && node.source !== undefined ? node.source : String(field.value);
  }

  private parse(): ParsedYaml {
    if (this.parsed === undefined) this.parsed = parseYaml(this.text);
    return this.parsed;
  }

  /** Follows a path from the top of the file, with the same fallbacks as when the file was read. */
  private locate(path: readonly Step[]): NodeAt {
    const top = this.parse().doc.contents;
    let found: NodeAt = { node: top, offset: offsetOf(top, 0), keyOffset: 0 };
    for (const step of path) found = locateStep(found, step);
    return found;
  }
}

function locateStep(parent: NodeAt, step: Step): NodeAt {
  if (typeof step === 'number') {
    const item = isSeq(parent.node) ? parent.node.items[step] : undefined;
    return { node: item, offset: offsetOf(item, parent.offset), keyOffset: parent.offset };
  }
  const pair = isMap(parent.node) ? lastPair(parent.node.items, step) : undefined;
  if (pair === undefined) return { node: undefined, offset: parent.offset, keyOffset: parent.offset };
  const keyOffset = offsetOf(pair.key, 0);
  return { node: pair.value, offset: offsetOf(pair.value, keyOffset), keyOffset };
}

/** The pair a key names; the last one, as a block read keeps the last of two equal keys. */
function lastPair<P extends { key: unknown }>(items: readonly P[], name: string): P | undefined {
  for (let index = items.length - 1; index >= 0; index -= 1) {
    if (keyName(items[index].key) === name) return items[index];
  }
  return undefined;
}

export function parseYaml(text: string): ParsedYaml {
  const lineCounter = new LineCounter();
  return { doc: parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true }), lineCounter };
}

/** A key's name as readers see it, or undefined for a key that is not a plain word (`? [a]`, `~`). */
export function keyName(key: unknown): string | undefined {
  if (!isScalar(key) || key.value === null || typeof key.value === 'object') return undefined;
  return String(key.value);
}

/** Start offset of a parsed node, or the fallback when it has none (or is an empty value). */
export function offsetOf(node: unknown, fallback: number): number {
  if (!isNode(node) || !node.range) return fallback;
  const [start, end] = node.range;
  return isScalar(node) && start === end ? fallback : start;
}
