import { isMap, isScalar } from 'yaml';
import { didYouMean } from './editDistance';
import { describe, offsetOf, QUOTE_COLON, type Field, type ReadContext, type Reader } from './readContext';

interface KeyedValue {
  keyOffset: number;
  field: Field;
}

/**
 * Reads one YAML block of `key: value` lines. The keys a reader asks for are the valid ones: `finish()` reports
 * every other key as unknown, with the nearest valid key suggested, so the schema is written once, as reads.
 * A value that is not a block at all is reported once, and then every read quietly returns its fallback.
 */
export class MapReader {
  private readonly known = new Set<string>();

  private constructor(
    private readonly ctx: ReadContext,
    private readonly at: Field,
    private readonly values: Map<string, KeyedValue> | undefined,
  ) {}

  static open(ctx: ReadContext, field: Field): MapReader {
    if (isMap(field.node)) return new MapReader(ctx, field, collect(ctx, field.node.items));
    ctx.error(field.offset, `${field.label} must be a block of "key: value" lines, found ${describe(field.node)}`);
    return new MapReader(ctx, field, undefined);
  }

  /** False when the value was not a block of keys at all (already reported). */
  get isBlock(): boolean {
    return this.values !== undefined;
  }

  /** A required key: reported when absent or empty, and then `fallback` stands in for it. */
  required<T>(key: string, read: Reader<T>, fallback: T): T {
    this.known.add(key);
    const value = this.values?.get(key);
    if (this.values === undefined) return fallback;
    if (value === undefined) {
      this.ctx.error(this.at.offset, `missing required key "${key}"`);
      return fallback;
    }
    if (isEmpty(value.field.node)) {
      this.ctx.error(value.keyOffset, `"${key}" has no value`);
      return fallback;
    }
    return read(this.ctx, value.field);
  }

  /** An optional key; absent and empty (`caution:` with nothing after it) both read as undefined. */
  optional<T>(key: string, read: Reader<T>): T | undefined {
    this.known.add(key);
    const value = this.values?.get(key);
    if (value === undefined || isEmpty(value.field.node)) return undefined;
    return read(this.ctx, value.field);
  }

  /** Every key with its value, for blocks whose keys are names chosen by staff (questions, site facts). */
  all(): Array<{ key: string } & KeyedValue> {
    const entries = [...(this.values ?? new Map<string, KeyedValue>()).entries()];
    for (const [key] of entries) this.known.add(key);
    return entries.map(([key, value]) => ({ key, ...value }));
  }

  /** Where a key's value is, for messages about a value already read (`offsetOf("summary")`). */
  offsetOf(key: string): number {
    return this.values?.get(key)?.field.offset ?? this.at.offset;
  }

  /** Reports every key that no read asked for. Call once, after all reads. */
  finish(): void {
    for (const [key, value] of this.values ?? []) {
      if (this.known.has(key)) continue;
      const hint = key.includes(' ') ? ` ${QUOTE_COLON}` : didYouMean(key, this.known);
      this.ctx.error(value.keyOffset, `unknown key "${key}"${hint}`);
    }
  }
}

function collect(ctx: ReadContext, items: ReadonlyArray<{ key: unknown; value: unknown }>): Map<string, KeyedValue> {
  const values = new Map<string, KeyedValue>();
  for (const { key, value } of items) {
    const keyOffset = offsetOf(key, 0);
    if (!isScalar(key) || key.value === null || typeof key.value === 'object') {
      ctx.error(keyOffset, 'a key must be a plain word followed by ":"');
      continue;
    }
    const name = String(key.value);
    values.set(name, { keyOffset, field: { label: `"${name}"`, node: value, offset: offsetOf(value, keyOffset) } });
  }
  return values;
}

function isEmpty(node: unknown): boolean {
  return node === null || node === undefined || (isScalar(node) && node.value === null);
}
