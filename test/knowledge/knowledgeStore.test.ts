import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { KnowledgeLoadError, KnowledgeStore } from '../../bot/knowledge/knowledgeStore';
import type { KnowledgeBase, ProcedureEntry } from '../../bot/knowledge/types';
import { createLogger, silentLogger } from '../../bot/logger';
import { applyEdits, copyFixture, FIXTURES, removeDir, waitFor } from './kbFixture';

interface LogRecord {
  level: number;
  msg: string;
}

/** A pino logger whose records land in an array, to check what the store logged. */
function memoryLogger() {
  const records: LogRecord[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      records.push(JSON.parse(chunk.toString()) as LogRecord);
      done();
    },
  });
  return { logger: createLogger('info', stream), records };
}

const fee = (kb: KnowledgeBase, id = 'ket-hon'): string => (kb.byId.get(id) as ProcedureEntry).fee.vi;

describe('KnowledgeStore', () => {
  let dir: string;
  let store: KnowledgeStore | undefined;

  beforeEach(() => {
    dir = copyFixture();
  });

  afterEach(() => {
    store?.close();
    store = undefined;
    removeDir(dir);
  });

  it('refuses to start on a base with errors, listing them all', () => {
    expect.assertions(3);
    try {
      KnowledgeStore.open(join(FIXTURES, 'kb-broken'), { logger: silentLogger() });
    } catch (error) {
      expect(error).toBeInstanceOf(KnowledgeLoadError);
      const problems = (error as KnowledgeLoadError).problems;
      expect(problems.filter((problem) => problem.severity === 'error')).toHaveLength(15);
      expect((error as Error).message).toContain('procedures/ket-hon.yaml:1:1: error: missing required key "fee"');
    }
  });

  it('swaps in a valid new version and tells subscribers synchronously', () => {
    const opened = KnowledgeStore.open(dir, { logger: silentLogger() });
    store = opened;
    const first = opened.current;
    const seen: string[] = [];
    const unsubscribe = opened.subscribe((kb) => seen.push(`${fee(kb)} / current: ${fee(opened.current)}`));
    applyEdits(dir, { 'procedures/ket-hon.yaml': [['fee: Miễn lệ phí.', 'fee: 10.000 đồng.']] });

    const outcome = store.reload();

    expect(outcome.status).toBe('updated');
    expect(seen).toEqual(['10.000 đồng. / current: 10.000 đồng.']);
    expect(store.current.version).not.toBe(first.version);
    expect(store.reload().status).toBe('unchanged');
    unsubscribe();
    applyEdits(dir, { 'procedures/ket-hon.yaml': [['fee: 10.000 đồng.', 'fee: 20.000 đồng.']] });
    store.reload();
    expect(seen).toHaveLength(1);
  });

  it('keeps serving the last good version when the new one has errors, and logs every problem', () => {
    const { logger, records } = memoryLogger();
    store = KnowledgeStore.open(dir, { logger });
    const good = store.current;
    applyEdits(dir, {
      'procedures/ket-hon.yaml': [['level: commune', 'level: xa']],
      'procedures/khai-sinh.yaml': [['    copies: 2', '    copies: 0']],
    });

    const outcome = store.reload();

    expect(outcome.status).toBe('refused');
    expect(store.current).toBe(good);
    const messages = records.filter((record) => record.level >= 50).map((record) => record.msg);
    expect(messages).toEqual([
      'procedures/ket-hon.yaml:14:8: error: "level" must be one of commune, province, central, found "xa"',
      'procedures/khai-sinh.yaml:28:13: error: "copies" must be a whole number ≥ 1, found the number 0',
      'knowledge change refused: still serving the last good version',
    ]);
  });

  it('keeps working when a subscriber throws', () => {
    const { logger, records } = memoryLogger();
    store = KnowledgeStore.open(dir, { logger });
    store.subscribe(() => {
      throw new Error('index failed');
    });
    applyEdits(dir, { 'procedures/ket-hon.yaml': [['fee: Miễn lệ phí.', 'fee: 10.000 đồng.']] });
    expect(store.reload().status).toBe('updated');
    expect(fee(store.current)).toBe('10.000 đồng.');
    expect(records.some((record) => record.msg === 'a knowledge listener failed')).toBe(true);
  });

  it('watches the folder: a valid edit is served within 2 s, an invalid one is refused and logged', async () => {
    const { logger, records } = memoryLogger();
    const watched = KnowledgeStore.open(dir, { logger });
    store = watched;
    const updates: string[] = [];
    watched.subscribe((kb) => updates.push(fee(kb)));
    watched.watch();
    const current = (): KnowledgeBase => watched.current;

    applyEdits(dir, { 'procedures/ket-hon.yaml': [['fee: Miễn lệ phí.', 'fee: 10.000 đồng.']] });
    await waitFor(() => fee(current()) === '10.000 đồng.', 2000, 'the valid edit to be served');
    expect(updates).toEqual(['10.000 đồng.']);

    applyEdits(dir, { 'procedures/ket-hon.yaml': [['fee: 10.000 đồng.', 'fee: [10.000 đồng']] });
    await waitFor(() => records.some((record) => record.msg.startsWith('knowledge change refused')), 2000, 'the refusal');
    expect(records.some((record) => record.level === 50 && record.msg.startsWith('procedures/ket-hon.yaml:18:1: error: invalid YAML: Flow sequence'))).toBe(true);
    expect(fee(current())).toBe('10.000 đồng.');
    expect(updates).toEqual(['10.000 đồng.']);
  });

  it('follows editors that save through a temp file and a rename, deleted files and a recreated folder', async () => {
    const watched = KnowledgeStore.open(dir, { logger: silentLogger(), debounceMs: 50 });
    store = watched;
    watched.watch();
    const ids = (): string[] => watched.current.entries.map((entry) => entry.id);

    const file = join(dir, 'procedures', 'ket-hon.yaml');
    writeFileSync(join(dir, 'procedures', '.ket-hon.yaml.swp'), 'swap');
    writeFileSync(`${file}.tmp`, readFileSync(file, 'utf8').replace('fee: Miễn lệ phí.', 'fee: Có phí.'));
    renameSync(`${file}.tmp`, file);
    await waitFor(() => fee(watched.current) === 'Có phí.', 2000, 'the renamed file');

    rmSync(join(dir, 'topics'), { recursive: true });
    await waitFor(() => !ids().includes('gio-lam-viec'), 2000, 'the deleted folder');

    mkdirSync(join(dir, 'topics'));
    writeFileSync(join(dir, 'topics', 'hoi-dap.yaml'), 'id: hoi-dap\ntitle:\n  vi: Hỏi đáp\n  en: Questions\naliases:\n  - hỏi đáp\nanswer:\n  - vi: Xin chào.\n    en: Hello.\n');
    await waitFor(() => ids().includes('hoi-dap'), 2000, 'a file in the recreated folder');
    expect(ids()).toEqual(['hoi-dap', 'ket-hon', 'khai-sinh']);
  });

  it('stops reloading once closed', async () => {
    store = KnowledgeStore.open(dir, { logger: silentLogger(), debounceMs: 30 });
    const version = store.current.version;
    store.watch();
    store.close();
    applyEdits(dir, { 'procedures/ket-hon.yaml': [['fee: Miễn lệ phí.', 'fee: 10.000 đồng.']] });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(store.current.version).toBe(version);
  });
});
