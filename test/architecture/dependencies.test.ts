import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const DEPCRUISE = path.join(ROOT, 'node_modules/.bin/depcruise');
const CONFIG = path.join(ROOT, '.dependency-cruiser.js');

/** Runs the same check as `npm test` (npm run deps) on a folder laid out like the repository. */
function cruise(cwd: string): { status: number | null; output: string } {
  const run = spawnSync(DEPCRUISE, ['bot', 'dialogs', '--config', CONFIG], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

/** A throwaway tree of TypeScript files, relative path -> content. */
function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ttb-deps-'));
  writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'commonjs', strict: true } }));
  mkdirSync(path.join(dir, 'dialogs'), { recursive: true });
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  return dir;
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function check(files: Record<string, string>) {
  const dir = tree(files);
  dirs.push(dir);
  return cruise(dir);
}

describe('the rooms\' arrows (dependency-cruiser, run by npm test)', () => {
  it('the repository has no cycle and no wrong-way import', () => {
    const { status, output } = cruise(ROOT);
    expect(output).toContain('no dependency violations found');
    expect(status).toBe(0);
  });

  it('fails on an import cycle, type-only imports included', () => {
    const { status, output } = check({
      'bot/knowledge/a.ts': "import type { B } from './b';\nexport interface A { b?: B }\n",
      'bot/knowledge/b.ts': "import type { A } from './a';\nexport interface B { a?: A }\n",
    });
    expect(status).not.toBe(0);
    expect(output).toContain('no-circular');
  });

  it('fails on a wrong-way import: the knowledge room importing dialogs, the core importing a channel', () => {
    const { status, output } = check({
      'dialogs/menu.ts': 'export const menu = 1;\n',
      'bot/knowledge/reader.ts': "import { menu } from '../../dialogs/menu';\nexport const reader = menu;\n",
      'bot/channels/zalo/zaloAdapter.ts': 'export const zalo = 1;\n',
      'bot/app.ts': "import { zalo } from './channels/zalo/zaloAdapter';\nexport const app = zalo;\n",
    });
    expect(status).not.toBe(0);
    expect(output).toContain('domain-imports-upward: bot/knowledge/reader.ts → dialogs/menu.ts');
    expect(output).toContain('core-imports-upward: bot/app.ts → bot/channels/zalo/zaloAdapter.ts');
  });

  it('lets a room import any room below it, and the wiring import everything', () => {
    const { status, output } = check({
      'bot/text/fold.ts': 'export const fold = (s: string) => s;\n',
      'bot/knowledge/types.ts': "import { fold } from '../text/fold';\nexport const t = fold('');\n",
      'dialogs/menu.ts': "import { t } from '../bot/knowledge/types';\nexport const menu = t;\n",
      'bot/app.ts': "import { menu } from '../dialogs/menu';\nexport const app = menu;\n",
      'bot/channels/web/web.ts': "import { app } from '../../app';\nexport const web = app;\n",
      'bot/index.ts': "import { web } from './channels/web/web';\nexport const index = web;\n",
    });
    expect(output).toContain('no dependency violations found');
    expect(status).toBe(0);
  });
});
