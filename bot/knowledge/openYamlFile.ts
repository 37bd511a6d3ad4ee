import { isAlias, isMap, isScalar, isSeq, type YAMLError } from 'yaml';
import { Field, ReadContext } from './readContext';
import type { SiteFacts } from './types';
import { keyName, offsetOf, parseYaml, YamlPositions } from './yamlPositions';
import { BadKey, YamlAlias, type YamlValue } from './yamlValue';

/** One file of the knowledge folder as read from disk. */
export interface SourceFile {
  /** Relative to the knowledge folder, `/`-separated: `procedures/khai-sinh.yaml`, `site.yaml`. */
  path: string;
  text: string;
}

export interface OpenedFile {
  ctx: ReadContext;
  /** The top-level value, or undefined when the file is not valid YAML or is empty (already reported). */
  root?: Field;
}

/**
 * The exact parse: `yaml` with positions (LineCounter), turning YAML syntax errors into `invalid YAML` problems.
 * A file with syntax errors is not read further: its schema messages would only add noise.
 */
export function openYamlFile(source: SourceFile, site?: SiteFacts): OpenedFile {
  const parsed = parseYaml(source.text);
  const { doc } = parsed;
  const ctx = new ReadContext(source.path, new YamlPositions(source.text, parsed), site);
  // One mistake often trips the parser twice at the same place; one message per place is enough.
  const places = new Set<number>();
  for (const error of doc.errors) {
    const [offset] = error.pos;
    if (!places.has(offset)) ctx.reportAtOffset('error', offset, `invalid YAML: ${explain(error, source.text)}`);
    places.add(offset);
  }
  for (const warning of doc.warnings) ctx.reportAtOffset('warning', warning.pos[0], `YAML: ${warning.message}`);
  if (doc.errors.length > 0) return { ctx };
  if (doc.contents === null) {
    ctx.reportAtOffset('error', 0, 'the file is empty');
    return { ctx };
  }
  return { ctx, root: new Field(toYamlValue(doc.contents)) };
}

/** `yaml`'s nodes as the values readers take; an absent value (`? key` alone) is undefined, an empty one null. */
function toYamlValue(node: unknown): YamlValue {
  if (isScalar(node)) return scalarValue(node.value);
  if (isSeq(node)) return node.items.map(toYamlValue);
  if (isMap(node)) return new Map(node.items.map((pair) => [toKey(pair.key), toYamlValue(pair.value)]));
  return isAlias(node) ? new YamlAlias() : undefined;
}

function toKey(key: unknown): string | BadKey {
  return keyName(key) ?? new BadKey(offsetOf(key, 0));
}

/** The core schema reads texts, numbers, true/false and null; anything else would come from a tag, read as text. */
function scalarValue(value: unknown): YamlValue {
  const plain = value === null || ['string', 'number', 'boolean'].includes(typeof value);
  return plain ? (value as YamlValue) : String(value);
}

/** The parser's message, plus the usual cause in staff terms for the mistakes that happen most. */
function explain(error: YAMLError, text: string): string {
  switch (error.code) {
    case 'DUPLICATE_KEY':
      return `key "${keyAt(text, error.pos[0])}" appears twice in the same block`;
    case 'BLOCK_AS_IMPLICIT_KEY':
      return `${error.message} (a text containing ": " must be in double quotes; otherwise check the indentation)`;
    case 'UNEXPECTED_TOKEN':
      return `${error.message} (a text starting with {, [, * or # must be in double quotes)`;
    case 'TAB_AS_INDENT':
      return `${error.message} (indent with spaces)`;
    default:
      // An unclosed [ or { is found only where the next line starts; say where to look.
      if (/^Flow (sequence|mapping)/.test(error.message)) {
        const hint = 'a "[" or "{" above is not closed: a text starting with [ or { must be in double quotes';
        return `${error.message} (${hint})`;
      }
      return error.message;
  }
}

function keyAt(text: string, offset: number): string {
  return (/^[^:\n]*/.exec(text.slice(offset))?.[0] ?? '').trim().replace(/^["']|["']$/g, '');
}
