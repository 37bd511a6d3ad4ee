import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { classifyLine, classifyStream, knowledgeDir, readOptions, UsageError, type Classified } from '../../bot/cli/classify';
import { FROZEN_KB } from '../helpers/paths';

const ROOT = join(__dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

/** A fake reader that echoes the question into the id, so order is visible. */
function fake(q: string): Classified {
  const understanding = {
    intent: 'procedure' as const, id: `id-${q}`, decision: 'clarify' as const, aspect: null, code: null, confidence: 0.4,
    candidates: [{ id: `id-${q}`, score: 0.4 }], language: 'vi' as const, target: null, specific: true,
  };
  return { understanding, action: 'unsure' };
}

function run(script: string, args: string[], input = ''): { status: number | null; stdout: string; stderr: string } {
  const env = { ...process.env };
  delete env.KB_DIR;
  return spawnSync(TSX, [script, ...args], { cwd: ROOT, input, encoding: 'utf8', env });
}

describe('classifyLine', () => {
  it('writes exactly the documented keys, in order, with null aspect and code when absent', () => {
    const line = classifyLine('{"q": "a", "style": "ignored"}', 1, fake);
    expect(Object.keys(JSON.parse(line))).toEqual(['q', 'intent', 'id', 'decision', 'aspect', 'code', 'confidence', 'candidates', 'action']);
    expect(line).toBe('{"q":"a","intent":"procedure","id":"id-a","decision":"clarify","aspect":null,"code":null,"confidence":0.4,"candidates":[{"id":"id-a","score":0.4}],"action":"unsure"}');
  });

  it.each([
    ['not json', 'line 4: not valid JSON'],
    ['[1]', 'line 4: expected a JSON object'],
    ['{"question": "a"}', 'line 4: "q" must be a string'],
    ['   ', 'line 4: empty line'],
  ])('turns the malformed line %j into an error line', (text, message) => {
    const out = JSON.parse(classifyLine(text, 4, fake));
    expect(Object.keys(out)).toEqual(['q', 'error']);
    expect(out.q).toBeNull();
    expect(out.error.startsWith(message)).toBe(true);
  });

  it('reports an understander failure on its line instead of stopping', () => {
    const out = JSON.parse(classifyLine('{"q": "a"}', 2, () => { throw new Error('boom'); }));
    expect(out).toEqual({ q: null, error: 'line 2: could not classify (boom)' });
  });
});

describe('classifyStream', () => {
  it('writes one line per input line, in order, errors included', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    const chunks: string[] = [];
    output.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
    input.end('\uFEFF{"q": "a"}\r\nbad\n{"q": "c"}');
    await classifyStream(input, output, fake);
    const lines = chunks.join('').trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(lines.map((line) => line.id ?? line.error)).toEqual(['id-a', expect.stringMatching(/^line 2: not valid JSON/), 'id-c']);
  });
});

describe('options', () => {
  it('resolves the knowledge folder from --kb, then KB_DIR, then knowledge', () => {
    expect(knowledgeDir(readOptions(['--kb', 'a']), { KB_DIR: 'b' })).toBe(join(process.cwd(), 'a'));
    expect(knowledgeDir(readOptions([]), { KB_DIR: 'b' })).toBe(join(process.cwd(), 'b'));
    expect(knowledgeDir(readOptions([]), {})).toBe(join(process.cwd(), 'knowledge'));
    expect(knowledgeDir(readOptions([]), { KB_DIR: '' })).toBe(join(process.cwd(), 'knowledge'));
  });

  it('rejects unknown options and a --kb without a folder', () => {
    expect(() => readOptions(['--jsn'])).toThrow(UsageError);
    expect(() => readOptions(['--kb'])).toThrow('--kb needs a folder after it');
    expect(readOptions(['f.jsonl', '--json'], ['--json'])).toEqual({ flags: new Set(['--json']), positional: ['f.jsonl'] });
  });
});

