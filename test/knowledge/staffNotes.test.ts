import { runKbCheck } from '../../bot/cli/kbCheck';
import { placeholderJoins } from '../../bot/knowledge/placeholderJoins';
import { staleEntries } from '../../bot/knowledge/staleEntries';
import type { Entry, SiteFacts } from '../../bot/knowledge/types';
import { applyEdits, copyFixture, lines, loadEdited, removeDir } from './kbFixture';

/** `updated:`, `sources:`, `ask_at:`, the communes of site.yaml, and the check for sentences that repeat themselves. */

const KHAI_SINH = 'procedures/khai-sinh.yaml';
const TOPIC = 'topics/gio-lam-viec.yaml';
const STAMP = 'updated: 2026-12-01\nsources:\n  - title: Dữ liệu mẫu cho kiểm thử\n    date: 2026-12-01\n';

describe('updated and sources', () => {
  it('are read into the entry, and never needed by citizens', () => {
    const { kb } = loadEdited({ [KHAI_SINH]: [[STAMP, 'updated: 2025-03-01\nsources:\n  - url: https://thanhnien.vn/a.htm\n    date: 2025-03\n  - title: Nghị định 120/2025/NĐ-CP\n    date: 2025\n']] });
    const entry = kb?.byId.get('khai-sinh');
    expect(entry?.updated).toBe('2025-03-01');
    expect(entry?.sources).toEqual([{ url: 'https://thanhnien.vn/a.htm', date: '2025-03' }, { title: 'Nghị định 120/2025/NĐ-CP', date: '2025' }]);
  });

  it('missing are a warning at the top of the entry', () => {
    expect(lines(loadEdited({ [KHAI_SINH]: [[STAMP, '']] }).problems)).toEqual([
      `${KHAI_SINH}:1:5: warning: no "updated": write the day its facts were last checked, like updated: 2026-12-01 (kb:check --stale lists old ones)`,
      `${KHAI_SINH}:1:5: warning: no "sources": list where its facts come from (url or title, and date)`,
    ]);
  });

  it('with a date that is not a day, or a source with neither url nor title, are errors', () => {
    const edits: Array<[string, string]> = [[STAMP, 'updated: 2026-02-30\nsources:\n  - date: 1/3/2025\n']];
    expect(lines(loadEdited({ [KHAI_SINH]: edits }).problems)).toEqual([
      `${KHAI_SINH}:44:10: error: "updated" must be a day written YYYY-MM-DD, like 2026-12-01 (or YYYY-MM, YYYY when no day is known), found "2026-02-30"`,
      `${KHAI_SINH}:46:5: error: item 1 of "sources" needs a "url" or a "title" (a law's number, a document's name)`,
      `${KHAI_SINH}:46:11: error: "date" must be a date written YYYY-MM-DD, or YYYY-MM or YYYY when the source shows no day, found "1/3/2025"`,
    ]);
  });
});

