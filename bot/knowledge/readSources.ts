import { MapReader } from './mapReader';
import type { Field, ReadContext } from './readContext';
import type { Source } from './types';
import { readSourceUrl, readString } from './valueReaders';
import { describe } from './yamlValue';

/**
 * `updated:` and `sources:`, the staff's record of when an entry's facts were last checked and against what. Never
 * shown to citizens; `kb:check --stale DAYS` lists the entries whose `updated` is that old.
 */

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const SOURCE_DATE = /^\d{4}(?:-\d{2}(?:-\d{2})?)?$/;

/** `updated: 2026-12-01`: a real calendar day, not in the future. */
export function readUpdated(ctx: ReadContext, field: Field): string | undefined {
  const day = typeof field.value === 'string' ? field.value.trim() : undefined;
  if (day === undefined || !isCalendarDay(day)) {
    ctx.error(field, `"updated" must be a day written YYYY-MM-DD, like 2026-12-01, found ${describe(field.value)}`);
    return undefined;
  }
  if (Date.parse(`${day}T00:00:00Z`) > Date.now()) ctx.warn(field, `"updated" ${day} is in the future`);
  return day;
}

/** One source: `url` and/or `title`, and the `date` the source shows (year, year-month or day). */
export function readSource(ctx: ReadContext, field: Field): Source {
  const source = MapReader.open(ctx, field);
  const url = source.optional('url', readSourceUrl);
  const title = source.optional('title', readString);
  const date = source.required('date', readSourceDate, '');
  source.finish();
  if (source.isBlock && url === undefined && title === undefined) {
    ctx.error(field, `${field.label} needs a "url" or a "title" (a law's number, a document's name)`);
  }
  return { ...(url === undefined ? {} : { url }), ...(title === undefined ? {} : { title }), date };
}

function readSourceDate(ctx: ReadContext, field: Field): string {
  // An unquoted year reads as a number.
  const date = typeof field.value === 'number' ? String(field.value) : typeof field.value === 'string' ? field.value.trim() : '';
  if (!SOURCE_DATE.test(date) || (date.length === 10 && !isCalendarDay(date))) {
    const shapes = 'YYYY-MM-DD, or YYYY-MM or YYYY when the source shows no day';
    ctx.error(field, `${field.label} must be a date written ${shapes}, found ${describe(field.value)}`);
    return '';
  }
  return date;
}

function isCalendarDay(text: string): boolean {
  const match = DAY.exec(text);
  if (match === null) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === text;
}
