import { createHash } from 'node:crypto';
import type { DossierCodeReader } from './dossierCode';
import { dateEnd, DossierDate, parseDossierDate } from './dossierDates';
import { maskName } from './maskName';

/**
 * Where a dossier is, in the words the bot uses (the one-stop systems' own codes are mapped onto these):
 * `submitted` filed (online) and not yet accepted by an officer; `received` accepted; `ready` processed, the result
 * waits to be collected or sent; `delivered` the result has been handed over (collected or posted); `returned` not
 * accepted, handed back; `rejected` accepted but refused; `withdrawn` at the applicant's request; `stopped`.
 */
export const DOSSIER_STATUSES = [
  'submitted',
  'received',
  'processing',
  'supplement',
  'payment',
  'ready',
  'delivered',
  'returned',
  'rejected',
  'withdrawn',
  'stopped',
] as const;
export type DossierStatus = (typeof DOSSIER_STATUSES)[number];

/** After these nothing more happens to a dossier: notifications stop. */
export const FINAL_STATUSES: ReadonlySet<DossierStatus> = new Set(['ready', 'delivered', 'returned', 'rejected', 'withdrawn', 'stopped']);

/** The statuses in which the agency holds the dossier, so a passed due date is the agency's delay. */
const AGENCY_TURN: ReadonlySet<DossierStatus> = new Set(['submitted', 'received', 'processing']);

/** The fields of a record, the same in the push API's JSON, the CSV header and the connector's mapping. */
export const DOSSIER_FIELDS = [
  'code',
  'procedure',
  'status',
  'applicant',
  'receivedAt',
  'dueAt',
  'finishedAt',
  'pickup',
  'missing',
  'note',
  'phoneLast4',
] as const;
export type DossierField = (typeof DOSSIER_FIELDS)[number];

/** How the result is handed over. Postal details (tracking, address) are private: shown after the second factor. */
export type Pickup = { by: 'desk'; place: string } | { by: 'post'; details: string | null };

/**
 * A dossier as the bot keeps it. It holds no personal data beyond what the privacy rules let the bot show:
 * the applicant's name is kept masked, and of the phone number only a salted hash of its last 4 digits.
 */
export interface Dossier {
  code: string;
  procedure: string | null;
  status: DossierStatus;
  /** Masked ("Ng***n V** A"). */
  applicant: string | null;
  receivedAt: DossierDate | null;
  dueAt: DossierDate | null;
  finishedAt: DossierDate | null;
  pickup: Pickup | null;
  /** Papers still to bring (status `supplement`). */
  missing: string[];
  /** The officer's note: shown only after the second factor. */
  note: string | null;
  /** Hash of the code and the applicant's phone's last 4 digits; null when the record has none. */
  phoneCheck: string | null;
}

export type DossierReading =
  | { ok: true; dossier: Dossier; ignored: string[] }
  | { ok: false; code: string | null; problems: string[] };

const LIMITS: Partial<Record<DossierField, number>> = { procedure: 300, applicant: 120, pickup: 500, note: 1000 };
const MAX_MISSING = 30;
const MAX_MISSING_LENGTH = 300;

/**
 * Validates one record from the push API, a CSV row or the connector, and turns it into a Dossier. Every problem
 * is listed (field: what is wrong), so a sender fixes a record in one go. Unknown fields are ignored and named.
 */
export function readDossier(input: unknown, codes: DossierCodeReader): DossierReading {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, code: null, problems: ['a record must be a JSON object with the fields ' + DOSSIER_FIELDS.join(', ')] };
  }
  const record = input as Record<string, unknown>;
  const problems: string[] = [];
  const text = (field: DossierField) => readText(record[field], field, problems);
  const rawCode = text('code');
  const code = rawCode === null ? null : codes.parse(rawCode);
  if (rawCode === null) problems.push('code: missing');
  else if (code === null) problems.push(`code: "${rawCode}" is not a dossier code (expected like 000.17.22.H56-210531-0001)`);
  const status = readStatus(text('status'), problems);
  const dates = {
    receivedAt: readDate(text('receivedAt'), 'receivedAt', problems),
    dueAt: readDate(text('dueAt'), 'dueAt', problems),
    finishedAt: readDate(text('finishedAt'), 'finishedAt', problems),
  };
  if (dates.receivedAt && dates.dueAt && dateEnd(dates.dueAt) < dateEnd(dates.receivedAt)) {
    problems.push('dueAt: is before receivedAt');
  }
  const applicant = readApplicant(text('applicant'), problems);
  const missing = readMissing(record.missing, problems);
  const phoneLast4 = readPhoneLast4(record.phoneLast4, problems);
  const procedure = text('procedure');
  const pickup = readPickup(text('pickup'));
  const note = text('note');
  if (problems.length > 0 || code === null || status === null) return { ok: false, code: code ?? rawCode, problems };
  const phoneCheck = phoneLast4 === null ? null : phoneCheckOf(code, phoneLast4);
  const dossier: Dossier = { code, procedure, status, applicant, ...dates, pickup, missing, note, phoneCheck };
  const ignored = Object.keys(record).filter((key) => !(DOSSIER_FIELDS as readonly string[]).includes(key));
  return { ok: true, dossier, ignored };
}

