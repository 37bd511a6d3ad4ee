import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isAlias, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { quickLoad } from '../../bot/knowledge/quickYaml';
import { FIXTURES } from './kbFixture';

/**
 * The quick parse must read every file it accepts exactly as `yaml` does, and leave the rest to `yaml`: a file it
 * read otherwise would load other values than before, or pass where `yaml` finds an error.
 */

/** `yaml`'s reading of a text, blocks as Maps in source order; undefined when `yaml` finds an error or a warning. */
function readByYaml(text: string): unknown {
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0 || doc.warnings.length > 0) return undefined;
  return plain(doc.contents);
}

function plain(node: unknown): unknown {
  if (isScalar(node)) return node.value;
  if (isSeq(node)) return node.items.map(plain);
  if (isMap(node)) return new Map(node.items.map((pair) => [keyOf(pair.key), plain(pair.value)]));
  return isAlias(node) ? 'an alias' : node;
}

function keyOf(key: unknown): unknown {
  return isScalar(key) ? key.value : key;
}

/** Where the quick reading differs from `yaml`'s (key order included), or undefined when they agree. */
function difference(quick: unknown, exact: unknown, path = ''): string | undefined {
  if (exact instanceof Map) {
    const isBlock = typeof quick === 'object' && quick !== null && !Array.isArray(quick);
    const keys = isBlock ? Object.keys(quick) : undefined;
    if (keys?.join('\n') !== [...exact.keys()].join('\n')) return `${path}: keys ${JSON.stringify(keys)}`;
    const values = quick as Record<string, unknown>;
    return keys.map((key) => difference(values[key], exact.get(key), `${path}.${key}`)).find(Boolean);
  }
  if (Array.isArray(exact)) {
    if (!Array.isArray(quick) || quick.length !== exact.length) return `${path}: not the same list`;
    return exact.map((item, index) => difference(quick[index], item, `${path}[${index}]`)).find(Boolean);
  }
  return Object.is(quick, exact) ? undefined : `${path}: ${JSON.stringify(quick)} instead of ${JSON.stringify(exact)}`;
}

/** What went wrong with the quick reading of `text`, or undefined when it agrees with `yaml` or gives up. */
function quickMistake(text: string): string | undefined {
  const quick = quickLoad(text);
  if (quick === undefined) return undefined;
  const exact = readByYaml(text);
  if (exact === undefined) return 'read a text that yaml refuses';
  return difference(quick, exact);
}

describe('quickLoad', () => {
  it('reads the YAML staff write as yaml does', () => {
    const texts = [
      'id: a\ncode: "1.001193"\ncode_verified: false\nfield: null\ncopies: 2\nratio: 1.50\n',
      'title:\n  vi: Khai sinh   # comment\n  en: "Birth: registration"\nnote: \'it\'\'s\'\n',
      'summary: a text that goes\n  on over two lines\nfee: "x \\"quoted\\" \\\\ y"\n',
      'aliases:\n  - làm giấy khai sinh\n  - "sổ đỏ"\nsteps:\n  -\n    vi: Bước 1\n  - vi: Bước 2\n    en: Step 2\n',
      'list:\n- a\n- - b\n  - c\nnext: 1\r\nyes: on\r\n',
      'kept: a non-breaking space\u00a0\nkey\u00a0: x\n',
      'numbers:\n  - 0o17\n  - 0x1F\n  - 1e3\n  - .inf\n  - .NaN\n  - +12\n  - 007\n  - 1_000\n  - 0b1\n  - 1.0\n',
    ];
    for (const text of texts) {
      expect(quickLoad(text)).toBeDefined();
      expect(quickMistake(text)).toBeUndefined();
    }
  });

  it('leaves to yaml what it does not read, and what yaml refuses', () => {
    const texts = [
      'a: [x, y]\n', 'a: {x: 1}\n', 'a: |\n  x\n', 'a: >\n  x\n', 'a: &x 1\nb: *x\n', 'a: !!str 1\n', '? a\n: b\n',
      'a: "x\n  y"\n', 'a:\n\t- x\n', '1: x\n', 'null: x\n', '"a": x\n', 'a: "\\x41"\n',
      '%YAML 1.2\n---\na: 1\n',
      'a: b: c\n', 'a: - b\n', 'a:\n  b: 1\n c: 2\n', 'a: 1\na: 2\n', 'a: "x"y\n', 'a: x\n  # c\n  y\n',
      'a: {{site.desk}}\n',
      '', '# only a comment\n', 'just text\n', 'a: x\r b\n', 'a:\n  - x\n  -\n - y\n',
    ];
    for (const text of texts) expect([text, quickLoad(text)]).toEqual([text, undefined]);
  });

  it('agrees with yaml on thousands of edited knowledge files', () => {
    const sources = [...yamlFiles(FIXTURES), ...yamlFiles(join(__dirname, '..', '..', 'knowledge'))];
    const texts = sources.map((path) => readFileSync(path, 'utf8'));
    const random = seededRandom(20240611);
    const mistakes: string[] = [];
    let read = 0;
    for (let run = 0; run < 3000; run += 1) {
      const text = edit(texts[random(texts.length)], random);
      const mistake = quickMistake(text);
      if (mistake !== undefined) mistakes.push(`${mistake} in ${JSON.stringify(text)}`);
      if (quickLoad(text) !== undefined) read += 1;
    }
    expect(mistakes.slice(0, 3)).toEqual([]);
    expect(read).toBeGreaterThan(500); // the edits leave enough files for it to read, so the check means something
  });
});

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return name.endsWith('.yaml') ? [path] : [];
  });
}

function seededRandom(seed: number): (below: number) => number {
  let state = seed;
  return (below) => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) % below;
  };
}

/** The slips staff make: a character typed, lost or replaced, a line indented or not, Windows line ends. */
const TYPED = [
  ...[':', ': ', '#', ' #', '"', "'", '\t', ' ', '-', '- ', '\n', '\n  ', '\n- ', '\n\n', '---\n', "''", '""'],
  ...['[', '{', '}', '*', '&', '!', '|', '>', '?', '\\', '\\"', '\u00a0', 'a: b'],
  ...['yes', 'null', '~', '1', '0x1F', '.5', 'true'],
];

function edit(text: string, random: (below: number) => number): string {
  const lines = (random(5) === 0 ? text.replace(/\n/g, '\r\n') : text).split('\n');
  for (let count = random(3); count > 0; count -= 1) {
    const line = random(lines.length);
    const kind = random(4);
    if (kind === 0) lines.splice(line, 1);
    else if (kind === 1) lines.splice(line, 0, lines[line]);
    else lines[line] = kind === 2 ? ` ${lines[line]}` : lines[line].replace(/^ /, '');
  }
  let edited = lines.join('\n');
  for (let count = random(4); count > 0; count -= 1) {
    const at = random(edited.length + 1);
    const typed = TYPED[random(TYPED.length)];
    const lost = random(3);
    edited = edited.slice(0, at) + (lost === 0 ? '' : typed) + edited.slice(at + (lost === 1 ? 0 : 1));
  }
  return edited;
}
