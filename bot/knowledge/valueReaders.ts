import { expandPlaceholders, hasStrayBraces } from './expandPlaceholders';
import { MapReader } from './mapReader';
import { placeholderJoins } from './placeholderJoins';
import { Field, type ReadContext, type Reader } from './readContext';
import type { Locale, Text } from './types';
import { describe, isBlock, quoteHint, sentenceKey } from './yamlValue';

/** What a missing English version means for users, in the warnings about it. */
export const NO_ENGLISH = 'English-speaking users will get the Vietnamese text';

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
  if (typeof field.value === 'string' && field.value.trim() === '') ctx.error(field, `${field.label} is empty`);
  return readPossiblyEmptyString(ctx, field);
}

/** A string where empty is acceptable (an English version left blank reads as no English version). */
export function readPossiblyEmptyString(ctx: ReadContext, field: Field): string {
  const { value } = field;
  if (typeof value === 'string') return value.trim();
  ctx.error(field, `${field.label} must be text, found ${describe(value)}${quoteHint(value)}`);
  return '';
}

/** Plain Vietnamese, or a `{vi, en}` pair; `{{site.key}}` placeholders are expanded here, at load time. */
export function readText(ctx: ReadContext, field: Field): Text {
  const { value } = field;
  if (typeof value === 'string') return { vi: expandAt(ctx, field, readString(ctx, field), 'vi') };
  if (isBlock(value) && sentenceKey(value) === undefined) return readTextPair(ctx, field);
  ctx.error(field, `${field.label} must be ${TEXT_SHAPE}, found ${describe(value)}${quoteHint(value)}`);
  return { vi: '' };
}

/** A text that must have its English version (titles: the English menu and search need them). */
export function readBilingualText(ctx: ReadContext, field: Field): Text {
  const text = readText(ctx, field);
  if (text.vi !== '' && text.en === undefined) {
    ctx.error(field, `${field.label} must have an English version: write it as "vi:" and "en:" lines`);
  }
  return text;
}

export function readBoolean(ctx: ReadContext, field: Field): boolean {
  if (typeof field.value === 'boolean') return field.value;
  ctx.error(field, `${field.label} must be true or false, found ${describe(field.value)}`);
  return false;
}

export function readWholeNumber(ctx: ReadContext, field: Field): number {
  const { value } = field;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1) return value;
  ctx.error(field, `${field.label} must be a whole number ≥ 1, found ${describe(value)}`);
  return 1;
}

export function readEnum<T extends string>(values: readonly T[]): Reader<T> {
  return (ctx, field) => {
    const match = values.find((candidate) => candidate === field.value);
    if (match !== undefined) return match;
    ctx.error(field, `${field.label} must be one of ${values.join(', ')}, found ${describe(field.value)}`);
    return values[0];
  };
}

/**
 * A list of items read by `read`; each item is labelled `item N of "key"` in messages. An empty list is allowed
 * but warned about when `whenEmpty` says why it matters.
 */
export function readList<T>(read: Reader<T>, whenEmpty?: string): Reader<T[]> {
  return (ctx, field) => {
    const items = field.value;
    if (!Array.isArray(items)) {
      ctx.error(field, `${field.label} must be a list (lines starting with "- "), found ${describe(items)}`);
      return [];
    }
    if (items.length === 0 && whenEmpty !== undefined) ctx.warn(field, `${field.label} is empty: ${whenEmpty}`);
    return items.map((item, index) => read(ctx, new Field(item, field, index)));
  };
}

/** A web link: placeholders expanded, then it must be an http(s) URL that `new URL` accepts. */
export function readUrl(ctx: ReadContext, field: Field): string {
  return readLink(ctx, field, true);
}

/** A source's address for staff: the page is what it is, so plain http is no warning. */
export function readSourceUrl(ctx: ReadContext, field: Field): string {
  return readLink(ctx, field, false);
}

function readLink(ctx: ReadContext, field: Field, wantSecure: boolean): string {
  const written = readString(ctx, field);
  const problems = new Set<string>();
  const url = ctx.site ? expandPlaceholders(written, ctx.site, 'vi', problems) : written;
  for (const message of problems) ctx.error(field, message);
  // A link still holding a placeholder was reported above, or cannot be checked (site.yaml unreadable).
  if (written === '' || url.includes('{{')) return url;
  if (!isWebLink(url)) {
    ctx.error(field, `invalid link "${url}": a link must start with https:// (or http://)`);
  } else if (wantSecure && url.startsWith('http://')) {
    ctx.warn(field, `link "${url}" is not secure: use https:// if the site supports it`);
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

const readVietnamese: Reader<string> = (ctx, field) => expandAt(ctx, field, readString(ctx, field), 'vi');
const readEnglish: Reader<string> = (ctx, field) => expandAt(ctx, field, readPossiblyEmptyString(ctx, field), 'en');

function readTextPair(ctx: ReadContext, field: Field): Text {
  const pair = MapReader.open(ctx, field);
  const vi = pair.required('vi', readVietnamese, '');
  const en = pair.optional('en', readEnglish);
  pair.finish();
  return en === undefined || en === '' ? { vi } : { vi, en };
}

/** `"where"` for the `vi:` or `en:` line of "where". */
function textLabel(field: Field): string {
  return (field.step === 'vi' || field.step === 'en') && field.parent ? field.parent.label : field.label;
}

/** Expands placeholders in one language of a text, reporting at that very value. */
function expandAt(ctx: ReadContext, field: Field, text: string, locale: Locale): string {
  if (ctx.site === undefined || !hasStrayBraces(text)) return text;
  const problems = new Set<string>();
  const expanded = expandPlaceholders(text, ctx.site, locale, problems);
  for (const message of problems) ctx.error(field, message);
  if (problems.size === 0 && hasStrayBraces(expanded)) {
    ctx.warn(field, `${field.label} has stray "{{" or "}}": write placeholders as {{site.<key>}}`);
  }
  if (problems.size === 0) {
    for (const message of placeholderJoins(text, ctx.site, locale)) ctx.warn(field, `${textLabel(field)} (${locale}): ${message}`);
  }
  return expanded;
}
