import { lines, loadEdited } from './kbFixture';

/**
 * One test per class of problem: a copy of test/fixtures/kb-valid with one edit, and the exact problems expected
 * (file:line:col as kb:check prints them). Line numbers refer to the fixture files.
 */

const KHAI_SINH = 'procedures/khai-sinh.yaml';
const KET_HON = 'procedures/ket-hon.yaml';
const TOPIC = 'topics/gio-lam-viec.yaml';

function problemsAfter(path: string, edits: Array<[string, string]>): string[] {
  return lines(loadEdited({ [path]: edits }).problems);
}

describe('the valid fixture', () => {
  it('loads without any problem', () => {
    const { kb, problems } = loadEdited({});
    expect(lines(problems)).toEqual([]);
    expect(kb?.entries.map((entry) => entry.id)).toEqual(['gio-lam-viec', 'ket-hon', 'khai-sinh']);
  });
});

describe('invalid YAML', () => {
  it('is reported at its line and column, and the file is not read further', () => {
    const { kb, problems } = loadEdited({ [KET_HON]: [['processing_time: Trong ngày làm việc.', 'processing_time: Trong: 1 ngày']] });
    expect(kb).toBeUndefined();
    expect(lines(problems)).toEqual([
      `${KET_HON}:16:18: error: invalid YAML: Nested mappings are not allowed in compact mappings (a text containing ": " must be in double quotes; otherwise check the indentation)`,
    ]);
  });

  it('names a key written twice', () => {
    expect(problemsAfter(KET_HON, [['fee: Miễn lệ phí.', 'fee: Miễn lệ phí.\nfee: Có phí.']])).toEqual([
      `${KET_HON}:18:1: error: invalid YAML: key "fee" appears twice in the same block`,
    ]);
  });

  it('reports an empty file', () => {
    expect(lines(loadEdited({ [KET_HON]: '# nothing yet\n' }).problems)).toEqual([`${KET_HON}:1:1: error: the file is empty`]);
  });
});

describe('unknown keys', () => {
  it('suggest the nearest valid key', () => {
    expect(problemsAfter(KHAI_SINH, [['processing_time:', 'procesing_time:']])).toEqual([
      `${KHAI_SINH}:1:1: error: missing required key "processing_time"`,
      `${KHAI_SINH}:18:1: error: unknown key "procesing_time" (did you mean "processing_time"?)`,
    ]);
  });

  it('are found in nested blocks too', () => {
    expect(problemsAfter(KHAI_SINH, [['    copies: 2', '    copy: 2'], ['  vi: "Nộp tại', '  vn: "Nộp tại']])).toEqual([
      `${KHAI_SINH}:16:3: error: missing required key "vi"`,
      `${KHAI_SINH}:16:3: error: unknown key "vn" (did you mean "vi"?)`,
      `${KHAI_SINH}:28:5: error: unknown key "copy" (did you mean "copies"?)`,
    ]);
  });

  it('suggest nothing when no valid key is close', () => {
    expect(problemsAfter(KET_HON, [['fee: Miễn lệ phí.', 'fee: Miễn lệ phí.\nghi_chu_them: x']])).toEqual([
      `${KET_HON}:18:1: error: unknown key "ghi_chu_them"`,
    ]);
  });
});

describe('missing required keys', () => {
  it('are reported at the start of their block', () => {
    expect(problemsAfter(KHAI_SINH, [['fee: Miễn lệ phí khi đăng ký đúng hạn.\n', '']])).toEqual([
      `${KHAI_SINH}:1:1: error: missing required key "fee"`,
    ]);
    expect(problemsAfter(KHAI_SINH, [['  service: full\n', '']])).toEqual([`${KHAI_SINH}:35:3: error: missing required key "service"`]);
  });

  it('include a key written without a value', () => {
    expect(problemsAfter(KHAI_SINH, [['fee: Miễn lệ phí khi đăng ký đúng hạn.', 'fee:']])).toEqual([
      `${KHAI_SINH}:19:1: error: "fee" has no value`,
    ]);
  });
});

