import type { YamlValue } from './yamlValue';

/**
 * The quick parse: a small reader for the YAML that knowledge files are written in (blocks of `key: value`
 * lines, `- ` lists, plain texts, texts quoted on one line, comments), into plain values, several times faster
 * than `yaml`. It reads a file only when it is sure to read it as `yaml` does (YAML 1.2 core schema); for
 * anything else (flow `[a, b]` or `{...}`, block texts `|` and `>`, anchors, tags, escapes, a quote left open
 * over a line, tabs, YAML errors...) it gives up and returns undefined, and the file is read by `yaml`.
 * test/knowledge/quickYaml.test.ts holds it to `yaml` on thousands of edited files.
 */
export function quickLoad(text: string): YamlValue {
  // Tabs are YAML white space (`yaml` trims them, and refuses them in indentation); a BOM opening the file is
  // dropped by `yaml`; a lone \r breaks a line for js but not for YAML. Any other character is read as written.
  if (text.includes('\t') || text.charCodeAt(0) === BOM || (text.includes('\r') && /\r(?!\n)/.test(text))) {
    return undefined;
  }
  try {
    const lines = new Lines(text);
    if (lines.atEnd) return undefined;
    const value = readNode(lines, -1);
    return lines.atEnd ? value : undefined;
  } catch (error) {
    if (error === GIVE_UP) return undefined;
    throw error;
  }
}

/** Thrown to leave a file to `yaml`; a constant, so giving up costs no stack trace. */
const GIVE_UP = new Error('not quick YAML');

function giveUp(): never {
  throw GIVE_UP;
}

const SPACE = 32;
const HASH = 35;
const DASH = 45;
const COLON = 58;
const QUOTE = 34;
const APOSTROPHE = 39;
const CR = 13;
const BACKSLASH = 92;
const BOM = 0xfeff;

/** Characters that give a node another meaning at its start (YAML indicators); a plain text must not start so. */
const INDICATORS = new Set([...'-?:,[]{}#&*!|>\'"%@`'].map((character) => character.charCodeAt(0)));

function startsWithIndicator(text: string, at: number): boolean {
  return INDICATORS.has(text.charCodeAt(at));
}

/** The file's lines with content (not blank, not only a comment), one at a time. */
class Lines {
  /** Start of the current line, its end (before `\r\n`), where its content starts, and its indentation. */
  start = 0;
  end = 0;
  content = 0;
  indent = -1;
  atEnd = false;
  /** Whether blank or comment lines came before the current line (a plain text may not go on after them). */
  afterGap = false;
  private nextStart = 0;
  /** The first `#` at or after some earlier place, kept so that looking for comments stays one pass. */
  private hash = -1;

  constructor(readonly text: string) {
    this.next();
  }

  /** Where a ` #` comment starts on the current line from `at` on, or the line's end. */
  commentStart(at: number): number {
    const { text } = this;
    for (;;) {
      if (this.hash < at) this.hash = text.indexOf('#', at);
      if (this.hash === -1) this.hash = text.length;
      if (this.hash >= this.end) return this.end;
      if (text.charCodeAt(this.hash - 1) === SPACE) return this.hash;
      at = this.hash + 1;
    }
  }

  next(): void {
    const { text } = this;
    this.afterGap = false;
    while (this.nextStart < text.length) {
      const start = this.nextStart;
      const newline = text.indexOf('\n', start);
      this.nextStart = newline === -1 ? text.length : newline + 1;
      const end = newline === -1 ? text.length : text.charCodeAt(newline - 1) === CR ? newline - 1 : newline;
      const content = skipSpaces(text, start);
      if (content < end && text.charCodeAt(content) !== HASH) {
        this.start = start;
        this.end = end;
        this.content = content;
        this.indent = content - start;
        return;
      }
      this.afterGap = true;
    }
    this.start = this.end = this.content = text.length;
    this.indent = -1;
    this.atEnd = true;
  }

  /** Whether the current line, from `at`, starts a list item: `-` then a space or the end of the line. */
  isDashAt(at: number): boolean {
    return this.text.charCodeAt(at) === DASH && (at + 1 === this.end || this.text.charCodeAt(at + 1) === SPACE);
  }
}

