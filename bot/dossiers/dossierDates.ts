/**
 * Dates of a dossier. One-stop systems send them in several ways (ISO 8601, `dd/MM/yyyy HH:mm`, the national
 * portal's `yyyyMMddHHmmss`); they are all kept as Vietnam wall time: `YYYY-MM-DD` for a whole day,
 * `YYYY-MM-DDTHH:mm` for a moment. Vietnam has one time zone, UTC+7, without daylight saving.
 */

/** A date as stored: `YYYY-MM-DD` or `YYYY-MM-DDTHH:mm`, Vietnam time. */
export type DossierDate = string;

const VIETNAM_OFFSET_MS = 7 * 3600_000;

interface Parts {
  year: number;
  month: number;
  day: number;
  hour?: number;
  minute?: number;
}

const FORMATS: { pattern: RegExp; read(m: RegExpMatchArray): Parts | null }[] = [
  // ISO with an offset or Z: converted to Vietnam time.
  { pattern: /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i, read: fromInstant },
  // ISO without an offset: already Vietnam time.
  { pattern: /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?)?$/, read: (m) => parts(m[1], m[2], m[3], m[4], m[5]) },
  // dd/MM/yyyy [HH:mm[:ss]]
  { pattern: /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:\s+(\d{1,2})[:h](\d{2})(?::\d{2})?)?$/, read: (m) => parts(m[3], m[2], m[1], m[4], m[5]) },
  // HH:mm dd/MM/yyyy
  { pattern: /^(\d{1,2})[:h](\d{2})(?::\d{2})?\s+(?:ngày\s+)?(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/i, read: (m) => parts(m[5], m[4], m[3], m[1], m[2]) },
  // yyyyMMdd[HHmm[ss]] (the national portal's sync format)
  { pattern: /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(?:\d{2})?)?$/, read: (m) => parts(m[1], m[2], m[3], m[4], m[5]) },
];

/** The stored form of a date in any accepted format, or null when it is not a real date. */
export function parseDossierDate(value: string): DossierDate | null {
  const text = value.trim();
  for (const format of FORMATS) {
    const match = format.pattern.exec(text);
    if (!match) continue;
    const read = format.read(match);
    return read && valid(read) ? stored(read) : null;
  }
  return null;
}

/** The moment a date ends, in ms since the epoch: the end of the day for a whole day. */
export function dateEnd(date: DossierDate): number {
  const p = partsOf(date);
  if (p.hour === undefined) return Date.UTC(p.year, p.month - 1, p.day + 1) - VIETNAM_OFFSET_MS - 1;
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - VIETNAM_OFFSET_MS;
}

/** The moment a date starts, in ms since the epoch. */
export function dateStart(date: DossierDate): number {
  const p = partsOf(date);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour ?? 0, p.minute ?? 0) - VIETNAM_OFFSET_MS;
}

/** What a sentence needs to say a date the Vietnamese way: `20/12/2026`, its weekday, and `10:30` if timed. */
export interface SpokenDate {
  /** dd/MM/yyyy */
  date: string;
  /** 0 = Sunday ... 6 = Saturday */
  weekday: number;
  /** HH:mm, or null for a whole day. */
  time: string | null;
}

export function spokenDate(date: DossierDate): SpokenDate {
  const p = partsOf(date);
  return {
    date: `${pad(p.day)}/${pad(p.month)}/${p.year}`,
    weekday: new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay(),
    time: p.hour === undefined ? null : `${pad(p.hour)}:${pad(p.minute ?? 0)}`,
  };
}

/** Today in Vietnam as `YYYY-MM-DD`. */
export function vietnamToday(now: number): DossierDate {
  return new Date(now + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

function fromInstant(m: RegExpMatchArray): Parts | null {
  const local = parts(m[1], m[2], m[3], m[4], m[5]);
  if (!local || !valid(local)) return null;
  const zone = m[6].toUpperCase();
  const offsetMinutes = zone === 'Z' ? 0 : Number(zone.slice(0, 1) + '1') * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(-2)));
  const utc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute) - offsetMinutes * 60_000;
  const vn = new Date(utc + VIETNAM_OFFSET_MS);
  return {
    year: vn.getUTCFullYear(),
    month: vn.getUTCMonth() + 1,
    day: vn.getUTCDate(),
    hour: vn.getUTCHours(),
    minute: vn.getUTCMinutes(),
  };
}

function parts(year: string, month: string, day: string, hour?: string, minute?: string): Parts | null {
  const result: Parts = { year: Number(year), month: Number(month), day: Number(day) };
  if (hour !== undefined && minute !== undefined) Object.assign(result, { hour: Number(hour), minute: Number(minute) });
  return result;
}

function valid(p: Parts): boolean {
  if (p.year < 2000 || p.year > 2100 || p.month < 1 || p.month > 12 || p.day < 1) return false;
  if (p.day > new Date(Date.UTC(p.year, p.month, 0)).getUTCDate()) return false;
  return p.hour === undefined || (p.hour <= 23 && (p.minute ?? 0) <= 59);
}

function stored(p: Parts): DossierDate {
  const day = `${p.year}-${pad(p.month)}-${pad(p.day)}`;
  return p.hour === undefined ? day : `${day}T${pad(p.hour)}:${pad(p.minute ?? 0)}`;
}

function partsOf(date: DossierDate): Parts {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/.exec(date);
  if (!m) throw new RangeError(`not a stored dossier date: ${date}`);
  return parts(m[1], m[2], m[3], m[4], m[5]) as Parts;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
