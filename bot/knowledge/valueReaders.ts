import { isMap, isScalar, isSeq } from 'yaml';
import { expandPlaceholders, hasStrayBraces } from './expandPlaceholders';
import { MapReader } from './mapReader';
import { describe, offsetOf, sentenceKey, type Field, type ReadContext, type Reader } from './readContext';
import type { Locale, Text } from './types';

/**
 * Readers for the value types of the knowledge format. Each reports a wrong value at its own line and returns a
 * harmless fallback, so one run finds every problem instead of stopping at the first.
 */

/** The stand-in for a text that could not be read; never served, since a version with errors is refused. */
export function emptyText(): Text {
  return { vi: '' };
}

const TEXT_SHAPE = 'text: a string, or "vi:" and "en:" lines';

export function readString(ctx: ReadContext, field: Field): string {
  const { node } = field;
  if (isScalar(node) && typeof node.value === 'string' && node.value.trim() === '') {
    ctx.error(field.offset, `${field.label} is empty`);
  }
  return readPossiblyEmptyString(ctx, field);
}

/** A string where empty is acceptable (an English version left blank reads as no English version). */
export function readPossiblyEmptyString(ctx: ReadContext, field: Field): string {
  const { node } = field;
  if (isScalar(node) && typeof node.value === 'string') return node.value.trim();
  ctx.error(field.offset, `${field.label} must be text, found ${describe(node)}${quoteHint(node)}`);
  return '';
}

/** Plain Vietnamese, or a `{vi, en}` pair; `{{site.key}}` placeholders are expanded here, at load time. */
export function readText(ctx: ReadContext, field: Field): Text {
  const { node } = field;
  if (isScalar(node) && typeof node.value === 'string') {
    return { vi: expandAt(ctx, field, readString(ctx, field), 'vi') };
  }
  if (isMap(node) && sentenceKey(node) === undefined) return readTextPair(ctx, field);
  ctx.error(field.offset, `${field.label} must be ${TEXT_SHAPE}, found ${describe(node)}${quoteHint(node)}`);
  return { vi: '' };
}

/** A text that must have its English version (titles: the English menu and search need them). */
export function readBilingualText(ctx: ReadContext, field: Field): Text {
  const text = readText(ctx, field);
  if (text.vi !== '' && text.en === undefined) {
    ctx.error(field.offset, `${field.label} must have an English version: write it as "vi:" and "en:" lines`);
  }
  return text;
}

export function readBoolean(ctx: ReadContext, field: Field): boolean {
  if (isScalar(field.node) && typeof field.node.value === 'boolean') return field.node.value;
  ctx.error(field.offset, `${field.label} must be true or false, found ${describe(field.node)}`);
  return false;
}

export function readWholeNumber(ctx: ReadContext, field: Field): number {
  const value = isScalar(field.node) ? field.node.value : undefined;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1) return value;
  ctx.error(field.offset, `${field.label} must be a whole number ≥ 1, found ${describe(field.node)}`);
  return 1;
}

export function readEnum<T extends string>(values: readonly T[]): Reader<T> {
  return (ctx, field) => {
    const value = isScalar(field.node) ? field.node.value : undefined;
    const match = values.find((candidate) => candidate === value);
    if (match !== undefined) return match;
    ctx.error(field.offset, `${field.label} must be one of ${values.join(', ')}, found ${describe(field.node)}`);
    return values[0];
  };
}

/**
 * A list of items read by `read`; each item is labelled `item N of "key"` in messages. An empty list is allowed
 * but warned about when `whenEmpty` says why it matters.
 */
export function readList<T>(read: Reader<T>, whenEmpty?: string): Reader<T[]> {
  return (ctx, field) => {
    if (!isSeq(field.node)) {
      ctx.error(field.offset, `${field.label} must be a list (lines starting with "- "), found ${describe(field.node)}`);
      return [];
    }
    if (field.node.items.length === 0 && whenEmpty !== undefined) {
      ctx.warn(field.offset, `${field.label} is empty: ${whenEmpty}`);
    }
    return field.node.items.map((item, index) =>
      read(ctx, { label: `item ${index + 1} of ${field.label}`, node: item, offset: offsetOf(item, field.offset) }),
    );
  };
}

/** A web link: placeholders expanded, then it must be an http(s) URL that `new URL` accepts. */
export function readUrl(ctx: ReadContext, field: Field): string {
  const written = readString(ctx, field);
  const problems = new Set<string>();
  const url = ctx.site ? expandPlaceholders(written, ctx.site, 'vi', problems) : written;
  for (const message of problems) ctx.error(field.offset, message);
  // A link still holding a placeholder was reported above, or cannot be checked (site.yaml unreadable).
  if (written === '' || url.includes('{{')) return url;
  if (!isWebLink(url)) {
    ctx.error(field.offset, `invalid link "${url}": a link must start with https:// (or http://)`);
  } else if (url.startsWith('http://')) {
    ctx.warn(field.offset, `link "${url}" is not secure: use https:// if the site supports it`);
  }
  return url;
}

function isWebLink(url: string): boolean {
  if (!/^https?:\/\/[^\s/]/i.test(url) || /\s/.test(url)) return false;
  try {
    return ['http:', 'https:'].includes(new URL(url).protocol);
  } catch {
    return false;
  }
}

function readTextPair(ctx: ReadContext, field: Field): Text {
  const pair = MapReader.open(ctx, field);
  const vi = pair.required('vi', (c, f) => expandAt(c, f, readString(c, f), 'vi'), '');
  const en = pair.optional('en', (c, f) => expandAt(c, f, readPossiblyEmptyString(c, f), 'en'));
  pair.finish();
  return en === undefined || en === '' ? { vi } : { vi, en };
}

/** Expands placeholders in one language of a text, reporting at that very value. */
function expandAt(ctx: ReadContext, field: Field, text: string, locale: Locale): string {
  if (ctx.site === undefined) return text;
  const problems = new Set<string>();
  const expanded = expandPlaceholders(text, ctx.site, locale, problems);
  for (const message of problems) ctx.error(field.offset, message);
  if (problems.size === 0 && hasStrayBraces(expanded)) {
    ctx.warn(field.offset, `${field.label} has stray "{{" or "}}": write placeholders as {{site.<key>}}`);
  }
  return expanded;
}

/** Numbers and yes/no words where text was meant are usually fixed by quoting them. */
function quoteHint(node: unknown): string {
  const value = isScalar(node) ? node.value : undefined;
  return typeof value === 'number' || typeof value === 'boolean' ? ' (put it in double quotes)' : '';
}