/** The node on the lines below a `key:` or `- ` with nothing after it: deeper than `parent`, or null if none. */
function readNode(lines: Lines, parent: number): YamlValue {
  if (lines.atEnd || lines.indent <= parent) return null;
  return lines.isDashAt(lines.content) ? readList(lines, lines.content) : readBlock(lines, lines.content);
}

/** `- ` items whose dash is at `at` on the current line, then at the same column on the lines below. */
function readList(lines: Lines, at: number): YamlValue[] {
  const column = at - lines.start;
  const items: YamlValue[] = [];
  for (let dash = at; ; dash = lines.content) {
    items.push(readItem(lines, dash, column));
    if (lines.atEnd || lines.indent < column) return items;
    if (lines.indent > column) giveUp();
    if (!lines.isDashAt(lines.content)) return items; // a key at the list's column: the list was its value
  }
}

function readItem(lines: Lines, dash: number, column: number): YamlValue {
  const { text } = lines;
  const at = skipSpaces(text, dash + 1);
  if (at >= lines.end || text.charCodeAt(at) === HASH) {
    lines.next();
    return readNode(lines, column);
  }
  if (lines.isDashAt(at)) return readList(lines, at);
  const first = text.charCodeAt(at);
  if (first !== QUOTE && first !== APOSTROPHE && plainKeyEnd(text, at, lines.end) >= 0) return readBlock(lines, at);
  return readScalar(lines, at, column);
}

/** `key: value` lines whose first key starts at `at` on the current line, then at the same column below. */
function readBlock(lines: Lines, at: number): YamlValue {
  const column = at - lines.start;
  const block: { [key: string]: YamlValue } = {};
  for (let keyAt = at; ; keyAt = lines.content) {
    const [key, valueAt] = readKey(lines, keyAt);
    if (Object.hasOwn(block, key)) giveUp(); // `yaml` reports a key written twice
    block[key] = readValue(lines, valueAt, column);
    if (lines.atEnd || lines.indent < column) return block;
    if (lines.indent > column || lines.isDashAt(lines.content)) giveUp();
  }
}

/** The key at `at` and where its value starts; a key must be a plain word that stays a text (not `1`, `null`). */
function readKey(lines: Lines, at: number): [string, number] {
  const { text } = lines;
  const colon = plainKeyEnd(text, at, lines.end);
  if (colon < 0 || startsWithIndicator(text, at)) giveUp();
  const key = text.slice(at, trimSpacesBefore(text, colon));
  if (key.length > 1024 || key.includes(' #') || key === '__proto__' || resolvePlain(key) !== key) giveUp();
  return [key, skipSpaces(text, colon + 1)];
}

function readValue(lines: Lines, at: number, column: number): YamlValue {
  const { text } = lines;
  if (at < lines.end && text.charCodeAt(at) !== HASH) return readScalar(lines, at, column);
  lines.next();
  // A list may stand at the very column of its key.
  if (!lines.atEnd && lines.indent === column && lines.isDashAt(lines.content)) return readList(lines, lines.content);
  return readNode(lines, column);
}

/** The `:` (followed by a space or the end of the line) that ends a plain key on this line, or -1. */
function plainKeyEnd(text: string, from: number, end: number): number {
  for (let at = text.indexOf(':', from); at !== -1 && at < end; at = text.indexOf(':', at + 1)) {
    if (at + 1 === end || text.charCodeAt(at + 1) === SPACE) return at;
  }
  return -1;
}

function skipSpaces(text: string, at: number): number {
  while (text.charCodeAt(at) === SPACE) at += 1;
  return at;
}

/** Where trailing spaces before `end` start: YAML trims spaces only, not every white space as String.trim. */
function trimSpacesBefore(text: string, end: number): number {
  while (text.charCodeAt(end - 1) === SPACE) end -= 1;
  return end;
}

