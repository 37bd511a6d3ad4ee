/**
 * Dossier codes in free text. The one-stop systems print `<agency id>-<yyMMdd>-<sequence>`, e.g.
 * `000.17.22.H56-210531-0001`: dotted agency segments, the day the dossier was received, and a 4- or 5-digit
 * sequence. Citizens copy them with spaces instead of dots and dashes, drop a dash, or type in lower case; all of
 * that is read back to the one canonical form. Local systems may print other shapes, given as extra patterns
 * (DOSSIER_CODE_PATTERNS).
 */

/** What a message says about a dossier code. */
export type CodeReading =
  /** A code in a known shape, canonical (upper case, dots in the agency id, dashes around the date). */
  | { kind: 'code'; code: string }
  /** Something that looks like a code but is not one (a 3-digit sequence, a date that does not exist...). */
  | { kind: 'malformed'; text: string };

const MAX_AGENCY_SEGMENTS = 6;
const MAX_SEGMENT_LENGTH = 8;
const SEQUENCE_LENGTHS = [4, 5] as const;
/** A wrong code has about as many digits as a right one; phone numbers and plates have fewer, or no letters. */
const MALFORMED_MIN_DIGITS = 8;

/** Reads codes in the default shape and in the configured extra shapes. Build once; reading is cheap. */
export class DossierCodeReader {
  private readonly extra: RegExp[];
  /** The configured extra shapes, as given. */
  readonly patterns: readonly string[];

  /** `patterns`: regular expressions (sources) for further shapes, matched case-insensitively as whole words. */
  constructor(patterns: readonly string[] = []) {
    this.patterns = [...patterns];
    this.extra = patterns.map(compilePattern);
  }

  /** The first code in the message, else the first thing that looks like a wrong code, else null. */
  read(text: string): CodeReading | null {
    const upper = text.normalize('NFC').toUpperCase();
    const custom = this.firstCustom(upper);
    let malformed: string | null = null;
    for (const run of runsOf(upper)) {
      if (custom && custom.index < run.start) break;
      const code = parseRun(run.tokens);
      if (code) return { kind: 'code', code };
      malformed ??= looksLikeCode(run) ? run.text : null;
    }
    if (custom) return { kind: 'code', code: custom.code };
    return malformed === null ? null : { kind: 'malformed', text: malformed };
  }

  /** The canonical code when the whole value is one code (pushed or imported records), else null. */
  parse(value: string): string | null {
    const upper = value.normalize('NFC').trim().toUpperCase();
    for (const pattern of this.extra) {
      const match = wholeMatch(pattern, upper);
      if (match) return match;
    }
    const runs = [...runsOf(upper)];
    return runs.length === 1 && runs[0].text === upper ? parseRun(runs[0].tokens) : null;
  }

  /** The first code in the message, or null (intent recognition only needs to know whether there is one). */
  find(text: string): string | null {
    const reading = this.read(text);
    return reading?.kind === 'code' ? reading.code : null;
  }

  /**
   * The message with every code, and everything meant as one, blanked out: the sentence around them, for guessing
   * its language ("HS", "VL" or "UBND" in a code say nothing about the language the citizen writes in).
   */
  withoutCodes(text: string): string {
    const nfc = text.normalize('NFC');
    const upper = nfc.toUpperCase();
    const spans: [number, number][] = [];
    for (const pattern of this.extra) {
      // matchAll starts where the pattern's last exec (in read) stopped: start from the beginning.
      pattern.lastIndex = 0;
      for (const match of upper.matchAll(pattern)) spans.push([match.index ?? 0, (match.index ?? 0) + match[0].length]);
    }
    for (const run of runsOf(upper)) {
      if (parseRun(run.tokens) !== null || looksLikeCode(run)) spans.push([run.start, run.start + run.text.length]);
    }
    if (spans.length === 0) return nfc;
    // Upper-casing keeps the length of Vietnamese and English text; when it does not (ß), blank the upper-cased copy.
    let out = upper.length === nfc.length ? nfc : upper;
    for (const [start, end] of spans) out = out.slice(0, start) + ' '.repeat(end - start) + out.slice(end);
    return out;
  }

  private firstCustom(upper: string): { index: number; code: string } | null {
    let best: { index: number; code: string } | null = null;
    for (const pattern of this.extra) {
      pattern.lastIndex = 0;
      const match = pattern.exec(upper);
      if (match && (!best || match.index < best.index)) best = { index: match.index, code: canonicalCustom(match[0]) };
    }
    return best;
  }
}

