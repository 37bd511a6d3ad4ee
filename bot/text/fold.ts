/**
 * Text folding for comparison: NFC, lower case, tone marks removed, `đ` -> `d` (it does not decompose under NFD),
 * apostrophes inside words dropped ("I'm" -> "im", "don't" -> "dont"), other punctuation turned into spaces, spaces
 * collapsed. Two texts that a citizen would type for the same words fold
 * to the same string, with or without tone marks.
 *
 * Every message and every knowledge text is folded many times, so text made only of ASCII, Latin letters with
 * marks (all of Vietnamese) and common punctuation is folded in one pass over a table of its characters; any other
 * text takes the general path (Unicode normalisation and regular expressions). Both give the same result: the table
 * is made by the general path itself, one character at a time, and holds only characters for which that is exact
 * (see SIMPLE).
 */
export function fold(text: string): string {
  const lower = text.normalize('NFC').toLowerCase();
  return foldSimple(lower) ?? foldGenerally(lower);
}

/** Removes Vietnamese tone and vowel marks, keeping letters and everything else. */
export function stripMarks(text: string): string {
  return stripSimple(text) ?? stripGenerally(text);
}

function foldGenerally(lower: string): string {
  return stripGenerally(lower)
    .replace(/(\p{L})['’](\p{L})/gu, '$1$2')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function stripGenerally(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC');
}

/** Punctuation common in messages and knowledge text (no-break space, quotes, dashes, ellipsis). */
const PUNCTUATION = '\u00a0\u00ab\u00bb\u2013\u2014\u2018\u2019\u201c\u201d\u2026';

/**
 * What stripGenerally makes of each character that can be stripped on its own, by UTF-16 code (0: not one of
 * them). A string made only of these strips to the concatenation of their strippings: each is ASCII; or a Latin
 * letter in NFC that decomposes to one ASCII letter and marks of U+0300–U+036F (so no mark moves to a neighbour
 * under NFD), or that does not decompose and strips to an ASCII letter (đ); or punctuation that does not decompose.
 * The result is ASCII and such punctuation, which NFC leaves as it is.
 */
const SIMPLE: Uint16Array = simpleCharacters();

function simpleCharacters(): Uint16Array {
  const table = new Uint16Array(0x2030);
  for (let code = 1; code < 0x80; code++) table[code] = code;
  for (let code = 0xc0; code < 0x1f00; code++) {
    if (code > 0x24f && code < 0x1e00) continue;
    const char = String.fromCharCode(code);
    const decomposed = char.normalize('NFD');
    const stripped = stripGenerally(char);
    const marksOnly = [...decomposed.slice(1)].every((mark) => mark >= '\u0300' && mark <= '\u036f');
    const letter = /^[A-Za-z]$/.test(stripped);
    if (char.normalize('NFC') === char && letter && (decomposed === char || (decomposed.charCodeAt(0) < 0x80 && marksOnly))) table[code] = stripped.charCodeAt(0);
  }
  for (const char of PUNCTUATION) {
    const code = char.charCodeAt(0);
    if (char.normalize('NFD') === char && !/[\p{L}\p{N}]/u.test(char) && stripGenerally(char) === char) table[code] = code;
  }
  return table;
}

/** The stripped character codes of the text when it is all simple characters (see SIMPLE), else -1. */
function stripCodes(text: string, out: Uint16Array): number {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const simple = code < SIMPLE.length ? SIMPLE[code] : 0;
    if (simple === 0) return -1;
    out[i] = simple;
  }
  return text.length;
}

/** stripGenerally(text) for text of simple characters only; null for any other. */
function stripSimple(text: string): string | null {
  let i = 0;
  while (i < text.length && text.charCodeAt(i) < 0x80) i++;
  if (i === text.length) return text;
  const codes = buffer(text.length);
  return stripCodes(text, codes) < 0 ? null : fromCodes(codes, text.length);
}

/**
 * foldGenerally(lower) when the text is all simple characters, else null. The stripped text is ASCII and simple
 * punctuation, where \p{L} and \p{N} are ASCII letters and digits: an apostrophe between two letters goes (the
 * letter after it is not looked at again, as the global expression consumes it), then every run of other
 * characters is one space, none at either end.
 */
function foldSimple(lower: string): string | null {
  const codes = buffer(lower.length);
  const length = stripCodes(lower, codes);
  if (length < 0) return null;
  let n = 0;
  let pending = false;
  for (let i = 0; i < length; i++) {
    const code = codes[i];
    if (!isAsciiWord(code)) {
      pending = true;
      continue;
    }
    if (pending && n > 0) codes[n++] = 0x20;
    pending = false;
    codes[n++] = code;
    if (i + 2 < length && isAsciiLetter(code) && isApostrophe(codes[i + 1]) && isAsciiLetter(codes[i + 2])) {
      codes[n++] = codes[i + 2];
      i += 2;
    }
  }
  return fromCodes(codes, n);
}

/** Reused between calls (one at a time: nothing here calls back). */
let scratch = new Uint16Array(256);
const chunk: number[] = [];

function buffer(length: number): Uint16Array {
  if (scratch.length < length) scratch = new Uint16Array(Math.max(length, scratch.length * 2));
  return scratch;
}

function fromCodes(codes: Uint16Array, length: number): string {
  let out = '';
  for (let from = 0; from < length; from += CHUNK) {
    const to = Math.min(length, from + CHUNK);
    chunk.length = to - from;
    for (let i = from; i < to; i++) chunk[i - from] = codes[i];
    out += String.fromCharCode.apply(null, chunk);
  }
  return out;
}

/** Characters made into a string at once (well under any engine's limit on arguments). */
const CHUNK = 2048;

function isAsciiLetter(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a);
}

function isAsciiWord(code: number): boolean {
  return isAsciiLetter(code) || (code >= 0x30 && code <= 0x39);
}

function isApostrophe(code: number): boolean {
  return code === 0x27 || code === 0x2019;
}
