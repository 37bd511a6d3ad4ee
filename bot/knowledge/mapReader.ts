import { didYouMean } from './editDistance';
import { Field, keyOf, type ReadContext, type Reader } from './readContext';
import { BadKey, describe, isBlock, QUOTE_COLON, type YamlBlock, type YamlValue } from './yamlValue';

/**
 * Reads one YAML block of `key: value` lines. The keys a reader asks for are the valid ones: `finish()` reports
 * every other key as unknown, with the nearest valid key suggested, so the schema is written once, as reads.
 * A value that is not a block at all is reported once, and then every read quietly returns its fallback.
 */
export class MapReader {
  /** The keys asked for (a short array: blocks have few keys, and most blocks are a `vi:`/`en:` pair). */
  private readonly known: string[] = [];

  private constructor(
    private readonly ctx: ReadContext,
    private readonly at: Field,
    private readonly block: YamlBlock | undefined,
  ) {}

  static open(ctx: ReadContext, field: Field): MapReader {
    if (!isBlock(field.value)) {
      ctx.error(field, `${field.label} must be a block of "key: value" lines, found ${describe(field.value)}`);
      return new MapReader(ctx, field, undefined);
    }
    // Only the exact read finds keys that are not words; the quick read's blocks are plain objects.
    if (field.value instanceof Map) {
      for (const key of field.value.keys()) {
        if (key instanceof BadKey) ctx.reportAtOffset('error', key.offset, NOT_A_WORD);
      }
    }
    return new MapReader(ctx, field, field.value);
  }

  /** False when the value was not a block of keys at all (already reported). */
  get isBlock(): boolean {
    return this.block !== undefined;
  }

  /** A required key: reported when absent or empty, and then `fallback` stands in for it. */
  required<T>(key: string, read: Reader<T>, fallback: T): T {
    this.know(key);
    if (this.block === undefined) return fallback;
    const value = this.field(key);
    if (value === undefined) {
      this.ctx.error(this.at, `missing required key "${key}"`);
      return fallback;
    }
    if (isEmpty(value.value)) {
      this.ctx.error(keyOf(value), `"${key}" has no value`);
      return fallback;
    }
    return read(this.ctx, value);
  }

  /** An optional key; absent and empty (`caution:` with nothing after it) both read as undefined. */
  optional<T>(key: string, read: Reader<T>): T | undefined {
    this.know(key);
    const value = this.field(key);
    if (value === undefined || isEmpty(value.value)) return undefined;
    return read(this.ctx, value);
  }

  /** Every key with its value, for blocks whose keys are names chosen by staff (questions, site facts). */
  all(): Array<{ key: string; field: Field }> {
    const { block } = this;
    const all: Array<{ key: string; field: Field }> = [];
    if (block === undefined) return all;
    for (const key of keys(block)) {
      if (key instanceof BadKey) continue;
      this.know(key);
      all.push({ key, field: new Field(valueAt(block, key), this.at, key) });
    }
    return all;
  }

  /** Whether the key is written, with a value or empty. */
  has(key: string): boolean {
    return this.field(key) !== undefined;
  }

  /** The value of a key, or the block itself when the key is absent: where to report about a value read. */
  placeOf(key: string): Field {
    return this.field(key) ?? this.at;
  }

  /** Reports every key that no read asked for. Call once, after all reads. */
  finish(): void {
    const { block } = this;
    if (block instanceof Map) {
      for (const key of block.keys()) this.reportIfUnknown(key);
    } else if (block !== undefined) {
      for (const key in block) this.reportIfUnknown(key);
    }
  }

  private know(key: string): void {
    if (!this.known.includes(key)) this.known.push(key);
  }

  private reportIfUnknown(key: string | BadKey): void {
    if (key instanceof BadKey || this.known.includes(key)) return;
    const hint = key.includes(' ') ? ` ${QUOTE_COLON}` : didYouMean(key, this.known);
    this.ctx.error(keyOf(new Field(undefined, this.at, key)), `unknown key "${key}"${hint}`);
  }

  private field(key: string): Field | undefined {
    const block = this.block;
    if (block === undefined || !(block instanceof Map ? block.has(key) : Object.hasOwn(block, key))) return undefined;
    return new Field(valueAt(block, key), this.at, key);
  }
}

/** The keys of a block in source order (the quick read leaves keys like `1:`, which an object reorders, to `yaml`). */
function keys(block: YamlBlock): Iterable<string | BadKey> {
  return block instanceof Map ? block.keys() : Object.keys(block);
}

function valueAt(block: YamlBlock, key: string): YamlValue {
  return block instanceof Map ? block.get(key) : block[key];
}

const NOT_A_WORD = 'a key must be a plain word followed by ":"';

function isEmpty(value: YamlValue): boolean {
  return value === null || value === undefined;
}