/** A bad pattern in DOSSIER_CODE_PATTERNS; the message says which. */
export class CodePatternError extends Error {}

/** The default shape only (no DOSSIER_CODE_PATTERNS). */
export const DEFAULT_CODE_READER = new DossierCodeReader();

/** The first code in the message in the default shape, canonical, or null. */
export function findDossierCode(text: string): string | null {
  return DEFAULT_CODE_READER.find(text);
}

function compilePattern(source: string): RegExp {
  try {
    return new RegExp(`(?<![\\p{L}\\p{N}])(?:${source})(?![\\p{L}\\p{N}])`, 'giu');
  } catch (error) {
    throw new CodePatternError(`"${source}" is not a regular expression: ${(error as Error).message}`);
  }
}

function wholeMatch(pattern: RegExp, upper: string): string | null {
  pattern.lastIndex = 0;
  const match = pattern.exec(upper);
  return match && match.index === 0 && match[0].length === upper.length ? canonicalCustom(match[0]) : null;
}

function canonicalCustom(text: string): string {
  return text.replace(/\s+/g, '');
}

interface Token {
  text: string;
  /** The separator typed before this token: '' (first token), '.', '-', ' ' (any run of spaces)... */
  before: string;
}

interface Run {
  start: number;
  text: string;
  tokens: Token[];
}

/**
 * Groups of ASCII letters and digits that may form one code. Tokens joined by a dot, dash, underscore or slash
 * belong together; tokens joined by spaces only when both hold a digit ("000 08 14 H56 240902 0035"), so that
 * the words around a code ("hồ sơ", "ma") never become part of it. A token glued to other letters is no token.
 */
function* runsOf(upper: string): Generator<Run> {
  const words = [...upper.matchAll(/[\p{L}\p{N}]+/gu)];
  let run: Run | null = null;
  let end = 0;
  for (const word of words) {
    const text = word[0];
    const start = word.index ?? 0;
    const ascii = /^[0-9A-Z]+$/.test(text);
    const gap = upper.slice(end, start);
    const previous = run?.tokens[run.tokens.length - 1];
    const joined = run !== null && ascii && previous !== undefined && joins(gap, previous.text, text);
    if (joined && run) {
      run.tokens.push({ text, before: separatorOf(gap) });
      run.text = upper.slice(run.start, start + text.length);
    } else {
      if (run) yield run;
      run = ascii ? { start, text, tokens: [{ text, before: '' }] } : null;
    }
    end = start + text.length;
  }
  if (run) yield run;
}

function joins(gap: string, left: string, right: string): boolean {
  if (/^\s*[.\-_/]\s*$/.test(gap)) return true;
  return /^\s{1,3}$/.test(gap) && /\d/.test(left) && /\d/.test(right);
}

function separatorOf(gap: string): string {
  const mark = gap.trim();
  return mark === '' ? ' ' : mark;
}

/**
 * The code a run holds, if any. A run may carry a word too many at either end ("12 000.00.20.H56-240315-0012",
 * "…-0012 3 ngày"), so every window of its tokens is read; the best reading wins, the longest on a tie.
 * Spaces mixed into an otherwise dotted agency id count against a reading: they usually join a stray number.
 */
function parseRun(tokens: Token[]): string | null {
  let best: { code: string; score: number; length: number } | null = null;
  const last = Math.min(tokens.length, MAX_RUN_TOKENS);
  for (let start = 0; start < last; start++) {
    for (let end = last; end > start; end--) {
      const window = tokens.slice(start, end).map((token, i) => (i === 0 ? { ...token, before: '' } : token));
      const reading = readWindow(window);
      if (!reading) continue;
      const length = end - start;
      if (!best || reading.score > best.score || (reading.score === best.score && length > best.length)) {
        best = { ...reading, length };
      }
    }
  }
  return best?.code ?? null;
}

/** The most tokens of one run that are read as one code (a code has at most 6 agency segments + 2). */
const MAX_RUN_TOKENS = 12;

/**
 * Reads tokens as agency + date + sequence. The date and sequence are the last 10 or 11 digits (separators
 * ignored, as long as none falls inside the date or the sequence); whatever is left is the agency id. When both
 * lengths give a real date, the one the separators agree with wins, then the 4-digit sequence (the usual one).
 */
