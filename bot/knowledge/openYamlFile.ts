import { LineCounter, parseDocument, type YAMLError } from 'yaml';
import { ReadContext, offsetOf, type Field } from './readContext';
import type { SiteFacts } from './types';

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
 * Parses a file keeping positions (LineCounter), turning YAML syntax errors into `invalid YAML` problems.
 * A file with syntax errors is not read further: its schema messages would only add noise.
 */
export function openYamlFile(source: SourceFile, site?: SiteFacts): OpenedFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source.text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const ctx = new ReadContext(source.path, lineCounter, site);
  // One mistake often trips the parser twice at the same place; one message per place is enough.
  const places = new Set<number>();
  for (const error of doc.errors) {
    if (!places.has(error.pos[0])) ctx.error(error.pos[0], `invalid YAML: ${explain(error, source.text)}`);
    places.add(error.pos[0]);
  }
  for (const warning of doc.warnings) ctx.warn(warning.pos[0], `YAML: ${warning.message}`);
  if (doc.errors.length > 0) return { ctx };
  if (doc.contents === null) {
    ctx.error(0, 'the file is empty');
    return { ctx };
  }
  return { ctx, root: { label: 'the file', node: doc.contents, offset: offsetOf(doc.contents, 0) } };
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
