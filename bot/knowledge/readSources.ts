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

/**
 * `updated: 2026-12-01`: the day the facts were last checked. An entry never checked since it was written may give
 * the year or month of the newest source it rests on (`2025`, `2025-06`), when no day is known. Not in the future.
 */
export function readUpdated(ctx: ReadContext, field: Field): string | undefined {
  const date = readDate(field);
  if (date === undefined) {
    ctx.error(field, `"updated" must be a day written YYYY-MM-DD, like 2026-12-01 (or YYYY-MM, YYYY when no day is known), found ${describe(field.value)}`);
    return undefined;
  }
  if (periodStart(date) > Date.now()) ctx.warn(field, `"updated" ${date} is in the future`);
  return date;
}

function periodStart(date: string): number {
  const [year, month, day] = date.split('-').map(Number);
  return Date.UTC(year, (month ?? 1) - 1, day ?? 1);
}

/** The last moment of the period a date names: the day itself, the month's or the year's last day. */
export function periodEnd(date: string): number {
  const [year, month, day] = date.split('-').map(Number);
  if (day !== undefined) return Date.UTC(year, month - 1, day);
  if (month !== undefined) return Date.UTC(year, month, 0);
  return Date.UTC(year, 11, 31);
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
  const date = readDate(field);
  if (date === undefined) {
    const shapes = 'YYYY-MM-DD, or YYYY-MM or YYYY when the source shows no day';
    ctx.error(field, `${field.label} must be a date written ${shapes}, found ${describe(field.value)}`);
    return '';
  }
  return date;
}

/** A date as precise as known: `2025`, `2025-06`, `2025-06-11` (an unquoted year reads as a number). */
function readDate(field: Field): string | undefined {
  const date = typeof field.value === 'number' ? String(field.value) : typeof field.value === 'string' ? field.value.trim() : '';
  if (!SOURCE_DATE.test(date)) return undefined;
  if (date.length === 10) return isCalendarDay(date) ? date : undefined;
  if (date.length === 7) return Number(date.slice(5)) >= 1 && Number(date.slice(5)) <= 12 ? date : undefined;
  return date;
}

function isCalendarDay(text: string): boolean {
  const match = DAY.exec(text);
  if (match === null) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === text;
}