describe('wrong types', () => {
  it('a list expected', () => {
    expect(problemsAfter(KHAI_SINH, [['aliases:\n  - làm giấy khai sinh\n  - birth certificate', 'aliases: làm giấy khai sinh']])).toEqual([
      `${KHAI_SINH}:9:10: error: "aliases" must be a list (lines starting with "- "), found "làm giấy khai sinh"`,
    ]);
  });

  it('a string expected', () => {
    expect(problemsAfter(KHAI_SINH, [['  - Luật Hộ tịch 2014', '  - [Luật Hộ tịch, 2014]']])).toEqual([
      `${KHAI_SINH}:38:5: error: item 1 of "legal_basis" must be text, found a list`,
    ]);
  });

  it('an unquoted text with ": " inside, which YAML reads as a key, says to quote it', () => {
    expect(problemsAfter(KHAI_SINH, [['  - Luật Hộ tịch 2014', '  - Luật Hộ tịch: 2014'], ['  - Nhận Giấy khai sinh.', '  - Bước 2: nhận giấy.']])).toEqual([
      `${KHAI_SINH}:33:5: error: item 2 of "steps" must be text: a string, or "vi:" and "en:" lines, found "Bước 2: ..." (a text containing ": " must be in double quotes)`,
      `${KHAI_SINH}:38:5: error: item 1 of "legal_basis" must be text, found "Luật Hộ tịch: ..." (a text containing ": " must be in double quotes)`,
    ]);
  });

  it('copies must be a whole number of at least 1', () => {
    expect(problemsAfter(KHAI_SINH, [['    copies: 2', '    copies: 0']])).toEqual([
      `${KHAI_SINH}:28:13: error: "copies" must be a whole number ≥ 1, found the number 0`,
    ]);
    expect(problemsAfter(KHAI_SINH, [['    copies: 2', '    copies: 1.5']])).toEqual([
      `${KHAI_SINH}:28:13: error: "copies" must be a whole number ≥ 1, found the number 1.5`,
    ]);
    expect(problemsAfter(KHAI_SINH, [['    copies: 2', '    copies: hai bản']])).toEqual([
      `${KHAI_SINH}:28:13: error: "copies" must be a whole number ≥ 1, found "hai bản"`,
    ]);
  });

  it('level, type and online.service take one of their values', () => {
    expect(
      problemsAfter(KHAI_SINH, [
        ['level: commune', 'level: xa'],
        ['    type: original', '    type: photocopy'],
        ['  service: full', '  service: toan-trinh'],
      ]),
    ).toEqual([
      `${KHAI_SINH}:14:8: error: "level" must be one of commune, province, central, found "xa"`,
      `${KHAI_SINH}:29:11: error: "type" must be one of original, copy, certified_copy, present, found "photocopy"`,
      `${KHAI_SINH}:35:12: error: "service" must be one of full, partial, none, found "toan-trinh"`,
    ]);
  });

  it('a text is a string or a vi/en block with vi', () => {
    expect(problemsAfter(KHAI_SINH, [['fee: Miễn lệ phí khi đăng ký đúng hạn.', 'fee: 100000']])).toEqual([
      `${KHAI_SINH}:19:6: error: "fee" must be text: a string, or "vi:" and "en:" lines, found the number 100000 (put it in double quotes)`,
    ]);
    expect(problemsAfter(KHAI_SINH, [['  vi: Đăng ký sự kiện sinh cho trẻ để được cấp Giấy khai sinh.\n', '']])).toEqual([
      `${KHAI_SINH}:7:3: error: missing required key "vi"`,
    ]);
    expect(problemsAfter(KHAI_SINH, [['agency: UBND cấp xã nơi cư trú của cha hoặc mẹ', 'agency:\n  - UBND cấp xã']])).toEqual([
      `${KHAI_SINH}:14:3: error: "agency" must be text: a string, or "vi:" and "en:" lines, found a list`,
    ]);
  });

  it('a title must have its English version', () => {
    expect(problemsAfter(KHAI_SINH, [['  en: Birth registration\n', '']])).toEqual([
      `${KHAI_SINH}:4:3: error: "title" must have an English version: write it as "vi:" and "en:" lines`,
    ]);
  });

  it('a procedure code must be quoted', () => {
    expect(problemsAfter(KHAI_SINH, [['code: "1.001193"', 'code: 1.001193']])).toEqual([
      `${KHAI_SINH}:2:7: error: "code" must be in double quotes, like code: "1.001193" (unquoted, 1.001193 loses its zeros)`,
    ]);
  });
});