describe('the classify and eval commands', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'classify-'));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('classify prints only JSON lines on standard output and exits 0', () => {
    const { status, stdout } = run('bot/cli/classify.ts', ['--kb', FROZEN_KB], '{"q": "xin chào"}\n{"q": "làm hộ chiếu ở đâu"}\noops\n{"q": "menu"}\n');
    expect(status).toBe(0);
    const lines = stdout.trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(lines.map((line) => line.intent ?? line.error)).toEqual(['greeting', 'procedure', expect.stringMatching(/^line 3: /), 'help']);
    // "menu" is a command: the chat shows the menu, and classify says so.
    expect(lines[3].action).toBe('menu:ask');
  });

  it('classify reads questions given as arguments instead of standard input, one line each, in order', () => {
    const { status, stdout } = run('bot/cli/classify.ts', ['--kb', FROZEN_KB, 'xin chào', 'làm hộ chiếu ở đâu', 'menu'], '{"q": "ignored"}\n');
    expect(status).toBe(0);
    const lines = stdout.trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(lines.map((line) => [line.q, line.intent])).toEqual([['xin chào', 'greeting'], ['làm hộ chiếu ở đâu', 'procedure'], ['menu', 'help']]);
    expect(lines[1].id).toBe('ho-chieu');
    expect(run('bot/cli/classify.ts', ['--kb', FROZEN_KB, ' ']).status).toBe(2);
  });

  it('classify exits 1 with the problems on standard error when the knowledge base cannot load', () => {
    const { status, stdout, stderr } = run('bot/cli/classify.ts', ['--kb', join(dir, 'missing')], '{"q": "a"}\n');
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('error: knowledge folder not found');
  });

  it('eval prints the readable report and exits 0, or the report object with --json', () => {
    const file = join(dir, 'rows.jsonl');
    writeFileSync(file, '{"q": "xin chào", "intent": "greeting", "expect": null, "style": "accented"}\n{"q": "cách nấu phở bò", "intent": "procedure", "expect": "ho-chieu"}\n');
    const text = run('bot/cli/eval.ts', [file, '--kb', FROZEN_KB]);
    expect(text.status).toBe(0);
    expect(text.stdout.split('\n')[0]).toMatch(/^overall\s+50\.0%\s+1\/2$/);
    expect(text.stdout).toContain('L2 [-] "cách nấu phở bò" want procedure ho-chieu | got none');
    const json = run('bot/cli/eval.ts', [file, '--json', '--kb', FROZEN_KB]);
    expect(JSON.parse(json.stdout).overall).toEqual({ count: 1, total: 2, rate: 0.5 });
  });

  it('eval --lines odd|even measures one half of the file, by line number', () => {
    const file = join(dir, 'halves.jsonl');
    writeFileSync(file, '{"q": "xin chào", "intent": "greeting", "expect": null}\n{"q": "cách nấu phở bò", "intent": "procedure", "expect": "ho-chieu"}\n{"q": "cảm ơn nhiều", "intent": "thanks", "expect": null}\n');
    const odd = run('bot/cli/eval.ts', [file, '--lines', 'odd', '--json', '--kb', FROZEN_KB]);
    expect(JSON.parse(odd.stdout).overall).toEqual({ count: 2, total: 2, rate: 1 });
    const even = run('bot/cli/eval.ts', [file, '--lines', 'even', '--kb', FROZEN_KB]);
    expect(even.stdout).toContain('L2 [-] "cách nấu phở bò"');
    expect(even.stdout.split('\n')[0]).toMatch(/^overall\s+0\.0%\s+0\/1$/);
    expect(run('bot/cli/eval.ts', [file, '--lines', 'third']).status).toBe(2);
  });

  it('eval exits 1 with line numbers when the labelled file is malformed', () => {
    const file = join(dir, 'bad.jsonl');
    writeFileSync(file, '{"q": "a", "intent": "none", "expect": null}\n{"q": "b"}\n');
    const { status, stderr } = run('bot/cli/eval.ts', [file]);
    expect(status).toBe(1);
    expect(stderr).toContain(`${file}: line 2: "intent" must be one of`);
  });
});