/** A text or number starting at `at`: quoted on this line, or plain (its lines deeper than `column` joined). */
function readScalar(lines: Lines, at: number, column: number): YamlValue {
  const first = lines.text.charCodeAt(at);
  if (first === QUOTE || first === APOSTROPHE) return readQuoted(lines, at);
  if (startsWithIndicator(lines.text, at)) giveUp();
  let [value, commented] = readPlainLine(lines, at);
  lines.next();
  while (!lines.atEnd && lines.indent > column) {
    if (commented || lines.afterGap || startsWithIndicator(lines.text, lines.content)) giveUp();
    const [more, moreCommented] = readPlainLine(lines, lines.content);
    value = `${value} ${more}`;
    commented = moreCommented;
    lines.next();
  }
  return resolvePlain(value);
}

/** One line of a plain text, up to a ` #` comment; a `: ` inside would make it a key (a YAML error here). */
function readPlainLine(lines: Lines, at: number): [string, boolean] {
  const { text } = lines;
  const comment = lines.commentStart(at);
  const end = trimSpacesBefore(text, comment);
  const colon = text.indexOf(': ', at);
  if ((colon !== -1 && colon < end) || text.charCodeAt(end - 1) === COLON) giveUp();
  return [text.slice(at, end), comment < lines.end];
}

/** A text in "double" or 'single' quotes, closed on the same line. */
function readQuoted(lines: Lines, at: number): string {
  const { text } = lines;
  const double = text.charCodeAt(at) === QUOTE;
  const close = double ? closingDoubleQuote(text, at) : closingSingleQuote(text, at);
  if (close < 0 || close >= lines.end) giveUp();
  const after = skipSpaces(text, close + 1);
  if (after < lines.end && (after === close + 1 || text.charCodeAt(after) !== HASH)) giveUp();
  lines.next();
  const value = text.slice(at + 1, close);
  if (!double) return value.replaceAll("''", "'");
  return value.includes('\\') ? value.replace(/\\(.)/g, unescapeOne) : value;
}

function closingDoubleQuote(text: string, open: number): number {
  let close = text.indexOf('"', open + 1);
  while (close >= 0 && isEscaped(text, close)) close = text.indexOf('"', close + 1);
  return close;
}

function closingSingleQuote(text: string, open: number): number {
  let close = text.indexOf("'", open + 1);
  while (close >= 0 && text.charCodeAt(close + 1) === APOSTROPHE) close = text.indexOf("'", close + 2);
  return close;
}

function isEscaped(text: string, at: number): boolean {
  let backslashes = 0;
  while (text.charCodeAt(at - 1 - backslashes) === BACKSLASH) backslashes += 1;
  return backslashes % 2 === 1;
}

/** The escapes staff write (`\"`, `\\`); `yaml` reads the others (`\x41`, `\u00e0`, `\N`...). */
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', n: '\n', t: '\t' };

function unescapeOne(_escape: string, character: string): string {
  return Object.hasOwn(ESCAPES, character) ? ESCAPES[character] : giveUp();
}

const NULL = /^(?:~|[Nn]ull|NULL)$/;
const BOOLEAN = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const OCTAL = /^0o[0-7]+$/;
const DECIMAL = /^[-+]?[0-9]+$/;
const HEXADECIMAL = /^0x[0-9a-fA-F]+$/;
const INFINITY_OR_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$|^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

/** A plain text as the YAML 1.2 core schema reads it: `yaml`'s tests, in `yaml`'s order, with its results. */
function resolvePlain(text: string): YamlValue {
  const first = text.charCodeAt(0);
  if (text.length <= 4 && NULL.test(text)) return null;
  if (text.length <= 5 && BOOLEAN.test(text)) return first === 116 || first === 84; // t T
  const numeric = (first >= 48 && first <= 57) || first === 43 || first === 45 || first === 46; // 0-9 + - .
  if (!numeric) return text;
  if (OCTAL.test(text)) return parseInt(text.slice(2), 8);
  if (DECIMAL.test(text)) return parseInt(text, 10);
  if (HEXADECIMAL.test(text)) return parseInt(text.slice(2), 16);
  if (INFINITY_OR_NAN.test(text)) {
    if (/nan$/i.test(text)) return NaN;
    return first === 45 ? -Infinity : Infinity;
  }
  return FLOAT.test(text) ? parseFloat(text) : text;
}