function readWindow(tokens: Token[]): { code: string; score: number } | null {
  const chars = flatten(tokens);
  let best: { code: string; score: number } | null = null;
  for (const sequenceLength of SEQUENCE_LENGTHS) {
    const split = splitTail(chars, sequenceLength);
    if (!split) continue;
    const agency = agencyOf(split.agency);
    if (!agency || !isDate(split.date)) continue;
    if (!agency.hasLetter && !(split.dashBeforeDate && split.dashBeforeSequence)) continue;
    const aligned = (split.dashBeforeDate ? 2 : 0) + (split.dashBeforeSequence ? 2 : 0);
    const score = aligned + (sequenceLength === 4 ? 1 : 0) - 3 * agency.strayJoints;
    if (!best || score > best.score) best = { code: `${agency.id}-${split.date}-${split.sequence}`, score };
  }
  return best;
}

interface Char {
  ch: string;
  /** The separator typed just before this character, '' when it follows the previous one directly. */
  before: string;
}

function flatten(tokens: Token[]): Char[] {
  return tokens.flatMap((token) => [...token.text].map((ch, i) => ({ ch, before: i === 0 ? token.before : '' })));
}

interface TailSplit {
  agency: Char[];
  date: string;
  sequence: string;
  /** A separator was typed between the agency and the date / between the date and the sequence. */
  dashBeforeDate: boolean;
  dashBeforeSequence: boolean;
}

function splitTail(chars: Char[], sequenceLength: number): TailSplit | null {
  const tailLength = 6 + sequenceLength;
  const agencyLength = chars.length - tailLength;
  if (agencyLength < 1) return null;
  const tail = chars.slice(agencyLength);
  if (!tail.every((c) => /\d/.test(c.ch))) return null;
  const sequenceStart = 6;
  // A separator inside the date or the sequence means the digits were not grouped this way.
  if (tail.some((c, i) => i !== 0 && i !== sequenceStart && c.before !== '')) return null;
  return {
    agency: chars.slice(0, agencyLength),
    date: tail.slice(0, 6).map((c) => c.ch).join(''),
    sequence: tail.slice(sequenceStart).map((c) => c.ch).join(''),
    dashBeforeDate: tail[0].before !== '',
    dashBeforeSequence: tail[sequenceStart].before !== '',
  };
}

/**
 * Agency segments joined by dots; a space, dot or dash typed between them reads as a dot. `strayJoints` counts
 * spaces in an agency id that also has dots or dashes.
 */
function agencyOf(chars: Char[]): { id: string; hasLetter: boolean; strayJoints: number } | null {
  const segments: string[] = [''];
  const joints: string[] = [];
  for (const c of chars) {
    if (c.before !== '' && segments[segments.length - 1] !== '') {
      joints.push(c.before);
      segments.push('');
    }
    segments[segments.length - 1] += c.ch;
  }
  if (segments.length > MAX_AGENCY_SEGMENTS || segments.some((s) => s.length > MAX_SEGMENT_LENGTH)) return null;
  const spaces = joints.filter((joint) => joint === ' ').length;
  const id = segments.join('.');
  return { id, hasLetter: /[A-Z]/.test(id), strayJoints: spaces < joints.length ? spaces : 0 };
}

function isDate(yyMMdd: string): boolean {
  const year = 2000 + Number(yyMMdd.slice(0, 2));
  const month = Number(yyMMdd.slice(2, 4));
  const day = Number(yyMMdd.slice(4, 6));
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * A run a citizen probably meant as a code: an agency-like token mixing letters and digits (H56), and about as
 * many digits as a code has. Phone numbers (no letters), dates and licence plates are not: a plate's series mixes
 * letters and digits too ("36K1-123.45", "36B2 12345" have 8 digits), so the plates in the run are left out first.
 */
function looksLikeCode(run: Run): boolean {
  const tokens = run.text.replace(PLATE, ' ').match(/[0-9A-Z]+/g) ?? [];
  const digits = tokens.reduce((sum, token) => sum + token.replace(/\D/g, '').length, 0);
  const mixed = tokens.some((token) => /[A-Z]/.test(token) && /\d/.test(token));
  return mixed && digits >= MALFORMED_MIN_DIGITS;
}

/**
 * A Vietnamese number plate: a 2-digit province, a series of one or two letters and maybe a digit, then 4 digits or
 * 5 (written 123.45): "29A-123.45", "36K1-123.45", "36B2 12345", "51LD 12345", "36-K1 1234". Nothing of a code may
 * be glued to either end (a dot, dash, slash or underscore and more letters or digits), so no part of a code is one.
 */
const PLATE = /(?<![0-9A-Z]|[0-9A-Z][.\-_/])\d{2}[ .-]?[A-Z]{1,2}\d?(?:[ .-]{1,3}|)(?:\d{3}[ .]?\d{2}|\d{4})(?![0-9A-Z]|[.\-_/][0-9A-Z])/g;