describe('conditions', () => {
  it('must name a question of the entry', () => {
    expect(problemsAfter(KHAI_SINH, [['    if: born_in_facility\n', '    if: born_in_facilty\n']])).toEqual([
      `${KHAI_SINH}:26:9: error: condition names no question "born_in_facilty" (did you mean "born_in_facility"?)`,
    ]);
    expect(problemsAfter(KET_HON, [['    type: present', '    type: present\n    if: married']])).toEqual([
      `${KET_HON}:21:9: error: condition names no question "married" (this entry has no "questions")`,
    ]);
  });

  it('must parse', () => {
    expect(problemsAfter(KHAI_SINH, [['if: not born_in_facility and has_witness', 'if: not born_in_facility and and has_witness']])).toEqual([
      `${KHAI_SINH}:30:9: error: invalid condition "not born_in_facility and and has_witness": expected a question name, found "and"`,
    ]);
    expect(problemsAfter(KHAI_SINH, [['if: not born_in_facility and has_witness', 'if: not (born_in_facility or has_witness']])).toEqual([
      `${KHAI_SINH}:30:9: error: invalid condition "not (born_in_facility or has_witness": missing ")"`,
    ]);
  });

  it('are loaded parsed', () => {
    const documents = loadEdited({}).kb?.byId.get('khai-sinh');
    expect(documents?.kind === 'procedure' && documents.documents.map((document) => document.when)).toEqual([
      undefined,
      { source: 'born_in_facility', condition: { op: 'question', name: 'born_in_facility' } },
      {
        source: 'not born_in_facility and has_witness',
        condition: { op: 'and', args: [{ op: 'not', arg: { op: 'question', name: 'born_in_facility' } }, { op: 'question', name: 'has_witness' }] },
      },
    ]);
  });
});

describe('ids', () => {
  it('must be unique across files', () => {
    const duplicate = 'id: khai-sinh\ntitle:\n  vi: Khai sinh là gì\n  en: What a birth registration is\naliases:\n  - khai sinh là gì\nanswer:\n  - vi: Ghi nhận việc sinh.\n    en: Recording a birth.\nupdated: 2026-12-01\nsources:\n  - title: Mẫu\n    date: 2026\n';
    expect(lines(loadEdited({ 'topics/khai-sinh.yaml': duplicate }).problems)).toEqual([
      'topics/khai-sinh.yaml:1:5: error: duplicate id "khai-sinh" (also in procedures/khai-sinh.yaml:1:5)',
    ]);
  });

  it('must match the file name, and be written in lower case with dashes', () => {
    expect(problemsAfter(KET_HON, [['id: ket-hon', 'id: ket-hon-moi']])).toEqual([
      `${KET_HON}:1:5: error: id "ket-hon-moi" does not match the file name "ket-hon.yaml": rename the file or fix the id`,
    ]);
    expect(problemsAfter(KET_HON, [['id: ket-hon', 'id: Kết_hôn']])).toEqual([
      `${KET_HON}:1:5: error: id "Kết_hôn" may only use lower-case letters a-z, digits and "-" (no tone marks, no spaces)`,
      `${KET_HON}:1:5: error: id "Kết_hôn" does not match the file name "ket-hon.yaml": rename the file or fix the id`,
    ]);
  });
});

describe('aliases', () => {
  it('belong to one entry only, compared without tone marks or case', () => {
    expect(problemsAfter(TOPIC, [['  - giờ làm việc', '  - Lam Giay Khai Sinh!']])).toEqual([
      `${TOPIC}:6:5: error: alias "Lam Giay Khai Sinh!" is also used by khai-sinh (procedures/khai-sinh.yaml:10:5)`,
    ]);
  });

  it('listed twice in one entry is a warning', () => {
    const { kb, problems } = loadEdited({ [TOPIC]: [['  - opening hours', '  - opening hours\n  - Giờ làm việc']] });
    expect(kb).toBeDefined();
    expect(lines(problems)).toEqual([`${TOPIC}:8:5: warning: alias "Giờ làm việc" is listed twice (same as "giờ làm việc")`]);
  });
});

