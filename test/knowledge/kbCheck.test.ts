import { spawnSync } from 'node:child_process';
import { join, relative } from 'node:path';
import { type MisreadCheck, runKbCheck, summarize, type UnshownCheck } from '../../bot/cli/kbCheck';
import { FIXTURES, OTHER_LAYERS_FILES } from './kbFixture';

/** Runs the check, setting aside the lines about files the fixtures leave to other layers (see kbFixture). */
async function check(args: string[], env: NodeJS.ProcessEnv = {}, unshown?: UnshownCheck): Promise<{ code: number; output: string[]; summary: string }> {
  const output: string[] = [];
  const code = await runKbCheck(args, env, (line) => output.push(line), unshown);
  const summary = output.pop() ?? '';
  return { code, output: output.filter((line) => !OTHER_LAYERS_FILES.some((name) => line.includes(`/${name}:`))), summary };
}

const fixture = (name: string): string => relative(process.cwd(), join(FIXTURES, name));

describe('kb:check', () => {
  it('prints only the summary for a clean folder and exits 0', async () => {
    const { code, output, summary } = await check([fixture('kb-valid')]);
    expect({ code, output }).toEqual({ code: 0, output: [] });
    expect(summary).toMatch(/^3 entries, 0 errors, \d+ warnings?$/);
  });

  it('prints every problem with its path from the working directory, then the summary, and exits 1', async () => {
    const { code, output, summary } = await check([], { KB_DIR: fixture('kb-broken') });
    expect(code).toBe(1);
    expect(output).toHaveLength(18);
    expect(output[0]).toBe(`${fixture('kb-broken')}/procedures/ket-hon.yaml:1:1: error: missing required key "fee"`);
    expect(summary).toMatch(/^5 entries, 15 errors, \d+ warnings?$/);
  });

  it('prefers the folder given as argument over KB_DIR', async () => {
    expect((await check([fixture('kb-valid')], { KB_DIR: fixture('kb-broken') })).code).toBe(0);
  });

  it('warns about a field staff filled in that no answer shows, once per field, at the first file', async () => {
    const unshown: UnshownCheck = async (kb) => [{ kind: 'procedure', yaml: 'related', files: kb.entries.filter((e) => e.kind === 'procedure').map((e) => e.file) }];
    const { code, output, summary } = await check([fixture('kb-valid')], {}, unshown);
    expect(code).toBe(0);
    expect(output).toEqual([expect.stringMatching(/kb-valid\/procedures\/[a-z-]+\.yaml:1:1: warning: "related" is read but no answer shows it to citizens \(and 1 other procedure files\)$/)]);
    expect(summary).toMatch(/^3 entries, 0 errors, \d+ warnings?$/);
  });

  it('warns about an alias or FAQ question the bot would not read as its entry, at the text in the file', async () => {
    const output: string[] = [];
    const misread: MisreadCheck = (kb) => {
      const entry = kb.entries.find((e) => e.id === 'khai-sinh');
      if (!entry) throw new Error('no khai-sinh in the fixture');
      return [
        { entry, kind: 'alias', text: entry.aliases[1], path: ['aliases', 1], reading: { as: 'none' }, phrases: ['birth certificate'] },
        { entry, kind: 'faq', text: entry.faq[0].q.vi, path: ['faq', 0, 'q'], reading: { as: 'entry', id: 'ket-hon' }, phrases: [] },
      ];
    };
    const code = await runKbCheck([fixture('kb-valid')], {}, (line) => output.push(line), async () => [], new Date(), misread);
    expect(code).toBe(0);
    const file = `${fixture('kb-valid')}/procedures/khai-sinh.yaml`;
    expect(output.filter((line) => line.startsWith(file))).toEqual([
      `${file}:11:5: warning: alias "birth certificate" of khai-sinh is answered "not covered"; the out-of-scope phrase "birth certificate" (intents.yaml out_of_scope) matches in it: narrow the phrase, or reword the alias`,
      `${file}:40:8: warning: FAQ question "Đăng ký quá hạn thì sao?" of khai-sinh is answered as ket-hon: make the two entries' names tell them apart`,
    ]);
    expect(output.at(-1)).toMatch(/^3 entries, 0 errors, \d+ warnings$/);
  });

  it('says "1 error", "1 warning", "1 entry" in the singular, and the plural otherwise', () => {
    expect(summarize(46, { error: 0, warning: 2 })).toBe('46 entries, 0 errors, 2 warnings');
    expect(summarize(1, { error: 1, warning: 1 })).toBe('1 entry, 1 error, 1 warning');
  });

  it('stops quietly when the reader closes the pipe early (kb:check | head -1)', () => {
    const tsx = join(__dirname, '..', '..', 'node_modules', '.bin', 'tsx');
    const command = `"${tsx}" bot/cli/kbCheck.ts "${fixture('kb-broken')}" | head -c 0`;
    const run = spawnSync('sh', ['-c', command], { cwd: join(__dirname, '..', '..'), encoding: 'utf8' });
    expect(run.stderr).toBe('');
  });

  it('runs as a command with the exit code and nothing else on the terminal', () => {
    const tsx = join(__dirname, '..', '..', 'node_modules', '.bin', 'tsx');
    const run = spawnSync(tsx, ['bot/cli/kbCheck.ts', fixture('kb-broken')], { cwd: join(__dirname, '..', '..'), encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('');
    expect(run.stdout.trimEnd().split('\n').at(-1)).toMatch(/^5 entries, 15 errors, \d+ warnings?$/);
  });
});