describe('kb:check --stale DAYS', () => {
  async function run(args: string[], today: string): Promise<{ code: number; output: string[] }> {
    const output: string[] = [];
    const code = await runKbCheck(args, {}, (line) => output.push(line), async () => [], new Date(today));
    return { code, output };
  }

  it('lists the entries not checked for that many days, oldest first, before the summary, and still exits 0', async () => {
    const dir = copyFixture();
    try {
      applyEdits(dir, { [KHAI_SINH]: [[STAMP, STAMP.replace('updated: 2026-12-01', 'updated: 2026-01-10')]], [TOPIC]: [[STAMP, STAMP.replace('updated: 2026-12-01', 'updated: 2026-05-01')]] });
      const { code, output } = await run([dir, '--stale', '180'], '2026-12-01T08:00:00Z');
      expect(code).toBe(0);
      expect(output.slice(-4).map((line) => line.replace(/^.*?(procedures|topics)\//, '  $1/'))).toEqual([
        'not checked for 180 days or more: 2 entries, oldest first',
        '  procedures/khai-sinh.yaml: updated 2026-01-10 (325 days ago)',
        '  topics/gio-lam-viec.yaml: updated 2026-05-01 (214 days ago)',
        expect.stringMatching(/^3 entries, 0 errors/),
      ]);
      expect((await run([dir, '--stale', '400'], '2026-12-01T08:00:00Z')).output.slice(-2)).toEqual(['not checked for 400 days or more: 0 entries', expect.stringMatching(/^3 entries, 0 errors/)]);
    } finally {
      removeDir(dir);
    }
  });

  it('refuses a number of days that is not a whole number', async () => {
    expect(await run(['--stale', 'six'], '2026-12-01')).toEqual({ code: 2, output: ['--stale needs a whole number of days, found "six"', 'usage: npm run kb:check [-- [folder] [--stale DAYS]]'] });
  });

  it('counts a month or a year from its last day, and says the entry is at least that old', async () => {
    const entries = [{ id: 'a', file: 'a.yaml', updated: '2025-06' }, { id: 'b', file: 'b.yaml', updated: '2025' }, { id: 'c', file: 'c.yaml', updated: '2026-11-30' }] as unknown as Entry[];
    expect(staleEntries(entries, 180, new Date('2026-12-01'))).toEqual([
      { id: 'a', file: 'a.yaml', updated: '2025-06', age: 519 },
      { id: 'b', file: 'b.yaml', updated: '2025', age: 335 },
    ]);
    const dir = copyFixture();
    try {
      applyEdits(dir, { [KHAI_SINH]: [[STAMP, STAMP.replace('updated: 2026-12-01', 'updated: 2025-06')]] });
      expect((await run([dir, '--stale', '180'], '2026-12-01')).output.find((line) => line.includes('khai-sinh'))).toMatch(/khai-sinh\.yaml: updated 2025-06 \(at least 519 days ago\)$/);
    } finally {
      removeDir(dir);
    }
  });

  it('counts an entry with no date as the oldest', () => {
    const entries = [{ id: 'a', file: 'a.yaml', updated: '2020-01-01' }, { id: 'b', file: 'b.yaml' }] as unknown as Entry[];
    expect(staleEntries(entries, 10, new Date('2026-12-01')).map((entry) => entry.id)).toEqual(['b', 'a']);
  });
});

describe('ask_at', () => {
  it('is the office that settles a caution; a caution without it is a warning', () => {
    const withCaution = loadEdited({ [KHAI_SINH]: [[STAMP, `${STAMP}caution: Mức phí có thể đã thay đổi.\n`]] });
    expect(lines(withCaution.problems)).toEqual([
      `${KHAI_SINH}:48:10: warning: "caution" has no "ask_at" (the office that can confirm it): the bot will tell citizens to ask "where you file"`,
    ]);
    const withPlace = loadEdited({ [KHAI_SINH]: [[STAMP, `${STAMP}caution: Mức phí có thể đã thay đổi.\nask_at: "{{site.desk}} nơi cư trú của cha hoặc mẹ"\n`]] });
    expect(lines(withPlace.problems)).toEqual([]);
    expect(withPlace.kb?.byId.get('khai-sinh')?.askAt).toEqual({ vi: 'Bộ phận Một cửa của UBND xã nơi cư trú của cha hoặc mẹ' });
  });
});

describe('a placeholder followed by words that repeat its ending', () => {
  const site: SiteFacts = {
    desk: { vi: 'Trung tâm Phục vụ hành chính công (Bộ phận Một cửa) của xã, phường', en: 'the Public Administration Service Centre (one-stop desk) of the commune or ward' },
    old: { vi: 'Bộ phận Một cửa của UBND xã, phường nơi bạn cư trú' },
    portal_name: { vi: 'Cổng Dịch vụ công quốc gia', en: 'the National Public Service Portal' },
  };

  it('is found, in either language', () => {
    expect(placeholderJoins('Nộp tại {{site.desk}} của xã nơi một trong hai người cư trú.', site, 'vi')).toEqual([
      '"{{site.desk}}" ends with "…cửa) của xã, phường" and the text goes on with "xã" again: say it once (change the words after the placeholder, or site.yaml)',
    ]);
    expect(placeholderJoins('Nộp tại {{site.old}} nơi có đất.', site, 'vi')).toHaveLength(1);
    expect(placeholderJoins('File at {{site.desk}} of the commune where either of you lives.', site, 'en')).toHaveLength(1);
    expect(placeholderJoins('Ask {{site.desk}} commune staff.', site, 'en')).toHaveLength(1);
  });

  it('is not a sentence that names the place once, an aside in brackets, or the next item of a list', () => {
    expect(placeholderJoins('Nộp tại {{site.desk}} nơi đặt cửa hàng.', site, 'vi')).toEqual([]);
    expect(placeholderJoins('File at {{site.desk}} where the land is.', site, 'en')).toEqual([]);
    expect(placeholderJoins('Nộp trên {{site.portal_name}} hay Cổng dịch vụ công Bộ Công an.', site, 'vi')).toEqual([]);
    expect(placeholderJoins('Online on {{site.portal_name}} or the Ministry of Public Security portal.', site, 'en')).toEqual([]);
    expect(placeholderJoins('Đến {{site.desk}}, phường nào cũng được.', site, 'vi')).toEqual([]);
  });

  it('is a warning of kb:check at the text', () => {
    const problems = loadEdited({ [KHAI_SINH]: [['vi: "Nộp tại {{site.desk}}."', 'vi: "Nộp tại {{site.desk}} của UBND xã nơi cư trú."']] }).problems;
    expect(lines(problems).filter((line) => line.includes('again'))).toEqual([
      `${KHAI_SINH}:16:7: warning: "where" (vi): "{{site.desk}}" ends with "…cửa của UBND xã" and the text goes on with "ubnd", "xã" again: say it once (change the words after the placeholder, or site.yaml)`,
    ]);
  });
});

describe('the communes of site.yaml', () => {
  const COMMUNES = 'communes:\n  former_district: Vĩnh Lộc\n  checked: false\n  list:\n    - name: Tây Đô\n      former_communes:\n        - Vĩnh Tiến\n        - Vĩnh Long\n      phone: "0237 1 111 111"\n';

  it('are read with the former units each absorbed', () => {
    const { kb, problems } = loadEdited({ 'site.yaml': [['portal_name:', `${COMMUNES}portal_name:`]] });
    expect(lines(problems)).toEqual([]);
    expect(kb?.communes).toEqual({
      formerDistrict: 'Vĩnh Lộc',
      checked: false,
      communes: [{ name: 'Tây Đô', formerCommunes: ['Vĩnh Tiến', 'Vĩnh Long'], formerTowns: [], phone: '0237 1 111 111' }],
    });
    expect(kb?.site).not.toHaveProperty('communes');
  });

  it('may not list one former unit under two communes', () => {
    const twice = `${COMMUNES}    - name: Biện Thượng\n      former_communes:\n        - Vĩnh Tiến\n`;
    expect(lines(loadEdited({ 'site.yaml': [['portal_name:', `${twice}portal_name:`]] }).problems)).toEqual([
      'site.yaml:10:5: error: former unit "Vĩnh Tiến" is listed under both "Tây Đô" and "Biện Thượng"',
    ]);
  });

  it('are empty when site.yaml has none', () => {
    expect(loadEdited({}).kb?.communes).toEqual({ checked: false, communes: [] });
  });
});
