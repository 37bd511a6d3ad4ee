import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildRuntime, Runtime } from '../../bot/app';
import { readConfig } from '../../bot/config';
import { silentLogger } from '../../bot/logger';
import { waitFor } from '../helpers/http';
import { FROZEN_KB } from '../helpers/paths';

const KNOWLEDGE = FROZEN_KB;

describe('editing the knowledge folder under a running bot', () => {
  let dir: string;
  let runtime: Runtime;

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ttb-kb-'));
    cpSync(KNOWLEDGE, dir, { recursive: true });
    runtime = buildRuntime(readConfig({ KB_DIR: dir }), silentLogger());
  });

  afterEach(async () => {
    await runtime.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a new alias is understood within 2 s, with a new knowledge-base version', async () => {
    const before = runtime.served.kb.version;
    expect(runtime.served.snapshot().understander.understand('xin giấy xanh lam cho bò sữa').id).not.toBe('khai-sinh');
    const file = path.join(dir, 'procedures/khai-sinh.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('aliases:\n', 'aliases:\n  - xin giấy xanh lam cho bò sữa\n'));
    const reloaded = await waitFor(() => runtime.served.kb.version !== before, 2000);
    expect(reloaded).toBe(true);
    expect(runtime.served.snapshot().understander.understand('xin giấy xanh lam cho bò sữa')).toMatchObject({ id: 'khai-sinh', decision: 'answer' });
  });

  it('a broken edit is refused and the last good version keeps answering', async () => {
    const before = runtime.served.kb.version;
    writeFileSync(path.join(dir, 'procedures/khai-sinh.yaml'), 'id: khai-sinh\ntitle: [unclosed\n');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(runtime.served.kb.version).toBe(before);
    expect(runtime.served.kb.byId.get('khai-sinh')?.kind).toBe('procedure');
    expect(runtime.served.snapshot().understander.understand('làm giấy khai sinh').id).toBe('khai-sinh');
    expect(runtime.health().knowledge?.reloadError).toMatchObject({ errors: 1, problems: [expect.stringMatching(/^procedures\/khai-sinh\.yaml:\d+:\d+: error: invalid YAML/)] });
  });
});