/** What the code alone may show: no officer's note, no delivery details, no phone check. */
export type PublicDossier = Omit<Dossier, 'note' | 'phoneCheck'>;

export function publicView(dossier: Dossier): PublicDossier {
  const pickup: Pickup | null = dossier.pickup?.by === 'post' ? { by: 'post', details: null } : dossier.pickup;
  return {
    code: dossier.code,
    procedure: dossier.procedure,
    status: dossier.status,
    applicant: dossier.applicant,
    receivedAt: dossier.receivedAt,
    dueAt: dossier.dueAt,
    finishedAt: dossier.finishedAt,
    pickup,
    missing: [...dossier.missing],
  };
}

/** Whether a second factor guards something worth guarding: the officer's note or the delivery details. */
export function hasPrivateDetails(dossier: Dossier): boolean {
  return dossier.note !== null || (dossier.pickup?.by === 'post' && dossier.pickup.details !== null);
}

/** The stored check for a phone's last 4 digits; the code salts it so equal digits differ between dossiers. */
export function phoneCheckOf(code: string, last4: string): string {
  return createHash('sha256').update(`thu-tuc-bot:dossier-phone:${code}:${last4}`).digest('hex').slice(0, 32);
}

/** Whether the agency is past the due date while it still holds the dossier. */
export function isOverdue(dossier: Pick<Dossier, 'status' | 'dueAt'>, now: number): boolean {
  return dossier.dueAt !== null && AGENCY_TURN.has(dossier.status) && now > dateEnd(dossier.dueAt);
}

/** One canonical JSON text per content, to tell an unchanged record from a changed one. */
export function dossierContent(dossier: Dossier): string {
  const ordered: Record<string, unknown> = {};
  for (const key of Object.keys(dossier).sort()) ordered[key] = dossier[key as keyof Dossier];
  return JSON.stringify(ordered);
}

function readText(value: unknown, field: DossierField, problems: string[]): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' && Number.isFinite(value)) value = String(value);
  if (typeof value !== 'string') {
    problems.push(`${field}: must be text`);
    return null;
  }
  const trimmed = value.normalize('NFC').replace(/\s+/g, ' ').trim();
  const limit = LIMITS[field];
  if (limit && trimmed.length > limit) problems.push(`${field}: longer than ${limit} characters`);
  return trimmed === '' ? null : trimmed;
}

function readStatus(value: string | null, problems: string[]): DossierStatus | null {
  if (value === null) {
    problems.push('status: missing');
    return null;
  }
  const status = DOSSIER_STATUSES.find((s) => s === value.toLowerCase());
  if (!status) problems.push(`status: "${value}" is not one of ${DOSSIER_STATUSES.join(', ')}`);
  return status ?? null;
}

function readDate(value: string | null, field: DossierField, problems: string[]): DossierDate | null {
  if (value === null) return null;
  const date = parseDossierDate(value);
  if (date === null) problems.push(`${field}: "${value}" is not a date (use 2026-12-20, 2026-12-20T14:30+07:00 or 20/12/2026)`);
  return date;
}

function readApplicant(value: string | null, problems: string[]): string | null {
  if (value === null) return null;
  if (/\d/.test(value)) {
    problems.push('applicant: holds digits; send the name only (never an ID or phone number)');
    return null;
  }
  return maskName(value);
}

/** A list in JSON, or one text with the papers separated by ";", "|" or new lines (CSV). */
function readMissing(value: unknown, problems: string[]): string[] {
  if (value === undefined || value === null || value === '') return [];
  const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[;|\n]/) : null;
  if (!items || items.some((item) => typeof item !== 'string')) {
    problems.push('missing: must be a list of texts, or one text separated by ";"');
    return [];
  }
  const papers = (items as string[]).map((item) => item.normalize('NFC').replace(/\s+/g, ' ').trim()).filter(Boolean);
  if (papers.length > MAX_MISSING) problems.push(`missing: more than ${MAX_MISSING} papers`);
  if (papers.some((paper) => paper.length > MAX_MISSING_LENGTH)) problems.push(`missing: a paper is longer than ${MAX_MISSING_LENGTH} characters`);
  return papers;
}

function readPhoneLast4(value: unknown, problems: string[]): string | null {
  if (value === undefined || value === null || value === '') return null;
  const digits = typeof value === 'number' ? String(value).padStart(4, '0') : typeof value === 'string' ? value.replace(/\s/g, '') : '';
  if (!/^\d{4}$/.test(digits)) {
    problems.push('phoneLast4: must be exactly 4 digits');
    return null;
  }
  return digits;
}

/**
 * "post" (or "bưu điện", "bưu chính"), optionally followed by ":" and the delivery details, means the result is
 * sent by post; any other text is where (and when) to collect it at a desk.
 */
function readPickup(value: string | null): Pickup | null {
  if (value === null) return null;
  const match = /^(post|mail|bưu điện|buu dien|bưu chính|buu chinh)\b\s*[:,-]?\s*(.*)$/iu.exec(value);
  if (match) return { by: 'post', details: match[2].trim() || null };
  return { by: 'desk', place: value };
}
