import { loadKnowledge } from '../../bot/knowledge/loadKnowledge';
import type { KnowledgeBase } from '../../bot/knowledge/types';
import { describeMisread, misreadNames, type MisreadName } from '../../bot/understanding/nameCheck';
import { FROZEN_KB } from '../helpers/paths';

/** The kb:check warning for aliases and FAQ questions the bot would not read as their own entry. */
let kb: KnowledgeBase;
/** What the check finds in the bundled knowledge, read once. */
let bundled: MisreadName[];

beforeAll(() => {
  const loaded = loadKnowledge(FROZEN_KB);
  if (!loaded.kb) throw new Error('the frozen knowledge base does not load');
  kb = loaded.kb;
  bundled = misreadNames(kb);
});

const withAliases = (id: string, aliases: string[]): KnowledgeBase => ({
  ...kb,
  entries: kb.entries.map((entry) => (entry.id === id ? { ...entry, aliases: [...entry.aliases, ...aliases] } : entry)),
});

describe('aliases and FAQ questions read as their own entry', () => {
  it('every alias of the bundled knowledge is (an uncovered phrase inside an alias, an alias made of help or status words included)', () => {
    expect(bundled.filter((name) => name.kind === 'alias').map((name) => describeMisread(name))).toEqual([]);
  });

  it('a FAQ question of the bundled knowledge that is not answered alone names too little of its entry, never another question', () => {
    const faqs = bundled.filter((name) => name.kind === 'faq');
    expect(faqs.filter((name) => name.cause?.why !== 'unnamed').map((name) => describeMisread(name))).toEqual([]);
    // 44 of 246 questions (vi and en) at 2026-12-02: follow-ups written for the entry ("How long does it take?").
    expect(faqs.length).toBeLessThanOrEqual(44);
  });

  it('reports a FAQ question that names nothing of its entry, with what the bot does and why', () => {
    const entry = kb.byId.get('ly-lich-tu-phap');
    if (!entry) throw new Error('no ly-lich-tu-phap');
    const edited: KnowledgeBase = {
      ...kb,
      entries: kb.entries.map((e) => (e === entry ? { ...e, faq: [...e.faq, { q: { vi: 'Mất bao lâu thì có?' }, a: { vi: '5 ngày.' } }] } : e)),
    };
    const found = misreadNames(edited).filter((name) => name.entry.id === entry.id && name.text === 'Mất bao lâu thì có?');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind: 'faq', path: ['faq', entry.faq.length, 'q'], cause: { why: 'unnamed' } });
    expect(describeMisread(found[0])).toMatch(
      /^FAQ question "Mất bao lâu thì có\?" of ly-lich-tu-phap is not answered on its own: typed alone, the bot (answers "not covered"|asks which of .+ is meant); it names too little of ly-lich-tu-phap( \(the search finds .+ first\))?; it is answered after ly-lich-tu-phap was shown: name the procedure in it if citizens ask it alone$/,
    );
  });

  it('names a FAQ question of another entry that is as close, a question no longer matched, small talk', () => {
    const name = (reading: MisreadName['reading'], cause?: MisreadName['cause']): MisreadName => ({ entry: kb.entries[0], kind: 'faq', text: 'x', path: ['faq', 0, 'q'], reading, phrases: [], cause });
    const id = kb.entries[0].id;
    expect(describeMisread(name({ as: 'asked', ids: ['a', 'b'] }, { why: 'rival', id: 'b' }))).toBe(
      `FAQ question "x" of ${id} is not answered on its own: typed alone, the bot asks which of a, b is meant; a FAQ question of b is nearly as close: tell the two questions apart`,
    );
    expect(describeMisread(name({ as: 'entry', id }, { why: 'unmatched' }))).toBe(
      `FAQ question "x" of ${id} is not answered on its own: typed alone, the bot shows the overview of ${id}, not this answer; the words the bot reads in it no longer match it closely enough; it is answered after ${id} was shown`,
    );
    expect(describeMisread(name({ as: 'small talk', intent: 'help' }, { why: 'unnamed', ids: [] }))).toBe(
      `FAQ question "x" of ${id} is not answered on its own: typed alone, the bot takes it for help (a help phrase of intents.yaml matches in it); it names too little of ${id}; it is answered after ${id} was shown: name the procedure in it if citizens ask it alone`,
    );
  });

  // A commune named in a message is taken out before it is read, so an alias naming one is read without it.
  it('reports an alias another entry answers, and an alias answered "not covered" with the phrase responsible', () => {
    const edited = withAliases('khai-bao-tam-vang', ['kết hôn ở Vĩnh Tiến', 'đăng ký nghĩa vụ quân sự ở Vĩnh Tiến']);
    const found = misreadNames(edited).filter((name) => name.entry.id === 'khai-bao-tam-vang');
    const index = kb.byId.get('khai-bao-tam-vang')?.aliases.length ?? -1;
    expect(found.map(({ kind, text, path, reading, phrases }) => ({ kind, text, path, reading, phrases }))).toEqual([
      { kind: 'alias', text: 'kết hôn ở Vĩnh Tiến', path: ['aliases', index], reading: { as: 'entry', id: 'ket-hon' }, phrases: [] },
      { kind: 'alias', text: 'đăng ký nghĩa vụ quân sự ở Vĩnh Tiến', path: ['aliases', index + 1], reading: { as: 'none' }, phrases: ['nghĩa vụ quân sự'] },
    ]);
    expect(describeMisread(found[0])).toBe('alias "kết hôn ở Vĩnh Tiến" of khai-bao-tam-vang is answered as ket-hon: make the two entries\' names tell them apart');
    expect(describeMisread(found[1])).toBe(
      'alias "đăng ký nghĩa vụ quân sự ở Vĩnh Tiến" of khai-bao-tam-vang is answered "not covered"; the out-of-scope phrase "nghĩa vụ quân sự" (intents.yaml out_of_scope) matches in it: narrow the phrase, or reword the alias',
    );
  });

  it('reports an alias taken for small talk: one that is nothing but a greeting, thanks, help or handoff phrase', () => {
    const edited = withAliases('khai-sinh', ['cảm ơn nhiều', 'hotline', 'help with a birth certificate']);
    const found = misreadNames(edited).filter((name) => name.entry.id === 'khai-sinh' && name.kind === 'alias');
    expect(found.map(({ text, reading }) => ({ text, reading }))).toEqual([
      { text: 'cảm ơn nhiều', reading: { as: 'small talk', intent: 'thanks' } },
      { text: 'hotline', reading: { as: 'small talk', intent: 'handoff' } },
    ]);
    expect(describeMisread(found[0])).toBe(
      'alias "cảm ơn nhiều" of khai-sinh is taken for thanks (a thanks phrase of intents.yaml matches in it): reword the alias, or narrow the phrase',
    );
  });

  it('names the phrases, or says no entry matched when none is to blame', () => {
    const entry = kb.entries[0];
    const name = (reading: MisreadName['reading'], phrases: string[]): MisreadName => ({ entry, kind: 'faq', text: 'x', path: ['faq', 0, 'q'], reading, phrases });
    expect(describeMisread(name({ as: 'none' }, []))).toBe(`FAQ question "x" of ${entry.id} is answered "not covered": no entry is a confident match for it`);
    expect(describeMisread(name({ as: 'none' }, ['visa', 'xin việc']))).toBe(
      `FAQ question "x" of ${entry.id} is answered "not covered"; the out-of-scope phrases "visa", "xin việc" (intents.yaml out_of_scope) match in it: narrow the phrase, or reword the question`,
    );
  });
});
