import { join } from 'node:path';
import { loadKnowledge, type LoadCache } from '../../bot/knowledge/loadKnowledge';
import type { ProcedureEntry, TopicEntry } from '../../bot/knowledge/types';
import { applyEdits, copyFixture, FIXTURES, lines, loadEdited, removeDir } from './kbFixture';

describe('loadKnowledge', () => {
  const dirs: string[] = [];
  const tempCopy = (name?: string): string => {
    const dir = copyFixture(name);
    dirs.push(dir);
    return dir;
  };
  afterEach(() => dirs.splice(0).forEach(removeDir));

  it('reports every problem of every file in one run, in file and line order', () => {
    const { kb, problems, entryCount } = loadKnowledge(join(FIXTURES, 'kb-broken'));
    expect(kb).toBeUndefined();
    expect(entryCount).toBe(5);
    expect(lines(problems)).toEqual([
      'procedures/ket-hon.yaml:1:1: error: missing required key "fee"',
      'procedures/ket-hon.yaml:24:8: error: invalid link "www.dichvucong.gov.vn": a link must start with https:// (or http://)',
      'procedures/ket-hon.yaml:28:5: error: "related" names "ket-hon-moi", which is not the id of any entry (did you mean "ket-hon"?)',
      'procedures/khai-sinh.yaml:1:1: error: missing required key "processing_time"',
      'procedures/khai-sinh.yaml:14:8: error: "level" must be one of commune, province, central, found "xa"',
      'procedures/khai-sinh.yaml:16:7: error: "{{site.dsk}}" names no key of site.yaml (did you mean "desk"?)',
      'procedures/khai-sinh.yaml:18:1: error: unknown key "procesing_time" (did you mean "processing_time"?)',
      'procedures/khai-sinh.yaml:22:3: warning: question "has_witness" is used by no condition ("if:")',
      'procedures/khai-sinh.yaml:26:9: error: condition names no question "born_in_hospital" (questions: born_in_facility, has_witness)',
      'procedures/khai-sinh.yaml:28:13: error: "copies" must be a whole number ≥ 1, found the number 0',
      'procedures/khai-sinh.yaml:30:9: error: invalid condition "not (born_in_facility or": expected a question name after "or"',
      'procedures/sai-cu-phap.yaml:5:8: error: invalid YAML: Nested mappings are not allowed in compact mappings (a text containing ": " must be in double quotes; otherwise check the indentation)',
      'site.yaml:5:10: warning: "hotline" is empty: the bot will tell citizens to ask at the desk instead',
      'topics/gio-lam-viec.yaml:1:5: error: id "gio-mo-cua" does not match the file name "gio-lam-viec.yaml": rename the file or fix the id',
      'topics/gio-lam-viec.yaml:3:3: error: "title" must have an English version: write it as "vi:" and "en:" lines',
      'topics/gio-lam-viec.yaml:5:5: error: alias "Lam giay khai sinh" is also used by khai-sinh (procedures/khai-sinh.yaml:10:5)',
      'topics/gio-lam-viec.yaml:8:3: warning: 1 of 2 paragraphs of "answer" have no English version ("en:"): English-speaking users will get the Vietnamese text',
      'topics/khai-sinh.yaml:1:5: error: duplicate id "khai-sinh" (also in procedures/khai-sinh.yaml:1:5)',
    ]);
  });

  it('builds the base with entries sorted by id, their kind from the folder', () => {
    const now = new Date('2026-01-02T03:04:05Z');
    const { kb } = loadKnowledge(join(FIXTURES, 'kb-valid'), { now: () => now });
    expect(kb?.entries.map((entry) => [entry.id, entry.kind, entry.file])).toEqual([
      ['gio-lam-viec', 'topic', 'topics/gio-lam-viec.yaml'],
      ['ket-hon', 'procedure', 'procedures/ket-hon.yaml'],
      ['khai-sinh', 'procedure', 'procedures/khai-sinh.yaml'],
    ]);
    expect(kb?.byId.get('ket-hon')).toBe(kb?.entries[1]);
    expect(kb?.loadedAt).toBe(now);
    expect(kb?.version).toMatch(/^[0-9a-f]{12}$/);
    const khaiSinh = kb?.byId.get('khai-sinh') as ProcedureEntry;
    expect(khaiSinh.documents[2]).toMatchObject({ copies: 2, type: 'original' });
    expect(khaiSinh.documents[0]).toMatchObject({ copies: 1, type: 'original', when: undefined });
    expect((kb?.byId.get('ket-hon') as ProcedureEntry).code).toBeNull();
  });

  it('expands {{site.key}} at load time: vi from vi, en from en, en falling back to vi', () => {
    const { kb } = loadKnowledge(join(FIXTURES, 'kb-valid'));
    const khaiSinh = kb?.byId.get('khai-sinh') as ProcedureEntry;
    expect(khaiSinh.where).toEqual({ vi: 'Nộp tại Bộ phận Một cửa của UBND xã.', en: 'File at the one-stop desk of the commune.' });
    expect(khaiSinh.steps[0]).toEqual({ vi: 'Nộp hồ sơ tại Bộ phận Một cửa của UBND xã.' });
    const topic = kb?.byId.get('gio-lam-viec') as TopicEntry;
    expect(topic.answer[1]).toEqual({
      vi: 'Có thể nộp hồ sơ trực tuyến trên Cổng Dịch vụ công quốc gia.',
      en: 'You can also file online on Cổng Dịch vụ công quốc gia.',
    });
    expect(topic.links).toEqual([{ title: { vi: 'Cổng Dịch vụ công quốc gia' }, url: 'https://dichvucong.gov.vn' }]);
    expect(kb?.site.desk).toEqual({ vi: 'Bộ phận Một cửa của UBND xã', en: 'the one-stop desk of the commune' });
  });

  it('gives equal folders the same version and a changed folder a new one', () => {
    const first = tempCopy();
    const second = tempCopy();
    const version = loadKnowledge(first).kb?.version;
    expect(loadKnowledge(second).kb?.version).toBe(version);
    applyEdits(second, { 'procedures/ket-hon.yaml': [['fee: Miễn lệ phí.', 'fee: Miễn phí.']] });
    expect(loadKnowledge(second).kb?.version).not.toBe(version);
  });

  it('skips editors\' temporary files without a word', () => {
    const dir = tempCopy();
    const version = loadKnowledge(dir).kb?.version;
    applyEdits(dir, {
      'procedures/.khai-sinh.yaml.swp': 'garbage: [',
      'procedures/khai-sinh.yaml~': 'garbage: [',
      'procedures/4913': '',
      'topics/.#gio-lam-viec.yaml': 'x',
    });
    const { kb, problems } = loadKnowledge(dir);
    expect(lines(problems)).toEqual([]);
    expect(kb?.version).toBe(version);
  });

  it('reuses what the cache read for unchanged files and rereads changed ones', () => {
    const dir = tempCopy();
    const cache: LoadCache = new Map();
    const before = loadKnowledge(dir, { cache }).kb;
    applyEdits(dir, { 'procedures/ket-hon.yaml': [['fee: Miễn lệ phí.', 'fee: Miễn phí.']] });
    const after = loadKnowledge(dir, { cache }).kb;
    expect(after?.byId.get('khai-sinh')).toBe(before?.byId.get('khai-sinh'));
    expect((after?.byId.get('ket-hon') as ProcedureEntry).fee).toEqual({ vi: 'Miễn phí.' });
    applyEdits(dir, { 'site.yaml': [['  vi: Bộ phận Một cửa của UBND xã', '  vi: Quầy một cửa']] });
    const resited = loadKnowledge(dir, { cache }).kb;
    expect((resited?.byId.get('khai-sinh') as ProcedureEntry).where.vi).toBe('Nộp tại Quầy một cửa.');
    applyEdits(dir, { 'topics/gio-lam-viec.yaml': null });
    expect(loadKnowledge(dir, { cache }).kb?.entries.map((entry) => entry.id)).toEqual(['ket-hon', 'khai-sinh']);
    expect([...cache.keys()].sort()).toEqual(['procedures/ket-hon.yaml', 'procedures/khai-sinh.yaml']);
  });

  it('reports a missing folder and a missing site.yaml', () => {
    expect(lines(loadKnowledge(join(FIXTURES, 'no-such-folder')).problems)).toEqual(['.:1:1: error: knowledge folder not found']);
    // Placeholders elsewhere are not each reported again.
    expect(lines(loadEdited({ 'site.yaml': null }).problems)).toEqual([
      'site.yaml:1:1: error: site.yaml is missing: it holds the shared facts ({{site.desk}}, {{site.hotline}}...)',
    ]);
  });
});
