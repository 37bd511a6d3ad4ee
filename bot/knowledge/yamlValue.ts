/**
 * A YAML value as the readers see it, whichever parser produced it: plain values from quickLoad, or `yaml`'s nodes
 * converted on the exact path (see readYamlFile). A block is a plain object (quick path) or a Map (exact path: it
 * keeps the source order of any key, and the keys a reader must refuse).
 */
export type YamlValue = string | number | boolean | null | undefined | YamlAlias | YamlValue[] | YamlBlock;

export type YamlBlock = { [key: string]: YamlValue } | Map<string | BadKey, YamlValue>;

/** `*name`: a reference to another value, refused wherever it stands. */
export class YamlAlias {}

/** A key that is not a plain word (`? [a, b]`, `~:`), with its source offset for the message. */
export class BadKey {
  constructor(readonly offset: number) {}
}

export function isBlock(value: YamlValue): value is YamlBlock {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof YamlAlias);
}

export const QUOTE_COLON = '(a text containing ": " must be in double quotes)';

/** A short, staff-readable description of what was found where something else was expected. */
export function describe(value: YamlValue): string {
  if (Array.isArray(value)) return 'a list';
  if (value instanceof YamlAlias) return 'a YAML alias (*name)';
  if (!isBlock(value)) return describeScalar(value);
  const sentence = sentenceKey(value);
  return sentence === undefined ? 'a block of "key: value" lines' : `"${shorten(sentence)}: ..." ${QUOTE_COLON}`;
}

/**
 * The first key of a block when it reads like a sentence (it has a space): unquoted text with ": " inside,
 * which YAML took for `key: value`, rather than a block staff meant to write.
 */
export function sentenceKey(value: YamlValue): string | undefined {
  if (!isBlock(value)) return undefined;
  const key = value instanceof Map ? value.keys().next().value : firstKey(value);
  return typeof key === 'string' && key.includes(' ') ? key : undefined;
}

function firstKey(block: { [key: string]: YamlValue }): string | undefined {
  for (const key in block) return key;
  return undefined;
}

/** Numbers and yes/no words where text was meant are usually fixed by quoting them. */
export function quoteHint(value: YamlValue): string {
  return typeof value === 'number' || typeof value === 'boolean' ? ' (put it in double quotes)' : '';
}

function describeScalar(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return 'nothing';
  if (typeof value === 'string') return value === '' ? 'an empty text' : `"${shorten(value)}"`;
  if (typeof value === 'boolean') return `${value} (a yes/no value)`;
  return `the number ${String(value)}`;
}

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