describe('links', () => {
  it('must be http(s) URLs, after placeholders are expanded', () => {
    expect(problemsAfter(KHAI_SINH, [['  url: "https://dichvucong.gov.vn/thu-tuc/khai-sinh"', '  url: www.abc']])).toEqual([
      `${KHAI_SINH}:36:8: error: invalid link "www.abc": a link must start with https:// (or http://)`,
    ]);
    expect(problemsAfter(TOPIC, [['url: "{{site.portal_url}}"', 'url: "https//{{site.portal_url}}"']])).toEqual([
      `${TOPIC}:15:10: error: invalid link "https//https://dichvucong.gov.vn": a link must start with https:// (or http://)`,
    ]);
    expect(problemsAfter(TOPIC, [['url: "{{site.portal_url}}"', 'url: "https://dich vu cong.gov.vn"']])).toEqual([
      `${TOPIC}:15:10: error: invalid link "https://dich vu cong.gov.vn": a link must start with https:// (or http://)`,
    ]);
  });

  it('on plain http are only a warning', () => {
    const { kb, problems } = loadEdited({ [TOPIC]: [['url: "{{site.portal_url}}"', 'url: "http://dichvucong.gov.vn"']] });
    expect(kb).toBeDefined();
    expect(lines(problems)).toEqual([`${TOPIC}:15:10: warning: link "http://dichvucong.gov.vn" is not secure: use https:// if the site supports it`]);
  });
});

describe('references', () => {
  it('{{site.key}} must name a key of site.yaml', () => {
    expect(problemsAfter(KHAI_SINH, [['  vi: "Nộp tại {{site.desk}}."', '  vi: "Nộp tại {{site.dsk}}."']])).toEqual([
      `${KHAI_SINH}:16:7: error: "{{site.dsk}}" names no key of site.yaml (did you mean "desk"?)`,
    ]);
    expect(problemsAfter(KET_HON, [['where: Nộp tại {{site.desk}}.', 'where: Nộp tại {{desk}}.']])).toEqual([
      `${KET_HON}:15:8: error: placeholder "{{desk}}" must be written {{site.<key>}}`,
    ]);
  });

  it('related must name an existing id', () => {
    expect(problemsAfter(KHAI_SINH, [['  - ket-hon', '  - ket-hôn']])).toEqual([
      `${KHAI_SINH}:43:5: error: "related" names "ket-hôn", which is not the id of any entry (did you mean "ket-hon"?)`,
    ]);
  });
});

describe('warnings', () => {
  it('do not stop the base from loading', () => {
    const { kb, problems } = loadEdited({
      'site.yaml': [['hotline: "0237 3 000 000"', 'hotline: ""']],
      [KHAI_SINH]: [['summary:\n  vi: Đăng ký sự kiện sinh cho trẻ để được cấp Giấy khai sinh.\n  en: Registering a child\'s birth to get a birth certificate.', 'summary: Đăng ký sự kiện sinh cho trẻ.']],
      [KET_HON]: [['fee: Miễn lệ phí.', 'fee: Miễn lệ phí.\nquestions:\n  married: Đã kết hôn chưa?']],
      [TOPIC]: [['    en: "{{site.desk}} is open Monday to Friday."\n', '']],
    });
    expect(kb).toBeDefined();
    expect(lines(problems)).toEqual([
      `${KET_HON}:19:3: warning: question "married" is used by no condition ("if:")`,
      `${KHAI_SINH}:6:10: warning: "summary" has no English version ("en:"): English-speaking users will get the Vietnamese text`,
      'site.yaml:5:10: warning: "hotline" is empty: the bot will tell citizens to ask at the desk instead',
      `${TOPIC}:9:3: warning: 1 of 2 paragraphs of "answer" have no English version ("en:"): English-speaking users will get the Vietnamese text`,
    ]);
  });

  it('cover a missing hotline and files that are not read', () => {
    const { kb, problems } = loadEdited({ 'site.yaml': [['hotline: "0237 3 000 000"\n', '']], 'topics/notes.yml': 'id: notes\n', 'extra.yaml': 'a: 1\n' });
    expect(kb).toBeDefined();
    expect(lines(problems)).toEqual([
      'extra.yaml:1:1: warning: "extra.yaml" is not read: procedures go in procedures/, topics in topics/',
      'site.yaml:2:1: warning: no "hotline": the bot will tell citizens to ask at the desk instead',
      'topics/notes.yml:1:1: warning: "notes.yml" is not read: name it with ".yaml"',
    ]);
  });
});
